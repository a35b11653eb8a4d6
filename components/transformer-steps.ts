/**
 * Chapter 8's equation stepper for one block of the Transformer (no DOM): the block's equation, its
 * terms marked \htmlClass{step-k}{…}, and the model's numbers for one position (the worker's
 * "stepper" query, src/models/transformer/stepper.ts) grouped into the stepper's steps, each number
 * named in TeX with the equation's symbols. The worker's list of numbers has a fixed order per kind
 * of block; `blockSteps` checks it and says so when it does not match, rather than mislabel.
 *
 * Symbols: x is a sub-layer's input, u = LN(x) what the sub-layer reads (pre-LN), y its output;
 * m_j the rows that give keys and values (u itself for self-attention, the encoder's output M for
 * cross-attention); k is the head shown.
 */
import type {PanelItem} from "./number-panel.js";
import type {Step} from "./stepper.js";
import type {BlockKind, NormPlacement} from "./transformer-layout.js";

/** One entry of the worker's stepper view (StepNumbers in src/models/transformer/stepper.ts). */
export interface StepNumbersLike {
  symbol: string;
  rows: number;
  cols: number;
  values: Float32Array;
  colLabels?: string[];
}

export interface StepperViewLike {
  position: number;
  token: string;
  /** The head shown (attention blocks), else null. */
  head: number | null;
  steps: StepNumbersLike[];
}

export interface BlockStepsContext {
  kind: BlockKind;
  /** The decoder's self-attention (causal mask). */
  masked: boolean;
  norm: NormPlacement;
  /** Names a token for notes: e.g. "<end>" → "end". */
  tokenName?: (token: string) => string;
}

export interface BlockSteps {
  equation: string;
  steps: Step[];
}

type Group = {label: string; items: {tex: string; label: string; note?: (n: StepNumbersLike, v: StepperViewLike) => string | undefined}[]};

const wrap = (k: number, lhs: string, rhs: string) => String.raw`\htmlClass{step-${k}}{${lhs}} &\htmlClass{step-${k}}{{}= ${rhs}}`;
const aligned = (lines: string[]) => String.raw`\begin{aligned}` + lines.join(String.raw` \\ `) + String.raw`\end{aligned}`;

const LN_TEX = String.raw`\gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta`;

/** The layer norm's seven numbers; `input` names what is normalised, `output` the result. */
function lnItems(input: string, output: string): Group["items"] {
  return [
    {tex: input, label: "the vector normalised"},
    {tex: String.raw`\mu`, label: "its mean μ"},
    {tex: String.raw`\sigma^2`, label: "its variance σ²"},
    {tex: String.raw`\hat{x} = (${input} - \mu)/\sqrt{\sigma^2 + \epsilon}`, label: "the normalised vector x̂"},
    {tex: String.raw`\gamma`, label: "the learned gain γ"},
    {tex: String.raw`\beta`, label: "the learned bias β"},
    {tex: output, label: "LN output"}
  ];
}

function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

function attentionGroups(ctx: BlockStepsContext, input: string, k: string, name: (t: string) => string): Group[] {
  const m = ctx.kind === "cross" ? "M" : input;
  const keysNote = (n: StepNumbersLike) => (n.colLabels ? `one per key: ${n.colLabels.map(name).join(" ")}` : undefined);
  const masked = (n: StepNumbersLike) => {
    const hidden = Array.from(n.values).filter((v) => v === -Infinity).length;
    return hidden ? `${hidden} later position${hidden === 1 ? " is" : "s are"} masked (−∞): the decoder may not look ahead` : keysNote(n);
  };
  return [
    {label: "scores: each key against the query", items: [
      {tex: String.raw`q = (${input} W^Q)_{${k}}`, label: "the query of this position"},
      {tex: String.raw`K_{${k}} = (${m} W^K)_{${k}}`, label: "the keys, one row per position", note: () => (ctx.kind === "cross" ? "from the encoder's output M: one row per source character" : undefined)},
      {tex: String.raw`s_j = q \cdot k_j / \sqrt{d_k}`, label: "the scaled scores", note: (n) => (ctx.masked ? masked(n) : keysNote(n))}
    ]},
    {label: "weights: a = softmax(s)", items: [
      {tex: String.raw`a = \operatorname{softmax}(s)`, label: "the attention weights", note: (n) => {
        const j = argmax(n.values);
        return `largest: ${n.values[j].toFixed(3)} on ${n.colLabels ? `“${name(n.colLabels[j])}” (key ${j + 1})` : `key ${j + 1}`}; they sum to 1`;
      }}
    ]},
    {label: `head_${k} = Σ a_j v_j`, items: [
      {tex: String.raw`V_{${k}} = (${m} W^V)_{${k}}`, label: "the values, one row per position"},
      {tex: String.raw`\text{head}_{${k}} = \textstyle\sum_j a_j v_j`, label: "this head's output"}
    ]},
    {label: "concatenate the heads, project: F", items: [
      {tex: String.raw`c = \operatorname{concat}(\text{head}_1, \dots, \text{head}_h)`, label: "all heads side by side"},
      {tex: String.raw`F = c\, W^O`, label: "the sub-layer's output F"}
    ]}
  ];
}

