/**
 * The engine demo page, driven as a reader would: training starts from the button, the loss curve
 * grows, the main thread stays free while the worker trains, and each control changes the view.
 */
import {describe, expect, it} from "vitest";
import {browserMissing, errorCells, setInput} from "./browser.js";
import {builtPages} from "./site.js";
import {useSite} from "./fixture.js";
import {fingerprint, modelStatusOf, press, waitForChange, waitForStatus} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/demo");

describe.skipIf(missing !== null || !present)("engine demo page", () => {
  const env = useSite();
  const w = env.openBeforeAll("/demo", (page) => waitForStatus(page, "ready", 30_000));

  it("trains in the worker: the loss curve grows and falls, with no main-thread task over 50 ms", async () => {
    const before = await fingerprint(w.page, "loss-chart");
    await w.takeLongTasks();
    await press(w.page, "train-button");
    await waitForChange(w.page, "loss-chart", before);
    await w.page.waitForTimeout(2500);
    expect(await modelStatusOf(w.page)).toBe("training");
    const longTasks = await w.takeLongTasks();
    expect(longTasks.filter((ms) => ms > 50)).toEqual([]);
    const loss = await w.page.$eval('[data-testid="loss-chart"]', (el) => el.textContent ?? "");
    expect(loss).toMatch(/loss/);
    await press(w.page, "train-button"); // pause
    await w.page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.getAttribute("data-status") === "paused");
  });

  it("the temperature slider redraws the heatmap", async () => {
    const before = await fingerprint(w.page, "demo-heatmap");
    await setInput(w.page, '[data-testid="temperature-slider"] input', 0.2);
    await waitForChange(w.page, "demo-heatmap", before);
  });

  it("the class select redraws the heatmap", async () => {
    const before = await fingerprint(w.page, "demo-heatmap");
    await setInput(w.page, '[data-testid="class-select"] select', 2);
    await waitForChange(w.page, "demo-heatmap", before);
  });

  it("the stepper steps with buttons and keys, and its panel shows numbers", async () => {
    const stepper = w.page.locator('[data-testid="demo-stepper"]');
    const first = await fingerprint(w.page, "demo-stepper");
    await stepper.getByRole("button", {name: /next/i}).click();
    const second = await waitForChange(w.page, "demo-stepper", first);
    await stepper.locator("[tabindex='0']").first().focus();
    await w.page.keyboard.press("ArrowRight");
    const third = await waitForChange(w.page, "demo-stepper", second);
    expect(third).toMatch(/\d\.\d/);
  });

  it("nothing broke along the way", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
  });
});
