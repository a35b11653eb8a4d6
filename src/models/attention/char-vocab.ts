/**
 * Characters as tokens for the pages where the reader types. The vocabulary is a start token
 * ⟨s⟩ (id 0), a padding token ⟨pad⟩ (id 1), then the given characters. Text is lower-cased;
 * characters outside the vocabulary are left out and named in a message, and text beyond
 * maxLen characters is cut, also with a message, so the page can say exactly what it read.
 */
export const BOS = 0;
export const PAD = 1;

export interface CharVocab {
  /** Symbol of each id: "⟨s⟩", "⟨pad⟩", then the characters. */
  symbols: string[];
  ids: Map<string, number>;
}

export interface Encoded {
  /** Token ids, starting with ⟨s⟩ when asked. */
  ids: number[];
  /** The symbols of those ids (for labelling a matrix). */
  tokens: string[];
  /** Distinct characters that were left out, in order of appearance. */
  unknown: string[];
  /** Characters cut after maxLen. */
  truncated: number;
  /** A sentence for the page, or null when the text was read whole. */
  message: string | null;
}

export function charVocab(chars: string): CharVocab {
  const symbols = ["⟨s⟩", "⟨pad⟩", ...Array.from(new Set(chars))];
  return {symbols, ids: new Map(symbols.map((s, i) => [s, i]))};
}

export function encodeChars(vocab: CharVocab, text: string, {maxLen = Infinity, bos = true}: {maxLen?: number; bos?: boolean} = {}): Encoded {
  const ids: number[] = bos ? [BOS] : [];
  const unknown: string[] = [];
  let kept = 0, truncated = 0;
  for (const ch of Array.from(text.toLowerCase())) {
    const id = ch === "⟨" ? undefined : vocab.ids.get(ch);
    if (id === undefined || id === BOS || id === PAD) {
      if (!unknown.includes(ch)) unknown.push(ch);
    } else if (kept < maxLen) {
      ids.push(id);
      kept++;
    } else truncated++;
  }
  const parts: string[] = [];
  if (unknown.length) parts.push(`Left out ${unknown.length === 1 ? "a character" : `${unknown.length} characters`} the model does not know: ${unknown.map((c) => JSON.stringify(c)).join(", ")}.`);
  if (truncated) parts.push(`Kept the first ${maxLen} characters (${truncated} more cut).`);
  if (!kept) parts.push("No character left to read.");
  return {ids, tokens: ids.map((i) => vocab.symbols[i]), unknown, truncated, message: parts.length ? parts.join(" ") : null};
}
