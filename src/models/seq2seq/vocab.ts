/**
 * Character-level vocabularies for the seq2seq tasks. Three special tokens come first, in the same
 * places in every vocabulary: <pad> fills a batch's short targets (it carries no loss), <start> is
 * the decoder's first input y(0), <end> closes every source and every target.
 */
export const PAD = 0;
export const START = 1;
export const END = 2;

export const SPECIALS = ["<pad>", "<start>", "<end>"] as const;

export class Vocab {
  /** Token i's text: the specials, then one character each. */
  readonly tokens: readonly string[];
  private readonly index: Map<string, number>;

  constructor(chars: string) {
    const unique = [...new Set(chars)];
    this.tokens = [...SPECIALS, ...unique];
    this.index = new Map(unique.map((c, i) => [c, i + SPECIALS.length]));
  }

  get size(): number {
    return this.tokens.length;
  }

  has(char: string): boolean {
    return this.index.has(char);
  }

  /** The ids of the characters of `text`, then <end>. Throws on a character not in the vocabulary. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const c of text) {
      const id = this.index.get(c);
      if (id === undefined) throw new Error(`"${c}" is not in the vocabulary`);
      ids.push(id);
    }
    ids.push(END);
    return ids;
  }

  /** The text of ids up to (not including) the first <end>; <pad> and <start> are skipped. */
  decode(ids: ArrayLike<number>): string {
    let s = "";
    for (let i = 0; i < ids.length && ids[i] !== END; i++) if (ids[i] > END) s += this.tokens[ids[i]];
    return s;
  }
}
