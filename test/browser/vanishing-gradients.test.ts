/**
 * Chapter 2, driven as a reader would: the scale of W_h and the activation move the (t, k)
 * heatmap, the distance chart and the displayed γs; the stepper walks the Jacobian's factors with
 * numbers; the two training runs (with and without clipping) both draw; extreme settings and odd
 * texts give a result or a message, never an error cell or NaN; the main thread stays free.
 */
import {afterEach, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {browserMissing, errorCells, setInput, type WatchedPage} from "./browser.js";
import {builtPages} from "./site.js";
import {expectClean, useSite} from "./fixture.js";
import {fingerprint, heatmapShape, letTrain, modelStatusOf, moveCursor, press, text as textOf, waitForChange, waitForText} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/vanishing-gradients");

/** The figures whose text must never show NaN. */
const FIGURES = ["flow-heatmap", "distance-chart", "walk-stepper", "spectrum", "clip-loss-chart", "clip-norm-chart"];


/** Notes a view shows about values it could not draw (hidden ones do not count). */
const visibleNotes = (page: Page, testid: string) => page.$$eval(`[data-testid="${testid}"] .rt-note:not([hidden])`, (els) => els.map((e) => e.textContent ?? ""));

/** The slider moves on a log scale: its <input> holds log₁₀ of the value. */
const setLogSlider = (page: Page, testid: string, value: number) => setInput(page, `[data-testid="${testid}"] input`, Math.log10(value));

/** Waits until no query is running (the "Computing …" line is empty) and the status is ready. */
async function settled(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="computing"]')?.textContent === "" && document.querySelector('[data-testid="model-status"]')?.getAttribute("data-status") === "ready",
    undefined,
    {timeout}
  );
  await page.waitForTimeout(150);
}

/** The CPU times (ms) of the main-thread tasks over 50 ms while `during` runs (see browser.ts). */
async function longTasksDuring(w: WatchedPage, during: () => Promise<void>): Promise<number[]> {
  await w.takeLongTasks();
  await during();
  return (await w.takeLongTasks()).filter((ms) => ms > 50);
}

async function noNaN(page: Page): Promise<void> {
  for (const id of FIGURES) expect(await textOf(page, id), id).not.toMatch(/NaN|Infinity/);
}

