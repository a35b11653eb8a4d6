/**
 * Chapter 1 (docs/rnn.md), driven as a reader would: the character RNN trains from the button and
 * its loss falls below the uniform guess ln V with the main thread free; each control moves its
 * view; hovering the hidden-state map shows h(t) and the next-character distribution; the stepper
 * steps with numbers; and awkward text (empty, one character, 20 000 characters, emoji, right-to-left
 * scripts) gives a result or a message, never an error cell.
 */
import {afterEach, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {browserMissing, errorCells, setInput, type WatchedPage} from "./browser.js";
import {builtPages} from "./site.js";
import {expectClean, useSite} from "./fixture.js";
import {fingerprint, modelStatusOf, pageNumber, press, text, waitForChange, waitForStatus, waitForText} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/rnn");

const count = (n: number) => Math.round(n).toLocaleString("en-US");

/** The latest (smoothed) loss the chart's legend shows, or NaN before the first point. */
async function latestLoss(page: Page): Promise<number> {
  const s = await page.$eval('[data-testid="loss-chart"] .rt-latest', (el) => el.textContent ?? "").catch(() => "");
  return s ? pageNumber(s) : NaN;
}

/** Waits until a figure has not changed for `quietMs` (late progress after a pause has landed); returns it. */
async function settled(page: Page, testid: string, quietMs = 2500, timeout = 20_000): Promise<string> {
  const start = Date.now();
  let last = await fingerprint(page, testid);
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() - start > timeout) throw new Error(`${testid} kept changing for ${timeout} ms`);
    await page.waitForTimeout(250);
    const now = await fingerprint(page, testid);
    if (now !== last) (last = now), (since = Date.now());
  }
  return last;
}

async function noErrorCells(page: Page): Promise<void> {
  expect(await errorCells(page)).toEqual([]);
}

