/**
 * A character vocabulary. Characters are Unicode code points (split with Array.from), so an emoji
 * such as 🙂 or a letter of Hebrew or Devanagari is one character; a letter followed by a
 * combining accent, or an emoji joined with U+200D, is several.
 *
 * Ids: 0 is UNKNOWN ("\uFFFD"), the id every character not seen in the building text maps to;
 * the characters seen follow in code-point order, so the same text always gives the same ids
 * whatever order its characters first appear in. A model's output layer includes the unknown id;
 * since training text never contains it, the model learns to give it almost no probability.
 */
export const UNKNOWN = "\uFFFD";

export interface VocabOptions {
  /**
   * At most this many ids, the unknown one included (default 512): when the text has more distinct
   * characters, the most frequent are kept (ties by code point) and the rest map to UNKNOWN.
   */
  maxSize?: number;
}

export class Vocab {
  /** id → character; chars[0] is UNKNOWN. */
  readonly chars: readonly string[];
  /** Characters of the building text that did not fit in maxSize (they map to UNKNOWN). */
  readonly dropped: readonly string[];
  private readonly ids: Map<string, number>;

  private constructor(chars: string[], dropped: string[]) {
    this.chars = chars;
    this.dropped = dropped;
    this.ids = new Map(chars.map((c, i) => [c, i]));
  }

  /** The vocabulary of `text`. */
  static fromText(text: string, {maxSize = 512}: VocabOptions = {}): Vocab {
    const counts = new Map<string, number>();
    for (const c of Array.from(text)) if (c !== UNKNOWN) counts.set(c, (counts.get(c) ?? 0) + 1);
    const byCodePoint = (a: string, b: string) => a.codePointAt(0)! - b.codePointAt(0)!;
    let kept = [...counts.keys()];
    let dropped: string[] = [];
    if (kept.length > maxSize - 1) {
      kept.sort((a, b) => counts.get(b)! - counts.get(a)! || byCodePoint(a, b));
      dropped = kept.slice(maxSize - 1).sort(byCodePoint);
      kept = kept.slice(0, maxSize - 1);
    }
    return new Vocab([UNKNOWN, ...kept.sort(byCodePoint)], dropped);
  }

  /** A vocabulary with exactly these characters after UNKNOWN, in this order (e.g. restored). */
  static fromChars(chars: readonly string[]): Vocab {
    const list = chars[0] === UNKNOWN ? [...chars] : [UNKNOWN, ...chars];
    if (new Set(list).size !== list.length) throw new Error("Vocab.fromChars: repeated characters");
    return new Vocab(list, []);
  }

  /** Number of ids V (the unknown one included). */
  get size(): number {
    return this.chars.length;
  }

  /** The id of one character (0 when unseen). */
  id(c: string): number {
    return this.ids.get(c) ?? 0;
  }

  has(c: string): boolean {
    return this.ids.has(c) && c !== UNKNOWN;
  }

  /** The ids of a text, one per code point; unseen characters become 0. */
  encode(text: string): Int32Array {
    const cs = Array.from(text);
    const out = new Int32Array(cs.length);
    for (let i = 0; i < cs.length; i++) out[i] = this.id(cs[i]);
    return out;
  }

  /** The text of some ids (0 becomes "\uFFFD"). */
  decode(ids: ArrayLike<number>): string {
    let s = "";
    for (let i = 0; i < ids.length; i++) {
      const c = this.chars[ids[i]];
      if (c === undefined) throw new Error(`Vocab.decode: no character has id ${ids[i]}`);
      s += c;
    }
    return s;
  }

  /** The characters of `text` this vocabulary has never seen, each once, in order of appearance. */
  unseen(text: string): string[] {
    const out = new Set<string>();
    for (const c of Array.from(text)) if (!this.has(c)) out.add(c);
    return [...out];
  }
}
