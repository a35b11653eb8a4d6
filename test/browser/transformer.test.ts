/**
 * Chapter 8's page, driven as a reader would: the checkpoint's translation and every attention map
 * are there before any training; the diagram's blocks (clicked, or chosen from the keyboard) change
 * the tensors and the stepper; the stepper walks a block with numbers; typed sources update the maps
 * or give a message; live training grows the loss curve and redraws the maps without a main-thread
 * task over 50 ms; the settings rebuild the model; the comparison charts, Table 1, the operation
 * counts and the timing chart (after its button) draw.
 */
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {browserMissing, errorCells, openWatched, setInput, visit, type WatchedPage} from "./browser.js";
import {builtPages} from "./site.js";
import {expectClean, useSite} from "./fixture.js";
import {cellColours, fingerprint, heatmapShape, modelStatusOf, moveCursor, press, queryOf, shownValue, text, waitForChange, waitForStatus, waitForText} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/transformer");


/** The heatmaps of a grid, by their data-testid. */
const gridItems = (page: Page, testid: string) =>
  page.$$eval(`[data-testid="${testid}"] figure[data-testid^="${testid}-"]`, (els) => els.map((e) => (e as HTMLElement).dataset.testid ?? ""));



/** Moves a heatmap's keyboard cursor to (row, col) and returns what its tooltip says. */
async function readCell(page: Page, testid: string, row: number, col: number): Promise<string> {
  await moveCursor(page, testid, row, col);
  return page.$eval(`[data-testid="${testid}"] .rt-tooltip`, (el) => el.textContent ?? "");
}

/** Scrolls a figure into view (the attention grids repaint only what a reader can see). */
const look = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"]`).scrollIntoViewIfNeeded();

