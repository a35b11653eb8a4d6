/**
 * The build-time checkpoint, trained here with the same function and plan as the data loader
 * (20–35 s of one core), must do what the chapter says it does. The bars (≥ 95% exact at
 * training lengths, beating the fixed context on longer inputs, the largest weight on the right
 * position for ≥ 90% of steps) are held on reversal, the task of the page's chart, whose alignment
 * is strict; the date model keeps its own tests.
 */
import {beforeAll, describe, expect, it} from "vitest";
import type {Checkpoint} from "../../../src/models/seq2seq/checkpoint.js";
import {CHECKPOINT_PLAN, trainCheckpoint} from "../../../src/models/seq2seq/checkpoint.js";
import {unpackParams} from "../../../src/models/seq2seq/codec.js";
import {alignmentHits, heldOut, scorePairs} from "../../../src/models/seq2seq/evaluate.js";
import {reverse} from "../../../src/models/seq2seq/reverse.js";
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

describe("the seq2seq checkpoint: dates", () => {
  it("translates ≥ 95% of unseen dates exactly, after 250 batches of 16", () => {
    const {model, task} = restore(ck.dates);
    expect(ck.dates.steps).toBe(250);
    const score = scorePairs(model, task, heldOut(task, 500, 777));
    expect(score.exact).toBeGreaterThanOrEqual(0.95);
  });

  it("puts the largest weight where the output character is read from, for ≥ 90% of steps (lenient for the month: any letter of its name; teacher-forced)", () => {
    const {model, task} = restore(ck.dates);
    const {hits, scored} = alignmentHits(model, task, heldOut(task, 200, 778));
    expect(scored).toBe(200 * 8); // 4 year digits, 2 month digits, 2 day digits per date
    expect(hits / scored).toBeGreaterThanOrEqual(0.9);
  });

  it("stores the figures the page quotes, as the same code measures them again", () => {
    const {model, task} = restore(ck.dates);
    const {evalPairs, evalSeed} = CHECKPOINT_PLAN;
    const pairs = heldOut(task, evalPairs, evalSeed);
    expect(ck.dates.heldOut).toEqual(scorePairs(model, task, pairs));
    expect(ck.dates.alignment).toEqual({...alignmentHits(model, task, pairs), count: evalPairs});
  });
});

// Reversal is the task of the page's bottleneck chart, and its alignment is strict: output step t
// reads source position n − 1 − t and nothing else.
describe("the seq2seq checkpoint: reversing words (the bottleneck chart)", () => {
  it("has one right source position per output character", () => {
    expect(reverse.alignment("abcd")).toEqual([[3], [2], [1], [0], []]);
  });

  it("with attention, reverses ≥ 95% of unseen words of training length (3–12 letters) exactly, after 1000 batches of 16", () => {
    const {model, task} = restore(ck.reverse.attention);
    expect(ck.reverse.attention.steps).toBe(1000);
    expect(ck.lengths.trainLengths).toEqual([3, 12]);
    const pairs = heldOut(task, 500, 779);
    expect(pairs.every((p) => p.src.length >= 3 && p.src.length <= 12)).toBe(true);
    expect(scorePairs(model, task, pairs).exact).toBeGreaterThanOrEqual(0.95);
    // …and so over the chart's training band, length by length
    const band = ck.lengths.rows.filter((r) => r.length >= 3 && r.length <= 12);
    expect(band).toHaveLength(10);
    expect(mean(band.map((r) => r.attention.exact))).toBeGreaterThanOrEqual(0.95);
    // while the fixed context cannot hold long words even within the training range
    expect(mean(band.map((r) => r.fixed.exact))).toBeLessThan(0.5);
  });

  it("with attention, beats the fixed context in exact match on words longer than any in training (13–20 letters)", () => {
    const longer = ck.lengths.rows.filter((r) => r.length > 12);
    expect(longer.map((r) => r.length)).toEqual([13, 14, 15, 16, 17, 18, 19, 20]);
    for (const r of longer) expect(r.attention.exact, `length ${r.length}`).toBeGreaterThanOrEqual(r.fixed.exact);
    expect(mean(longer.map((r) => r.attention.exact))).toBeGreaterThan(mean(longer.map((r) => r.fixed.exact)) + 0.1);
    // and it keeps more letters right at every longer length
    for (const r of longer) expect(r.attention.chars, `length ${r.length}`).toBeGreaterThan(r.fixed.chars);
  });

  it("puts its largest weight on source position n − 1 − t for ≥ 90% of output steps (strict argmax, teacher-forced, unseen words)", () => {
    const {model, task} = restore(ck.reverse.attention);
    const pairs = heldOut(task, 300, 780);
    const {hits, scored} = alignmentHits(model, task, pairs);
    expect(scored).toBe(pairs.reduce((n, p) => n + p.src.length, 0)); // every letter written; not <end>
    expect(hits / scored).toBeGreaterThanOrEqual(0.9);
    // the figure the page quotes is the same measurement on the checkpoint's own held-out words
    const {evalPairs, evalSeed} = CHECKPOINT_PLAN;
    expect(ck.reverse.attention.alignment).toEqual({...alignmentHits(model, task, heldOut(task, evalPairs, evalSeed)), count: evalPairs});
    expect(ck.reverse.fixed.alignment).toBeUndefined();
  });
});

describe("the seq2seq checkpoint, as the page loads it", () => {
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
