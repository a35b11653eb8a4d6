/**
 * The data behind a live line chart (no DOM): one SeriesBuffer and M4 downsampler per metric, the
 * current domains, and which part of a growing history has been taken in already. Adding points
 * costs O(new points) unless the x-domain grows (then the downsamplers are rebuilt, O(n), which
 * happens O(log n) times over a run: see chart-domain.ts).
 */
import {growX, niceY, outside} from "./chart-domain.js";
import {M4} from "./downsample.js";
import {SeriesBuffer} from "./series-buffer.js";

export interface History {
  steps: ArrayLike<number>;
  metrics: Record<string, ArrayLike<number>>;
}

export interface SeriesState {
  key: string;
  buffer: SeriesBuffer;
  raw: M4;
  smooth: M4 | null;
}

export interface ChartDataOptions {
  /** Downsampling columns (the plot's width in px). */
  buckets: number;
  smoothing?: number;
  logY?: boolean;
  /** Only these metrics (default: all). */
  keys?: readonly string[];
  /** Metrics measured only at some steps: their NaN means "no value here", not a failure. */
  sparse?: readonly string[];
  /** Values the y-domain must include (reference lines). */
  include?: readonly number[];
  xDomain?: [number, number];
  yDomain?: [number, number];
}

export interface AddResult {
  /** Series seen for the first time, in order. */
  added: SeriesState[];
  /** The domains changed: redraw the axes. */
  rescaled: boolean;
  /** Everything was dropped first (a history that does not extend the last one). */
  cleared: boolean;
}

export class ChartData {
  readonly series = new Map<string, SeriesState>();
  xDomain: [number, number];
  yDomain: [number, number] | null;
  private seenSteps: ArrayLike<number> | null = null;
  private seen = 0;

  constructor(private readonly options: ChartDataOptions) {
    this.xDomain = options.xDomain ?? [0, 10];
    this.yDomain = this.initialY();
  }

  /** The y-domain before any data: the given one, or one around the reference values. */
  private initialY(): [number, number] | null {
    const {yDomain, include = [], logY = false} = this.options;
    if (yDomain) return yDomain;
    const vs = include.filter((v) => Number.isFinite(v) && (!logY || v > 0));
    return vs.length ? niceY(Math.min(...vs), Math.max(...vs), logY) : null;
  }

  clear(): void {
    this.series.clear();
    this.xDomain = this.options.xDomain ?? [0, 10];
    this.yDomain = this.initialY();
    this.seenSteps = null;
    this.seen = 0;
  }

  /** Takes in a history: only its new points when it extends the last one, else all of it afresh. */
  update(h: History): AddResult {
    const s = h.steps, old = this.seenSteps, n = this.seen;
    const extending = old !== null && s.length >= n && (s === old || n === 0 || (s[0] === old[0] && s[n - 1] === old[n - 1]));
    if (!extending) this.clear();
    this.seenSteps = s;
    this.seen = s.length;
    return {...this.add(s, h.metrics, extending ? n : 0), cleared: !extending};
  }

  /** Adds points k ∈ [from, steps.length) of each metric. */
  add(steps: ArrayLike<number>, metrics: Record<string, ArrayLike<number>>, from = 0): AddResult {
    const added: SeriesState[] = [];
    let beyondX = false, rescaled = false;
    for (const key in metrics) {
      let line = this.series.get(key);
      if (!line) {
        if (this.options.keys && !this.options.keys.includes(key)) continue;
        line = this.newSeries(key);
        added.push(line);
      }
      const values = metrics[key], b = line.buffer;
      for (let k = from; k < steps.length; k++) {
        if (!b.push(steps[k], values[k])) continue;
        const i = b.length - 1;
        if (b.x[i] > this.xDomain[1]) beyondX = true;
        if (!beyondX) {
          line.raw.add(i, b.x[i], b.y[i]);
          line.smooth?.add(i, b.x[i], b.s[i]);
        }
      }
      if (b.length && (!this.yDomain || outside(this.yDomain, b.min, b.max))) rescaled = true;
    }
    if (beyondX || rescaled) this.rescale();
    return {added, rescaled: beyondX || rescaled, cleared: false};
  }

  private newSeries(key: string): SeriesState {
    const {smoothing = 0, logY = false, buckets} = this.options;
    const [x0, x1] = this.xDomain;
    const line: SeriesState = {key, buffer: new SeriesBuffer(smoothing, logY, this.options.sparse?.includes(key) ?? false), raw: new M4(x0, x1, buckets), smooth: smoothing > 0 ? new M4(x0, x1, buckets) : null};
    this.series.set(key, line);
    return line;
  }

  private rescale(): void {
    const {logY = false, include = [], yDomain, smoothing = 0, buckets} = this.options;
    let min = Infinity, max = -Infinity, lastX = -Infinity;
    for (const {buffer: b} of this.series.values()) {
      if (!b.length) continue;
      (min = Math.min(min, b.min)), (max = Math.max(max, b.max)), (lastX = Math.max(lastX, b.lastX));
    }
    for (const v of include) if (Number.isFinite(v) && (!logY || v > 0)) (min = Math.min(min, v)), (max = Math.max(max, v));
    if (yDomain) (min = Math.min(min, yDomain[0])), (max = Math.max(max, yDomain[1]));
    if (min <= max) this.yDomain = niceY(min, max, logY);
    const grown = growX(this.xDomain, lastX);
    if (grown === this.xDomain) return;
    this.xDomain = grown;
    for (const line of this.series.values()) {
      const b = line.buffer;
      line.raw = new M4(grown[0], grown[1], buckets);
      line.smooth = smoothing > 0 ? new M4(grown[0], grown[1], buckets) : null;
      for (let i = 0; i < b.length; i++) {
        line.raw.add(i, b.x[i], b.y[i]);
        line.smooth?.add(i, b.x[i], b.s[i]);
      }
    }
  }

  /** Points skipped in all series (non-finite, or ≤ 0 on a log scale). */
  skipped(): number {
    let n = 0;
    for (const {buffer} of this.series.values()) n += buffer.skipped;
    return n;
  }
}
