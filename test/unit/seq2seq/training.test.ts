/**
 * The build-time checkpoint, trained here with the same function and plan as the data loader
 * (about 20 s of one core), must do what the chapter says it does.
 */
import {beforeAll, describe, expect, it} from "vitest";
import type {Checkpoint} from "../../../src/models/seq2seq/checkpoint.js";
import {CHECKPOINT_PLAN, trainCheckpoint} from "../../../src/models/seq2seq/checkpoint.js";
import {unpackParams} from "../../../src/models/seq2seq/codec.js";
import {alignmentHits, heldOut, scorePairs} from "../../../src/models/seq2seq/evaluate.js";
import {build} from "../../../src/models/seq2seq/settings.js";
import {Seq2seqLive} from "../../../src/models/seq2seq-live.js";
import type {SavedModel} from "../../../src/models/seq2seq-live.js";

let ck: Checkpoint;
beforeAll(() => {
  ck = trainCheckpoint(CHECKPOINT_PLAN);
}, 300_000);

function restore(saved: SavedModel) {
  const built = build(saved.settings);
  unpackParams(built.model.params, saved.params);
  return built;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("the seq2seq checkpoint", () => {
  it("translates ≥ 95% of unseen dates exactly, after 250 batches of 16", () => {
    const {model, task} = restore(ck.dates);
    expect(ck.dates.steps).toBe(250);
    const score = scorePairs(model, task, heldOut(task, 500, 777));
    expect(score.exact).toBeGreaterThanOrEqual(0.95);
  });

  it("puts the largest attention weight where the output character is read from, for ≥ 90% of steps", () => {
    const {model, task} = restore(ck.dates);
    const {hits, scored} = alignmentHits(model, task, heldOut(task, 200, 778));
    expect(scored).toBe(200 * 8); // 4 year digits, 2 month digits, 2 day digits per date
    expect(hits / scored).toBeGreaterThanOrEqual(0.9);
  });

  it("with attention, reverses words of training length, and beats the fixed context on longer ones", () => {
    const rows = ck.lengths.rows;
    const [, hi] = ck.lengths.trainLengths;
    const inRange = rows.filter((r) => r.length >= 6 && r.length <= hi);
    const longer = rows.filter((r) => r.length > hi);
    expect(longer.length).toBeGreaterThanOrEqual(6);
    expect(mean(inRange.map((r) => r.attention.exact))).toBeGreaterThanOrEqual(0.9);
    // the fixed context cannot hold long words even within the training range…
    expect(mean(inRange.map((r) => r.fixed.exact))).toBeLessThan(0.5);
    // …and beyond it attention keeps more characters right at every length
    for (const r of longer) expect(r.attention.chars, `length ${r.length}`).toBeGreaterThan(r.fixed.chars);
    expect(mean(longer.map((r) => r.attention.chars))).toBeGreaterThan(mean(longer.map((r) => r.fixed.chars)) + 0.2);
  });

  it("survives JSON and loads into the live model, which then reproduces the length table", () => {
    const json: Checkpoint = JSON.parse(JSON.stringify(ck));
    const live = new Seq2seqLive();
    live.reset({...json.dates.settings, seed: 99});
    expect(live.query({kind: "load", model: json.reverse.fixed})).toMatchObject({kind: "loaded", task: "reverse", variant: "fixed"});
    expect(live.query({kind: "load", model: json.reverse.attention})).toMatchObject({kind: "loaded", task: "reverse", variant: "attention"});
    const {lengths, perLength, evalSeed} = CHECKPOINT_PLAN;
    const v = live.query({kind: "accuracyByLength", lengths, perLength, seed: evalSeed});
    if (v.kind !== "accuracyByLength") throw new Error(JSON.stringify(v));
    expect(Array.from(v.attention.exact)).toEqual(json.lengths.rows.map((r) => Math.fround(r.attention.exact)));
    expect(Array.from(v.fixed.chars)).toEqual(json.lengths.rows.map((r) => Math.fround(r.fixed.chars)));
    live.query({kind: "load", model: json.dates});
    const t = live.query({kind: "translate", input: "27 November 2026"});
    expect(t).toMatchObject({kind: "translate", output: "2026-11-27", correct: true});
  });
});
