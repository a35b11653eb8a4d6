/**
 * One line of a live chart (no DOM): the points appended so far in growable typed arrays, the running
 * y-extent, and an exponential moving average with bias correction (as in Adam; Kingma & Ba, 2015):
 *   s(t) = α·s(t−1) + (1 − α)·y(t),   ŝ(t) = s(t) / (1 − αᵗ)
 * Points that cannot be drawn (NaN, ±∞, and y ≤ 0 on a log scale) are counted and skipped, except
 * NaN in a sparse series, where it means "not measured at this step" (e.g. a validation loss).
 */

export class SeriesBuffer {
  x = new Float64Array(256);
  y = new Float64Array(256);
  /** Smoothed y (ŝ), filled when smoothing > 0. */
  s = new Float64Array(256);
  length = 0;
  skipped = 0;
  min = Infinity;
  max = -Infinity;
  private ema = 0;
  private weight = 0;

  constructor(
    readonly smoothing = 0,
    readonly positiveOnly = false,
    readonly sparse = false
  ) {}

  /** Appends (x, y); returns false if the point was skipped. */
  push(x: number, y: number): boolean {
    if (!Number.isFinite(x) || !Number.isFinite(y) || (this.positiveOnly && y <= 0)) {
      if (!(this.sparse && Number.isNaN(y))) this.skipped++;
      return false;
    }
    if (this.length === this.x.length) this.grow();
    const k = this.length++;
    this.x[k] = x;
    this.y[k] = y;
    if (this.smoothing > 0) {
      this.ema = this.smoothing * this.ema + (1 - this.smoothing) * y;
      this.weight = this.smoothing * this.weight + (1 - this.smoothing);
      this.s[k] = this.ema / this.weight;
    }
    if (y < this.min) this.min = y;
    if (y > this.max) this.max = y;
    return true;
  }

  private grow(): void {
    const n = this.x.length * 2;
    for (const key of ["x", "y", "s"] as const) {
      const next = new Float64Array(n);
      next.set(this[key]);
      this[key] = next;
    }
  }

  /** The index of the point whose x is nearest to `x` (x ascending), or −1 when empty. */
  nearest(x: number): number {
    const n = this.length;
    if (n === 0) return -1;
    let lo = 0, hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.x[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && Math.abs(this.x[lo - 1] - x) <= Math.abs(this.x[lo] - x)) return lo - 1;
    return lo;
  }

  get lastX(): number {
    return this.length ? this.x[this.length - 1] : NaN;
  }
}
