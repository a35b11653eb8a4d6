/**
 * A page's URL state, in one typed table: each entry is a query parameter with its default, its
 * parse and its format, so that a reader can share exactly what they see (a link to
 * /rnn?hidden=32&seed=7 opens the chapter with those settings).
 *
 *   const URL_STATE = {hidden: param.integer(64, 8, 128), text: param.text("", 200)};
 *   const link = readUrl(URL_STATE);          // {state: {hidden, text}, rejected: [...]}
 *   writeUrl(URL_STATE, {hidden, text});      // in a cell that reads the controls
 *
 * Reading takes the default for a parameter that is absent, and for one it cannot read (a number
 * out of range, a choice not offered), which it lists in `rejected` so the page can say so. Writing
 * replaces the current history entry (moving a slider adds no Back steps) and leaves out every
 * value equal to its default, so an untouched page keeps a clean address.
 */

export interface Param<T> {
  default: T;
  /** The value a query parameter's text stands for, or undefined if it stands for none. */
  parse(text: string): T | undefined;
  /** The text for a value, or undefined to leave it out of the address (e.g. a text too long). */
  format(value: T): string | undefined;
}

export type UrlTable<S> = {[K in keyof S]: Param<S[K]>};

export interface Rejected {
  key: string;
  text: string;
  /** What the page uses instead (the parameter's default), as the address would write it. */
  used: string;
}

export interface UrlRead<S> {
  state: S;
  rejected: Rejected[];
}

/** Shortest text that reads back as the same number. */
const numberText = (v: number): string => String(v);

export const param = {
  /** A finite number in [min, max]. */
  number(value: number, min: number, max: number): Param<number> {
    return {
      default: value,
      parse: (s) => {
        const v = s.trim() === "" ? NaN : Number(s);
        return Number.isFinite(v) && v >= min && v <= max ? v : undefined;
      },
      format: numberText
    };
  },
  /** An integer in [min, max]. */
  integer(value: number, min: number, max: number): Param<number> {
    return {
      default: value,
      parse: (s) => {
        const v = /^[+-]?\d+$/.test(s.trim()) ? Number(s) : NaN;
        return Number.isSafeInteger(v) && v >= min && v <= max ? v : undefined;
      },
      format: numberText
    };
  },
  /** One of a fixed set of words. */
  choice<T extends string>(value: T, options: readonly T[]): Param<T> {
    return {default: value, parse: (s) => options.find((o) => o === s), format: (v) => v};
  },
  /** A reader's text, up to `maxLength` UTF-16 units (longer texts are not put in the address). */
  text(value: string, maxLength: number): Param<string> {
    return {default: value, parse: (s) => (s.length <= maxLength ? s : undefined), format: (v) => (v.length <= maxLength ? v : undefined)};
  },
  /** One of a fixed set of values of any kind, written as String(value). */
  oneOf<T>(value: T, options: readonly T[]): Param<T> {
    return {default: value, parse: (s) => options.find((o) => String(o) === s), format: String};
  },
  /** A parameter that also refuses the values `ok` turns down (e.g. off the slider's steps). */
  where<T>(p: Param<T>, ok: (value: T) => boolean): Param<T> {
    return {
      ...p,
      parse: (s) => {
        const v = p.parse(s);
        return v !== undefined && ok(v) ? v : undefined;
      }
    };
  },
  /** On or off, written 1 or 0. */
  flag(value: boolean): Param<boolean> {
    return {default: value, parse: (s) => (s === "1" ? true : s === "0" ? false : undefined), format: (v) => (v ? "1" : "0")};
  }
};

/** Whether v is on the grid origin + k·step (for `param.where`: a slider's steps). */
export function onGrid(step: number, origin = 0): (v: number) => boolean {
  return (v) => Math.abs((v - origin) / step - Math.round((v - origin) / step)) < 1e-9;
}

/** The state a query string ("?a=1&b=2", with or without the "?") stands for. */
export function parseUrlState<S>(table: UrlTable<S>, search: string): UrlRead<S> {
  const query = new URLSearchParams(search);
  const state = {} as S;
  const rejected: Rejected[] = [];
  for (const key of Object.keys(table) as (keyof S & string)[]) {
    const p = table[key];
    const text = query.get(key);
    const parsed = text === null ? undefined : p.parse(text);
    if (text !== null && parsed === undefined) rejected.push({key, text, used: p.format(p.default) ?? ""});
    state[key] = parsed === undefined ? p.default : parsed;
  }
  return {state, rejected};
}

/** The query string ("" or "?a=1&b=2") for a state, leaving out values equal to their defaults. */
export function formatUrlState<S>(table: UrlTable<S>, state: S): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(table) as (keyof S & string)[]) {
    const p = table[key];
    const text = p.format(state[key]);
    if (text !== undefined && text !== p.format(p.default)) query.set(key, text);
  }
  const s = query.toString();
  return s ? `?${s}` : "";
}

/** The state in the page's address. */
export function readUrl<S>(table: UrlTable<S>): UrlRead<S> {
  return parseUrlState(table, location.search);
}

/** Puts a state in the page's address, replacing the current history entry. */
export function writeUrl<S>(table: UrlTable<S>, state: S): void {
  const next = location.pathname + formatUrlState(table, state) + location.hash;
  if (next !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", next);
}

/** What a page says about the address's values it could not use (empty when it used them all). */
export function rejectedNote(rejected: readonly Rejected[]): string {
  if (!rejected.length) return "";
  const parts = rejected.map((r) => `${r.key}=${JSON.stringify(r.text.length > 40 ? r.text.slice(0, 40) + "…" : r.text)} (using ${r.used === "" ? "the default" : r.used})`);
  return `The address holds ${rejected.length === 1 ? "a value" : "values"} this page cannot use: ${parts.join(", ")}.`;
}
