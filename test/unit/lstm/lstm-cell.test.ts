import {describe, expect, it} from "vitest";
import type {Mat, Param} from "../../../src/engine/index.js";
import {gradCheck, mat, normalInit, Rng, sigmoid, zeroGrads} from "../../../src/engine/index.js";
import {LstmCell} from "../../../src/models/lstm-cell.js";

/** T inputs of (B, I) as views into one buffer, so the buffer can be gradient-checked as a Param. */
function inputs(rng: Rng, T: number, B: number, I: number): {xs: Mat[]; X: Mat} {
  const X = normalInit(mat(T * B, I, "float64"), rng, 1);
  const xs = Array.from({length: T}, (_, t) => mat(B, I, "float64", X.data.subarray(t * B * I, (t + 1) * B * I)));
  return {xs, X};
}

/** L = Σ_t Σ a(t) ⊙ h(t) + ½ Σ h(T)² (random a), and ∂L/∂h(t) for it. */
function loss(hs: Mat[], a: Mat[]): {L: number; dhs: Mat[]} {
  let L = 0;
  const dhs = hs.map((h, t) => {
    const d = mat(h.rows, h.cols, "float64");
    for (let k = 0; k < h.data.length; k++) {
      const last = t === hs.length - 1 ? h.data[k] : 0;
      L += a[t].data[k] * h.data[k] + 0.5 * last * last;
      d.data[k] = a[t].data[k] + last;
    }
    return d;
  });
  return {L, dhs};
}

