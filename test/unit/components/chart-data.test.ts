import {describe, expect, it} from "vitest";
import {ChartData} from "../../../components/chart-data.js";

describe("ChartData", () => {
  it("takes only the new points of a history that grows in place", () => {
    const d = new ChartData({buckets: 100});
    const h = {steps: [1, 2, 3], metrics: {loss: [3, 2, 1]}};
    const first = d.update(h);
    expect(first.added.map((s) => s.key)).toEqual(["loss"]);
    expect(first.cleared).toBe(true);
    h.steps.push(4, 5);
    h.metrics.loss.push(0.5, 0.25);
    const second = d.update(h);
    expect(second).toMatchObject({added: [], cleared: false});
    const b = d.series.get("loss")!.buffer;
    expect(b.length).toBe(5);
    expect(Array.from(b.y.subarray(0, 5))).toEqual([3, 2, 1, 0.5, 0.25]);
  });

  it("accepts a copy that extends the last history, and starts over on one that does not", () => {
    const d = new ChartData({buckets: 100});
    d.update({steps: [1, 2], metrics: {loss: [1, 1]}});
    d.update({steps: [1, 2, 3], metrics: {loss: [1, 1, 1]}});
    expect(d.series.get("loss")!.buffer.length).toBe(3);
    const reset = d.update({steps: [1], metrics: {loss: [9]}}); // a new run after a reset
    expect(reset.cleared).toBe(true);
    expect(d.series.get("loss")!.buffer.length).toBe(1);
    expect(d.series.get("loss")!.buffer.y[0]).toBe(9);
  });

  it("keeps only the wanted metrics and counts skipped values", () => {
    const d = new ChartData({buckets: 10, keys: ["loss"]});
    d.add([1, 2, 3], {loss: [1, NaN, Infinity], accuracy: [0, 0, 0]});
    expect([...d.series.keys()]).toEqual(["loss"]);
    expect(d.skipped()).toBe(2);
  });

  it("does not report the NaN of a sparse metric, which only means no value at that step", () => {
    const d = new ChartData({buckets: 10, sparse: ["val"]});
    d.add([1, 2, 3, 4], {loss: [1, 1, NaN, 1], val: [NaN, 2, NaN, Infinity]});
    expect(d.series.get("val")!.buffer.length).toBe(1);
    expect(d.skipped()).toBe(2); // the loss's NaN and the validation's ∞
  });

  it("grows the domains to fit the data and the reference lines, and reports when", () => {
    const d = new ChartData({buckets: 50, include: [Math.log(3)]});
    expect(d.yDomain).not.toBeNull(); // the reference line is drawable before any data
    const a = d.add([1, 2], {loss: [1.5, 1.2]});
    expect(a.rescaled).toBe(true);
    expect(d.yDomain![0]).toBeLessThanOrEqual(1.0986);
    expect(d.yDomain![1]).toBeGreaterThanOrEqual(1.5);
    const b = d.add([3], {loss: [1.3]});
    expect(b.rescaled).toBe(false);
    const c = d.add([30], {loss: [1.3]});
    expect(c.rescaled).toBe(true);
    expect(d.xDomain[1]).toBeGreaterThanOrEqual(30);
  });

  it("rebuilds the downsampling when x grows, so every point is still drawn", () => {
    const d = new ChartData({buckets: 1000});
    for (let k = 1; k <= 500; k++) d.add([k], {loss: [1 / k]});
    const idx = d.series.get("loss")!.raw.indices();
    expect(idx.length).toBe(500);
    expect(idx[0]).toBe(0);
    expect(idx[499]).toBe(499);
  });

  it("stays fast and bounded for 10⁵ points added in frames", () => {
    const d = new ChartData({buckets: 600, smoothing: 0.9});
    const t0 = performance.now();
    for (let frame = 0; frame < 1000; frame++) {
      const steps = Array.from({length: 100}, (_, k) => frame * 100 + k + 1);
      d.add(steps, {loss: steps.map((s) => 2 / Math.sqrt(s) + 0.01 * Math.sin(s))});
    }
    const s = d.series.get("loss")!;
    expect(s.buffer.length).toBe(100_000);
    expect(s.raw.indices().length).toBeLessThanOrEqual(2400);
    expect(s.smooth!.indices().length).toBeLessThanOrEqual(2400);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
