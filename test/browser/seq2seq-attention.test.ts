/**
 * Chapter 4's page, driven as a reader would: the checkpoint's alignment is there before any
 * training, typed dates (good and bad) update the matrix and the output or give a message, the
 * stepper walks one decoding step with its numbers, the context vectors answer the notes' question,
 * the length chart shows both decoders, and live training grows the loss curve and redraws the
 * alignment without a main-thread task over 50 ms.
 */
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {browserMissing, errorCells, openWatched, setInput, visit, type WatchedPage} from "./browser.js";
import {builtPages} from "./site.js";
import {expectClean, useSite} from "./fixture.js";
import {cellColours, fingerprint, heatmapShape, modelStatusOf, moveCursor, pageNumber, press, queryOf, shownValue, text, waitForChange, waitForQuery, waitForStatus, waitForText} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/seq2seq-attention");




/** Moves the heatmap's keyboard cursor to (row, col) and returns the hover note it writes. */
async function hoverCell(page: Page, testid: string, row: number, col: number, note: string): Promise<string> {
  await moveCursor(page, testid, row, col);
  return text(page, note);
}

const alphaIn = (note: string) => Number((/α = ([\d.e−-]+)/.exec(note)?.[1] ?? "NaN").replace("−", "-"));

/** One row of a heatmap as its tooltip reads it out, moving the keyboard cursor along the row. */
async function rowValues(page: Page, testid: string, row: number, cols: number): Promise<number[]> {
  await moveCursor(page, testid, row, 0);
  const values: number[] = [];
  for (let col = 0; col < cols; col++) {
    if (col > 0) await page.keyboard.press("ArrowRight");
    const tip = await page.$eval(`[data-testid="${testid}"] .rt-tooltip`, (el) => el.textContent ?? "");
    values.push(pageNumber(/: ([^:]+)$/.exec(tip)?.[1] ?? "NaN"));
  }
  return values;
}