function ffnGroups(input: string): Group[] {
  return [
    {label: "a = u W₁ + b₁", items: [{tex: input, label: "what the network reads"}, {tex: String.raw`a = ${input} W_1 + b_1`, label: "the hidden pre-activation"}]},
    {label: "h = max(0, a)", items: [{tex: String.raw`h = \max(0, a)`, label: "ReLU", note: (n) => `${Array.from(n.values).filter((v) => v > 0).length} of ${n.values.length} hidden units are active`}]},
    {label: "F = h W₂ + b₂", items: [{tex: String.raw`F = h W_2 + b_2`, label: "the network's output F"}]}
  ];
}

const residualItems = (out: string): Group["items"] => [
  {tex: "x", label: "the sub-layer's input x"},
  {tex: "F", label: "the sub-layer's output F"},
  {tex: out, label: "the sum"}
];

/** The groups of numbers for a block, in the worker's order, with the equation they go with. */
function plan(ctx: BlockStepsContext, head: number | null, name: (t: string) => string): {equation: string; groups: Group[]} {
  const k = String((head ?? 0) + 1);
  const pre = ctx.norm === "pre";
  switch (ctx.kind) {
    case "embed":
      return {
        equation: String.raw`\htmlClass{step-3}{x^0_i} = \htmlClass{step-1}{\sqrt{d_\text{model}}\; E[x_i]} + \htmlClass{step-2}{PE_i}, \qquad PE_{i,2j} = \sin\frac{i}{10000^{2j/d}},\; PE_{i,2j+1} = \cos\frac{i}{10000^{2j/d}}`,
        groups: [
          {label: "look up the token's row of E, scale by √d", items: [
            {tex: "x_i", label: "the token's id", note: (_, v) => `the token “${name(v.token)}” at position i = ${v.position}`},
            {tex: String.raw`E[x_i]`, label: "its row of the embedding table"},
            {tex: String.raw`\sqrt{d_\text{model}}`, label: "the scale"},
            {tex: String.raw`\sqrt{d_\text{model}}\, E[x_i]`, label: "the scaled embedding"}
          ]},
          {label: "the position's code PE(i)", items: [{tex: "PE_i", label: "sines and cosines of the position", note: (_, v) => `position i = ${v.position}: the first pair of entries turns fastest, the last slowest`}]},
          {label: "x⁰ = √d·E[x] + PE", items: [{tex: "x^0_i", label: "what the first layer reads"}]}
        ]
      };
    case "norm":
      return {
        equation: aligned([wrap(1, String.raw`\mu,\ \sigma^2`, String.raw`\tfrac1d \textstyle\sum_j x_j,\ \tfrac1d \sum_j (x_j - \mu)^2`), wrap(2, String.raw`\hat{x}`, String.raw`(x - \mu)/\sqrt{\sigma^2 + \epsilon}`), wrap(3, "y", String.raw`\gamma \odot \hat{x} + \beta`)]),
        groups: [
          {label: "mean and variance over the d entries", items: lnItems("x", "").slice(0, 3)},
          {label: "normalise: x̂", items: lnItems("x", "").slice(3, 4)},
          {label: "scale and shift: y = γ ⊙ x̂ + β", items: [...lnItems("x", "").slice(4, 6), {tex: String.raw`y = \mathrm{LN}(x)`, label: "the stack's output"}]}
        ]
      };
    case "out":
      return {
        equation: aligned([wrap(1, "z", String.raw`h\, E_\text{tgt}^\top`), wrap(2, "p", String.raw`\operatorname{softmax}(z)`), wrap(3, String.raw`\hat{y}`, String.raw`\arg\max_v p_v`)]),
        groups: [
          {label: "scores z = h Eᵀ, one per token", items: [{tex: "h", label: "the decoder's output at this position"}, {tex: String.raw`z = h\, E_\text{tgt}^\top`, label: "one score per target token"}]},
          {label: "probabilities p = softmax(z)", items: [{tex: String.raw`p = \operatorname{softmax}(z)`, label: "the next character's distribution", note: (n) => {
            const j = argmax(n.values);
            return `the likeliest: “${name(n.colLabels?.[j] ?? String(j))}” with p = ${n.values[j].toFixed(3)}`;
          }}]},
          {label: "the character written: argmax p", items: [{tex: String.raw`\hat{y}`, label: "its id"}]}
        ]
      };
    case "ffn": {
      const u = pre ? "u" : "x";
      const lines = [
        ...(pre ? [wrap(1, "u", String.raw`\mathrm{LN}(x) = ${LN_TEX}`)] : []),
        wrap(pre ? 2 : 1, "a", String.raw`${u}\, W_1 + b_1`),
        wrap(pre ? 3 : 2, "h", String.raw`\max(0, a)`),
        wrap(pre ? 4 : 3, "F", String.raw`h\, W_2 + b_2`),
        wrap(pre ? 5 : 4, "y", pre ? "x + F" : String.raw`\mathrm{LN}(x + F)`)
      ];
      const groups = ffnGroups(u);
      return pre
        ? {equation: aligned(lines), groups: [{label: "u = LN(x)", items: lnItems("x", String.raw`u = \mathrm{LN}(x)`)}, ...groups, {label: "y = x + F (the residual)", items: residualItems("y = x + F")}]}
        : {equation: aligned(lines), groups: [...groups, {label: "y = LN(x + F)", items: [...residualItems("x + F").slice(0, 2), ...lnItems("x + F", String.raw`y = \mathrm{LN}(x + F)`)]}]};
    }
    case "self":
    case "cross": {
      const u = pre ? "u" : "x";
      const m = ctx.kind === "cross" ? "M_j" : `${u}_j`;
      const s0 = pre ? 1 : 0;
      const mask = ctx.masked ? String.raw`\quad (-\infty \text{ for } j > i)` : "";
      const lines = [
        ...(pre ? [wrap(1, "u", String.raw`\mathrm{LN}(x) = ${LN_TEX}`)] : []),
        wrap(s0 + 1, String.raw`q,\ k_j`, String.raw`(${u}_i W^Q)_{${k}},\ (${m} W^K)_{${k}}`),
        wrap(s0 + 1, "s_j", String.raw`q \cdot k_j / \sqrt{d_k}${mask}`),
        wrap(s0 + 2, "a", String.raw`\operatorname{softmax}(s)`),
        wrap(s0 + 3, String.raw`\text{head}_{${k}}`, String.raw`\textstyle\sum_j a_j v_j, \quad v_j = (${m} W^V)_{${k}}`),
        wrap(s0 + 4, "F", String.raw`\operatorname{concat}(\text{head}_1, \dots, \text{head}_h)\, W^O`),
        wrap(s0 + 5, "y", pre ? "x + F" : String.raw`\mathrm{LN}(x + F)`)
      ];
      const groups = attentionGroups(ctx, u, k, name);
      return pre
        ? {equation: aligned(lines), groups: [{label: "u = LN(x)", items: lnItems("x", String.raw`u = \mathrm{LN}(x)`)}, ...groups, {label: "y = x + F (the residual)", items: residualItems("y = x + F")}]}
        : {equation: aligned(lines), groups: [...groups, {label: "y = LN(x + F)", items: [...residualItems("x + F").slice(0, 2), ...lnItems("x + F", String.raw`y = \mathrm{LN}(x + F)`)]}]};
    }
  }
}

