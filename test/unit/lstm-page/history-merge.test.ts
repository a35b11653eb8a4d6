import {describe, expect, it} from "vitest";
import {HistoryMerge} from "../../../components/lstm-history-merge.js";

const history = (steps: number[], loss: number[]) => ({steps, metrics: {loss}});

describe("HistoryMerge", () => {
  it("pushes each source's new points under its own key, then only what is new", () => {
    const m = new HistoryMerge([{key: "rnn", metric: "loss"}, {key: "lstm", metric: "loss"}]);
    const a = history([1, 2], [4, 3.5]), b = history([1], [4.1]);
    const first = m.next([a, b]);
    expect(first.clear).toBe(true);
    expect(first.pushes).toEqual([
      {steps: [1, 2], metrics: {rnn: [4, 3.5]}},
      {steps: [1], metrics: {lstm: [4.1]}}
    ]);
    a.steps.push(3), a.metrics.loss.push(3.1);
    const second = m.next([a, b]);
    expect(second.clear).toBe(false);
    expect(second.pushes).toEqual([{steps: [3], metrics: {rnn: [3.1]}}]);
    expect(m.next([a, b])).toEqual({clear: false, pushes: []});
  });

  it("clears and redraws everything when a source is reset (a new history)", () => {
    const m = new HistoryMerge([{key: "rnn", metric: "loss"}, {key: "lstm", metric: "loss"}]);
    const a = history([1, 2], [4, 3]), b = history([1, 2], [4, 3.9]);
    m.next([a, b]);
    const fresh = history([], []);
    const step = m.next([a, fresh]);
    expect(step.clear).toBe(true);
    expect(step.pushes).toEqual([{steps: [1, 2], metrics: {rnn: [4, 3]}}]);
  });

  it("skips a source that does not have the metric yet", () => {
    const m = new HistoryMerge([{key: "x", metric: "mse"}]);
    expect(m.next([{steps: [1], metrics: {}}]).pushes).toEqual([]);
  });
});