describe.skipIf(missing !== null || !present)("chapter 4: seq2seq and attention", () => {
  const env = useSite();
  const w = env.openBeforeAll("/seq2seq-attention", async (page) => {
    await waitForStatus(page, "ready", 30_000);
    await waitForText(page, "translation-output", /2026-11-27/);
  });

  it("shows the checkpoint's alignment at once, before any training", async () => {
    expect(await text(w.page, "model-status")).toMatch(/checkpoint/);
    expect(await text(w.page, "translation-output")).toMatch(/“27 November 2026” → 2026-11-27 ✓ right/);
    expect(await heatmapShape(w.page, "alignment-heatmap")).toBe("11×17"); // 10 characters + end, 16 + end
    expect(await cellColours(w.page, "alignment-heatmap")).toBeGreaterThan(10);
    // Writing the first year digit "2" (row 0), the trained model looks at the year's "2" (column 12).
    const note = await hoverCell(w.page, "alignment-heatmap", 0, 12, "align-hover");
    expect(note).toMatch(/Writing “2” \(step t = 0\).*“2” at input position 13/);
    expect(alphaIn(note)).toBeGreaterThan(0.8);
    // …and almost nowhere else: the "N" of November (column 3) gets next to nothing.
    expect(alphaIn(await hoverCell(w.page, "alignment-heatmap", 0, 3, "align-hover"))).toBeLessThan(0.05);
  });

  it("quotes the checkpoint's own measurements in the prose, not typed-in figures", async () => {
    const prose = await w.page.$eval("#observablehq-main", (el) => el.textContent ?? "");
    expect(prose).toMatch(/trained when the site was built \(\d[\d,]* steps; (all \d[\d,]*|[\d.]+% of \d[\d,]*) held-out dates right\)/);
    // the dates' and the words' alignment: a share, then "hits of scored"
    const shares = [...prose.matchAll(/for ([\d.]+)% of the output steps that have one \((\d[\d,]*) of (\d[\d,]*)\)/g)];
    expect(shares).toHaveLength(2);
    for (const [, share, hits, scored] of shares) {
      expect(Number(share)).toBeCloseTo((100 * pageNumber(hits)) / pageNumber(scored), 0);
      expect(Number(share)).toBeGreaterThanOrEqual(90);
    }
    expect(prose).toMatch(/trained on random words of 3 to 12 letters \(\d[\d,]* steps each\)/);
    expect(prose).toMatch(/\(\d[\d,]* parameters with attention and \d[\d,]* without, hidden size 32\)/);
    expect(prose).not.toMatch(/NaN|undefined|—%/);
  });

  it("a typed date updates the output and the matrix", async () => {
    const before = await fingerprint(w.page, "alignment-heatmap");
    await setInput(w.page, '[data-testid="date-input"] input', "3 May 1999");
    await waitForText(w.page, "translation-output", /“3 May 1999” → 1999-05-03 ✓ right/);
    await waitForChange(w.page, "alignment-heatmap", before);
    expect(await heatmapShape(w.page, "alignment-heatmap")).toBe("11×11");
    await setInput(w.page, '[data-testid="date-input"] input', "  29   february 2024 ");
    await waitForText(w.page, "translation-output", /“29 February 2024” → 2024-02-29/);
  });

  it("a bad input gives a message, never an error cell", async () => {
    const cases: [string, RegExp][] = [
      ["31 June 2026", /^June 2026 has no day 31\./],
      ["", /Type a date/],
      ["7", /is not a date written as day, month name, year/],
      ["27 Nov 2026", /not a month name/],
      ["27 November 3026", /from 1000 to 2999/],
      ["😀 November 2026", /is not a date/],
      ["٢٧ نوفمبر ٢٠٢٦", /is not a date/],
      ["9".repeat(20_000), /at most 40 characters/]
    ];
    for (const [input, message] of cases) {
      await setInput(w.page, '[data-testid="date-input"] input', input);
      await waitForText(w.page, "translation-message", message);
      expect(await errorCells(w.page)).toEqual([]);
    }
    await setInput(w.page, '[data-testid="date-input"] input', "27 November 2026");
    await waitForText(w.page, "translation-output", /✓ right/);
  });

  it("the context vectors answer the notes' question: fixed stays put, attention moves", async () => {
    const summary = await waitForText(w.page, "context-summary", /for the fixed context/);
    const [, fixed, attention] = /: (\S+) for the fixed context and (\S+) with attention/.exec(summary) ?? [];
    expect(Number(fixed)).toBe(0);
    expect(Number(attention)).toBeGreaterThan(0.5);
    // Drawn on a canvas: many colours on the right, and on the left every row the same.
    const columns = (testid: string) =>
      w.page.$eval(`[data-testid="${testid}"] canvas`, (c) => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        const rowsDiffer = new Set<string>(), colours = new Set<string>();
        for (let x = 0; x < canvas.width; x += 3) {
          const column = new Set<string>();
          for (let y = 1; y < canvas.height - 1; y += 3) {
            const k = 4 * (y * canvas.width + x);
            const rgb = `${data[k]},${data[k + 1]},${data[k + 2]}`;
            column.add(rgb);
            colours.add(rgb);
          }
          if (column.size > 1) rowsDiffer.add(String(x));
        }
        return {colours: colours.size, columnsThatChangeDownwards: rowsDiffer.size};
      });
    await w.page.waitForFunction(() => !!document.querySelector('[data-testid="context-attention"] canvas') && !!document.querySelector('[data-testid="context-fixed"] canvas'));
    const left = await columns("context-fixed"), right = await columns("context-attention");
    expect(right.colours).toBeGreaterThan(50);
    expect(right.columnsThatChangeDownwards).toBeGreaterThan(20);
    expect(left.columnsThatChangeDownwards).toBe(0);
  });

  it("the stepper walks one decoding step, with numbers at every part", async () => {
    await setInput(w.page, '[data-testid="t-slider"] input', 3);
    await waitForText(w.page, "step-note", /Step t = 3 .* has just written “2” and now writes “6”/);
    const stepper = w.page.locator('[data-testid="step-stepper"]');
    await stepper.locator("[tabindex='0']").first().focus();
    await w.page.keyboard.press("Home");
    let last = await fingerprint(w.page, "step-stepper");
    expect(last).toMatch(/Step 1 of 5/);
    expect(last).toMatch(/−?\d\.\d/);
    for (let part = 2; part <= 5; part++) {
      await stepper.getByRole("button", {name: /next/i}).click();
      last = await waitForChange(w.page, "step-stepper", last);
      expect(last).toMatch(new RegExp(`Step ${part} of 5`));
      expect(last).toMatch(/\d\.\d/);
    }
    expect(last).toMatch(/the model writes “6” with p = (0\.9|1\b)/);
    // The bars: α over the 17 input characters, its largest on the year's "6"; p(y) with "6" first.
    const marked = (testid: string) => w.page.$$eval(`[data-testid="${testid}"] .rt-token`, (ts) => ts.map((t) => t.textContent ?? ""));
    expect((await marked("alpha-bars")).length).toBe(17);
    expect(await text(w.page, "alpha-bars")).toMatch(/largest/);
    expect((await marked("prob-bars"))[0]).toBe("6");
    const beforeT = await fingerprint(w.page, "alpha-bars");
    await setInput(w.page, '[data-testid="t-slider"] input', 8);
    await waitForChange(w.page, "alpha-bars", beforeT);
    await waitForText(w.page, "step-note", /now writes “2”/);
  });

  it("the length chart shows both decoders over the training band, and can be measured again", async () => {
    const series = () =>
      w.page.$eval('[data-testid="length-chart"]', (el) => ({
        fixed: el.querySelectorAll('circle[data-series="fixed"]').length,
        attention: el.querySelectorAll('circle[data-series="attention"]').length,
        paths: el.querySelectorAll("path[data-series]").length,
        band: el.querySelectorAll("rect.rt-band").length
      }));
    expect(await series()).toEqual({fixed: 20, attention: 20, paths: 2, band: 1});
    const legend = await text(w.page, "length-chart");
    expect(legend).toMatch(/attention/);
    expect(legend).toMatch(/fixed context/);
    expect(legend).toMatch(/lengths seen in training/);
    const exact = await fingerprint(w.page, "length-chart");
    await setInput(w.page, '[data-testid="measure-select"] select', 1);
    const chars = await waitForChange(w.page, "length-chart", exact);
    expect(chars).toMatch(/Letters right/);
    await press(w.page, "measure-button");
    await waitForText(w.page, "length-source", /measured just now/, 60_000);
    expect(await series()).toMatchObject({fixed: 24, attention: 24});
  });

  it("a typed word is reversed by both models, with the attention's anti-diagonal", async () => {
    // The word the page opens with: row t's largest weight is on input letter n − 1 − t (0-based).
    await waitForText(w.page, "reverse-output", /Attention: “attention” → noitnetta ✓ right/);
    expect(await heatmapShape(w.page, "reverse-heatmap")).toBe("10×10"); // 9 letters + end
    for (let t = 0; t < 9; t++) {
      const row = await rowValues(w.page, "reverse-heatmap", t, 10);
      const top = row.indexOf(Math.max(...row));
      expect(top, `row ${t}: ${row.join(" ")}`).toBe(8 - t);
      expect(row.filter((a) => a === row[top])).toHaveLength(1);
    }
    await setInput(w.page, '[data-testid="word-input"] input', "abc");
    await waitForText(w.page, "reverse-output", /Attention: “abc” → cba ✓ right/);
    expect(await heatmapShape(w.page, "reverse-heatmap")).toBe("4×4");
    await setInput(w.page, '[data-testid="word-input"] input', "abc1");
    await waitForText(w.page, "reverse-output", /Only the letters a–z/);
    await setInput(w.page, '[data-testid="word-input"] input', "");
    await waitForText(w.page, "reverse-output", /Type a word/);
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("retrains live from untrained weights: the loss curve grows and the alignment redraws, with no main-thread task over 50 ms", async () => {
    const trained = await fingerprint(w.page, "training-heatmap");
    await press(w.page, "reset-button");
    await waitForText(w.page, "model-status", /untrained/);
    const flat = await waitForChange(w.page, "training-heatmap", trained);
    await waitForText(w.page, "translation-output", /✗ wrong/);
    const loss = await fingerprint(w.page, "loss-chart");
    await w.takeLongTasks();
    await press(w.page, "train-button");
    let longTasks: number[] = [];
    try {
      await waitForChange(w.page, "loss-chart", loss);
      await w.page.waitForTimeout(2500);
      expect(await modelStatusOf(w.page)).toBe("training");
      await waitForChange(w.page, "training-heatmap", flat); // redrawn while training
      expect(await text(w.page, "training-heatmap")).toMatch(/α after [1-9][\d,]* steps here/);
      // Pausing redraws what waits for a model at rest: the matrix, the contexts and the stepper.
      const redrawn = ["alignment-heatmap", "context-attention", "step-stepper"];
      const before = await Promise.all(redrawn.map((id) => fingerprint(w.page, id)));
      await press(w.page, "train-button");
      await waitForStatus(w.page, "paused");
      for (const [k, id] of redrawn.entries()) await waitForChange(w.page, id, before[k], 30_000);
      await w.page.waitForTimeout(1000); // the tasks that finish the last redraw
      longTasks = await w.takeLongTasks(); // from the press of Start to here
    } finally {
      if ((await modelStatusOf(w.page)) === "training") {
        await press(w.page, "train-button"); // pause, even when a check above failed
        await w.page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.getAttribute("data-status") === "paused");
      }
    }
    expect(longTasks.filter((ms) => ms > 50)).toEqual([]);
  });

  it("the learning-rate slider and the score select drive the model; the checkpoint comes back", async () => {
    await setInput(w.page, '[data-testid="lr-slider"] input', -2.5); // log₁₀ η
    expect(await text(w.page, "lr-slider")).toMatch(/0\.0032/);
    const before = await fingerprint(w.page, "alignment-heatmap");
    await setInput(w.page, '[data-testid="score-select"] select', 1); // dot: rebuilt untrained
    await waitForText(w.page, "model-status", /untrained/);
    await waitForChange(w.page, "alignment-heatmap", before);
    expect(await w.page.$eval('[data-testid="load-button"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await setInput(w.page, '[data-testid="score-select"] select', 0); // additive: the checkpoint again
    await waitForText(w.page, "model-status", /checkpoint/);
    await waitForText(w.page, "translation-output", /“27 November 2026” → 2026-11-27 ✓ right/);
    expect(await w.page.$eval('[data-testid="load-button"]', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
  });

  it("nothing broke along the way", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
  });

  it("fits a 390-px phone: nothing wider than the screen but the figures' own scrollers", async () => {
    const phone = await openWatched(env.browser, env.origin, {width: 390, height: 844});
    await visit(phone, env.origin + "/seq2seq-attention");
    await waitForText(phone.page, "translation-output", /2026-11-27/);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await errorCells(phone.page)).toEqual([]);
    await phone.close();
  });
});

describe.skipIf(missing !== null || !present)("chapter 4: the address keeps the reader's settings", () => {
  const env = useSite();

  async function open(query: string): Promise<WatchedPage> {
    const w = await env.open("/seq2seq-attention" + query);
    await waitForStatus(w.page, "ready");
    return w;
  }

  it("a link opens the page with its date, step, η, measure and word, and the figures show them", async () => {
    const w = await open("?date=3+May+1999&t=4&lr=0.03&measure=chars&word=reverse");
    try {
      expect(await shownValue(w.page, "date-input")).toBe("3 May 1999");
      expect(await shownValue(w.page, "t-slider")).toBe("t = 4");
      expect(await shownValue(w.page, "lr-slider")).toBe("0.03");
      expect(await shownValue(w.page, "measure-select")).toMatch(/letters right/);
      expect(await shownValue(w.page, "word-input")).toBe("reverse");
      // What the reader sees follows: the translation and its matrix, step 4, the chart, the word.
      await waitForText(w.page, "translation-output", /“3 May 1999” → 1999-05-03 ✓ right/);
      expect(await heatmapShape(w.page, "alignment-heatmap")).toBe("11×11");
      await waitForText(w.page, "step-note", /Step t = 4 of the translation of “3 May 1999”/);
      expect(await text(w.page, "length-chart")).toMatch(/Letters right, position by position/);
      await waitForText(w.page, "reverse-output", /Attention: “reverse” → esrever ✓ right/);
      expect(await w.page.$$('[data-testid="url-note"]')).toHaveLength(0);
      // The page keeps the address it was opened with.
      expect(queryOf(w.page)).toEqual({date: "3 May 1999", t: "4", lr: "0.03", measure: "chars", word: "reverse"});
      await expectClean(w);
    } finally {
      await w.close();
    }
  });

  it("a link with another score opens that model, untrained", async () => {
    const w = await open("?score=dot");
    try {
      expect(await shownValue(w.page, "score-select")).toMatch(/^dot/);
      await waitForText(w.page, "model-status", /untrained/);
      expect(await w.page.$eval('[data-testid="load-button"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
      await expectClean(w);
    } finally {
      await w.close();
    }
  });

  it("moving the controls writes the address; back at their defaults the keys go", async () => {
    const w = await open("");
    try {
      await waitForText(w.page, "translation-output", /2026-11-27/);
      expect(w.page.url()).toBe(env.origin + "/seq2seq-attention");
      await setInput(w.page, '[data-testid="t-slider"] input', 3);
      await waitForQuery(w.page, {t: "3"});
      await setInput(w.page, '[data-testid="date-input"] input', "1 June 2000");
      await waitForQuery(w.page, {date: "1 June 2000", t: "3"});
      // The slider moves η on a grid of log steps: about 0.03, as its readout says.
      await setInput(w.page, '[data-testid="lr-slider"] input', Math.log10(0.03));
      await setInput(w.page, '[data-testid="measure-select"] select', 1);
      await setInput(w.page, '[data-testid="word-input"] input', "abc");
      await waitForQuery(w.page, {date: "1 June 2000", lr: /^0\.03\d*$/, t: "3", measure: "chars", word: "abc"});
      expect(await shownValue(w.page, "lr-slider")).toBe("0.03");
      await setInput(w.page, '[data-testid="score-select"] select', 2);
      await waitForQuery(w.page, {date: "1 June 2000", score: "general", lr: /^0\.03\d*$/, t: "3", measure: "chars", word: "abc"});
      const entries = await w.page.evaluate(() => history.length);
      for (const [selector, value] of [
        ['[data-testid="t-slider"] input', 0],
        ['[data-testid="date-input"] input', "27 November 2026"],
        ['[data-testid="measure-select"] select', 0],
        ['[data-testid="word-input"] input', "attention"],
        ['[data-testid="score-select"] select', 0],
        ['[data-testid="lr-slider"] input', -2] // log₁₀ 0.01: the slider lands on the default exactly
      ] as const) await setInput(w.page, selector, value);
      await waitForQuery(w.page, {});
      expect(await w.page.evaluate(() => history.length)).toBe(entries); // no Back steps
      await waitForText(w.page, "model-status", /checkpoint/);
      await expectClean(w);
    } finally {
      await w.close();
    }
  });

  it("a bad value in the link is named in a note, and the page uses the default", async () => {
    const w = await open(`?t=99&score=bogus&lr=abc&date=${"9".repeat(41)}`);
    try {
      const note = await text(w.page, "url-note");
      expect(note).toMatch(/t="99" \(using 0\)/);
      expect(note).toMatch(/score="bogus" \(using additive\)/);
      expect(note).toMatch(/lr="abc" \(using 0\.01\)/);
      expect(note).toMatch(/date="9{40}…" \(using 27 November 2026\)/);
      expect(await w.page.$eval('[data-testid="url-note"]', (e) => e.classList.contains("warning"))).toBe(true);
      expect(await shownValue(w.page, "t-slider")).toBe("t = 0");
      expect(await shownValue(w.page, "score-select")).toMatch(/^additive/);
      expect(await shownValue(w.page, "lr-slider")).toBe("0.01");
      expect(await shownValue(w.page, "date-input")).toBe("27 November 2026");
      await waitForText(w.page, "translation-output", /“27 November 2026” → 2026-11-27 ✓ right/);
      // What the page shows is the defaults, and so, now, is the address.
      await waitForQuery(w.page, {});
      await expectClean(w);
    } finally {
      await w.close();
    }
  });
});
