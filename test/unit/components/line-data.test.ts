import {describe, expect, it} from "vitest";
import {growX, niceY, outside} from "../../../components/chart-domain.js";
import {M4} from "../../../components/downsample.js";
import {SeriesBuffer} from "../../../components/series-buffer.js";

describe("SeriesBuffer", () => {
  it("stores finite points, grows past its capacity, and tracks the extent", () => {
    const b = new SeriesBuffer();
    for (let i = 0; i < 1000; i++) b.push(i, Math.sin(i));
    expect(b.length).toBe(1000);
    expect(b.x[999]).toBe(999);
    expect(b.max).toBeCloseTo(Math.max(...Array.from({length: 1000}, (_, i) => Math.sin(i))), 15);
  });
  it("skips and counts NaN, ±∞, and y ≤ 0 on a log scale", () => {
    const b = new SeriesBuffer(0, true);
    expect([b.push(1, 2), b.push(2, NaN), b.push(3, -Infinity), b.push(4, 0), b.push(5, 3)]).toEqual([true, false, false, false, true]);
    expect(b.length).toBe(2);
    expect(b.skipped).toBe(3);
    expect(Array.from(b.y.subarray(0, 2))).toEqual([2, 3]);
  });
  it("smooths with a bias-corrected moving average", () => {
    const b = new SeriesBuffer(0.9);
    b.push(1, 10);
    expect(b.s[0]).toBeCloseTo(10, 12); // no pull towards 0 at the start
    b.push(2, 0);
    // s = 0.9·(0.1·10) + 0.1·0 = 0.9;  1 − 0.9² = 0.19
    expect(b.s[1]).toBeCloseTo(0.9 / 0.19, 12);
  });
  it("finds the nearest x by bisection", () => {
    const b = new SeriesBuffer();
    for (const x of [1, 2, 4, 8]) b.push(x, x);
    expect([0, 1.4, 1.6, 3, 5.9, 6.1, 100].map((x) => b.nearest(x))).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(new SeriesBuffer().nearest(3)).toBe(-1);
  });
});

describe("M4", () => {
  it("keeps every point when each has its own column", () => {
    const m = new M4(0, 10, 10);
    for (let i = 0; i < 10; i++) m.add(i, i, i * i);
    expect(m.indices()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it("keeps first, lowest, highest and last of each column, in order", () => {
    const m = new M4(0, 1, 1);
    const ys = [5, 9, 1, 7, 3];
    ys.forEach((y, i) => m.add(i, i / 10, y));
    expect(m.indices()).toEqual([0, 1, 2, 4]);
  });
  it("draws 10⁵ points through at most 4 per column, keeping the global extremes", () => {
    const n = 100_000, buckets = 500;
    const m = new M4(0, n, buckets);
    let argmin = 0, argmax = 0;
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ys[i] = Math.sin(i / 37) + ((i * 7919) % 1000) / 1000;
      if (ys[i] < ys[argmin]) argmin = i;
      if (ys[i] > ys[argmax]) argmax = i;
      m.add(i, i, ys[i]);
    }
    const idx = m.indices();
    expect(idx.length).toBeLessThanOrEqual(4 * buckets);
    expect(idx).toContain(argmin);
    expect(idx).toContain(argmax);
    expect(idx).toContain(0);
    expect(idx).toContain(n - 1);
    for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
  });
});

describe("chart domains", () => {
  it("grows x in nice jumps of about ×1.5, and only when needed", () => {
    const d: [number, number] = [0, 10];
    expect(growX(d, 10)).toBe(d);
    expect(growX(d, 11)).toEqual([0, 20]);
    expect(growX([0, 100], 1000)).toEqual([0, 2000]);
    let dom: [number, number] = [0, 10], changes = 0;
    for (let x = 1; x <= 100_000; x++) {
      const next = growX(dom, x);
      if (next !== dom) (changes++, (dom = next));
    }
    expect(changes).toBeLessThan(25);
  });
  it("pads and rounds y, keeping non-negative data above zero", () => {
    expect(niceY(1.3, 4.2, false)).toEqual([1, 4.5]);
    expect(niceY(0.01, 4.2, false)).toEqual([0, 5]); // not [−0.5, 5] for a loss
    expect(niceY(-1, 1, false)).toEqual([-1.5, 1.5]);
    expect(niceY(2, 2, false)).toEqual([1.8, 2.2]);
    expect(niceY(0.02, 3, true)).toEqual([0.01, 10]);
    expect(outside([0, 5], 1, 6)).toBe(true);
    expect(outside([0, 5], 0, 5)).toBe(false);
  });
});

describe("M4 dirty columns", () => {
  it("reports the first column touched since the last look", () => {
    const m = new M4(0, 100, 10);
    expect(m.takeDirty()).toBe(0); // a new downsampler has everything to draw
    expect(m.takeDirty()).toBe(10);
    m.add(0, 55, 1);
    m.add(1, 72, 1);
    expect(m.takeDirty()).toBe(5);
    expect(m.column(7)).toEqual([1]);
    expect(m.column(0)).toEqual([]);
  });
});
