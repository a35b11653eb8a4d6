import {describe, expect, it} from "vitest";
import {SaganAttention} from "../../../src/models/attention/sagan.js";
import {builtInPicture, drawnPicture, BUILT_IN_PICTURES} from "../../../src/models/attention/images.js";
import {pixelAttention} from "../../../src/models/attention/pixel-attention.js";
import {imageAttentionMemory, textAttentionBytes} from "../../../src/models/attention/memory.js";
import {checkLayer, maxAbsDiff, randomMat, Rng} from "./helpers.js";
import {tensor, tf} from "./tf-attention.js";
import {tfReady} from "../../oracle/tf.js";

describe("SAGAN self-attention (Zhang et al. 2018)", () => {
  it("gradients of W_f, W_g, W_h, W_v, γ and of the pixels (float64)", () => {
    const rng = new Rng(1);
    const layer = new SaganAttention({channels: 4, inner: 2, gamma: 0.7, dtype: "float64"}, rng);
    const X = randomMat(rng, 2 * 6, 4); // two 2×3 images
    const err = checkLayer(layer.params, {X}, () => layer.forward(X, 6).Y, (dY) => ({X: layer.backward(layer.forward(X, 6), dY)}), rng);
    expect(err.params).toBeLessThan(1e-5);
    expect(err.inputs.X).toBeLessThan(1e-5);
  });

  it("γ = 0 (the paper's start) passes the picture through unchanged", () => {
    const layer = new SaganAttention({channels: 3, inner: 2, dtype: "float64"}, new Rng(2));
    const X = randomMat(new Rng(3), 16, 3);
    expect(maxAbsDiff(layer.forward(X, 16).Y.data, X.data)).toBe(0);
  });

  it("matches β = softmax(f(x)ᵀ g(x)) and y = γ v(β h(x)) + x built from TensorFlow.js ops", async () => {
    await tfReady();
    const rng = new Rng(4);
    const C = 16, N = 36;
    const layer = new SaganAttention({channels: C, inner: C / 8, gamma: 0.5}, rng);
    const X = randomMat(rng, N, C, "float32");
    const ours = layer.forward(X, N);
    const x = tensor(X), Wf = tensor(layer.Wf.value), Wg = tensor(layer.Wg.value), Wh = tensor(layer.Wh.value), Wv = tensor(layer.Wv.value);
    const s = tf.matMul(tf.matMul(x, Wg), tf.matMul(x, Wf), false, true); // row j, column i: g(x_j)·f(x_i)
    const beta = tf.softmax(s);
    const y = tf.add(tf.mul(tf.matMul(tf.matMul(beta, tf.matMul(x, Wh)), Wv), 0.5), x);
    expect(maxAbsDiff(ours.att.A.data, beta.dataSync())).toBeLessThan(1e-5);
    expect(maxAbsDiff(ours.Y.data, y.dataSync())).toBeLessThan(1e-5);
  });
});

describe("built-in pictures and where a pixel looks", () => {
  it("every built-in picture is 16×16×3 in [0, 1]; 'shapes' depends on the seed", () => {
    for (const kind of BUILT_IN_PICTURES) {
      const p = builtInPicture(kind, 16, new Rng(1));
      expect([p.height, p.width, p.channels, p.data.length]).toEqual([16, 16, 3, 768]);
      for (const v of p.data) expect(v >= 0 && v <= 1).toBe(true);
    }
    expect(builtInPicture("shapes", 16, new Rng(1)).data).not.toEqual(builtInPicture("shapes", 16, new Rng(2)).data);
  });

  it("similarity weights: a pixel of one yellow square looks mostly at both yellow squares, the far one included", () => {
    const p = builtInPicture("two-squares", 16, new Rng(1));
    const r = pixelAttention(p, 3, 3, {weights: "similarity", sharpness: 8});
    const yellow = (i: number) => p.data[i * 3] > 0.9 && p.data[i * 3 + 1] > 0.7;
    let onYellow = 0, onFarSquare = 0;
    r.map.forEach((w, i) => {
      if (yellow(i)) onYellow += w;
      if (yellow(i) && Math.floor(i / 16) >= 10) onFarSquare += w;
    });
    expect(r.map.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(onYellow).toBeGreaterThan(0.9);
    expect(onFarSquare).toBeGreaterThan(0.4); // the other square, 10 pixels away: a 3×3 convolution sees 1 pixel away
  });

  it("random weights give a different map; a drawn one-channel picture works too", () => {
    const p = builtInPicture("circle", 16, new Rng(1));
    const a = pixelAttention(p, 8, 8, {weights: "similarity"}), b = pixelAttention(p, 8, 8, {weights: "random", seed: 3});
    expect(maxAbsDiff(a.map, b.map)).toBeGreaterThan(1e-3);
    const grey = new Float32Array(64);
    grey[9] = grey[54] = 1;
    const d = pixelAttention(drawnPicture(8, 8, grey), 1, 1, {weights: "similarity", sharpness: 16});
    expect(d.map[54]).toBeCloseTo(d.map[9], 6); // the other bright pixel, as much as itself
    expect(d.map[54]).toBeGreaterThan(10 * d.map[0]);
    expect(() => pixelAttention(p, 16, 0, {weights: "random"})).toThrow(/outside/);
  });
});

describe("memory", () => {
  it("(H·W)² float32 weights per head and image, against a 3×3 convolution", () => {
    const m = imageAttentionMemory({height: 64, width: 64, channels: 64, heads: 1, batch: 1});
    expect(m.attentionWeights.bytes).toBe(4096 * 4096 * 4); // 64 MiB
    expect(m.convWeights.numbers).toBe(9 * 64 * 64 + 64);
    expect(m.convActivations.bytes).toBe(64 * 64 * 64 * 4);
    expect(m.ratio).toBeGreaterThan(50);
    const twice = imageAttentionMemory({height: 128, width: 128, channels: 64, heads: 2, batch: 3});
    expect(twice.attentionWeights.numbers / m.attentionWeights.numbers).toBe(16 * 2 * 3); // side ×2 → (H·W)² ×16
    expect(textAttentionBytes(512, 8, 2)).toBe(2 * 8 * 512 * 512 * 4);
  });
});
