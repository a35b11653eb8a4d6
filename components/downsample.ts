/**
 * Downsampling a line for drawing, by M4 aggregation (Jugel et al., 2014, "M4: A Visualization-
 * Oriented Time Series Data Aggregation"): in each pixel column keep the first, last, lowest and
 * highest point. The polyline through those is drawn the same as the one through every point, with
 * at most 4 points per column. Points are added one at a time, and the columns touched since the
 * last look are tracked, so a live chart redraws only the end of its line.
 */
export class M4 {
  private first: Int32Array;
  private last: Int32Array;
  private lo: Int32Array;
  private hi: Int32Array;
  private loV: Float64Array;
  private hiV: Float64Array;
  private dirtyFrom = 0;

  constructor(
    readonly x0: number,
    readonly x1: number,
    readonly buckets: number
  ) {
    this.first = new Int32Array(buckets).fill(-1);
    this.last = new Int32Array(buckets).fill(-1);
    this.lo = new Int32Array(buckets);
    this.hi = new Int32Array(buckets);
    this.loV = new Float64Array(buckets);
    this.hiV = new Float64Array(buckets);
  }

  private bucket(x: number): number {
    const b = Math.floor(((x - this.x0) / (this.x1 - this.x0)) * this.buckets);
    return b < 0 ? 0 : b >= this.buckets ? this.buckets - 1 : b;
  }

  /** Adds point number i, at x with value v (points must come in order of i). */
  add(i: number, x: number, v: number): void {
    const b = this.bucket(x);
    if (b < this.dirtyFrom) this.dirtyFrom = b;
    if (this.first[b] < 0) {
      this.first[b] = this.lo[b] = this.hi[b] = i;
      this.loV[b] = this.hiV[b] = v;
    } else if (v < this.loV[b]) {
      this.lo[b] = i;
      this.loV[b] = v;
    } else if (v > this.hiV[b]) {
      this.hi[b] = i;
      this.hiV[b] = v;
    }
    this.last[b] = i;
  }

  /** The indices to draw in column b, ascending (none for an empty column). */
  column(b: number): number[] {
    const out: number[] = [];
    if (this.first[b] < 0) return out;
    const a = this.lo[b] < this.hi[b] ? this.lo[b] : this.hi[b];
    const c = this.lo[b] < this.hi[b] ? this.hi[b] : this.lo[b];
    for (const i of [this.first[b], a, c, this.last[b]]) if (out[out.length - 1] !== i) out.push(i);
    return out;
  }

  /** The indices to draw, ascending. */
  indices(): number[] {
    const out: number[] = [];
    for (let b = 0; b < this.buckets; b++) out.push(...this.column(b));
    return out;
  }

  /** The first column changed since the last call (`buckets` when none did). */
  takeDirty(): number {
    const b = this.dirtyFrom;
    this.dirtyFrom = this.buckets;
    return b;
  }
}
