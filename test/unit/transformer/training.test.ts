/**
 * The seeded end-to-end check: the build-time checkpoint's own training path (CHECKPOINT_PLAN.dates,
 * the code data/transformer-checkpoint.json.ts runs) reaches ≥ 95% exact match on held-out dates,
 * and the saved model, loaded into the live model, performs the same.
 */
import {describe, expect, it} from "vitest";
import {CHECKPOINT_PLAN, trainRun} from "../../../src/models/transformer/checkpoint.js";
import {TransformerLive} from "../../../src/models/transformer-live.js";
import {heldOut} from "../../../src/models/seq2seq/evaluate.js";
import {dates} from "../../../src/models/seq2seq/dates.js";

describe("training the Transformer on dates", () => {
  it("reaches ≥ 95% held-out exact match in the checkpoint's budget, and its checkpoint loads and performs", () => {
    const t0 = performance.now(), c0 = process.cpuUsage();
    const {run} = trainRun(CHECKPOINT_PLAN.dates, CHECKPOINT_PLAN);
    const cpu = process.cpuUsage(c0);
    console.log(`transformer dates: ${run.saved.steps} steps of ${run.saved.settings.batchSize}, held-out exact ${run.saved.heldOut?.exact}, ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s cpu; curve ${run.curve.map((c) => c.exact).join(" ")}`);
    expect(run.saved.heldOut!.exact).toBeGreaterThanOrEqual(0.95);
    expect(run.stepsToTarget).not.toBeNull();
    expect(run.curve[run.curve.length - 1].step).toBe(CHECKPOINT_PLAN.dates.steps);

    const live = new TransformerLive();
    live.reset(run.saved.settings);
    expect(live.query({kind: "load", model: JSON.parse(JSON.stringify(run.saved))}).kind).toBe("loaded");
    const pairs = heldOut(dates, 20, 99);
    let right = 0;
    for (const p of pairs) {
      const v = live.query({kind: "translate", input: p.src});
      if (v.kind === "translate" && v.correct) right++;
    }
    expect(right).toBeGreaterThanOrEqual(18);
  }, 240_000);
});
