/**
 * Rewriting a date: "27 November 2026" → "2026-11-27". The alignment is known and not monotone:
 * the year comes first in the output but last in the input, the month number is read off the whole
 * month name, the day goes last. Days are written without a leading zero in the input and always
 * with two digits in the output; years run from 1000 to 2999.
 */
import type {Rng} from "../../engine/index.js";
import type {Checked, Pair, Split, Task} from "./task.js";
import {splitOf} from "./task.js";
import {Vocab} from "./vocab.js";

export const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December"
] as const;

const YEARS: readonly [number, number] = [1000, 2999];

export function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "d Month yyyy" for month 1…12. */
export function formatLong(day: number, month: number, year: number): string {
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "yyyy-mm-dd". */
export function formatIso(day: number, month: number, year: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

interface Parsed {
  day: number;
  month: number;
  year: number;
}

/** Reads a date in the input format, or says what is wrong with it. */
export function parseLong(input: string): Parsed | string {
  const text = input.trim().replace(/\s+/g, " ");
  if (!text) return 'Type a date such as "27 November 2026".';
  const m = /^(\d{1,2}) ([A-Za-z]+),? (\d+)$/.exec(text);
  if (!m) return `"${text}" is not a date written as day, month name, year (like "27 November 2026").`;
  const month = MONTHS.findIndex((name) => name.toLowerCase() === m[2].toLowerCase()) + 1;
  if (!month) return `"${m[2]}" is not a month name; write the month in full, e.g. "November".`;
  const year = Number(m[3]);
  if (m[3].length !== 4 || year < YEARS[0] || year > YEARS[1]) return `The year must have four digits, from ${YEARS[0]} to ${YEARS[1]}.`;
  const day = Number(m[1]);
  if (day < 1 || day > daysIn(month, year)) return `${MONTHS[month - 1]} ${year} has no day ${m[1]}.`;
  return {day, month, year};
}

class DatesTask implements Task {
  readonly name = "dates";
  readonly src = new Vocab("0123456789 " + [...new Set(MONTHS.join(""))].sort().join(""));
  readonly tgt = new Vocab("0123456789-");
  readonly trainLengths = [10, 17] as const;
  readonly maxLength = 17;

  maxTargetLength(): number {
    return 10;
  }

  lengths(): number[] {
    return [10, 11, 12, 13, 14, 15, 16, 17];
  }

  sample(rng: Rng, split: Split, length?: number): Pair {
    if (length !== undefined && (length < 10 || length > 17)) throw new Error(`dates: no date is written with ${length} characters`);
    for (;;) {
      const year = YEARS[0] + rng.int(YEARS[1] - YEARS[0] + 1);
      const month = 1 + rng.int(12);
      // A date of `length` characters has a day of length − 6 − |month name| digits.
      const digits = length === undefined ? 0 : length - 6 - MONTHS[month - 1].length;
      if (length !== undefined && digits !== 1 && digits !== 2) continue;
      const days = daysIn(month, year);
      const day = digits === 1 ? 1 + rng.int(9) : digits === 2 ? 10 + rng.int(days - 9) : 1 + rng.int(days);
      const src = formatLong(day, month, year);
      if (splitOf(src) === split) return {src, tgt: formatIso(day, month, year)};
    }
  }

  check(input: string): Checked {
    const p = parseLong(input);
    return typeof p === "string" ? {ok: false, message: p} : {ok: true, text: formatLong(p.day, p.month, p.year)};
  }

  reference(src: string): string {
    const p = parseLong(src);
    if (typeof p === "string") throw new Error(p);
    return formatIso(p.day, p.month, p.year);
  }

  /**
   * Where each output character is read from. The year is copied digit for digit, so each of its
   * digits has one source position. The month number is a function of the whole month name, so
   * either digit may be read anywhere in it. The two day digits are a function of the day field:
   * its one or two digits, and for a one-digit day the space after it, which is what calls for
   * the leading zero. The hyphens and <end> are always the same and are read from nowhere.
   */
  alignment(src: string): number[][] {
    const [d, m] = src.split(" ");
    const monthSpan = Array.from({length: m.length}, (_, k) => d.length + 1 + k);
    const yearAt = d.length + m.length + 2;
    const [tens, units] = d.length === 2 ? [[0, 1], [0, 1]] : [[0, 1], [0]];
    return [[yearAt], [yearAt + 1], [yearAt + 2], [yearAt + 3], [], monthSpan, monthSpan, [], tens, units, []];
  }
}

export const dates: Task = new DatesTask();
