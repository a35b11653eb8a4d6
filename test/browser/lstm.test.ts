/**
 * Chapter 3 (LSTM gates), driven as a reader would: the page loads clean; both character models
 * train from one button with the loss curves growing and the main thread free; every gate heatmap
 * draws; pointing at a character shows that step's gate vectors; the stepper walks its five stages
 * with numbers while the cell diagram follows; the unit select and the step slider move their views;
 * the forget-bias slider moves the gradient charts (on the reader's text, the LSTM's curve and not
 * the RNN's); the gradient figure on the text follows the trained models too; the adding problem
 * trains with the main thread free and reports how long the run took; a hidden size of 8 shows every
 * unit; and awkward texts give a result or a message, never an error cell.
 *
 * Main-thread work is measured as browser.ts does for every page: each task's CPU time on the
 * page's main thread, from a Chromium trace (wall time is logged).
 */
import {afterEach, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {browserMissing, errorCells, setInput, type WatchedPage} from "./browser.js";
import {builtPages} from "./site.js";
import {expectClean, useSite} from "./fixture.js";
import {fingerprint, heatmapShape, modelStatusOf, pageNumber, queryOf, shownValue, text, waitForChange, waitForText} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/lstm");
const GATES = ["f", "i", "cTilde", "o", "c", "h"];
const CHAR_FLOW_COLOURS = {lstmCell: "#3b5fc0", lstmState: "#7ea6e0", rnn: "#7b8794"};

/** The curves the gradient figure on the text draws: each series' path, by its colour ("" when not drawn). */
function charFlowPaths(page: Page): Promise<Record<keyof typeof CHAR_FLOW_COLOURS, string>> {
  return page.$eval(
    '[data-testid="char-flow-chart"]',
    (root, colours) => Object.fromEntries(Object.entries(colours).map(([k, c]) => [k, root.querySelector(`path[stroke="${c}"]`)?.getAttribute("d") ?? ""])) as Record<string, string>,
    CHAR_FLOW_COLOURS
  ) as Promise<Record<keyof typeof CHAR_FLOW_COLOURS, string>>;
}

/** The numbers the note under the figure states at a distance: LSTM cell and RNN state. */
function noteAt(note: string, distance: number): {lstm: number; rnn: number} {
  const number = "([0-9.e\u2212-]*[0-9])"; // as formatNumber writes it: it ends in a digit
  const m = new RegExp(`At distance ${distance}[^:]*: LSTM cell ${number}, RNN state ${number}`).exec(note);
  if (!m) throw new Error(`no values at distance ${distance} in: ${note}`);
  return {lstm: pageNumber(m[1]), rnn: pageNumber(m[2])};
}


/** What the reader sees in the gate views: no error cell, no NaN in the vectors, no grey "not finite" notes. */
async function gateViewsClean(page: Page): Promise<void> {
  expect(await errorCells(page)).toEqual([]);
  expect(await text(page, "gate-vectors")).not.toMatch(/NaN/);
  for (const g of GATES) {
    const warn = await page.$eval(`[data-testid="heatmap-${g}"] .rt-note.rt-warn`, (el) => ((el as HTMLElement).hidden ? "" : el.textContent ?? ""));
    expect(warn, `heatmap ${g}`).toBe("");
  }
}

describe.skipIf(missing !== null || !present)("chapter 3: LSTM gates", () => {
  const env = useSite();
  const w = env.openBeforeAll("/lstm", async (page) => {
    await page.waitForFunction(() => ["model-status", "rnn-status", "adding-status"].every((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-status") === "ready"), undefined, {timeout: 60_000});
    // the gates of the default text have arrived when the strip has its characters
    await page.waitForFunction(() => (document.querySelectorAll('[data-testid="gate-strip"] .rt-ch').length ?? 0) > 10, undefined, {timeout: 60_000});
  });

  it("loads clean, with every figure in place", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    for (const id of ["loss-chart", "hidden-select", "gate-strip", "gate-vectors", "probe-table", "compare-chart", "lstm-stepper", "lstm-diagram", "char-flow-models", "char-flow-chart", "char-flow-note", "adding-chart", "adding-result", "adding-time", "flow-fresh-chart", "flow-trained-chart"]) {
      expect(await w.page.locator(`[data-testid="${id}"]`).count(), id).toBe(1);
    }
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
  });

  it("draws every gate heatmap: units × characters, on a canvas, with nothing missing", async () => {
    const chars = await w.page.$$eval('[data-testid="gate-strip"] .rt-ch', (els) => els.length);
    expect(chars).toBe(86);
    for (const g of GATES) {
      const size = await w.page.$eval(`[data-testid="heatmap-${g}"] canvas`, (c) => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set<number>();
        for (let k = 0; k < data.length; k += 4 * 97) colours.add((data[k] << 16) | (data[k + 1] << 8) | data[k + 2]);
        return {w: canvas.width, h: canvas.height, colours: colours.size};
      });
      expect(size.w, g).toBeGreaterThan(100);
      expect(size.colours, `${g} has more than one colour`).toBeGreaterThan(3);
    }
    await gateViewsClean(w.page);
  });

  it("pointing at a character shows all four gate vectors at that step", async () => {
    const before = await fingerprint(w.page, "gate-vectors");
    await w.page.locator('[data-testid="gate-strip"] .rt-ch').nth(20).hover();
    const after = await waitForChange(w.page, "gate-vectors", before);
    expect(after).toMatch(/Step t = 21, reading /);
    for (const row of ["f(t)", "i(t)", "c̃(t)", "o(t)"]) expect(after).toContain(row);
    const cells = await w.page.$$eval('[data-testid="gate-vectors"] rect', (rs) => rs.length);
    expect(cells).toBe(6 * 64);
    await w.page.locator('[data-testid="gate-strip"] .rt-ch').nth(40).hover();
    expect(await waitForChange(w.page, "gate-vectors", after)).toMatch(/Step t = 41/);
  });

  it("the stepper walks forget → input → candidate → cell → output with numbers, and the diagram follows", async () => {
    const stepper = w.page.locator('[data-testid="lstm-stepper"]');
    let s = await fingerprint(w.page, "lstm-stepper");
    let d = await fingerprint(w.page, "lstm-diagram");
    expect(d).toMatch(/Step 1 of 5\. Forget/);
    const words = ["Input gate", "Candidate", "Cell update", "Output"];
    for (const word of words) {
      await stepper.getByRole("button", {name: /next/i}).click();
      s = await waitForChange(w.page, "lstm-stepper", s);
      d = await waitForChange(w.page, "lstm-diagram", d);
      expect(d).toContain(word);
      expect(s).toMatch(/\d\.\d{2}/); // the panel shows the step's numbers
    }
    expect(s).toMatch(/Step 5 of 5/);
    expect(s).toContain("64 entries"); // 64 units are summarised
    expect(await stepper.getByRole("button", {name: /next/i}).isDisabled()).toBe(true);
    // the highlighted part of the diagram is the output gate now
    expect(await w.page.$eval('[data-testid="lstm-diagram"] [data-state="now"]', (g) => g.getAttribute("data-stage"))).toBe("output");
  });

  it("the time-step slider and a click on a character change the stepper's numbers", async () => {
    const before = await fingerprint(w.page, "lstm-stepper");
    await setInput(w.page, '[data-testid="step-slider"] input', 30);
    const after = await waitForChange(w.page, "lstm-stepper", before);
    expect(after).toContain("step t = 30");
    await w.page.locator('[data-testid="gate-strip"] .rt-ch').nth(4).click();
    expect(await waitForChange(w.page, "lstm-stepper", after)).toContain("step t = 5");
  });

  it("the unit select moves the comparison of the two texts", async () => {
    const before = await fingerprint(w.page, "compare-chart");
    await setInput(w.page, '[data-testid="unit-select"] select', 7);
    const after = await waitForChange(w.page, "compare-chart", before);
    expect(after).toContain("Unit 7 reading the first text");
    expect(await text(w.page, "compare-note")).toMatch(/differ by/);
  });

  it("the forget-bias slider moves the gradient chart, and extreme values still draw", async () => {
    let before = await fingerprint(w.page, "flow-fresh-chart");
    expect(await text(w.page, "flow-fresh-note")).toMatch(/b_f = 1\./);
    for (const b of [0, -2, 4]) {
      await setInput(w.page, '[data-testid="forget-bias-slider"] input', b);
      before = await waitForChange(w.page, "flow-fresh-chart", before);
      await w.page.waitForFunction((v) => document.querySelector('[data-testid="flow-fresh-note"]')?.textContent?.includes(`b_f = ${v}.`), b === -2 ? "−2" : String(b));
      expect(before).not.toMatch(/NaN/);
      expect(await w.page.$$eval('[data-testid="flow-fresh-chart"] path[stroke^="#"]', (ps) => ps.filter((p) => (p.getAttribute("d") ?? "").length > 20).length)).toBe(3);
    }
    expect(await text(w.page, "flow-fresh-note")).toMatch(/At distance 30: LSTM cell \d/);
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("the gradient figure on the text draws three curves; the forget-bias slider moves the LSTM's, not the RNN's", async () => {
    // The slider is at 4 from the test before; the figure shows the untrained models.
    let note = await waitForText(w.page, "char-flow-note", /Untrained: the LSTM with b_f = 4, /);
    expect(note).toMatch(/The loss is J\(85\), the surprise at “"” after the 85 characters before it\./);
    let paths = await charFlowPaths(w.page);
    for (const [k, d] of Object.entries(paths)) expect(d.length, k).toBeGreaterThan(20);
    for (const b of [1, 0]) {
      const before = {note, paths};
      await setInput(w.page, '[data-testid="forget-bias-slider"] input', b);
      note = await waitForText(w.page, "char-flow-note", new RegExp(`b_f = ${b}, `));
      paths = await charFlowPaths(w.page);
      expect(paths.lstmCell).not.toBe(before.paths.lstmCell);
      expect(paths.lstmState).not.toBe(before.paths.lstmState);
      expect(paths.rnn.length).toBeGreaterThan(20);
      for (const d of [40, 84]) {
        const [was, now] = [noteAt(before.note, d), noteAt(note, d)];
        expect(now.rnn, `RNN at distance ${d}`).toBe(was.rnn);
        expect(now.lstm, `LSTM at distance ${d}`).not.toBe(was.lstm);
        expect(now.lstm).toBeGreaterThan(0);
      }
    }
    // b_f = 0 leaves the fresh cell's gradient far below the RNN's at distance 40 (the page says so).
    const at40 = noteAt(note, 40);
    expect(at40.lstm).toBeLessThan(at40.rnn / 100);
    expect(await text(w.page, "char-flow-chart")).not.toMatch(/NaN/);
    await setInput(w.page, '[data-testid="forget-bias-slider"] input', 1);
    await waitForText(w.page, "char-flow-note", /b_f = 1, /);
  });

  it("trains both character models from one button: loss curves grow, status training, main thread free", async () => {
    const before = await fingerprint(w.page, "loss-chart");
    await w.page.locator('[data-testid="train-button"]').click();
    await waitForChange(w.page, "loss-chart", before, 30_000);
    // both curves have points: each legend entry shows its latest value
    await w.page.waitForFunction(() => {
      const legend = document.querySelector('[data-testid="loss-chart"] .rt-legend-items')?.textContent ?? "";
      return /RNN \(chapter 1\)\d/.test(legend) && /LSTM\d/.test(legend);
    }, undefined, {timeout: 60_000});
    expect(await modelStatusOf(w.page)).toBe("training");
    expect(await modelStatusOf(w.page, "rnn-status")).toBe("training");
    await w.takeLongTasks(); // starts the trace
    await w.page.waitForTimeout(3000);
    const cpu = await w.takeLongTasks(); // every task's main-thread CPU time over those 3 s
    expect(cpu.length).toBeGreaterThan(10);
    expect(cpu.filter((ms) => ms > 50)).toEqual([]);
    // the curve keeps growing, and the gate views keep refreshing without errors
    const mid = await fingerprint(w.page, "loss-chart");
    await waitForChange(w.page, "loss-chart", mid, 30_000);
    await waitForChange(w.page, "gate-vectors", await fingerprint(w.page, "gate-vectors"), 30_000);
    await gateViewsClean(w.page);
    await w.page.locator('[data-testid="train-button"]').click(); // pause
    await w.page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.getAttribute("data-status") === "paused");
  });

  it("the gradient figure on the text shows the trained models when asked, and the slider leaves them alone", async () => {
    const fresh = await charFlowPaths(w.page);
    await setInput(w.page, '[data-testid="char-flow-models"] select', 1); // "trained"
    const note = await waitForText(w.page, "char-flow-note", /^Trained: the LSTM after [\d,]+ steps, the RNN after [\d,]+\./);
    expect(pageNumber(/LSTM after ([\d,]+)/.exec(note)![1])).toBeGreaterThan(0);
    const trained = await charFlowPaths(w.page);
    for (const [k, d] of Object.entries(trained)) expect(d.length, k).toBeGreaterThan(20);
    expect(trained.lstmCell).not.toBe(fresh.lstmCell);
    expect(trained.rnn).not.toBe(fresh.rnn);
    // The models are paused: moving b_f (which only builds untrained LSTMs) changes nothing here.
    const before = await fingerprint(w.page, "char-flow-chart");
    await setInput(w.page, '[data-testid="forget-bias-slider"] input', 3);
    await w.page.waitForTimeout(1500);
    expect(await fingerprint(w.page, "char-flow-chart")).toBe(before);
    expect(await text(w.page, "char-flow-note")).toBe(note);
    await setInput(w.page, '[data-testid="forget-bias-slider"] input', 1);
    await setInput(w.page, '[data-testid="char-flow-models"] select', 0);
    await waitForText(w.page, "char-flow-note", /^Untrained: the LSTM with b_f = 1, /);
  });

  it("the adding problem trains with the main thread free, reports the test errors, and how long the run took", async () => {
    const before = await fingerprint(w.page, "adding-chart");
    const result = await text(w.page, "adding-result");
    expect(result).toMatch(/Before training/);
    expect(await text(w.page, "adding-time")).toBe("");
    await w.page.locator('[data-testid="adding-train-button"]').click();
    await waitForChange(w.page, "adding-chart", before, 30_000);
    expect(await modelStatusOf(w.page, "adding-status")).toBe("training");
    await w.takeLongTasks(); // a new window starts here
    await w.page.waitForTimeout(3000);
    const cpu = await w.takeLongTasks(); // every task's main-thread CPU time over those 3 s
    expect(cpu.length).toBeGreaterThan(10);
    expect(cpu.filter((ms) => ms > 50)).toEqual([]);
    await w.page.waitForFunction(() => /After \d+ steps, test error/.test(document.querySelector('[data-testid="adding-result"]')?.textContent ?? ""), undefined, {timeout: 60_000});
    expect(await text(w.page, "adding-result")).toMatch(/LSTM \d.*RNN \d/s);
    expect(await text(w.page, "flow-trained-note")).toMatch(/After \d+ training steps/);
    // The run goes to its end; the page then says how long it took.
    const took = await waitForText(w.page, "adding-time", /^Your run of 1,000 steps took [\d.]+ s of training/, 120_000);
    expect(pageNumber(/took ([\d.]+) s/.exec(took)![1])).toBeGreaterThan(0);
    expect(await modelStatusOf(w.page, "adding-status")).toBe("ready");
    console.log(`adding problem, 1,000 steps in this browser: ${took}`);
  });

  const cases: [string, string, RegExp][] = [
    ["one character", "a", /one step/],
    ["20 000 characters", "The lamp was lit. ".repeat(1112).slice(0, 20_000), /20,000 characters; the figures read the first 160/],
    ["emoji", "The 🐟 swam 🌊 home.", /not occur in the training text/],
    ["right-to-left script", "שלום עולם, مرحبا بالعالم", /not occur in the training text/]
  ];

  it.each(cases)("a text of %s gives a result and a message", async (_, input, message) => {
    const before = await fingerprint(w.page, "gate-strip");
    await setInput(w.page, '[data-testid="read-input"] textarea', input);
    await waitForChange(w.page, "gate-strip", before, 30_000);
    await w.page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="read-note"]')?.textContent ?? ""), message.source, {timeout: 30_000});
    const shown = await w.page.$$eval('[data-testid="gate-strip"] .rt-ch', (els) => els.length);
    expect(shown).toBe(Math.min(160, Array.from(input).length));
    await gateViewsClean(w.page);
    expect(await text(w.page, "lstm-stepper")).not.toMatch(/could not be computed|NaN/);
  });

  it("the gradient figure on the text asks for two characters when given one", async () => {
    await setInput(w.page, '[data-testid="read-input"] textarea', "a");
    await waitForText(w.page, "char-flow-note", /needs a text of at least two characters/);
    expect(await charFlowPaths(w.page)).toEqual({lstmCell: "", lstmState: "", rnn: ""});
    await setInput(w.page, '[data-testid="read-input"] textarea', "ab");
    await waitForText(w.page, "char-flow-note", /The loss is J\(1\), the surprise at “b” after the character before it\. At distance 0: LSTM cell \d/);
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("an empty text gives a message and keeps the last result", async () => {
    const shown = await w.page.$$eval('[data-testid="gate-strip"] .rt-ch', (els) => els.length);
    await setInput(w.page, '[data-testid="read-input"] textarea', "");
    await w.page.waitForFunction(() => /at least one character/.test(document.querySelector('[data-testid="read-input"] .rt-message')?.textContent ?? ""));
    await w.page.waitForTimeout(500);
    expect(await w.page.$$eval('[data-testid="gate-strip"] .rt-ch', (els) => els.length)).toBe(shown);
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("the comparison takes empty, emoji and right-to-left texts without an error", async () => {
    await setInput(w.page, '[data-testid="compare-b"] input', "");
    await w.page.waitForFunction(() => /at least one character/.test(document.querySelector('[data-testid="compare-b"] .rt-message')?.textContent ?? ""));
    for (const t of ["🙂🙂 hi", "مرحبا", "x"]) {
      const before = await fingerprint(w.page, "compare-chart");
      await setInput(w.page, '[data-testid="compare-b"] input', t);
      await waitForChange(w.page, "compare-chart", before, 30_000);
      expect(await text(w.page, "compare-chart")).not.toMatch(/NaN/);
    }
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("nothing broke along the way", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
    for (const id of ["model-status", "rnn-status", "adding-status"]) expect(["ready", "paused"]).toContain(await modelStatusOf(w.page, id));
  });

  describe("the address keeps the reader's settings", () => {
    let v: WatchedPage;
    afterEach(async () => {
      await v?.close();
    });
    const open = async (query: string) => {
      v = await env.open("/lstm" + query);
      await v.page.waitForFunction(() => ["model-status", "rnn-status", "adding-status"].every((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-status") === "ready"), undefined, {timeout: 60_000});
      await v.page.waitForFunction(() => document.querySelectorAll('[data-testid="gate-strip"] .rt-ch').length > 0, undefined, {timeout: 60_000});
      return v.page;
    };
    const output = (page: Page, testid: string) => page.$eval(`[data-testid="${testid}"] output`, (el) => el.textContent);
    const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);
    const selected = (page: Page) => page.$eval('[data-testid="unit-select"] select', (el) => (el as HTMLSelectElement).selectedOptions[0].textContent);
    it("a link opens the page with its settings: the controls show them and the figures follow", async () => {
      const read = "The keeper counted the steps: one, two, three, and so on up to the lamp.";
      const query = new URLSearchParams({lr: "0.05", hidden: "128", read, t: "20", first: "The sea was grey.", second: "The sea was blue.", unit: "100", forgetBias: "3", flow: "trained"});
      const page = await open(`?${query}`);
      expect(await page.$$('[data-testid="url-note"]')).toHaveLength(0);
      expect(await output(page, "lr-slider")).toBe("0.05");
      expect(await value(page, '[data-testid="read-input"] textarea')).toBe(read);
      expect(await value(page, '[data-testid="compare-a"] input')).toBe("The sea was grey.");
      expect(await value(page, '[data-testid="compare-b"] input')).toBe("The sea was blue.");
      expect(await shownValue(page, "hidden-select")).toBe("128 units");
      expect(await selected(page)).toBe("unit 100"); // a unit that exists at 128 units, not at 64
      expect(await output(page, "forget-bias-slider")).toBe("3");
      expect(await output(page, "step-slider")).toMatch(/^t = 20: /);
      expect(await shownValue(page, "char-flow-models")).toMatch(/^trained/);
      // The figures read these settings: the strip holds the linked text, the stepper is at t = 20,
      // the comparison follows unit 100, the heatmaps have 128 units, the fresh models were built
      // with b_f = 3 and the gradient figure on the text shows the models being trained.
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="gate-strip"] .rt-ch').length === n, Array.from(read).length, {timeout: 30_000});
      await page.waitForFunction(() => (document.querySelector('[data-testid="lstm-stepper"]')?.textContent ?? "").includes("step t = 20"), undefined, {timeout: 30_000});
      await page.waitForFunction(() => (document.querySelector('[data-testid="compare-chart"]')?.textContent ?? "").includes("Unit 100 reading the first text"), undefined, {timeout: 30_000});
      await page.waitForFunction(() => (document.querySelector('[data-testid="flow-fresh-note"]')?.textContent ?? "").includes("b_f = 3."), undefined, {timeout: 30_000});
      await waitForText(page, "char-flow-note", /^Trained: the LSTM after 0 steps, the RNN after 0\./);
      expect(await heatmapShape(page, "heatmap-f")).toBe(`128×${Array.from(read).length}`);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual(Object.fromEntries(query));
      await expectClean(v);
    });

    it("moving a control puts it in the address, and its default takes it out", async () => {
      const page = await open("");
      expect(await page.$$('[data-testid="url-note"]')).toHaveLength(0);
      expect(page.url()).toBe(env.origin + "/lstm");
      const until = (key: string, want: string | null) => page.waitForFunction(([k, w]) => new URLSearchParams(location.search).get(k) === w, [key, want] as const, {timeout: 10_000});
      // A log slider holds the value of its step nearest the one asked for, and the address holds it exactly.
      const near = (key: string, want: number) => page.waitForFunction(([k, w]) => Math.abs(Number(new URLSearchParams(location.search).get(k)) / w - 1) < 0.02, [key, want] as const, {timeout: 10_000});
      await setInput(page, '[data-testid="unit-select"] select', 7);
      await until("unit", "7");
      await setInput(page, '[data-testid="forget-bias-slider"] input', 0);
      await until("forgetBias", "0");
      await setInput(page, '[data-testid="lr-slider"] input', Math.log10(0.003)); // a log slider moves in log₁₀ units
      await near("lr", 0.003);
      await setInput(page, '[data-testid="step-slider"] input', 30);
      await until("t", "30");
      await setInput(page, '[data-testid="compare-b"] input', "The sea was blue.");
      await until("second", "The sea was blue.");
      await setInput(page, '[data-testid="char-flow-models"] select', 1);
      await until("flow", "trained");
      await setInput(page, '[data-testid="hidden-select"] select', 1); // 16 units: both models are built again
      await until("hidden", "16");
      await page.waitForFunction(() => /16 rows by/.test(document.querySelector('[data-testid="heatmap-f"]')?.getAttribute("aria-label") ?? ""), undefined, {timeout: 30_000});
      expect(await selected(page)).toBe("unit 7"); // unit 7 exists at 16 units too: it stays
      // Back to the defaults: the keys leave the address.
      await setInput(page, '[data-testid="hidden-select"] select', 3);
      await until("hidden", null);
      await setInput(page, '[data-testid="char-flow-models"] select', 0);
      await until("flow", null);
      await setInput(page, '[data-testid="unit-select"] select', 0);
      await until("unit", null);
      await setInput(page, '[data-testid="forget-bias-slider"] input', 1);
      await until("forgetBias", null);
      await setInput(page, '[data-testid="lr-slider"] input', Math.log10(0.01)); // off its step grid, but the slider snaps to its default
      await until("lr", null);
      await setInput(page, '[data-testid="step-slider"] input', 14);
      await until("t", null);
      await setInput(page, '[data-testid="compare-b"] input', `"The wind was from the west.`);
      await until("second", null);
      expect(page.url()).toBe(env.origin + "/lstm");
      // A new text to read goes in; the step starts again from its default, so t stays out.
      await setInput(page, '[data-testid="read-input"] textarea', "The lamp was lit at dusk.");
      await until("read", "The lamp was lit at dusk.");
      expect(new URL(page.url()).searchParams.get("t")).toBeNull();
      await expectClean(v);
    });

    it("a value the page cannot use is named in a note, and the control keeps its default", async () => {
      const page = await open("?unit=64&forgetBias=0.3&read=&t=0&hidden=12&flow=best");
      const note = await text(page, "url-note");
      expect(note).toContain('hidden="12" (using 64)');
      expect(note).toContain('flow="best" (using fresh)');
      expect(note).toContain('unit="64" (using 0)');
      expect(note).toContain('forgetBias="0.3" (using 1)');
      expect(note).toContain('read="" (using');
      expect(note).toContain('t="0" (using 14)');
      expect(await page.$eval('[data-testid="url-note"]', (el) => el.className)).toContain("warning");
      expect(await selected(page)).toBe("unit 0");
      expect(await output(page, "forget-bias-slider")).toBe("1");
      expect(await output(page, "step-slider")).toMatch(/^t = 14: /);
      expect(await value(page, '[data-testid="read-input"] textarea')).toMatch(/^"There are 112 steps,"/);
      await page.waitForFunction(() => (document.querySelector('[data-testid="flow-fresh-note"]')?.textContent ?? "").includes("b_f = 1."), undefined, {timeout: 30_000});
      expect(await shownValue(page, "hidden-select")).toBe("64 units");
      await expectClean(v);
    });

    it("with 8 hidden units the stepper shows every entry of the gate vectors, and the heatmaps have 8 rows", async () => {
      const page = await open("?hidden=8");
      expect(await shownValue(page, "hidden-select")).toBe("8 units");
      await page.waitForFunction(() => /8 rows by 86 columns/.test(document.querySelector('[data-testid="heatmap-h"]')?.getAttribute("aria-label") ?? ""), undefined, {timeout: 30_000});
      for (const g of GATES) expect(await heatmapShape(page, `heatmap-${g}`), g).toBe("8×86");
      expect(await page.$$eval('[data-testid="unit-select"] option', (os) => os.map((o) => o.textContent))).toEqual(["unit 0", "unit 1", "unit 2", "unit 3", "unit 4", "unit 5", "unit 6", "unit 7"]);
      expect(await page.$$eval('[data-testid="gate-vectors"] rect', (rs) => rs.length)).toBe(6 * 8);
      // Step 1 of the stepper: f(t) as a row of 8 numbers, nothing summarised or left out.
      await page.waitForFunction(() => (document.querySelector('[data-testid="lstm-stepper"]')?.textContent ?? "").includes("step t = 14"), undefined, {timeout: 30_000});
      const stepper = page.locator('[data-testid="lstm-stepper"]');
      const rowOf = (label: string) => stepper.locator(`table[aria-label="${label}"] td`).allTextContents();
      const f = await rowOf("f(t)");
      expect(f).toHaveLength(8);
      for (const x of f) expect(pageNumber(x)).toBeGreaterThan(0);
      expect(await rowOf("h(t−1)")).toHaveLength(8);
      expect(await stepper.locator(".rt-more").count()).toBe(0);
      expect(await text(page, "lstm-stepper")).not.toMatch(/entries/);
      // and the same in the last step, h(t) = o(t) ⊙ tanh c(t)
      for (let k = 0; k < 4; k++) await stepper.getByRole("button", {name: /next/i}).click();
      await page.waitForFunction(() => /Step 5 of 5/.test(document.querySelector('[data-testid="lstm-stepper"]')?.textContent ?? ""));
      expect(await rowOf("h(t)")).toHaveLength(8);
      expect(await stepper.locator(".rt-more").count()).toBe(0);
      expect(await text(page, "lstm-stepper")).not.toMatch(/entries/);
      expect(await text(page, "char-flow-note")).toMatch(/^Untrained: the LSTM with b_f = 1, /);
      expect(queryOf(page)).toEqual({hidden: "8"});
      await expectClean(v);
    });
  });
});
