import {describe, expect, it} from "vitest";
import type {Activation, Mat} from "../../../src/engine/index.js";
import {Rng, derivBound, mat, normalInit} from "../../../src/engine/index.js";
import {byDistance, derivatives, gradientNorms, jacobianSteps, jacobianTimes, jacobianTransposeTimes} from "../../../src/models/bptt.js";
import {RnnCell} from "../../../src/models/rnn-cell.js";
import {largestSingularValue, scaleToSingularValue} from "../../../src/models/spectral.js";

const H = 8, I = 3;

function setup(activation: Activation, seed: number, T: number, {s, inputs = 1}: {s?: number; inputs?: number} = {}) {
  const rng = new Rng(seed);
  const cell = new RnnCell({inputSize: I, hiddenSize: H, activation, dtype: "float64"}, rng);
  normalInit(cell.Wh.value, rng, 1);
  if (s !== undefined) scaleToSingularValue(cell.Wh.value, s);
  normalInit(cell.b.value, rng, 0.2 * inputs);
  const xs = Array.from({length: T}, () => normalInit(mat(1, I, "float64"), rng, inputs));
  const h0 = normalInit(mat(1, H, "float64"), rng, 0.3 * inputs);
  return {cell, xs, h0, rng};
}

const randomVector = (rng: Rng, n = H) => Float64Array.from({length: n}, () => rng.normal());
const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));

describe("Jacobians through time", () => {
  for (const activation of ["tanh", "sigmoid", "relu"] as Activation[]) {
    it(`∂h(t)/∂h(0)·v matches central differences of the cell itself (${activation})`, () => {
      const T = 7;
      const {cell, xs, h0, rng} = setup(activation, 2, T, {s: 1.1});
      const d = derivatives(activation, cell.forward(xs, h0).hs);
      const v = randomVector(rng);
      const eps = 1e-6;
      const shifted = (sign: number) => {
        const h = mat(1, H, "float64", Float64Array.from(h0.data, (x, i) => x + sign * eps * v[i]));
        return cell.forward(xs, h).hs;
      };
      const plus = shifted(1), minus = shifted(-1);
      for (const t of [1, 4, 7]) {
        const Jv = jacobianTimes(cell.Wh.value, d, 0, t, v);
        for (let i = 0; i < H; i++) expect(Jv[i]).toBeCloseTo((plus[t - 1].data[i] - minus[t - 1].data[i]) / (2 * eps), 7);
      }
      // The transpose product is the adjoint: uᵀ(J v) = (Jᵀ u)ᵀ v.
      const u = randomVector(rng);
      const Jv = jacobianTimes(cell.Wh.value, d, 2, 6, v), JTu = jacobianTransposeTimes(cell.Wh.value, d, 2, 6, u);
      expect(u.reduce((s, x, i) => s + x * Jv[i], 0)).toBeCloseTo(JTu.reduce((s, x, i) => s + x * v[i], 0), 10);
    });
  }

  it("‖∂J(t)/∂h(k)‖ equals what the cell's own BPTT delivers to step k", () => {
    const T = 9;
    const {cell, xs, h0, rng} = setup("tanh", 4, T);
    const trace = cell.forward(xs, h0);
    const d = derivatives("tanh", trace.hs);
    const dJdh = Array.from({length: T}, () => randomVector(rng));
    const {norms, gains} = gradientNorms(cell.Wh.value, d, dJdh);
    for (const t of [1, 5, 9]) {
      const dhs: Mat[] = Array.from({length: T}, (_, j) => mat(1, H, "float64", j === t - 1 ? Float64Array.from(dJdh[t - 1]) : undefined));
      const flow = cell.backward(trace, dhs, {paramGrads: false});
      for (let k = 1; k <= t; k++) expect(norms[(t - 1) * T + (k - 1)]).toBeCloseTo(norm(flow.dh[k - 1].data), 10);
      expect(gains[(t - 1) * T + (t - 1)]).toBe(1);
      if (t < T) expect(Number.isNaN(norms[(t - 1) * T + t])).toBe(true); // k > t: no entry
    }
    const curve = byDistance(norms, T);
    expect(curve[0]).toBeCloseTo(dJdh.reduce((s, g) => s + norm(g), 0) / T, 10);
    expect(curve[T - 1]).toBeCloseTo(norms[(T - 1) * T], 12); // one pair at distance T − 1
  });
});

