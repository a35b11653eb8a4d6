/**
 * Several models' training histories in one line chart (no DOM): each source (one LiveClient) puts
 * one of its metrics into the chart under its own series key, at its own steps. Histories grow in
 * place; a reset gives a client a new, empty history, and then the chart is cleared and every source
 * is drawn again from its start.
 */
import type {History} from "./chart-data.js";

export interface MergeSource {
  /** The series key in the chart, e.g. "lstm". */
  key: string;
  /** The metric to take from this source's history, e.g. "loss". */
  metric: string;
}

export interface Push {
  steps: ArrayLike<number>;
  metrics: Record<string, ArrayLike<number>>;
}

export interface MergeStep {
  /** Clear the chart before pushing. */
  clear: boolean;
  pushes: Push[];
}

export class HistoryMerge {
  private seen: (History | null)[];
  private counts: number[];

  constructor(private readonly sources: readonly MergeSource[]) {
    this.seen = sources.map(() => null);
    this.counts = sources.map(() => 0);
  }

  /** The new points of each history (given in the sources' order) since the last call. */
  next(histories: readonly History[]): MergeStep {
    const replaced = histories.some((h, s) => h !== this.seen[s] || h.steps.length < this.counts[s]);
    if (replaced) this.counts = this.counts.map(() => 0);
    const pushes: Push[] = [];
    histories.forEach((h, s) => {
      const from = this.counts[s], to = h.steps.length;
      this.seen[s] = h;
      this.counts[s] = to;
      const values = h.metrics[this.sources[s].metric];
      if (to <= from || !values) return;
      pushes.push({steps: Array.prototype.slice.call(h.steps, from, to), metrics: {[this.sources[s].key]: Array.prototype.slice.call(values, from, to)}});
    });
    return {clear: replaced, pushes};
  }
}