describe.skipIf(missing !== null || !present)("chapter 8: the Transformer", () => {
  const env = useSite();
  const w = env.openBeforeAll("/transformer", async (page) => {
    await waitForStatus(page, "ready");
    await waitForText(page, "translation-output", /2026-11-27/, 60_000);
  });

  it("shows the checkpoint's translation and every attention map at once, before any training", async () => {
    expect(await text(w.page, "model-status")).toMatch(/checkpoint \(trained 1,200 steps/);
    expect(await text(w.page, "translation-output")).toMatch(/“27 November 2026” → 2026-11-27 ✓ right/);
    expect(await gridItems(w.page, "encoder-maps")).toEqual(["encoder-maps-enc-0-0", "encoder-maps-enc-0-1"]);
    expect(await gridItems(w.page, "decoder-maps")).toEqual(["decoder-maps-dec-0-0", "decoder-maps-dec-0-1"]);
    expect(await gridItems(w.page, "cross-maps")).toEqual(["cross-maps-cross-0-0", "cross-maps-cross-0-1"]);
    expect(await heatmapShape(w.page, "encoder-maps-enc-0-0")).toBe("17×17"); // 16 characters + end
    expect(await heatmapShape(w.page, "decoder-maps-dec-0-1")).toBe("11×11"); // start + 10 written
    expect(await heatmapShape(w.page, "cross-maps-cross-0-1")).toBe("11×17");
    for (const id of ["encoder-maps-enc-0-0", "decoder-maps-dec-0-0", "cross-maps-cross-0-1"]) expect(await cellColours(w.page, id)).toBeGreaterThan(10);
    // The trained cross-attention: to write the first character, head 2 looks at the year's first digit.
    const cell = await readCell(w.page, "cross-maps-cross-0-1", 0, 12);
    expect(cell).toMatch(/query: decoder input: start.*key: source character: 2/);
    expect(Number(/weight: ([\d.]+)/.exec(cell)?.[1])).toBeGreaterThan(0.5);
    // The mask: the decoder's first position cannot look at the second.
    expect(await readCell(w.page, "decoder-maps-dec-0-0", 0, 1)).toMatch(/weight: 0$/);
    // Nothing has trained on this page yet.
    expect(await text(w.page, "train-button")).toMatch(/^Start \(1,000 steps\)$/);
  });

  it("clicking a block of the diagram, or choosing one from the keyboard, changes the tensors and the stepper", async () => {
    expect(await w.page.$eval('[data-block="dec.0.cross"]', (g) => g.getAttribute("aria-pressed"))).toBe("true");
    await waitForText(w.page, "tensor-note", /decoder layer 1: cross-attention: 12 tensors/);
    await waitForText(w.page, "step-note", /cross-attention, at position i = 0/);
    const tensors = await fingerprint(w.page, "block-tensors");
    const steps = await fingerprint(w.page, "block-stepper");
    await w.page.click('[data-block="enc.0.self"]');
    await waitForText(w.page, "tensor-note", /encoder layer 1: self-attention: 12 tensors for “27 November 2026”/);
    await waitForChange(w.page, "block-tensors", tensors);
    await waitForText(w.page, "step-note", /encoder layer 1: self-attention, at position i = 0 \(“2”\), head 2/);
    await waitForChange(w.page, "block-stepper", steps);
    expect(await w.page.$eval('[data-block="enc.0.self"]', (g) => g.getAttribute("aria-pressed"))).toBe("true");
    expect(await w.page.$eval('[data-block="dec.0.cross"]', (g) => g.getAttribute("aria-pressed"))).toBe("false");
    // The position picker now lists the source characters.
    expect(await w.page.$$eval('[data-testid="position-picker"] button', (bs) => bs.length)).toBe(17);
    // Keyboard: focus a block, Enter selects it; ↑ moves the focus to the next block, Space selects.
    await w.page.locator('[data-block="enc.0.ffn"]').focus();
    await w.page.keyboard.press("Enter");
    await waitForText(w.page, "tensor-note", /encoder layer 1: feed-forward network: 5 tensors/);
    await waitForText(w.page, "step-note", /feed-forward network, at position/);
    expect(await text(w.page, "block-stepper")).toMatch(/Step 1 of 5/);
    await w.page.keyboard.press("ArrowUp");
    expect(await w.page.evaluate(() => (document.activeElement as Element | null)?.getAttribute("data-block"))).toBe("enc.norm");
    await w.page.keyboard.press(" ");
    await waitForText(w.page, "tensor-note", /encoder: final layer norm: 2 tensors/);
    await waitForText(w.page, "architecture", /Selected: encoder: final layer norm/);
    // The output block's tensors have the target vocabulary as columns.
    await w.page.click('[data-block="out"]');
    await waitForText(w.page, "tensor-note", /decoder output: projection and softmax: 3 tensors/);
    expect(await heatmapShape(w.page, "block-tensors-p = softmax(Z)")).toBe("11×14");
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("the stepper walks a block with numbers at every step; the position and the head change them", async () => {
    await w.page.click('[data-block="dec.0.cross"]');
    await waitForText(w.page, "step-note", /decoder layer 1: cross-attention, at position i = 0 \(“start”\), head 2/);
    const stepper = w.page.locator('[data-testid="block-stepper"]');
    await stepper.locator("[tabindex='0']").first().focus();
    await w.page.keyboard.press("Home");
    let last = await fingerprint(w.page, "block-stepper");
    expect(last).toMatch(/Step 1 of 6/);
    expect(last).toMatch(/−?\d\.\d/);
    for (let part = 2; part <= 6; part++) {
      await stepper.getByRole("button", {name: /next/i}).click();
      last = await waitForChange(w.page, "block-stepper", last);
      expect(last).toMatch(new RegExp(`Step ${part} of 6`));
      expect(last).toMatch(/\d\.\d/);
      if (part === 3) expect(last).toMatch(/largest: [01]\.\d{3} on “2” \(key 13\); they sum to 1/);
    }
    // Another position: the picker's fourth token (the decoder has written "2", "0", "2").
    await w.page.locator('[data-testid="position-picker"] button').nth(3).click();
    await waitForText(w.page, "step-note", /position i = 3 \(“2”\), head 2/);
    const before = await fingerprint(w.page, "block-stepper");
    await setInput(w.page, '[data-testid="head-select"] select', 0);
    await waitForText(w.page, "step-note", /position i = 3 \(“2”\), head 1/);
    await waitForChange(w.page, "block-stepper", before);
    // The picker moves from the keyboard too.
    await w.page.locator('[data-testid="position-picker"] button[aria-checked="true"]').focus();
    await w.page.keyboard.press("ArrowRight");
    await waitForText(w.page, "step-note", /position i = 4 \(“6”\), head 1/);
  });

  it("a typed date updates the translation, every map and the tensors", async () => {
    await look(w.page, "block-tensors");
    const tensors = await fingerprint(w.page, "block-tensors");
    await look(w.page, "cross-maps");
    const maps = await fingerprint(w.page, "cross-maps");
    await setInput(w.page, '[data-testid="source-input"] input', "3 May 1999");
    await waitForText(w.page, "translation-output", /“3 May 1999” → 1999-05-03 ✓ right/);
    await waitForChange(w.page, "cross-maps", maps);
    await w.page.waitForFunction(() => /11 rows by 11 columns/.test(document.querySelector('[data-testid="cross-maps-cross-0-1"]')?.getAttribute("aria-label") ?? ""));
    expect(await heatmapShape(w.page, "cross-maps-cross-0-0")).toBe("11×11");
    await look(w.page, "encoder-maps");
    await w.page.waitForFunction(() => /11 rows by 11 columns/.test(document.querySelector('[data-testid="encoder-maps-enc-0-1"]')?.getAttribute("aria-label") ?? ""));
    await waitForText(w.page, "tensor-note", /for “3 May 1999”/);
    await look(w.page, "block-tensors");
    await waitForChange(w.page, "block-tensors", tensors);
    await setInput(w.page, '[data-testid="source-input"] input', "  29   february 2024 ");
    await waitForText(w.page, "translation-output", /“29 February 2024” → 2024-02-29/);
  });

  it("a bad input gives a message, keeps the last maps, and never an error cell", async () => {
    await waitForText(w.page, "tensor-note", /29 February 2024/);
    await look(w.page, "encoder-maps");
    await w.page.waitForFunction(() => /17 rows by 17 columns/.test(document.querySelector('[data-testid="encoder-maps-enc-0-1"]')?.getAttribute("aria-label") ?? ""));
    const maps = await fingerprint(w.page, "encoder-maps");
    const cases: [string, RegExp][] = [
      ["31 June 2026", /^June 2026 has no day 31\./],
      ["", /Type a date/],
      ["7", /is not a date written as day, month name, year/],
      ["27 Nov 2026", /not a month name/],
      ["😀 November 2026", /is not a date/],
      ["٢٧ نوفمبر ٢٠٢٦", /is not a date/],
      ["9".repeat(20_000), /At most 40 characters here; this text has 20,000/]
    ];
    for (const [input, message] of cases) {
      await setInput(w.page, '[data-testid="source-input"] input', input);
      await waitForText(w.page, "translation-message", message);
      expect(await text(w.page, "translation-output")).toMatch(/The figures still show “29 February 2024”/);
      expect(await errorCells(w.page)).toEqual([]);
    }
    expect(await fingerprint(w.page, "encoder-maps")).toBe(maps);
    await waitForText(w.page, "step-note", /too long \(at most 40 characters\)/);
    await setInput(w.page, '[data-testid="source-input"] input', "27 November 2026");
    await waitForText(w.page, "translation-output", /“27 November 2026” → 2026-11-27 ✓ right/);
  });

  it("trains live: the loss curve grows and the maps redraw, with no main-thread task over 50 ms", async () => {
    await look(w.page, "cross-maps");
    await w.page.waitForTimeout(500);
    const maps = await fingerprint(w.page, "cross-maps");
    const loss = await fingerprint(w.page, "loss-chart");
    // The reader scrolls to the button first; laying out what comes into view is the scroll's
    // work, not the training's, so it happens before the measured window.
    await look(w.page, "train-button");
    await w.page.waitForTimeout(300);
    await w.takeLongTasks();
    await press(w.page, "train-button");
    await waitForChange(w.page, "loss-chart", loss);
    await w.page.waitForTimeout(3000);
    expect(await modelStatusOf(w.page)).toBe("training");
    const longTasks = await w.takeLongTasks();
    expect(longTasks.filter((ms) => ms > 50)).toEqual([]);
    // A reader who scrolls up sees the cross-attention redrawn while the model trains. (The tasks
    // of the scroll itself, painting what comes into view, are the reader's, not the training's.)
    await look(w.page, "cross-maps");
    await w.page.waitForTimeout(300);
    await w.takeLongTasks();
    await waitForChange(w.page, "cross-maps", maps);
    const grown = await fingerprint(w.page, "loss-chart");
    await w.page.waitForTimeout(2000);
    expect(await fingerprint(w.page, "loss-chart")).not.toBe(grown); // still growing
    expect(await text(w.page, "step-note")).toMatch(/read when the model is not training/);
    expect(await modelStatusOf(w.page)).toBe("training");
    expect((await w.takeLongTasks()).filter((ms) => ms > 50)).toEqual([]);
    await press(w.page, "train-button"); // pause
    await waitForStatus(w.page, "paused");
    await waitForText(w.page, "step-note", /decoder layer 1: cross-attention, at position/);
  });

  it("the training controls and settings drive the model; the checkpoint comes back", async () => {
    await setInput(w.page, '[data-testid="lr-slider"] input', -2.5); // log₁₀ η
    expect(await text(w.page, "lr-slider")).toMatch(/0\.0032/);
    await setInput(w.page, '[data-testid="warmup-slider"] input', 200);
    expect(await text(w.page, "warmup-slider")).toMatch(/200 steps/);
    await press(w.page, "reset-button");
    await waitForText(w.page, "model-status", /untrained/);
    await waitForText(w.page, "translation-output", /✗ wrong/);
    // Post-LN: a diagram without the final norms, and no checkpoint to load.
    const diagram = await fingerprint(w.page, "architecture");
    await setInput(w.page, '[data-testid="norm-select"] select', 1);
    await waitForChange(w.page, "architecture", diagram);
    expect(await w.page.$$eval("[data-block]", (gs) => gs.map((g) => g.getAttribute("data-block")))).not.toContain("enc.norm");
    expect(await text(w.page, "architecture")).toMatch(/LN\(x \+ FFN\(x\)\)/);
    expect(await w.page.$eval('[data-testid="load-button"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await setInput(w.page, '[data-testid="norm-select"] select', 0);
    // Two layers and four heads: more blocks, more maps.
    await setInput(w.page, '[data-testid="layers-select"] select', 1);
    await setInput(w.page, '[data-testid="heads-select"] select', 2);
    await w.page.waitForFunction(() => document.querySelectorAll('[data-testid="cross-maps"] figure[data-testid^="cross-maps-"]').length === 8, undefined, {timeout: 60_000});
    expect(await w.page.$$eval("[data-block]", (gs) => gs.length)).toBe(15);
    expect(await w.page.$$eval('[data-testid="head-select"] option', (os) => os.length)).toBe(4);
    await setInput(w.page, '[data-testid="layers-select"] select', 0);
    await setInput(w.page, '[data-testid="heads-select"] select', 1);
    await waitForText(w.page, "model-status", /checkpoint/, 60_000);
    await waitForText(w.page, "translation-output", /“27 November 2026” → 2026-11-27 ✓ right/);
    expect(await w.page.$eval('[data-testid="load-button"]', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    // The reversal task brings its own checkpoint and its own example.
    await setInput(w.page, '[data-testid="task-select"] select', 1);
    await waitForText(w.page, "model-status", /checkpoint \(trained 2,000 steps/, 60_000);
    await waitForText(w.page, "translation-output", /“transformer” → \S+ (✓ right|✗ wrong)/);
    await look(w.page, "cross-maps");
    await w.page.waitForFunction(() => /12 rows by 12 columns/.test(document.querySelector('[data-testid="cross-maps-cross-0-0"]')?.getAttribute("aria-label") ?? ""));
    await setInput(w.page, '[data-testid="source-input"] input', "abc1");
    await waitForText(w.page, "translation-message", /Only the letters a–z/);
    await setInput(w.page, '[data-testid="task-select"] select', 0);
    await waitForText(w.page, "translation-output", /“27 November 2026” → 2026-11-27 ✓ right/, 60_000);
  });

  it("compares the Transformer with chapter 4's RNN: accuracy by length and steps to 95%", async () => {
    const series = (key: string) => w.page.$$eval(`[data-testid="length-chart"] circle[data-series="${key}"]`, (cs) => cs.length);
    expect(await series("transformer")).toBe(20);
    expect(await series("rnn")).toBe(20);
    expect(await text(w.page, "length-chart")).toMatch(/lengths seen in training/);
    const exact = await fingerprint(w.page, "length-chart");
    await setInput(w.page, '[data-testid="measure-select"] select', 1);
    expect(await waitForChange(w.page, "length-chart", exact)).toMatch(/Letters right/);
    const points = (key: string) => w.page.$$eval(`[data-testid="steps-chart"] path.rt-point[data-series="${key}"]`, (ps) => ps.length);
    expect(await points("transformer")).toBe(12);
    expect(await points("rnn")).toBe(1);
    expect(await text(w.page, "steps-chart")).toMatch(/95%/);
  });

  it("Table 1 and our layers' operation counts follow n and d; the timing chart draws after its button", async () => {
    expect(await w.page.$$eval('[data-testid="table-1"] tbody tr', (rs) => rs.length)).toBe(4);
    expect(await text(w.page, "table-1")).toMatch(/O\(n²·d\)= 262,144.*O\(n·d²\)= 262,144/);
    const table = await fingerprint(w.page, "table-1");
    await setInput(w.page, '[data-testid="n-slider"] input', 3); // log₁₀ n
    expect(await waitForChange(w.page, "table-1", table)).toMatch(/n = 1,000, d = 64.*O\(n²·d\)= 64\.0 × 10⁶/);
    const ops = await fingerprint(w.page, "ops-chart");
    await setInput(w.page, '[data-testid="d-select"] select', 2); // d = 128
    expect(await waitForChange(w.page, "ops-chart", ops)).toMatch(/n = d = 128/);
    expect(await w.page.$$eval('[data-testid="ops-chart"] path[data-series]:not(.rt-point)', (ps) => ps.length)).toBe(4);
    expect(await text(w.page, "time-status")).toMatch(/Not measured yet/);
    expect(await w.page.$$eval('[data-testid="time-chart"] path.rt-point', (ps) => ps.length)).toBe(0);
    await setInput(w.page, '[data-testid="d-select"] select', 0); // d = 32, quick
    await press(w.page, "time-button");
    await waitForText(w.page, "time-buttons", /Measuring…/, 10_000);
    await waitForText(w.page, "time-status", /Measured in your browser at d = 32/, 110_000);
    expect(await w.page.$$eval('[data-testid="time-chart"] path.rt-point', (ps) => ps.length)).toBe(21);
    expect(await text(w.page, "time-chart")).toMatch(/n = d = 32/);
    expect(await text(w.page, "time-chart")).not.toMatch(/NaN/);
  });

  it("nothing broke along the way", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
  });

  it("fits a 390-px phone: nothing wider than the screen", async () => {
    const phone = await openWatched(env.browser, env.origin, {width: 390, height: 844});
    await visit(phone, env.origin + "/transformer");
    await waitForText(phone.page, "translation-output", /2026-11-27/, 60_000);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await errorCells(phone.page)).toEqual([]);
    await phone.close();
  });
});

/** Waits until the address has `key` = `value` (null: no such key). */
const addressHas = (page: Page, key: string, value: string | null) =>
  page.waitForFunction(([k, v]) => new URL(location.href).searchParams.get(k) === v, [key, value] as const, {timeout: 30_000});

describe.skipIf(missing !== null || !present)("chapter 8: the address keeps the reader's settings", () => {
  const env = useSite();
  /** Opens the page at `search` and waits until the model is ready and has translated. */
  async function open(search: string): Promise<WatchedPage> {
    const w = await env.open("/transformer" + search);
    await waitForStatus(w.page, "ready");
    await waitForText(w.page, "translation-output", /→/, 60_000);
    return w;
  }
  it("a link opens the page with its settings, and the model, the figures and Table 1 follow them", async () => {
    // The checkpoint's shape, with the reader's view of it.
    const search = "?task=reverse&source=attention&block=enc.0.self&head=1&measure=chars&n=1000&d=128";
    const w = await open(search);
    try {
      expect(await shownValue(w.page, "task-select")).toMatch(/^reversal/);
      expect(await w.page.$eval('[data-testid="source-input"] input', (i) => (i as HTMLInputElement).value)).toBe("attention");
      await waitForText(w.page, "model-status", /checkpoint \(trained 2,000 steps/, 60_000);
      await waitForText(w.page, "translation-output", /“attention” → \S+ (✓ right|✗ wrong; the answer is noitnetta)/, 60_000);
      expect(await w.page.$eval('[data-block="enc.0.self"]', (g) => g.getAttribute("aria-pressed"))).toBe("true");
      await waitForText(w.page, "step-note", /encoder layer 1: self-attention, at position i = 0 \(“a”\), head 1, for “attention”/, 60_000);
      await waitForText(w.page, "tensor-note", /encoder layer 1: self-attention: 12 tensors for “attention”/, 60_000);
      expect(await shownValue(w.page, "measure-select")).toMatch(/letters right/);
      expect(await text(w.page, "length-chart")).toMatch(/Letters right/);
      expect(await text(w.page, "table-1")).toMatch(/n = 1,000, d = 128/);
      expect(await text(w.page, "ops-chart")).toMatch(/n = d = 128/);
      expect(await w.page.$$eval('[data-testid="url-note"]', (els) => els.length)).toBe(0);
      expect("?" + new URLSearchParams(queryOf(w.page)).toString()).toBe(search);
      // the default stays within reach of a slider that opened elsewhere
      await setInput(w.page, '[data-testid="n-slider"] input', Math.log10(64));
      await addressHas(w.page, "n", null);
      await expectClean(w);
    } finally {
      await w.close();
    }
    // Another shape: rebuilt untrained, with the link's η and warm-up.
    const w2 = await open("?norm=post&layers=2&heads=4&lr=0.003&warmup=100&source=3+May+1999&block=dec.1.cross&head=3");
    try {
      expect(await shownValue(w2.page, "norm-select")).toMatch(/^post-LN/);
      expect(await shownValue(w2.page, "layers-select")).toBe("N = 2");
      expect(await shownValue(w2.page, "heads-select")).toMatch(/^h = 4/);
      expect(await shownValue(w2.page, "lr-slider")).toBe("0.003");
      expect(await shownValue(w2.page, "warmup-slider")).toBe("100 steps");
      expect(await shownValue(w2.page, "head-select")).toBe("head 3 of 4");
      await waitForText(w2.page, "model-status", /untrained/, 60_000);
      await waitForText(w2.page, "translation-output", /“3 May 1999” →/);
      await look(w2.page, "cross-maps");
      await w2.page.waitForFunction(() => document.querySelectorAll('[data-testid="cross-maps"] figure[data-testid^="cross-maps-"]').length === 8, undefined, {timeout: 60_000});
      expect(await w2.page.$$eval("[data-block]", (gs) => gs.map((g) => g.getAttribute("data-block")))).not.toContain("enc.norm");
      expect(await w2.page.$eval('[data-block="dec.1.cross"]', (g) => g.getAttribute("aria-pressed"))).toBe("true");
      await waitForText(w2.page, "step-note", /decoder layer 2: cross-attention, at position i = 0 \(“start”\), head 3, for “3 May 1999”/, 60_000);
      expect(await w2.page.$eval('[data-testid="load-button"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
      expect(queryOf(w2.page)).toEqual({norm: "post", layers: "2", heads: "4", lr: "0.003", warmup: "100", source: "3 May 1999", block: "dec.1.cross", head: "3"});
      await expectClean(w2);
    } finally {
      await w2.close();
    }
  });

  it("moving a control writes it into the address, and its default takes it out again", async () => {
    const w = await open("");
    try {
      await waitForText(w.page, "translation-output", /“27 November 2026” → 2026-11-27 ✓ right/);
      expect(queryOf(w.page)).toEqual({});
      expect(await w.page.$$eval('[data-testid="url-note"]', (els) => els.length)).toBe(0);
      const entries = await w.page.evaluate(() => history.length);
      await setInput(w.page, '[data-testid="source-input"] input', "3 May 1999");
      await addressHas(w.page, "source", "3 May 1999");
      await setInput(w.page, '[data-testid="source-input"] input', "27 November 2026");
      await addressHas(w.page, "source", null);
      await w.page.click('[data-block="enc.0.ffn"]');
      await addressHas(w.page, "block", "enc.0.ffn");
      await w.page.click('[data-block="dec.0.cross"]');
      await addressHas(w.page, "block", null);
      await setInput(w.page, '[data-testid="head-select"] select', 0);
      await addressHas(w.page, "head", "1");
      await setInput(w.page, '[data-testid="head-select"] select', 1);
      await addressHas(w.page, "head", null);
      await setInput(w.page, '[data-testid="lr-slider"] input', -2.5); // log₁₀ η
      await w.page.waitForFunction(() => new URL(location.href).searchParams.has("lr"));
      expect(Number(queryOf(w.page).lr) / 10 ** -2.5).toBeCloseTo(1, 1); // the slider's nearest step
      await setInput(w.page, '[data-testid="lr-slider"] input', -2);
      await addressHas(w.page, "lr", null);
      await setInput(w.page, '[data-testid="warmup-slider"] input', 200);
      await addressHas(w.page, "warmup", "200");
      await setInput(w.page, '[data-testid="warmup-slider"] input', 30);
      await addressHas(w.page, "warmup", null);
      await setInput(w.page, '[data-testid="measure-select"] select', 1);
      await addressHas(w.page, "measure", "chars");
      await setInput(w.page, '[data-testid="measure-select"] select', 0);
      await addressHas(w.page, "measure", null);
      await setInput(w.page, '[data-testid="n-slider"] input', 3); // log₁₀ n
      await addressHas(w.page, "n", "1000");
      await setInput(w.page, '[data-testid="n-slider"] input', Math.log10(64));
      await addressHas(w.page, "n", null);
      expect(await text(w.page, "table-1")).toMatch(/n = 64, d = 64/);
      await setInput(w.page, '[data-testid="d-select"] select', 3);
      await addressHas(w.page, "d", "256");
      await setInput(w.page, '[data-testid="d-select"] select', 1);
      await addressHas(w.page, "d", null);
      // The settings that rebuild the model; a new task brings its own example, which the address leaves out.
      await setInput(w.page, '[data-testid="positions-select"] select', 2);
      await addressHas(w.page, "positions", "none");
      await setInput(w.page, '[data-testid="positions-select"] select', 0);
      await addressHas(w.page, "positions", null);
      await setInput(w.page, '[data-testid="task-select"] select', 1);
      await addressHas(w.page, "task", "reverse");
      await waitForText(w.page, "translation-output", /“transformer” →/, 60_000);
      await addressHas(w.page, "source", null);
      await setInput(w.page, '[data-testid="task-select"] select', 0);
      await addressHas(w.page, "task", null);
      await waitForText(w.page, "translation-output", /“27 November 2026” → 2026-11-27 ✓ right/, 60_000);
      expect(queryOf(w.page)).toEqual({});
      // no Back steps: the address was replaced, not pushed
      expect(await w.page.evaluate(() => history.length)).toBe(entries);
      await expectClean(w);
    } finally {
      await w.close();
    }
  });

  it("a link with values the page cannot use says so, and the controls show the defaults", async () => {
    const w = await open("?heads=3&lr=1&n=abc&d=100&task=french&source=" + "9".repeat(41) + "&block=dec.1.cross&head=4");
    try {
      const note = await text(w.page, "url-note");
      expect(await w.page.$eval('[data-testid="url-note"]', (el) => el.className)).toBe("warning");
      for (const part of [/task="french" \(using dates\)/, /heads="3" \(using 2\)/, /lr="1" \(using 0\.01\)/, /source="9{40}…" \(using the default\)/, /block="dec\.1\.cross" \(using dec\.0\.cross\)/, /head="4" \(using 2\)/, /n="abc" \(using 64\)/, /d="100" \(using 64\)/]) {
        expect(note).toMatch(part);
      }
      expect(await shownValue(w.page, "task-select")).toMatch(/^dates/);
      expect(await shownValue(w.page, "heads-select")).toMatch(/^h = 2/);
      expect(await shownValue(w.page, "head-select")).toBe("head 2 of 2");
      expect(await shownValue(w.page, "d-select")).toBe("64");
      expect(await shownValue(w.page, "lr-slider")).toBe("0.01");
      expect(await w.page.$eval('[data-testid="source-input"] input', (i) => (i as HTMLInputElement).value)).toBe("27 November 2026");
      await waitForText(w.page, "model-status", /checkpoint \(trained 1,200 steps/, 60_000);
      await waitForText(w.page, "translation-output", /“27 November 2026” → 2026-11-27 ✓ right/);
      expect(await w.page.$eval('[data-block="dec.0.cross"]', (g) => g.getAttribute("aria-pressed"))).toBe("true");
      expect(await text(w.page, "table-1")).toMatch(/n = 64, d = 64/);
      expect(queryOf(w.page)).toEqual({});
      await expectClean(w);
    } finally {
      await w.close();
    }
  });
});