describe.skipIf(missing !== null || !present)("chapter 1: recurrent networks", () => {
  const env = useSite();
  const w = env.openBeforeAll("/rnn", (page) => waitForStatus(page, "ready"));

  it("loads clean, built from the default text", async () => {
    await noErrorCells(w.page);
    expect(await text(w.page, "text-notes")).toMatch(/Training on 7,3\d\d characters: V = \d+ symbols/);
    expect(await w.page.$eval('[data-testid="train-button"]', (b) => b.textContent)).toBe("Start");
  });

  it("trains in the worker: the loss falls below ln V, with no main-thread task over 50 ms", async () => {
    const chart = await text(w.page, "loss-chart");
    const [, V, lnV] = chart.match(/uniform guess: ln (\d+) = ([\d.]+)/) ?? [];
    expect(Number(lnV)).toBeCloseTo(Math.log(Number(V)), 2);
    const before = await fingerprint(w.page, "loss-chart");
    await w.takeLongTasks();
    await press(w.page, "train-button");
    try {
      await trainAndWatch(Number(lnV), before);
    } finally {
      // Pause even when an expectation failed, so the tests after this one see a still model.
      if ((await modelStatusOf(w.page)) === "training") await press(w.page, "train-button");
      await waitForStatus(w.page, "paused");
    }
    expect(await text(w.page, "model-status")).toMatch(/Paused · step \d+/);
  });

  async function trainAndWatch(lnV: number, before: string): Promise<void> {
    await waitForChange(w.page, "loss-chart", before);
    expect(await modelStatusOf(w.page)).toBe("training");
    await w.page.waitForFunction(() => (document.querySelector('[data-testid="loss-chart"] .rt-latest')?.textContent ?? "") !== "");
    const first = await latestLoss(w.page);
    await w.page.waitForTimeout(2500);
    expect(await modelStatusOf(w.page)).toBe("training");
    const longTasks = await w.takeLongTasks(); // checked last, so a slow machine still shows the loss results
    await w.page.waitForFunction((l) => {
      const s = document.querySelector('[data-testid="loss-chart"] .rt-latest')?.textContent ?? "";
      return s !== "" && Number(s.replace(/\u2212/g, "-")) < l;
    }, lnV, {timeout: 30_000});
    const later = await latestLoss(w.page);
    expect(later).toBeLessThan(lnV);
    expect(later).toBeLessThan(first);
    expect(await w.page.$eval('[data-testid="train-button"]', (b) => b.textContent)).toBe("Pause");
    expect(longTasks.filter((ms) => ms > 50)).toEqual([]);
  }

  it("the likelihood panel reads the live loss: perplexity e^loss, and a likelihood above the uniform guess", async () => {
    await w.page.waitForTimeout(1200); // the throttled views catch up with the pause
    const rows = await w.page.$$eval('[data-testid="likelihood-panel"] tr', (trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? "")));
    const row = (label: RegExp) => rows.find((r) => label.test(r[0]))!;
    const loss = pageNumber(row(/^training loss/)[1]);
    expect(loss).toBeGreaterThan(0);
    expect(loss).toBeLessThan(pageNumber(row(/^training loss/)[2])); // below ln V
    expect(pageNumber(row(/^its perplexity/)[1])).toBeCloseTo(Math.exp(loss), 1);
    const mean = pageNumber(row(/^your text/)[1]);
    expect(pageNumber(row(/^perplexity on your text/)[1])).toBeCloseTo(Math.exp(mean), 1);
    const n = Number(row(/^your text/)[0].match(/over its (\d+) predictions/)![1]);
    expect(pageNumber(row(/^log-likelihood/)[1])).toBeCloseTo(-n * mean, 0);
    const panel = await text(w.page, "likelihood-panel");
    expect(panel).toMatch(/The model makes your text 10\d/);
    expect(panel).not.toMatch(/NaN/);
  });

  it("the temperature slider changes the sample (and nothing else does while paused)", async () => {
    const before = await settled(w.page, "sample");
    await setInput(w.page, '[data-testid="temperature-slider"] input', 0);
    const cold = await waitForChange(w.page, "sample", before);
    expect(cold).toMatch(/drawn at τ = 0,/);
    await setInput(w.page, '[data-testid="temperature-slider"] input', 2);
    const hot = await waitForChange(w.page, "sample", cold);
    expect(hot, `before: ${before.slice(-300)}\ncold: ${cold.slice(-300)}`).toMatch(/drawn at τ = 2,/);
    expect((await text(w.page, "sample-text")).length).toBeGreaterThan(100);
  });

  it("the window slider moves the MLP's count and leaves the RNN's", async () => {
    const before = await text(w.page, "params-numbers");
    const [, V, H] = before.match(/V = (\d+) symbols and H = (\d+) hidden units/) ?? [];
    const rnn = before.match(/= ([\d,]+), for a text of any length/)?.[1];
    const chart = await fingerprint(w.page, "params-chart");
    await setInput(w.page, '[data-testid="window-slider"] input', 100);
    await waitForChange(w.page, "params-chart", chart);
    const after = await text(w.page, "params-numbers");
    const v = Number(V), h = Number(H);
    expect(after).toContain(`over w = 100 characters has (w·V)·H + H + H·V + V = ${count(100 * v * h + h + h * v + v)} parameters`);
    expect(after).toContain(`= ${rnn}, for a text of any length`);
  });

  it("hovering the hidden-state map shows h(t) and the next-character distribution", async () => {
    await settled(w.page, "hover-panel", 1500);
    const plot = w.page.locator('[data-testid="state-heatmap"] .rt-plot svg').first();
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    const panel = () => text(w.page, "hover-panel");
    const stepOf = (s: string) => Number(s.match(/Step t = (\d+)/)?.[1]);
    await plot.hover({position: {x: box.width * 0.5, y: box.height * 0.4}});
    const a = await panel();
    await plot.hover({position: {x: box.width * 0.85, y: box.height * 0.4}});
    const b = await panel();
    expect(stepOf(b)).toBeGreaterThan(stepOf(a));
    const t = stepOf(b);
    expect(b).toContain(`h(${t})`);
    expect(b).toMatch(new RegExp(`ŷ\\(${t}\\): the \\d+ likeliest next characters`));
    const bars = await w.page.$$eval('[data-testid="hover-bars"] svg text', (ts) => ts.map((x) => x.textContent ?? ""));
    expect(bars.filter((s) => /\d%|e−\d/.test(s)).length).toBeGreaterThanOrEqual(5);
    const cells = await w.page.$$eval('[data-testid="hover-state"] .rt-plot svg rect', (rs) => rs.length);
    expect(cells).toBeGreaterThanOrEqual(64);
    expect(await w.page.$eval('[data-testid="state-heatmap"] .rt-tooltip', (el) => (el as HTMLElement).hidden)).toBe(false);
    // A click opens that step in the stepper.
    const slider = await text(w.page, "t-slider");
    await plot.click({position: {x: box.width * 0.3, y: box.height * 0.4}});
    await waitForChange(w.page, "t-slider", slider);
    await w.page.mouse.move(0, 0);
  });

  it("the stepper steps through the equations with the model's numbers", async () => {
    const stepper = w.page.locator('[data-testid="rnn-stepper"]');
    const first = await fingerprint(w.page, "rnn-stepper");
    await stepper.getByRole("button", {name: "Next step"}).click();
    const second = await waitForChange(w.page, "rnn-stepper", first);
    expect(second).toMatch(/Step 2 of 10/);
    await stepper.locator(".rt-eq").focus();
    await w.page.keyboard.press("End");
    const last = await waitForChange(w.page, "rnn-stepper", second);
    expect(last).toMatch(/Step 10 of 10/);
    expect(last).toMatch(/−ln [\d.e−]+ = [\d.]+ nats|no next character/);
    await w.page.keyboard.press("ArrowLeft");
    const ninth = await waitForChange(w.page, "rnn-stepper", last);
    expect(ninth).toMatch(/likeliest: “.+” [\d.e−]+/);
    // Another time step gives other numbers for the same equation.
    await setInput(w.page, '[data-testid="t-slider"] input', 3);
    const other = await waitForChange(w.page, "rnn-stepper", ninth);
    expect(other).toMatch(/Step 9 of 10/);
  });

  it("the hidden-size, sequence-length and input controls rebuild the model", async () => {
    const notes = await text(w.page, "text-notes");
    const V = Number(notes.match(/V = (\d+) symbols/)![1]);
    await setInput(w.page, '[data-testid="hidden-slider"] input', 32);
    let now = await waitForChange(w.page, "text-notes", await fingerprint(w.page, "text-notes"));
    const H = 32;
    expect(now).toContain(`${count(V * H + H * H + H + H * V + V)} parameters`);
    expect(await latestLoss(w.page)).toBeNaN(); // a fresh model has no loss yet
    await setInput(w.page, '[data-testid="seqlen-slider"] input', 12);
    now = await waitForChange(w.page, "text-notes", await fingerprint(w.page, "text-notes"));
    expect(now).toContain("T = 12 characters per step");
    const params = await fingerprint(w.page, "params-numbers");
    await setInput(w.page, '[data-testid="embed-select"] select', 1);
    const p = await waitForChange(w.page, "params-numbers", params);
    expect(p).toContain("V·D + D·H + H·H + H + H·V + V");
    const D = 16;
    expect(p).toContain(count(V * D + D * H + H * H + H + H * V + V));
    await waitForStatus(w.page, "ready");
    await noErrorCells(w.page);
  });

  it("the learning-rate slider and the seed reach the model", async () => {
    let notes = await fingerprint(w.page, "text-notes");
    await setInput(w.page, '[data-testid="lr-slider"] input', Math.log10(0.05)); // a log slider moves in log₁₀ units
    notes = await waitForChange(w.page, "text-notes", notes);
    expect(notes).toContain("learning rate η = 0.05");
    const sample = await settled(w.page, "sample", 1500);
    await setInput(w.page, '[data-testid="seed-input"] input', "2");
    await w.page.locator('[data-testid="seed-input"] button').click();
    notes = await waitForChange(w.page, "text-notes", notes);
    expect(notes).toContain("seed 2;");
    expect(notes).toContain("learning rate η = 0.05"); // the rebuilt model keeps the reader's rate
    await waitForChange(w.page, "sample", sample); // other initial weights write other text
    await setInput(w.page, '[data-testid="seed-input"] input', "x1");
    expect(await w.page.$eval('[data-testid="seed-input"] .rt-message', (el) => el.textContent)).toMatch(/digits only/);
    expect(await w.page.locator('[data-testid="seed-input"] button').isDisabled()).toBe(true);
  });

  describe("typed training text", () => {
    const submit = () => w.page.locator('[data-testid="text-input"] button');
    const message = () => w.page.$eval('[data-testid="text-input"] .rt-message', (el) => el.textContent ?? "");

    it.each([
      ["empty", "", /The text is empty/],
      ["one character", "a", /single character/]
    ])("%s: a clear message, and nothing to submit", async (_, value, expected) => {
      await setInput(w.page, '[data-testid="text-input"] textarea', value);
      expect(await message()).toMatch(expected);
      expect(await submit().isDisabled()).toBe(true);
      await noErrorCells(w.page);
      expect(await modelStatusOf(w.page)).not.toMatch(/error|crashed/);
    });

    const long = "The sea was grey and the lamp was lit. ".repeat(600).slice(0, 20_000);
    const emoji = "🙂 the sea 🌊 the lamp 💡 the boat ⛵ ".repeat(12);
    const hebrew = "הים היה אפור. המגדלור דלק. השומר כתב בספר. ".repeat(8);
    const arabic = "كان البحر رماديا. أضاء الحارس المصباح. ".repeat(8);
    it.each([
      ["20 000 characters", long],
      ["emoji", emoji],
      ["Hebrew (right to left)", hebrew],
      ["Arabic (right to left)", arabic]
    ])("%s: the model is rebuilt and reads it", async (_, value) => {
      const notes = await fingerprint(w.page, "text-notes");
      await setInput(w.page, '[data-testid="text-input"] textarea', value);
      expect(await message()).toBe("");
      await submit().click();
      const now = await waitForChange(w.page, "text-notes", notes);
      expect(now).toContain(`Training on ${count(Array.from(value).length)} characters`);
      await waitForStatus(w.page, "ready");
      // The probe follows the new text, and the map and the sample show it.
      const probe = await w.page.$eval('[data-testid="probe-input"] input', (el) => (el as HTMLInputElement).value);
      expect(value.startsWith(probe.trim()) || value.includes(probe)).toBe(true);
      await w.page.waitForFunction(() => (document.querySelector('[data-testid="sample"] figcaption')?.textContent ?? "").includes("untrained"));
      const hover = await text(w.page, "hover-panel");
      expect(hover).toMatch(/Step t = \d+/);
      expect(hover).not.toMatch(/NaN/);
      await noErrorCells(w.page);
    });

    it("the model trains on right-to-left text too", async () => {
      const before = await fingerprint(w.page, "loss-chart");
      await press(w.page, "train-button");
      await waitForChange(w.page, "loss-chart", before);
      await w.page.waitForFunction(() => Number((document.querySelector('[data-testid="loss-chart"] .rt-latest')?.textContent ?? "NaN").replace(/\u2212/g, "-")) > 0);
      await press(w.page, "train-button");
      await waitForStatus(w.page, "paused");
      expect(await latestLoss(w.page)).toBeGreaterThan(0);
      expect(await w.page.$eval('[data-testid="loss-chart"] .rt-note', (el) => (el as HTMLElement).hidden)).toBe(true); // "n values were not finite"
      await noErrorCells(w.page);
    });
  });

  describe("typed text for the model to read", () => {
    const probe = (value: string) => setInput(w.page, '[data-testid="probe-input"] input', value);

    it("empty: a message, and no error", async () => {
      await probe("");
      expect(await w.page.$eval('[data-testid="probe-input"] .rt-message', (el) => el.textContent)).toMatch(/Type some text/);
      await noErrorCells(w.page);
    });

    it("one character: read, with no likelihood to give", async () => {
      await probe("ك");
      await w.page.waitForFunction(() => /Step t = 1:/.test(document.querySelector('[data-testid="hover-panel"]')?.textContent ?? ""));
      expect(await text(w.page, "likelihood-panel")).toMatch(/at least two characters/);
      await noErrorCells(w.page);
    });

    it("characters the model never saw are named, and 20 000 characters are cut", async () => {
      await probe("🙂 hello 👋🏽 שלום");
      await w.page.waitForFunction(() => /The training text has no/.test(document.querySelector('[data-testid="probe-notes"]')?.textContent ?? ""));
      expect(await text(w.page, "probe-notes")).toContain("“🙂”");
      await probe("ab".repeat(10_000));
      await w.page.waitForFunction(() => /Only the first 240 characters are read/.test(document.querySelector('[data-testid="probe-notes"]')?.textContent ?? ""));
      expect(await w.page.$eval('[data-testid="t-slider"] input', (el) => (el as HTMLInputElement).max)).toBe("240");
      await noErrorCells(w.page);
    });
  });

  it("nothing broke along the way", async () => {
    await noErrorCells(w.page);
    expect(await modelStatusOf(w.page)).not.toMatch(/error|crashed/);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
  });

  describe("the address keeps the reader's settings", () => {
    let v: WatchedPage;
    afterEach(async () => {
      await v?.close();
    });
    const open = async (query: string) => {
      v = await env.open("/rnn" + query);
      await waitForStatus(v.page, "ready");
      return v.page;
    };
    const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);
    it("a link opens the page with its settings: the controls show them and the figures follow", async () => {
      const story = "The keeper climbed the stairs of the lighthouse at dusk, lit the lamp, wrote the weather in his book and watched the boats come home across the grey water.";
      const query = new URLSearchParams({text: story, seed: "7", hidden: "32", seqLen: "6", embed: "16", lr: "0.05", temperature: "0", window: "100", probe: "the lamp and the boats", t: "5"});
      const page = await open(`?${query}`);
      expect(await page.$$('[data-testid="url-note"]')).toHaveLength(0);
      expect(await value(page, '[data-testid="text-input"] textarea')).toBe(story);
      expect(await value(page, '[data-testid="seed-input"] input')).toBe("7");
      expect(await page.$eval('[data-testid="hidden-slider"] output', (el) => el.textContent)).toBe("32");
      expect(await value(page, '[data-testid="seqlen-slider"] input')).toBe("6");
      expect(await page.$eval('[data-testid="embed-select"] select', (el) => (el as HTMLSelectElement).selectedOptions[0].textContent)).toMatch(/learned embedding, D = 16/);
      expect(await value(page, '[data-testid="probe-input"] input')).toBe("the lamp and the boats");
      // The model was built from them: the notes name the text's length, T, seed and rate, and the
      // parameter count is that of H = 32 with a 16-number embedding.
      const notes = await waitForText(page, "text-notes", /Training on/);
      const V = Number(notes.match(/V = (\d+) symbols/)![1]);
      const H = 32, D = 16;
      expect(notes).toContain(`Training on ${Array.from(story).length} characters`);
      expect(notes).toContain(`${count(V * D + D * H + H * H + H + H * V + V)} parameters`);
      expect(notes).toContain("T = 6 characters per step; seed 7;");
      expect(notes).toContain("learning rate η = 0.05");
      expect(await waitForText(page, "sample", /drawn at τ = 0,/)).toMatch(/from the untrained model/);
      expect(await waitForText(page, "params-numbers", /over w = 100 characters/)).toContain(`H = ${H} hidden units`);
      expect(await waitForText(page, "t-slider", /t = 5 \(“l”\)/)).toBeTruthy(); // “the lamp…”: the 5th character
      expect(await waitForText(page, "hover-panel", /Step t = 5: the model has read “l”/)).toBeTruthy();
      // Untouched, the address stays as the link gave it.
      const params = new URL(page.url()).searchParams;
      expect(Object.fromEntries(params)).toEqual(Object.fromEntries(query));
      await expectClean(v);
    });

    it("moving a control puts it in the address, and its default takes it out", async () => {
      const page = await open("");
      expect(await page.$$('[data-testid="url-note"]')).toHaveLength(0);
      expect(page.url()).toBe(env.origin + "/rnn");
      const param = (key: string) => new URL(page.url()).searchParams.get(key);
      const until = (key: string, want: string | null) => page.waitForFunction(([k, w]) => new URLSearchParams(location.search).get(k) === w, [key, want] as const, {timeout: 10_000});
      // A log slider holds the value of its step nearest the one asked for, and the address holds it exactly.
      const near = (key: string, want: number) => page.waitForFunction(([k, w]) => Math.abs(Number(new URLSearchParams(location.search).get(k)) / w - 1) < 0.02, [key, want] as const, {timeout: 10_000});
      await setInput(page, '[data-testid="hidden-slider"] input', 32);
      await until("hidden", "32");
      await setInput(page, '[data-testid="temperature-slider"] input', 1.5);
      await until("temperature", "1.5");
      expect(param("hidden")).toBe("32");
      await setInput(page, '[data-testid="window-slider"] input', 100);
      await until("window", "100");
      await setInput(page, '[data-testid="lr-slider"] input', Math.log10(0.05)); // a log slider moves in log₁₀ units
      await near("lr", 0.05);
      await setInput(page, '[data-testid="seed-input"] input', "42");
      await page.locator('[data-testid="seed-input"] button').click();
      await until("seed", "42");
      await setInput(page, '[data-testid="probe-input"] input', "the sea was grey");
      await until("probe", "the sea was grey");
      // Back to the defaults: the keys leave the address, one by one.
      await setInput(page, '[data-testid="hidden-slider"] input', 64);
      await until("hidden", null);
      expect(param("temperature")).toBe("1.5");
      await setInput(page, '[data-testid="temperature-slider"] input', 0.8);
      await until("temperature", null);
      await setInput(page, '[data-testid="window-slider"] input', 32);
      await until("window", null);
      await setInput(page, '[data-testid="lr-slider"] input', Math.log10(0.01)); // off its step grid, but the slider snaps to its default
      await until("lr", null);
      await setInput(page, '[data-testid="seed-input"] input', "1");
      await page.locator('[data-testid="seed-input"] button').click();
      await until("seed", null);
      expect(new URL(page.url()).search).toBe("?probe=the+sea+was+grey");
      // A long training text is left out of the address (the page still trains on it).
      await setInput(page, '[data-testid="text-input"] textarea', "The sea was grey and the lamp was lit. ".repeat(20));
      await page.locator('[data-testid="text-input"] button').click();
      await waitForText(page, "text-notes", /Training on 780 characters/);
      expect(param("text")).toBeNull();
      await expectClean(v);
    });

    it("a value the page cannot use is named in a note, and the control keeps its default", async () => {
      const page = await open("?hidden=9999&seed=abc&temperature=0.83&embed=8");
      const note = await text(page, "url-note");
      expect(note).toContain('hidden="9999" (using 64)');
      expect(note).toContain('seed="abc" (using 1)');
      expect(note).toContain('temperature="0.83" (using 0.8)');
      expect(note).toContain('embed="8" (using 0)');
      expect(await page.$eval('[data-testid="url-note"]', (el) => el.className)).toContain("warning");
      expect(await value(page, '[data-testid="hidden-slider"] input')).toBe("64");
      expect(await value(page, '[data-testid="seed-input"] input')).toBe("1");
      expect(await text(page, "temperature-slider")).toContain("0.80");
      const notes = await waitForText(page, "text-notes", /Training on/);
      const V = Number(notes.match(/V = (\d+) symbols/)![1]);
      expect(notes).toContain(`${count(V * 64 + 64 * 64 + 64 + 64 * V + V)} parameters`);
      await expectClean(v);
    });
  });
});
