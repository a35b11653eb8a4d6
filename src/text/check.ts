/**
 * Checks a text before a character model is trained on it, with messages a reader can act on.
 * Line endings are normalised to "\n"; lengths are counted in code points (as Vocab does).
 */
import {UNKNOWN} from "./vocab.js";

export interface TextCheckOptions {
  /** Longer texts are cut to their first maxChars characters (default 200 000). */
  maxChars?: number;
  /** The vocabulary cap the model will use (default 512 ids, the unknown one included). */
  maxVocab?: number;
  /** Below this many characters the reader is warned the model will memorise (default 100). */
  shortChars?: number;
}

export interface TextCheck {
  /** False when no model can be trained on the text; `messages[0]` says why. */
  ok: boolean;
  /** The text to use: line endings normalised, cut to maxChars. */
  text: string;
  /** Its length in characters (code points). */
  length: number;
  /** Number of distinct characters in it. */
  distinct: number;
  /** Errors and warnings for the reader, most important first (empty when all is well). */
  messages: string[];
}

/** 200000 → "200 000". */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

export function checkText(input: unknown, {maxChars = 200_000, maxVocab = 512, shortChars = 100}: TextCheckOptions = {}): TextCheck {
  if (typeof input !== "string") {
    return {ok: false, text: "", length: 0, distinct: 0, messages: ["There is no text: type or paste some text to train on."]};
  }
  let chars = Array.from(input.replace(/\r\n?/g, "\n"));
  const messages: string[] = [];
  if (chars.length > maxChars) {
    messages.push(`The text has ${groupDigits(chars.length)} characters; only the first ${groupDigits(maxChars)} are used.`);
    chars = chars.slice(0, maxChars);
  }
  const text = chars.join("");
  const distinct = new Set(chars).size;
  const result = (ok: boolean, first?: string): TextCheck => ({
    ok,
    text,
    length: chars.length,
    distinct,
    messages: first ? [first, ...messages] : messages
  });
  if (chars.length === 0) return result(false, "The text is empty: type or paste some text to train on.");
  if (chars.length === 1) {
    return result(false, "The text is a single character: a language model needs at least two, to learn which follows which.");
  }
  if (distinct === 1) return result(false, `The text repeats one character (“${chars[0]}”): there is nothing to predict.`);
  if (chars.length < shortChars) {
    messages.push(`The text is very short (${chars.length} characters): the model will learn it by heart rather than learn its patterns.`);
  }
  if (distinct > maxVocab - 1) {
    messages.push(
      `The text has ${groupDigits(distinct)} distinct characters; the ${maxVocab - 1} most frequent are kept and the others are read as unknown (${UNKNOWN}).`
    );
  }
  if (chars.includes(UNKNOWN)) messages.push(`The text contains ${UNKNOWN}, the sign this model also uses for unknown characters.`);
  return result(true);
}
