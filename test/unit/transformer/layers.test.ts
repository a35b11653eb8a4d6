import {describe, expect, it} from "vitest";
import {EncoderLayer} from "../../../src/models/transformer/encoder-layer.js";
import {DecoderLayer} from "../../../src/models/transformer/decoder-layer.js";
import type {NormPlacement} from "../../../src/models/transformer/config.js";
import {mat} from "../../../src/engine/index.js";
import {checkBlock, maxAbsDiff, randomMat, Rng} from "./helpers.js";

const sizes = (norm: NormPlacement) => ({dModel: 4, heads: 2, ffHidden: 6, norm, dtype: "float64" as const});

/** Perturbs LN γ and β away from 1 and 0 so their gradients are not special. */
function jitter(params: {name: string; value: {data: Float32Array | Float64Array}}[], rng: Rng): void {
  for (const p of params) if (/ln\d\.[γβ]|b₁|b₂/.test(p.name)) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] += 0.3 * (2 * rng.uniform() - 1);
}

describe("EncoderLayer", () => {
  for (const norm of ["pre", "post"] as const) {
    it(`${norm}-LN: backward matches finite differences (every parameter and the input), with padded sources, float64`, () => {
      const rng = new Rng(1);
      const layer = new EncoderLayer(sizes(norm), rng, "enc.0");
      jitter(layer.params, rng);
      const n = 3, X = randomMat(rng, 2 * n, 4), lengths = [3, 2];
      const r = checkBlock(layer.params, [X], () => {
        const c = layer.forward(X, n, lengths);
        return {Y: c.Y, backward: (dY) => [layer.backward(c, dY)]};
      }, rng);
      expect(r.params, r.worst).toBeLessThan(1e-6);
      expect(r.inputs, r.worst).toBeLessThan(1e-6);
    });
  }

  it("names its parameters after its place in the model", () => {
    const layer = new EncoderLayer(sizes("pre"), new Rng(1), "enc.1");
    expect(layer.params.map((p) => p.name)).toEqual([
      "enc.1.self.W_Q", "enc.1.self.W_K", "enc.1.self.W_V", "enc.1.self.W_O", "enc.1.ln1.γ", "enc.1.ln1.β",
      "enc.1.ffn.W₁", "enc.1.ffn.b₁", "enc.1.ffn.W₂", "enc.1.ffn.b₂", "enc.1.ln2.γ", "enc.1.ln2.β"
    ]);
  });

  it("a real token's output does not depend on the padding after it", () => {
    const rng = new Rng(2);
    const layer = new EncoderLayer(sizes("pre"), rng);
    const X = randomMat(rng, 3, 4);
    const a = layer.forward(X, 3, [2]).Y;
    for (let j = 0; j < 4; j++) X.data[8 + j] = 50 * rng.uniform();
    const b = layer.forward(X, 3, [2]).Y;
    expect(maxAbsDiff(a.data.subarray(0, 8), b.data.subarray(0, 8))).toBeLessThan(1e-12);
  });
});

describe("DecoderLayer", () => {
  for (const norm of ["pre", "post"] as const) {
    it(`${norm}-LN: backward matches finite differences (parameters, the targets and the memory), float64`, () => {
      const rng = new Rng(3);
      const layer = new DecoderLayer(sizes(norm), rng, "dec.0");
      jitter(layer.params, rng);
      const T = 3, m = 4, Y = randomMat(rng, 2 * T, 4), M = randomMat(rng, 2 * m, 4), lengths = [4, 2];
      const r = checkBlock(layer.params, [Y, M], () => {
        const c = layer.forward(Y, T, M, m, lengths);
        return {
          Y: c.Y,
          backward: (dZ) => {
            const dM = mat(M.rows, 4, "float64");
            return [layer.backward(c, dZ, dM), dM];
          }
        };
      }, rng);
      expect(r.params, r.worst).toBeLessThan(1e-6);
      expect(r.inputs, r.worst).toBeLessThan(1e-6);
    });
  }

  it("is causal: position t's output does not change when later targets do", () => {
    const rng = new Rng(4);
    const layer = new DecoderLayer(sizes("pre"), rng);
    const Y = randomMat(rng, 4, 4), M = randomMat(rng, 3, 4);
    const a = layer.forward(Y, 4, M, 3).Y;
    for (let j = 0; j < 4; j++) Y.data[8 + j] += 5; // change target position 2
    const b = layer.forward(Y, 4, M, 3).Y;
    expect(maxAbsDiff(a.data.subarray(0, 8), b.data.subarray(0, 8))).toBeLessThan(1e-12);
    expect(maxAbsDiff(a.data.subarray(8), b.data.subarray(8))).toBeGreaterThan(1e-3);
  });

  it("cross-attention weights are zero on padded memory rows and sum to 1 over the real ones", () => {
    const rng = new Rng(5);
    const layer = new DecoderLayer(sizes("pre"), rng);
    const c = layer.forward(randomMat(rng, 2, 4), 2, randomMat(rng, 3, 4), 3, [2]);
    for (const head of c.cross.inner.heads) {
      for (let i = 0; i < 2; i++) {
        expect(head.A.data[i * 3 + 2]).toBe(0);
        expect(head.A.data[i * 3] + head.A.data[i * 3 + 1]).toBeCloseTo(1, 12);
      }
    }
  });
});