/** A panel value from one of the worker's numbers: a scalar, a vector or a matrix. */
function panelValue(n: StepNumbersLike): PanelItem["value"] {
  if (n.rows === 1 && n.cols === 1) return n.values[0];
  if (n.rows === 1) return n.values;
  return {rows: n.rows, cols: n.cols, data: n.values};
}

/** The equation and the stepper's steps for `view`; throws if the numbers are not the ones expected. */
export function blockSteps(view: StepperViewLike, ctx: BlockStepsContext): BlockSteps {
  const name = ctx.tokenName ?? ((t: string) => t);
  const {equation, groups} = plan(ctx, view.head, name);
  const expected = groups.reduce((n, g) => n + g.items.length, 0);
  if (expected !== view.steps.length) {
    throw new Error(`The ${ctx.kind} block gave ${view.steps.length} numbers; the stepper expects ${expected}.`);
  }
  let i = 0;
  const steps: Step[] = groups.map((g, s) => {
    const numbers: PanelItem[] = g.items.map((item) => {
      const n = view.steps[i++];
      const label = `${item.label} (${n.symbol})`;
      const value = ctx.kind === "out" && item.tex === String.raw`\hat{y}` ? `“${name(view.steps[i - 2].colLabels?.[n.values[0]] ?? String(n.values[0]))}” (id ${n.values[0]})` : panelValue(n);
      const note = item.note?.(n, view);
      return {label, tex: item.tex, value, ...(note ? {note} : {})};
    });
    return {label: g.label, term: `step-${s + 1}`, numbers};
  });
  return {equation, steps};
}