describe("LstmCell", () => {
  it("names its twelve parameters after the page and views the stacks", () => {
    const cell = new LstmCell({inputSize: 3, hiddenSize: 2, forgetBias: 1}, new Rng(1));
    expect(cell.params.map((p) => p.name)).toEqual(["W_f", "W_i", "W_c", "W_o", "U_f", "U_i", "U_c", "U_o", "b_f", "b_i", "b_c", "b_o"]);
    expect(cell.get("U_c").value.rows).toBe(2);
    expect(cell.get("U_c").value.cols).toBe(3);
    expect(Array.from(cell.get("b_f").value.data)).toEqual([1, 1]);
    expect(Array.from(cell.get("b_i").value.data)).toEqual([0, 0]);
    cell.get("W_o").value.data[1] = 42; // row block 3 of W, entry (0, 1)
    expect(cell.W.value.data[3 * 2 * 2 + 1]).toBe(42);
  });

  it("one step by hand: the page's six equations", () => {
    const cell = new LstmCell({inputSize: 1, hiddenSize: 1, forgetBias: 0, dtype: "float64"}, new Rng(2));
    const set = (name: Parameters<LstmCell["get"]>[0], v: number) => (cell.get(name).value.data[0] = v);
    set("W_f", 0.5); set("U_f", -1); set("b_f", 0.2);
    set("W_i", -0.3); set("U_i", 2); set("b_i", 0);
    set("W_c", 1.5); set("U_c", 0.7); set("b_c", -0.1);
    set("W_o", 0.1); set("U_o", 0.4); set("b_o", 0.3);
    const h0 = mat(1, 1, "float64"), c0 = mat(1, 1, "float64");
    h0.data[0] = 0.6;
    c0.data[0] = -0.8;
    const x = mat(1, 1, "float64");
    x.data[0] = 0.9;
    const tr = cell.forward([x], h0, c0);
    const f = sigmoid(0.5 * 0.6 - 0.9 + 0.2), i = sigmoid(-0.3 * 0.6 + 1.8), g = Math.tanh(1.5 * 0.6 + 0.63 - 0.1), o = sigmoid(0.06 + 0.36 + 0.3);
    const c = f * -0.8 + i * g;
    expect(tr.f[0].data[0]).toBeCloseTo(f, 14);
    expect(tr.i[0].data[0]).toBeCloseTo(i, 14);
    expect(tr.cTilde[0].data[0]).toBeCloseTo(g, 14);
    expect(tr.o[0].data[0]).toBeCloseTo(o, 14);
    expect(tr.c[0].data[0]).toBeCloseTo(c, 14);
    expect(tr.hs[0].data[0]).toBeCloseTo(o * Math.tanh(c), 14);
  });

  it("BPTT matches central differences (float64, batch 3, 6 steps, forget bias 1), parameters, inputs, h(0), c(0)", () => {
    const rng = new Rng(7);
    const T = 6, B = 3, I = 4, H = 5;
    const cell = new LstmCell({inputSize: I, hiddenSize: H, forgetBias: 1, dtype: "float64"}, rng);
    for (const p of cell.params) if (p.name.startsWith("b_")) for (let k = 0; k < p.value.data.length; k++) p.value.data[k] += 0.3 * rng.normal();
    const {xs, X} = inputs(rng, T, B, I);
    const h0 = normalInit(mat(B, H, "float64"), rng, 0.5), c0 = normalInit(mat(B, H, "float64"), rng, 0.5);
    const a = Array.from({length: T}, () => normalInit(mat(B, H, "float64"), rng, 1));
    const asParam = (name: string, value: Mat): Param => ({name, value, grad: mat(value.rows, value.cols, "float64")});
    const pX = asParam("X", X), pH0 = asParam("h0", h0), pC0 = asParam("c0", c0);

    zeroGrads(cell.params);
    const tr = cell.forward(xs, h0, c0);
    const grads = cell.backward(tr, loss(tr.hs, a).dhs);
    grads.dxs.forEach((d, t) => pX.grad.data.set(d.data, t * B * I));
    pH0.grad.data.set(grads.dh0.data);
    pC0.grad.data.set(grads.dc0.data);
    const J = () => loss(cell.forward(xs, h0, c0).hs, a).L;
    const res = gradCheck([...cell.params, pX, pH0, pC0], J, {h: 1e-5});
    expect(res.checked).toBe(4 * H * (H + I + 1) + T * B * I + 2 * B * H);
    expect(res.maxRelError, JSON.stringify(res.worst)).toBeLessThan(1e-6);
  });

  it("paramGrads: false leaves the grads alone and returns the same flow", () => {
    const rng = new Rng(3);
    const cell = new LstmCell({inputSize: 2, hiddenSize: 3, dtype: "float64"}, rng);
    const {xs} = inputs(rng, 4, 2, 2);
    const tr = cell.forward(xs);
    const dhs = tr.hs.map((h) => normalInit(mat(h.rows, h.cols, "float64"), rng, 1));
    zeroGrads(cell.params);
    const a = cell.backward(tr, dhs, {paramGrads: false});
    expect(cell.params.every((p) => p.grad.data.every((v) => v === 0))).toBe(true);
    const b = cell.backward(tr, dhs);
    expect(cell.params.some((p) => p.grad.data.some((v) => v !== 0))).toBe(true);
    expect(Array.from(a.dc[0].data)).toEqual(Array.from(b.dc[0].data));
    expect(Array.from(a.dxs[1].data)).toEqual(Array.from(b.dxs[1].data));
  });

  it("runs in float32 by default and treats missing dh(t) as zero", () => {
    const cell = new LstmCell({inputSize: 2, hiddenSize: 3}, new Rng(4));
    const xs = [mat(1, 2), mat(1, 2), mat(1, 2)];
    xs[0].data[0] = 1;
    const tr = cell.forward(xs);
    expect(tr.hs[2].data).toBeInstanceOf(Float32Array);
    const dh = mat(1, 3);
    dh.data.fill(1);
    const g = cell.backward(tr, [undefined as unknown as Mat, undefined as unknown as Mat, dh]);
    expect(g.dh[2].data[0]).toBe(1);
    expect(g.dxs[0].data.some((v) => v !== 0)).toBe(true);
  });
});
