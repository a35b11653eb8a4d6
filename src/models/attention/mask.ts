/**
 * Which keys a query may look at. Two kinds cover every model in the book:
 *   causal   query i sees keys j ≤ i only (a decoder must not read the future)
 *   padding  sequence b holds lengths[b] real tokens; keys j ≥ lengths[b] are padding
 * A masked score is set to −∞ before the softmax, so its weight is exactly 0. A query left with
 * no key at all gets zero weights and a zero output (instead of 0/0 = NaN).
 */
export interface MaskSpec {
  causal?: boolean;
  /** Real tokens per sequence of the batch (keys beyond are padding); all keys when omitted. */
  lengths?: ArrayLike<number>;
}

/** May query i of sequence b look at key j? */
export function allowed(spec: MaskSpec, b: number, i: number, j: number): boolean {
  if (spec.causal && j > i) return false;
  if (spec.lengths && j >= spec.lengths[b]) return false;
  return true;
}

/** True when the spec masks nothing (the kernels then skip the test). */
export function isEmptyMask(spec: MaskSpec): boolean {
  return !spec.causal && !spec.lengths;
}

/** The (n, m) 0/1 matrix of sequence b (1 = may attend), row-major, for the page. */
export function maskMatrix(spec: MaskSpec, n: number, m: number, b = 0): Uint8Array {
  const out = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = allowed(spec, b, i, j) ? 1 : 0;
  return out;
}
