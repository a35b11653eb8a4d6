import {describe, expect, it} from "vitest";
import {blockIds} from "../../../src/models/transformer/blocks.js";
import {blockKind, blockName, diagramLayout} from "../../../components/transformer-layout.js";

const overlaps = (a: {x: number; y: number; w: number; h: number}, b: {x: number; y: number; w: number; h: number}) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("transformer diagram layout", () => {
  for (const [layers, norm] of [[1, "pre"], [2, "pre"], [1, "post"], [3, "post"]] as const) {
    it(`${layers} layer(s), ${norm}-LN: one box per block, inside the view, none overlapping`, () => {
      const blocks = blockIds(layers, norm);
      const l = diagramLayout(blocks, norm);
      expect(l.boxes.map((b) => b.id).sort()).toEqual([...blocks].sort());
      for (const b of l.boxes) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(l.width);
        expect(b.y + b.h).toBeLessThanOrEqual(l.height);
      }
      for (let i = 0; i < l.boxes.length; i++) for (let j = i + 1; j < l.boxes.length; j++) expect(overlaps(l.boxes[i], l.boxes[j]), `${l.boxes[i].id} / ${l.boxes[j].id}`).toBe(false);
      // Sub-layers have a residual ⊕ above them; the rest do not.
      for (const b of l.boxes) expect(b.sum !== null).toBe(b.kind === "self" || b.kind === "cross" || b.kind === "ffn");
      // Each stack reads from the bottom up: the flow order is upward on the page.
      for (const stack of ["enc", "dec"] as const) {
        const ys = blocks.filter((id) => blockKind(id).stack === stack).map((id) => l.boxes.find((b) => b.id === id)!.y);
        for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeLessThan(ys[i - 1]);
      }
      // M reaches every cross-attention box, at its left edge and middle.
      const crosses = l.boxes.filter((b) => b.kind === "cross");
      expect(crosses.length).toBe(layers);
      for (const c of crosses) expect(l.memory.some((m) => m.at(-1)![0] === c.x && m.at(-1)![1] === c.y + c.h / 2)).toBe(true);
      expect(l.frames.length).toBe(2 * layers);
    });
  }

  it("describes pre-LN and post-LN sub-layers by their formulas", () => {
    const pre = diagramLayout(blockIds(1, "pre"), "pre");
    const post = diagramLayout(blockIds(1, "post"), "post");
    expect(pre.boxes.find((b) => b.id === "enc.0.ffn")!.detail).toBe("x + FFN(LN(x))");
    expect(post.boxes.find((b) => b.id === "enc.0.ffn")!.detail).toBe("LN(x + FFN(x))");
    expect(pre.boxes.find((b) => b.id === "dec.0.cross")!.detail).toBe("x + MHA(LN(x), M)");
    expect(pre.boxes.find((b) => b.id === "dec.0.self")!.detail).toMatch(/causal/);
    expect(post.boxes.some((b) => b.kind === "norm")).toBe(false);
    expect(pre.boxes.find((b) => b.id === "enc.embed")!.detail).toBe("√d·E[token] + PE(i)");
    expect(diagramLayout(blockIds(1, "pre"), "pre", {positions: "none"}).boxes.find((b) => b.id === "dec.embed")!.detail).toBe("√d·E[token]");
    expect(diagramLayout(blockIds(1, "pre"), "pre", {positions: "learned"}).boxes.find((b) => b.id === "enc.embed")!.detail).toBe("√d·E[token] + P[i]");
  });

  it("names blocks for the reader", () => {
    expect(blockName("enc.0.self")).toBe("encoder layer 1: self-attention");
    expect(blockName("dec.1.self")).toBe("decoder layer 2: masked self-attention");
    expect(blockName("dec.norm")).toBe("decoder: final layer norm");
    expect(blockName("out")).toMatch(/softmax/);
    expect(blockKind("dec.0.cross")).toEqual({kind: "cross", stack: "dec", layer: 0});
  });
});
