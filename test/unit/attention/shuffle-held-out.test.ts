import {describe, expect, it} from "vitest";
import {OneLayerModel} from "../../../src/models/attention/one-layer-model.js";
import {makePositions} from "../../../src/models/attention/positions.js";
import {shuffleHeldOut} from "../../../src/models/attention/shuffle-held-out.js";
import {packBatch, successorTargets} from "../../../src/models/attention/sort-task.js";
import {argmaxRows} from "../../../src/models/attention/argmax.js";
import {BOS} from "../../../src/models/attention/char-vocab.js";
import {Rng} from "./helpers.js";

const vocab = 29;
// Three sentences of different lengths (⟨s⟩ first), padded into one batch of 6.
const sentences = [[BOS, 5, 3, 9, 3, 7], [BOS, 4, 4, 2], [BOS, 8, 6, 10, 2]];
const batch = packBatch(sentences);

describe("shuffleHeldOut: the shuffle test over every sentence of a batch", () => {
  it("counts every real token once (⟨s⟩ included, padding left out)", () => {
    const model = new OneLayerModel({vocab, dModel: 8, maxLen: 8, classes: vocab, positions: "none", scaled: true}, new Rng(1));
    expect(shuffleHeldOut(model, batch, model.positions, 2).tokens).toBe(6 + 4 + 5);
  });

  it("without positions every answer moves along with its token, whatever the weights", () => {
    for (const seed of [1, 2, 3]) {
      const model = new OneLayerModel({vocab, dModel: 8, maxLen: 8, classes: vocab, positions: "none", scaled: true}, new Rng(seed));
      const r = shuffleHeldOut(model, batch, model.positions, seed);
      expect(r.positions).toBe("none");
      expect(r.movedAlong).toBe(1);
    }
  });

  it("accuracy counts the unshuffled answers that equal the true successors", () => {
    const model = new OneLayerModel({vocab, dModel: 8, maxLen: 8, classes: vocab, positions: "none", scaled: true}, new Rng(4));
    let right = 0;
    for (const ids of sentences) {
      const answers = argmaxRows(model.forward(ids, ids.length).Z).ids;
      const targets = successorTargets(ids);
      right += answers.filter((a, i) => a === targets[i]).length;
    }
    expect(shuffleHeldOut(model, batch, model.positions, 5).accuracy).toBe(right / 15);
  });

  it("large positions added to the same weights make answers stay behind when the tokens move", () => {
    const model = new OneLayerModel({vocab, dModel: 8, maxLen: 8, classes: vocab, positions: "none", scaled: true}, new Rng(6));
    const loud = makePositions("learned", 8, 8, new Rng(7));
    for (let i = 0; i < loud.params[0].value.data.length; i++) loud.params[0].value.data[i] *= 100; // codes far louder than the tokens
    const r = shuffleHeldOut(model, batch, loud, 8);
    expect(r.positions).toBe("learned");
    expect(r.movedAlong).toBeLessThan(0.9);
  });
});