describe("the vanishing-gradient bound (Pascanu, Mikolov & Bengio, 2013)", () => {
  for (const [activation, s] of [["tanh", 0.9], ["sigmoid", 3.6], ["relu", 0.9]] as [Activation, number][]) {
    it(`‖∂h(n)/∂h(0) v‖ ≤ (γs)^n ‖v‖ when γs < 1 (${activation}, s = ${s}, γs = ${derivBound(activation) * s})`, () => {
      const n = 25;
      const {cell, xs, h0, rng} = setup(activation, 6, n, {s});
      expect(largestSingularValue(cell.Wh.value).value).toBeCloseTo(s, 9);
      const d = derivatives(activation, cell.forward(xs, h0).hs);
      const gs = derivBound(activation) * s;
      for (let trial = 0; trial < 20; trial++) {
        const v = randomVector(rng);
        for (const m of [1, 5, n]) expect(norm(jacobianTimes(cell.Wh.value, d, 0, m, v))).toBeLessThanOrEqual(gs ** m * norm(v) * (1 + 1e-9));
      }
      const {gains} = gradientNorms(cell.Wh.value, d, Array.from({length: n}, () => randomVector(rng)));
      for (let t = 1; t <= n; t++) for (let k = 1; k <= t; k++) expect(gains[(t - 1) * n + (k - 1)]).toBeLessThanOrEqual(gs ** (t - k) * (1 + 1e-9));
    });
  }

  it("is reached exactly by tanh at zero pre-activations with W = s·Q, and explodes for s > 1", () => {
    const n = 20;
    for (const s of [0.8, 1.5]) {
      const rng = new Rng(8);
      const cell = new RnnCell({inputSize: I, hiddenSize: H, dtype: "float64"}, rng); // W_h orthogonal
      scaleToSingularValue(cell.Wh.value, s);
      const xs = Array.from({length: n}, () => mat(1, I, "float64")); // x = 0, b = 0, h(0) = 0: z = 0, σ′ = 1
      const d = derivatives("tanh", cell.forward(xs).hs);
      const v = randomVector(rng);
      expect(norm(jacobianTimes(cell.Wh.value, d, 0, n, v)) / norm(v)).toBeCloseTo(s ** n, 6 - Math.ceil(Math.log10(s ** n + 1)));
    }
  });

  it("explodes for ReLU when the pre-activations stay positive (W = s·permutation, b > 0)", () => {
    const n = 20, s = 1.3;
    const cell = new RnnCell({inputSize: I, hiddenSize: H, activation: "relu", dtype: "float64"}, new Rng(1));
    cell.Wh.value.data.fill(0);
    for (let i = 0; i < H; i++) cell.Wh.value.data[i * H + ((i + 3) % H)] = s; // a permutation, scaled
    cell.b.value.data.fill(0.01);
    const d = derivatives("relu", cell.forward(Array.from({length: n}, () => mat(1, I, "float64"))).hs);
    expect(d.every((dj) => dj.every((x) => x === 1))).toBe(true);
    const v = randomVector(new Rng(2));
    const growth = norm(jacobianTimes(cell.Wh.value, d, 0, n, v)) / norm(v);
    expect(growth).toBeCloseTo(s ** n, 6);
    expect(growth).toBeGreaterThan(100);
  });
});

describe("stepping through one Jacobian", () => {
  it("gives each factor's norm ≤ γs, the product's norm under its bound, and ends at ∂J(t)/∂h(k)", () => {
    const T = 10;
    const {cell, xs, h0, rng} = setup("tanh", 9, T, {s: 1.2});
    const d = derivatives("tanh", cell.forward(xs, h0).hs);
    const dJdh = Array.from({length: T}, () => randomVector(rng));
    const steps = jacobianSteps(cell.Wh.value, d, 9, 3, dJdh[8]);
    expect(steps.map((st) => st.j)).toEqual([9, 8, 7, 6, 5, 4]);
    for (const st of steps) {
      expect(st.sigmaPrime).toHaveLength(H);
      expect(st.factorNorm).toBeLessThanOrEqual(1.2 * (1 + 1e-9));
      expect(st.productNorm).toBeLessThanOrEqual(st.productBound * (1 + 1e-9));
    }
    const {norms} = gradientNorms(cell.Wh.value, d, dJdh);
    expect(steps.at(-1)!.gradNorm).toBeCloseTo(norms[8 * T + 2], 10);
    // The product's 2-norm against the full matrix built column by column.
    const J = mat(H, H, "float64");
    for (let c = 0; c < H; c++) {
      const e = new Float64Array(H);
      e[c] = 1;
      jacobianTimes(cell.Wh.value, d, 3, 9, e).forEach((x, r) => (J.data[r * H + c] = x));
    }
    expect(steps.at(-1)!.productNorm).toBeCloseTo(largestSingularValue(J).value, 6);
  });

  it("with matrices, gives each factor as diag(σ′(z(j)))·W_h entry by entry, and the product ∂h(t)/∂h(k) at the last step", () => {
    const T = 10;
    const {cell, xs, h0} = setup("tanh", 9, T, {s: 1.2});
    const {hs} = cell.forward(xs, h0);
    const Wh = cell.Wh.value;
    const steps = jacobianSteps(Wh, derivatives("tanh", hs), 9, 3, undefined, {matrices: true});
    for (const st of steps) {
      const h = hs[st.j - 1].data; // h(j) = tanh(z(j)), so σ′(z(j)) = 1 − h(j)²
      expect(st.factor).toHaveLength(H * H);
      for (let r = 0; r < H; r++) {
        for (let c = 0; c < H; c++) expect(st.factor![r * H + c]).toBe(Math.fround((1 - h[r] * h[r]) * Wh.data[r * H + c]));
      }
    }
    expect(steps.slice(0, -1).every((st) => st.product === undefined)).toBe(true);
    // The product against the full matrix built column by column, (∂h(9)/∂h(3)) e_c.
    const product = steps.at(-1)!.product!;
    expect(product).toHaveLength(H * H);
    for (let c = 0; c < H; c++) {
      const e = new Float64Array(H);
      e[c] = 1;
      jacobianTimes(Wh, derivatives("tanh", hs), 3, 9, e).forEach((x, r) => expect(product[r * H + c]).toBeCloseTo(x, 12));
    }
    // Without the option, no matrices travel.
    expect(jacobianSteps(Wh, derivatives("tanh", hs), 9, 3).some((st) => st.factor || st.product)).toBe(false);
  });
});
