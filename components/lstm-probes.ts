/**
 * Looking for interpretable units (no DOM): simple features of a text, one number per character,
 * and the LSTM units whose gate or state follows a feature most closely, by Pearson's correlation
 *   r = Σ (x_t − x̄)(y_t − ȳ) / √(Σ (x_t − x̄)² · Σ (y_t − ȳ)²)
 * over the characters of one text. Karpathy, Johnson & Fei-Fei (2015, "Visualizing and Understanding
 * Recurrent Networks") found cells that track quotes and line length in large trained LSTMs; these
 * features let a reader look for the same in a small one. A high r over one short text is a hint,
 * not proof: the page says so.
 */

export const SIGNALS = ["f", "i", "cTilde", "o", "c", "h"] as const;
export type Signal = (typeof SIGNALS)[number];

/** How each signal is written on the page. */
export const SIGNAL_LABELS: Record<Signal, string> = {f: "f(t)", i: "i(t)", cTilde: "c̃(t)", o: "o(t)", c: "c(t)", h: "h(t)"};

export type FeatureKey = "space" | "quote" | "word" | "line";

export interface Feature {
  key: FeatureKey;
  /** What it measures, in words. */
  label: string;
  /** One value per character. */
  values: Float64Array;
}

/** The (n, H) arrays of one reading (a GateReading has them). */
export type GateArrays = {n: number; H: number} & Record<Signal, ArrayLike<number>>;

export interface Match {
  signal: Signal;
  unit: number;
  r: number;
}

const isBreak = (ch: string) => ch === " " || ch === "\n" || ch === "\t";

/** The features of a text: is it a space; inside a "…" quotation; characters since the word began; since the line began. */
export function features(chars: readonly string[]): Feature[] {
  const n = chars.length;
  const space = new Float64Array(n), quote = new Float64Array(n), word = new Float64Array(n), line = new Float64Array(n);
  let inside = false, w = 0, l = 0;
  for (let t = 0; t < n; t++) {
    const ch = chars[t];
    if (ch === '"' || ch === "“" || ch === "”") inside = ch === "“" ? true : ch === "”" ? false : !inside;
    quote[t] = inside ? 1 : 0;
    space[t] = isBreak(ch) ? 1 : 0;
    w = isBreak(ch) ? 0 : w + 1;
    l = ch === "\n" ? 0 : l + 1;
    word[t] = w;
    line[t] = l;
  }
  return [
    {key: "space", label: "the character is a space", values: space},
    {key: "quote", label: "inside a quotation", values: quote},
    {key: "word", label: "characters into the word (counting)", values: word},
    {key: "line", label: "characters into the line (counting)", values: line}
  ];
}

/** Pearson's r of x and y (equal lengths); NaN when either is constant or there are < 3 points. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  if (n < 3) return NaN;
  let mx = 0, my = 0;
  for (let t = 0; t < n; t++) (mx += x[t]), (my += y[t]);
  (mx /= n), (my /= n);
  let sxy = 0, sxx = 0, syy = 0;
  for (let t = 0; t < n; t++) {
    const dx = x[t] - mx, dy = y[t] - my;
    (sxy += dx * dy), (sxx += dx * dx), (syy += dy * dy);
  }
  const d = Math.sqrt(sxx * syy);
  return d > 1e-12 * n ? sxy / d : NaN;
}

/** Column j of an (n, H) row-major array. */
export function column(a: ArrayLike<number>, n: number, H: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = a[t * H + j];
  return out;
}

/**
 * Pearson's r of every unit's `signal` against the feature, in one pass over the (n, H) array
 * (NaN for a constant unit or feature, or fewer than 3 steps).
 */
export function unitCorrelations(g: GateArrays, signal: Signal, feature: ArrayLike<number>): Float64Array {
  const {n, H} = g, a = g[signal];
  const r = new Float64Array(H).fill(NaN);
  if (n < 3 || feature.length < n) return r;
  let my = 0;
  for (let t = 0; t < n; t++) my += feature[t];
  my /= n;
  let syy = 0;
  for (let t = 0; t < n; t++) syy += (feature[t] - my) ** 2;
  if (!(syy > 1e-12 * n)) return r;
  const sum = new Float64Array(H), sumSq = new Float64Array(H), sxy = new Float64Array(H);
  for (let t = 0; t < n; t++) {
    const dy = feature[t] - my;
    for (let j = 0; j < H; j++) {
      const v = a[t * H + j];
      sum[j] += v;
      sumSq[j] += v * v;
      sxy[j] += v * dy; // Σ a (y − ȳ) = Σ (a − ā)(y − ȳ)
    }
  }
  for (let j = 0; j < H; j++) {
    const sxx = sumSq[j] - (sum[j] * sum[j]) / n;
    if (sxx > 1e-12 * n) r[j] = sxy[j] / Math.sqrt(sxx * syy);
  }
  return r;
}

/** The k (signal, unit) pairs with the largest |r| against the feature, best first; [] when r is undefined (a constant feature). */
export function bestMatches(g: GateArrays, feature: ArrayLike<number>, k = 3, signals: readonly Signal[] = SIGNALS): Match[] {
  const all: Match[] = [];
  for (const signal of signals) {
    unitCorrelations(g, signal, feature).forEach((r, unit) => {
      if (Number.isFinite(r)) all.push({signal, unit, r});
    });
  }
  return all.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.unit - b.unit).slice(0, k);
}

/** The units whose `signal` differs most between two readings at the characters they share (same position, same character). */
export function mostChanged(a: GateArrays & {chars: readonly string[]}, b: GateArrays & {chars: readonly string[]}, signal: Signal, k = 3): {unit: number; diff: number}[] {
  const H = Math.min(a.H, b.H);
  const shared = alignedPairs(a.chars, b.chars);
  if (!shared.length) return [];
  const out = Array.from({length: H}, (_, j) => {
    let s = 0;
    for (const [ta, tb] of shared) s += Math.abs(a[signal][ta * a.H + j] - b[signal][tb * b.H + j]);
    return {unit: j, diff: s / shared.length};
  });
  return out.sort((p, q) => q.diff - p.diff || p.unit - q.unit).slice(0, k);
}

/**
 * Steps of two texts that read the same character at the same place counted from the end (so two
 * texts that share an ending line up): pairs [ta, tb] of 0-based steps.
 */
export function alignedPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 1; k <= Math.min(a.length, b.length); k++) {
    const ta = a.length - k, tb = b.length - k;
    if (a[ta] === b[tb]) out.push([ta, tb]);
  }
  return out.reverse();
}