describe.skipIf(missing !== null || !present)("chapter 2: vanishing gradients", () => {
  const env = useSite();
  const w = env.openBeforeAll("/vanishing-gradients", async (page) => {
    await page.waitForFunction(() => /T = 40/.test(document.querySelector('[data-testid="flow-heatmap"]')?.textContent ?? ""), undefined, {timeout: 30_000});
    await settled(page);
  });

  it("loads clean, with γs of the default model shown", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(await textOf(w.page, "gamma-s")).toBe("γs = 1.000");
    expect(await textOf(w.page, "spectrum")).toMatch(/s = 1\.000 · ρ\(Wh\) = 1\.000/);
    await noNaN(w.page);
  });

  it("the scale slider changes the heatmap, the distance chart and γs, with no long task", async () => {
    const heat = await fingerprint(w.page, "flow-heatmap");
    const dist = await fingerprint(w.page, "distance-chart");
    const long = await longTasksDuring(w, async () => {
      await setLogSlider(w.page, "scale-slider", 3);
      await waitForChange(w.page, "flow-heatmap", heat);
      await waitForChange(w.page, "distance-chart", dist);
      await settled(w.page);
    });
    expect(long).toEqual([]);
    // The slider moves in steps of 0.01 on a log₁₀ scale: 10^0.48 = 3.02.
    expect(await textOf(w.page, "gamma-s")).toBe("γs = 3.020");
    expect(await textOf(w.page, "spectrum")).toMatch(/explosion is possible/);
    expect(await textOf(w.page, "distance-chart")).toMatch(/bound \(γs\)\^d/);
  });

  it("switching the activation to the sigmoid changes them too: γ = 1/4", async () => {
    const heat = await fingerprint(w.page, "flow-heatmap");
    const dist = await fingerprint(w.page, "distance-chart");
    await setInput(w.page, '[data-testid="activation-select"] select', 1);
    await waitForChange(w.page, "flow-heatmap", heat);
    await waitForChange(w.page, "distance-chart", dist);
    await settled(w.page);
    expect(await textOf(w.page, "gamma-s")).toBe("γs = 0.755");
    expect(await textOf(w.page, "spectrum")).toMatch(/γ = 1\/4/);
    expect(await textOf(w.page, "spectrum")).toMatch(/vanishing is certain/);
  });

  it("the stepper walks the factors with numbers, ending at the chosen k", async () => {
    await setInput(w.page, '[data-testid="t-slider"] input', 30);
    await setInput(w.page, '[data-testid="d-slider"] input', 5);
    await w.page.waitForFunction(() => /Step 1 of 6/.test(document.querySelector('[data-testid="walk-stepper"]')?.textContent ?? ""), undefined, {timeout: 15_000});
    const stepper = w.page.locator('[data-testid="walk-stepper"]');
    const first = await fingerprint(w.page, "walk-stepper");
    expect(first).toMatch(/start: ∂J\(30\)\/∂h\(30\)/);
    await stepper.getByRole("button", {name: /next/i}).click();
    const second = await waitForChange(w.page, "walk-stepper", first);
    expect(second).toMatch(/Step 2 of 6/);
    // The factor D(30)W_h: its slopes (≤ 1/4 for the sigmoid) and norms.
    const panel = await stepper.locator("section").textContent();
    expect(panel).toMatch(/× D\(30\)W_h → ∂J\(30\)\/∂h\(29\)/);
    expect(panel).toMatch(/length 32/);
    expect(panel).toMatch(/each slope is at most γ = 1\/4/);
    expect(panel).toMatch(/\d\.\d{2,}/);
    // …and the factor itself, drawn in the panel: H × H cells, with its values on hover.
    const inPanel = (id: string) => stepper.locator(`section [data-testid="${id}"]`).count();
    expect(await inPanel("factor-heatmap")).toBe(1);
    expect(await inPanel("product-heatmap")).toBe(0);
    expect(await heatmapShape(w.page, "factor-heatmap")).toBe("32×32");
    expect(await textOf(w.page, "factor-heatmap")).toMatch(/The factor D\(30\)W_h = ∂h\(30\)\/∂h\(29\), 32 × 32/);
    await moveCursor(w.page, "factor-heatmap", 2, 3);
    expect(await w.page.$eval('[data-testid="factor-heatmap"] .rt-tooltip', (el) => el.textContent ?? "")).toMatch(/r: a unit of the later state: 3.*c: a unit of the earlier state: 4.*∂h\(30\)\[r\] \/ ∂h\(29\)\[c\]: −?\d/);
    expect(await textOf(w.page, "walk-stepper")).toMatch(/Step 2 of 6/); // the arrow keys moved the cursor, not the stepper
    // The next factor is another matrix: D(29)W_h.
    const factor30 = await fingerprint(w.page, "factor-heatmap");
    await stepper.getByRole("button", {name: /next/i}).click();
    const factor29 = await waitForChange(w.page, "factor-heatmap", factor30);
    expect(factor29).toMatch(/D\(29\)W_h = ∂h\(29\)\/∂h\(28\)/);
    expect(await heatmapShape(w.page, "factor-heatmap")).toBe("32×32");
    await stepper.locator("[tabindex='0']").first().focus();
    await w.page.keyboard.press("End");
    const last = await waitForText(w.page, "walk-stepper", /Step 6 of 6/);
    expect(await stepper.locator("section").textContent()).toMatch(/∂J\(30\)\/∂h\(25\)/);
    expect(last).not.toMatch(/NaN/);
    // At the last step, the product ∂h(30)/∂h(25) as well.
    expect(await inPanel("product-heatmap")).toBe(1);
    expect(await heatmapShape(w.page, "product-heatmap")).toBe("32×32");
    expect(await textOf(w.page, "product-heatmap")).toMatch(/The whole product ∂h\(30\)\/∂h\(25\), 32 × 32/);
    expect(await fingerprint(w.page, "factor-heatmap")).toMatch(/D\(26\)W_h/);
  });

  it("a click on a heatmap cell picks its (t, k) for the stepper", async () => {
    const before = await fingerprint(w.page, "walk-stepper");
    const plot = w.page.locator('[data-testid="flow-heatmap"] .rt-plot svg').first();
    const box = await plot.boundingBox();
    expect(box).not.toBeNull();
    // A point low and to the left: a cell below the diagonal (t > k), so a defined pair.
    const position = {x: box!.width * 0.35, y: box!.height * 0.8};
    await plot.hover({position});
    await w.page.waitForFunction(() => /steps apart: ‖∂J\(\d+\)\/∂h\(\d+\)‖ = \d/.test(document.querySelector('[data-testid="heatmap-hover"]')?.textContent ?? ""));
    await plot.click({position});
    await waitForChange(w.page, "walk-stepper", before);
    const t = Number(await w.page.$eval('[data-testid="t-slider"] input', (i) => (i as HTMLInputElement).value));
    const d = Number(await w.page.$eval('[data-testid="d-slider"] input', (i) => (i as HTMLInputElement).value));
    expect(t).toBeGreaterThan(20);
    expect(d).toBeGreaterThanOrEqual(1);
    await w.page.waitForFunction((tt) => new RegExp(`start: ∂J\\(${tt}\\)/∂h\\(${tt}\\)`).test(document.querySelector('[data-testid="walk-stepper"]')?.textContent ?? ""), t, {timeout: 15_000});
  });

  it("tanh, s = 3, η = 0.5: both runs train and draw, clipping wins, and the main thread stays free", async () => {
    await press(w.page, "preset-tanh");
    await settled(w.page);
    await w.page.waitForFunction(() => ["status-with-clip", "status-without-clip"].every((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-status") === "ready"), undefined, {timeout: 30_000});
    expect(await textOf(w.page, "gamma-s")).toBe("γs = 3.000");
    const loss = await fingerprint(w.page, "clip-loss-chart");
    const long = await longTasksDuring(w, async () => {
      await press(w.page, "train-button");
      await waitForChange(w.page, "clip-loss-chart", loss);
      expect(["training", "ready"]).toContain(await letTrain(w.page, 2500, "status-with-clip"));
    });
    expect(long).toEqual([]);
    await w.page.waitForFunction(() => ["status-with-clip", "status-without-clip"].every((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-status") === "ready"), undefined, {timeout: 120_000});
    // Both curves are drawn in both charts, each with its latest value in the legend.
    for (const id of ["clip-loss-chart", "clip-norm-chart"]) {
      const items = await w.page.$$eval(`[data-testid="${id}"] .rt-legend-items li`, (lis) => lis.map((li) => li.textContent ?? ""));
      expect(items).toHaveLength(2);
      for (const item of items) expect(item).toMatch(/\d/);
      const paths = await w.page.$$eval(`[data-testid="${id}"] svg path[stroke-dasharray]`, (ps) => ps.map((p) => (p.getAttribute("d") ?? "").length));
      expect(paths.filter((n) => n > 100)).toHaveLength(2);
    }
    const latest = Object.fromEntries(
      await w.page.$$eval('[data-testid="clip-loss-chart"] .rt-legend-items li', (lis) =>
        lis.map((li) => [/without/.test(li.textContent ?? "") ? "without" : "with", Number(li.querySelector(".rt-latest")?.textContent ?? NaN)])
      )
    );
    expect(latest.with).toBeLessThan(latest.without); // with clipping it ends lower
    expect(await textOf(w.page, "runs-note")).toBe("");
    await noNaN(w.page);
  });

  it("ReLU, s = 1.5, η = 0.2: the unclipped run diverges and stops with a message, never a NaN in a chart", async () => {
    await press(w.page, "preset-relu");
    await settled(w.page);
    await w.page.waitForFunction(() => ["status-with-clip", "status-without-clip"].every((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-status") === "ready"), undefined, {timeout: 30_000});
    await press(w.page, "train-button");
    await w.page.waitForFunction(() => /diverged at step/.test(document.querySelector('[data-testid="runs-note"]')?.textContent ?? ""), undefined, {timeout: 30_000});
    expect(await textOf(w.page, "runs-note")).toMatch(/without clipping diverged at step 2/);
    await w.page.waitForFunction(() => document.querySelector('[data-testid="status-with-clip"]')?.getAttribute("data-status") === "ready", undefined, {timeout: 120_000});
    for (const id of ["clip-loss-chart", "clip-norm-chart"]) expect(await visibleNotes(w.page, id)).toEqual([]);
    await noNaN(w.page);
  });

  it("the clip, learning-rate and length sliders, and Start again, move their views", async () => {
    const norms = await fingerprint(w.page, "clip-norm-chart");
    await setLogSlider(w.page, "clip-slider", 5);
    const fresh = await waitForChange(w.page, "clip-norm-chart", norms);
    expect(fresh).toMatch(/threshold c = 5/);
    await w.page.waitForFunction(() => /not trained yet/.test(document.querySelector('[data-testid="status-with-clip"]')?.textContent ?? ""), undefined, {timeout: 30_000});
    const loss = await fingerprint(w.page, "clip-loss-chart");
    await press(w.page, "train-button");
    await waitForChange(w.page, "clip-loss-chart", loss);
    let trained = await fingerprint(w.page, "clip-loss-chart");
    // "Start again": same settings, fresh weights, empty charts.
    await press(w.page, "reset-button");
    await waitForChange(w.page, "clip-loss-chart", trained);
    await w.page.waitForFunction(() => document.querySelectorAll('[data-testid="clip-loss-chart"] .rt-legend-items li').length === 0, undefined, {timeout: 30_000});
    await w.page.waitForFunction(() => /not trained yet/.test(document.querySelector('[data-testid="status-with-clip"]')?.textContent ?? ""), undefined, {timeout: 30_000});
    await press(w.page, "train-button");
    trained = await waitForChange(w.page, "clip-loss-chart", await fingerprint(w.page, "clip-loss-chart"));
    await setLogSlider(w.page, "lr-slider", 0.05);
    await waitForChange(w.page, "clip-loss-chart", trained); // the runs start again: the curves are cleared
    await w.page.waitForFunction(() => ["status-with-clip", "status-without-clip"].every((id) => /not trained yet/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? "")), undefined, {timeout: 30_000});
    const heat = await fingerprint(w.page, "flow-heatmap");
    await setInput(w.page, '[data-testid="length-slider"] input', 60);
    expect(await waitForChange(w.page, "flow-heatmap", heat, 30_000)).toMatch(/T = 60/);
    await settled(w.page);
    expect(await textOf(w.page, "text-note")).toMatch(/first T \+ 1 = 61 characters/);
  });

  it("extreme settings (s = 10 with ReLU, T = 200) give a result and a message, never NaN, without long tasks", async () => {
    const long = await longTasksDuring(w, async () => {
      await setLogSlider(w.page, "scale-slider", 10);
      await setInput(w.page, '[data-testid="length-slider"] input', 200);
      await w.page.waitForFunction(() => /s = 10\.00, γs = 10\.00, T = 200/.test(document.querySelector('[data-testid="flow-heatmap"]')?.textContent ?? ""), undefined, {timeout: 60_000});
      await settled(w.page, 60_000);
    });
    expect(long).toEqual([]);
    expect(await textOf(w.page, "heatmap-clip-note")).toMatch(/forward pass overflowed/);
    expect(await textOf(w.page, "heatmap-clip-note")).toMatch(/Clipped for display/);
    expect(await textOf(w.page, "distance-clip-note")).toMatch(/Clipped for display/);
    expect(await visibleNotes(w.page, "distance-chart")).toEqual([]);
    await noNaN(w.page);
    // tanh at the same extremes: no overflow, but a bound of 10^199 clipped for display.
    await setInput(w.page, '[data-testid="activation-select"] select', 0);
    await w.page.waitForFunction(() => /explosion is possible/.test(document.querySelector('[data-testid="spectrum"]')?.textContent ?? "") && /γ = 1 ·/.test(document.querySelector('[data-testid="spectrum"]')?.textContent ?? ""), undefined, {timeout: 30_000});
    await settled(w.page, 60_000);
    expect(await textOf(w.page, "distance-clip-note")).toMatch(/values of the bound above 10³⁰/);
    await noNaN(w.page);
    // and at the small end, the sigmoid at s = 0.1: everything vanishes below 10⁻³⁰.
    await setInput(w.page, '[data-testid="activation-select"] select', 1);
    await setLogSlider(w.page, "scale-slider", 0.1);
    await w.page.waitForFunction(() => /γs = 0\.025/.test(document.querySelector('[data-testid="spectrum"]')?.textContent ?? ""), undefined, {timeout: 30_000});
    await settled(w.page, 60_000);
    expect(await textOf(w.page, "heatmap-clip-note")).toMatch(/below 10⁻³⁰/);
    await noNaN(w.page);
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("odd texts give a message or a result, never an error cell", async () => {
    await setInput(w.page, '[data-testid="length-slider"] input', 40);
    await settled(w.page, 60_000);
    const field = '[data-testid="text-input"] textarea';
    const use = w.page.locator('[data-testid="text-input"] button');
    // Cannot be used: a message, and the button is disabled.
    for (const [text, message] of [["", /empty/], ["a", /single character/], ["zzzz", /repeats one character/]] as const) {
      await setInput(w.page, field, text);
      expect(await textOf(w.page, "text-input")).toMatch(message);
      expect(await use.isDisabled()).toBe(true);
    }
    // Can be used: the model is rebuilt on it and the heatmap redrawn.
    const cases: [string, RegExp][] = [
      ["ab", /repeats it/],
      ["🙂🙃 emoji 🙂🙃 and more emoji 🙂", /distinct characters/],
      ["שלום עולם, זה טקסט מימין לשמאל. ".repeat(4), /distinct characters/],
      ["The lamp was lit. ".repeat(1200).slice(0, 20000), /first T \+ 1 = 41 characters/]
    ];
    for (const [text, note] of cases) {
      const before = await fingerprint(w.page, "flow-heatmap");
      await setInput(w.page, field, text);
      await use.click();
      await settled(w.page, 60_000);
      const after = await fingerprint(w.page, "flow-heatmap");
      expect(after).not.toBe(before);
      expect(await textOf(w.page, "text-note")).toMatch(note);
      expect(await errorCells(w.page)).toEqual([]);
      await noNaN(w.page);
    }
  });

  it("nothing broke along the way", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
    expect(await modelStatusOf(w.page)).toBe("ready");
  });

  describe("the address keeps the reader's settings", () => {
    let v: WatchedPage;
    afterEach(async () => {
      await v?.close();
    });
    const open = async (query: string) => {
      v = await env.open("/vanishing-gradients" + query);
      await settled(v.page);
      return v.page;
    };
    const output = (page: Page, testid: string) => page.$eval(`[data-testid="${testid}"] output`, (el) => el.textContent);
    it("a link opens the page with its settings: the controls show them and the figures follow", async () => {
      const story = "The wind was from the east. The keeper climbed the stairs, lit the lamp and wrote in his book: wind east, sea grey, two boats out and two boats home. Then he slept.";
      const query = new URLSearchParams({text: story, scale: "3", activation: "sigmoid", length: "60", lr: "0.5", clip: "5", t: "30", d: "5"});
      const page = await open(`?${query}`);
      expect(await page.$$('[data-testid="url-note"]')).toHaveLength(0);
      expect(await page.$eval('[data-testid="text-input"] textarea', (el) => (el as HTMLTextAreaElement).value)).toBe(story);
      expect(await output(page, "scale-slider")).toBe("3.00");
      expect(await page.$eval('[data-testid="activation-select"] select', (el) => (el as HTMLSelectElement).selectedOptions[0].textContent)).toBe("sigmoid (γ = 1/4)");
      expect(await output(page, "length-slider")).toBe("60");
      expect(await output(page, "lr-slider")).toBe("0.5");
      expect(await output(page, "clip-slider")).toBe("5");
      expect(await output(page, "t-slider")).toBe("30");
      expect(await output(page, "d-slider")).toBe("5");
      // The figures are those of these settings: γs = 3/4, T = 60 on this text, the pair (30, 25).
      expect(await textOf(page, "gamma-s")).toBe("γs = 0.750");
      expect(await textOf(page, "flow-heatmap")).toMatch(/s = 3\.00, γs = 0\.75, T = 60/);
      expect(await textOf(page, "text-note")).toMatch(/first T \+ 1 = 61 characters \(\d+ distinct/);
      await page.waitForFunction(() => /start: ∂J\(30\)\/∂h\(30\)/.test(document.querySelector('[data-testid="walk-stepper"]')?.textContent ?? "") && /Step 1 of 6/.test(document.querySelector('[data-testid="walk-stepper"]')?.textContent ?? ""), undefined, {timeout: 15_000});
      expect(await textOf(page, "status-with-clip")).toMatch(/With clipping at c = 5\b/);
      expect(await textOf(page, "clip-norm-chart")).toMatch(/threshold c = 5/);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual(Object.fromEntries(query));
      await expectClean(v);
    });

    it("moving a control puts it in the address, and its default takes it out", async () => {
      const page = await open("");
      expect(await page.$$('[data-testid="url-note"]')).toHaveLength(0);
      expect(page.url()).toBe(env.origin + "/vanishing-gradients");
      const search = () => new URL(page.url()).searchParams;
      const until = (key: string, want: string | null) => page.waitForFunction(([k, w]) => new URLSearchParams(location.search).get(k) === w, [key, want] as const, {timeout: 10_000});
      // A log slider holds the value of its step nearest the one asked for, and the address holds it exactly.
      const near = (key: string, want: number) => page.waitForFunction(([k, w]) => Math.abs(Number(new URLSearchParams(location.search).get(k)) / w - 1) < 0.02, [key, want] as const, {timeout: 10_000});
      await setLogSlider(page, "scale-slider", 3);
      await until("scale", "3.02"); // the slider moves in steps of 0.01 on a log₁₀ scale
      await setInput(page, '[data-testid="activation-select"] select', 1);
      await until("activation", "sigmoid");
      await setInput(page, '[data-testid="d-slider"] input', 5);
      await until("d", "5");
      // A preset moves four controls, and the address follows all of them.
      await press(page, "preset-tanh");
      await until("lr", "0.5");
      expect(Object.fromEntries(search())).toEqual({scale: "3", lr: "0.5", d: "5"}); // tanh and c = 1 are the defaults
      await setLogSlider(page, "scale-slider", 1);
      await until("scale", null);
      await setLogSlider(page, "lr-slider", 0.1); // off its step grid, but the slider snaps to its default
      await until("lr", null);
      await setLogSlider(page, "clip-slider", 5);
      await near("clip", 5);
      await setLogSlider(page, "clip-slider", 1);
      await until("clip", null);
      await setInput(page, '[data-testid="d-slider"] input', 8);
      await until("d", null);
      expect(page.url()).toBe(env.origin + "/vanishing-gradients");
      await settled(page);
      await expectClean(v);
    });

    it("a value the page cannot use is named in a note, and the control keeps its default", async () => {
      const page = await open("?scale=0&activation=softmax&length=9999&d=99");
      const note = await textOf(page, "url-note");
      expect(note).toContain('scale="0" (using 1)');
      expect(note).toContain('activation="softmax" (using tanh)');
      expect(note).toContain('length="9999" (using 40)');
      expect(note).toContain('d="99" (using 8)');
      expect(await page.$eval('[data-testid="url-note"]', (el) => el.className)).toContain("warning");
      expect(await output(page, "scale-slider")).toBe("1.00");
      expect(await page.$eval('[data-testid="activation-select"] select', (el) => (el as HTMLSelectElement).selectedOptions[0].textContent)).toBe("tanh (γ = 1)");
      expect(await output(page, "length-slider")).toBe("40");
      expect(await output(page, "d-slider")).toBe("8");
      expect(await textOf(page, "gamma-s")).toBe("γs = 1.000");
      expect(await textOf(page, "flow-heatmap")).toMatch(/T = 40/);
      await expectClean(v);
    });
  });
});
