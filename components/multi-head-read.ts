/**
 * Reading chapter 7's model for the page (no DOM): what each head found, how many answers are
 * right, one stage of the stepper, and the loss of a guess that knows no symbol.
 */
import type {HeadRelation} from "../src/models/attention/head-relations.js";

export type RelationName = keyof HeadRelation;

export interface HeadFinding {
  /** 0-based head index. */
  head: number;
  /** The relation that gets most of the head's weight, or null when none gets `clear` or more. */
  relation: RelationName | null;
  /** The mean weight on that relation (on the largest one when relation is null). */
  weight: number;
  /** The largest relation, even when it is below `clear`. */
  top: RelationName;
}

/** The words for each relation, as the page says them: "head 1 looks at …". */
export const RELATION_WORDS: Record<RelationName, string> = {
  previous: "the token just before it",
  key: "the key",
  self: "itself",
  start: "⟨s⟩, the start token"
};

const ORDER: RelationName[] = ["previous", "key", "self", "start"];

/** What each head looks at: its relation with the largest mean weight, if that weight is ≥ clear. */
export function headFindings(relations: readonly HeadRelation[], clear = 0.5): HeadFinding[] {
  return relations.map((r, head) => {
    let top: RelationName = "previous";
    for (const name of ORDER) if (r[name] > r[top]) top = name;
    return {head, relation: r[top] >= clear ? top : null, weight: r[top], top};
  });
}

/** Heads (0-based) whose finding is `relation`. */
export function headsFinding(findings: readonly HeadFinding[], relation: RelationName): number[] {
  return findings.filter((f) => f.relation === relation).map((f) => f.head);
}

/** "head 1", "heads 1 and 3", "heads 1, 2 and 4" (1-based, as the page counts). */
export function headList(heads: readonly number[]): string {
  const names = heads.map((k) => String(k + 1));
  if (names.length <= 1) return `head ${names[0] ?? "–"}`;
  return `heads ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Right answers among the positions that ask (target ≠ ""). */
export function countRight(answers: readonly string[], targets: readonly string[]): {right: number; asked: number} {
  let right = 0, asked = 0;
  targets.forEach((t, i) => {
    if (t === "") return;
    asked++;
    if (answers[i] === t) right++;
  });
  return {right, asked};
}

/** The stage of the stepper with this name (or name prefix) and head (null for the shared ones). */
export function findStage<S extends {name: string; head: number | null}>(stages: readonly S[], name: string, head: number | null = null): S | undefined {
  return stages.find((s) => (s.name === name || s.name.startsWith(`${name} `)) && s.head === head);
}

/**
 * The loss of a guess that knows no symbol, for each question, in nats. Sentences have
 * minLen … maxLen symbols (uniformly) drawn from `symbols` letters:
 *   key       ln(symbols)
 *   previous  the first symbol follows ⟨s⟩ (known, loss 0); the others are ln(symbols), so
 *             (1 − E[1 / share of first positions]) · ln(symbols) = (1 − count / Σ len) · ln(symbols)
 */
export function chanceLosses(minLen: number, maxLen: number, symbols: number): {previous: number; key: number} {
  let positions = 0, count = 0;
  for (let len = minLen; len <= maxLen; len++) (positions += len), count++;
  const lnV = Math.log(symbols);
  return {previous: (1 - count / positions) * lnV, key: lnV};
}

/** The tensor names of shapes.ts and the stepper's stages, in TeX (same symbols as the equations). */
export const TENSOR_TEX: Record<string, string> = {
  "X": "X",
  "W_Q, W_K, W_V": "W_Q,\\ W_K,\\ W_V",
  "Q = X W_Q": "Q = XW_Q",
  "K = X W_K": "K = XW_K",
  "V = X W_V": "V = XW_V",
  "Q_k": "Q_k",
  "K_k": "K_k",
  "V_k": "V_k",
  "S_k = Q_k K_kᵀ / √d_k": "S_k = Q_k K_k^{\\top} / \\sqrt{d_k}",
  "A_k = softmax(S_k)": "A_k = \\operatorname{softmax}(S_k)",
  "head_k = A_k V_k": "\\mathrm{head}_k = A_k V_k",
  "C = concat(head_1 … head_h)": "C = \\operatorname{Concat}(\\mathrm{head}_1, \\dots, \\mathrm{head}_h)",
  "W_O": "W_O",
  "Y = C W_O": "Y = CW_O"
};

/** A tensor's name in TeX, with head k's number (1-based on the page) put in for the subscript k (not in d_k). */
export function tensorTex(name: string, head: number | null = null): string {
  const t = TENSOR_TEX[name] ?? `\\text{${name.replace(/[\\{}]/g, "")}}`;
  return head === null ? t : t.replace(/(?<!d)_k\b/g, `_{${head + 1}}`);
}
