/**
 * The worker protocol as a reader meets it, on chapter 1's page: one worker per live model,
 * however much the controls move, and a worker that crashes becomes a message with a restart
 * button that brings the model back.
 */
import {describe, expect, it} from "vitest";
import {browserMissing, setInput} from "./browser.js";
import {builtPages} from "./site.js";
import {useSite} from "./fixture.js";
import {fingerprint, press, text, waitForChange, waitForStatus} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/rnn");

describe.skipIf(missing !== null || !present)("worker protocol in the page (chapter 1)", () => {
  const env = useSite();
  const w = env.openBeforeAll("/rnn", (page) => waitForStatus(page, "ready"));

  it("moving the controls, even ones that rebuild the model, starts no new worker", async () => {
    const workers = w.page.workers().length;
    expect(workers).toBe(1);
    for (const value of [0.3, 1.5, 0.7]) await setInput(w.page, '[data-testid="temperature-slider"] input', value);
    const before = await fingerprint(w.page, "state-heatmap");
    await setInput(w.page, '[data-testid="hidden-slider"] input', 16); // a new model, in the same worker
    await waitForChange(w.page, "state-heatmap", before);
    await waitForStatus(w.page, "ready");
    expect(w.page.workers().length).toBe(workers);
  });

  it("a worker that crashes: the page says so and offers a restart, which brings the model back", async () => {
    const [worker] = w.page.workers();
    await worker.evaluate(() => void setTimeout(() => {
      throw new Error("crash caused by the test");
    }));
    await waitForStatus(w.page, "crashed", 15_000);
    const status = w.page.locator('[data-testid="model-status"]');
    expect(await text(w.page, "model-status")).toMatch(/stopped.*crash caused by the test/s);
    const restart = status.getByRole("button", {name: "Restart the model"});
    expect(await restart.isVisible()).toBe(true);
    await restart.click();
    await waitForStatus(w.page, "ready");
    expect(await restart.isVisible()).toBe(false);
    await expect.poll(() => w.page.workers().length).toBe(1); // the crashed worker was ended, a new one took its place
    expect(w.page.workers()[0]).not.toBe(worker);
    const before = await fingerprint(w.page, "loss-chart");
    await press(w.page, "train-button");
    await waitForChange(w.page, "loss-chart", before);
    await press(w.page, "train-button"); // pause
    await waitForStatus(w.page, "paused");
  });
});
