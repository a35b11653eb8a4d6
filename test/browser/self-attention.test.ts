/**
 * Chapter 6 (self-attention and position), driven as a reader would: the page loads clean and
 * shows the checkpoint's trained model at once; reset to fresh weights, the model trains from the
 * button with progress and a free main thread, and learns the task; the checkpoint loads back; a typed
 * sentence redraws the attention matrix, whose cells answer hover; bad text gives a message; the
 * shuffle figure shows equal outputs up to the permutation without positions and different ones
 * with them; the image view answers hover, keys and drawing; the memory calculator and chart follow
 * their sliders (the picture's H·W and the text's n marked on the N² curve); choosing learned
 * positions loads the checkpoint's model built with them and shows its table.
 */
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {browserMissing, errorCells, setInput, type WatchedPage} from "./browser.js";
import {builtPages} from "./site.js";
import {expectClean, useSite} from "./fixture.js";
import {fingerprint, letTrain, pageNumber, press, queryOf, shownValue, text, waitForChange, waitForQuery, waitForStatus, waitForText} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/self-attention");


async function typeSentence(page: Page, value: string): Promise<void> {
  await setInput(page, '[data-testid="sentence-input"] input', value);
}

describe.skipIf(missing !== null || !present)("chapter 6: self-attention and position", () => {
  const env = useSite();
  const w = env.openBeforeAll("/self-attention", async (page) => {
    await waitForStatus(page, "ready", 30_000);
    await page.waitForFunction(() => /Sorted:/.test(document.querySelector('[data-testid="sorted-line"]')?.textContent ?? ""));
  });

  it("opens with the checkpoint's trained model: its accuracy, its pointers, and the status says where the weights came from", async () => {
    const held = await waitForText(w.page, "held-out", /after 300 steps: [\d.]+% of pointers right/);
    expect(pageNumber(held.match(/: ([\d.]+)% of pointers/)![1])).toBeGreaterThan(90);
    expect(held).toMatch(/Each sentence shuffled, with sinusoidal codes added \(which this model never saw\): [\d.]+% of the answers move along/);
    // The first matrix drawn is the trained model's: its pointers for the quick brown fox are mostly right.
    const pointers = await waitForText(w.page, "pointer-table", /The model's pointers: [\d.]+% right/);
    expect(pageNumber(pointers.match(/pointers: ([\d.]+)% right/)![1])).toBeGreaterThan(80);
    expect(await text(w.page, "model-status")).toMatch(/weights: the checkpoint, trained 300 steps when the site was built/);
    expect(await w.page.$eval('[data-testid="train-button"]', (b) => b.textContent)).toBe("Train 300 more steps");
    // The prose quotes the checkpoint's figures.
    const prose = (await w.page.evaluate(() => document.body.textContent ?? "")).replace(/\s+/g, " ");
    expect(prose).toMatch(/300 steps from random weights, after which it names 9\d% of the pointers in 256 held-out sentences right/);
    expect(prose).toMatch(/Shuffle each of the 256 held-out sentences and \d+% of the answers move along with sinusoids, \d+% with a learned table\./);
  });

  it("reset to fresh weights, it trains from the button: progress, curves, no main-thread task over 50 ms, and it learns; the checkpoint loads back", async () => {
    const trained = await fingerprint(w.page, "attention-map");
    await press(w.page, "reset-button");
    await w.page.waitForFunction(() => /after 0 steps/.test(document.querySelector('[data-testid="held-out"]')?.textContent ?? ""));
    await waitForChange(w.page, "attention-map", trained);
    expect(await text(w.page, "model-status")).toMatch(/weights: untrained \(fresh\)/);
    await w.page.waitForFunction(() => document.querySelector('[data-testid="train-button"]')?.textContent === "Start (300 steps)");
    const held0 = await text(w.page, "held-out");
    expect(pageNumber(held0.match(/: ([\d.]+)% of pointers/)![1])).toBeLessThan(20);
    const before = await fingerprint(w.page, "loss-chart");
    const matrixBefore = await fingerprint(w.page, "attention-map");
    await w.takeLongTasks();
    await press(w.page, "train-button");
    await waitForChange(w.page, "loss-chart", before, 30_000);
    expect(["training", "ready"]).toContain(await letTrain(w.page, 2500));
    const longTasks = await w.takeLongTasks();
    expect(longTasks.filter((ms) => ms > 50)).toEqual([]);
    const done = await w.page.$eval('[data-testid="model-status"] progress', (p) => (p as HTMLProgressElement).value);
    expect(done).toBeGreaterThan(0);
    await waitForChange(w.page, "attention-map", matrixBefore); // refreshed on a throttle while training
    await w.page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.getAttribute("data-status") === "ready", undefined, {timeout: 110_000});
    await w.page.waitForFunction(() => /after 300 steps/.test(document.querySelector('[data-testid="held-out"]')?.textContent ?? ""), undefined, {timeout: 20_000});
    const held = await text(w.page, "held-out");
    expect(pageNumber(held.match(/: ([\d.]+)% of pointers/)![1])).toBeGreaterThan(80);
    expect(await w.page.$eval('[data-testid="train-button"]', (b) => b.textContent)).toMatch(/more steps/);
    await press(w.page, "load-button");
    await waitForText(w.page, "model-status", /weights: the checkpoint/);
    const back = await waitForText(w.page, "held-out", /after 300 steps: [\d.]+% of pointers right/);
    expect(pageNumber(back.match(/: ([\d.]+)% of pointers/)![1])).toBeGreaterThan(90);
  }, 150_000);

  it("a typed sentence redraws the attention matrix; a cell answers hover with its weight and two tokens", async () => {
    const before = await fingerprint(w.page, "attention-map");
    await typeSentence(w.page, "banana split");
    await waitForChange(w.page, "attention-map", before);
    await w.page.waitForFunction(() => /“banana split”/.test(document.querySelector('[data-testid="attention-map"]')?.textContent ?? ""));
    const labels = await w.page.$$eval('[data-testid="pointer-table"] tr:first-child td', (tds) => tds.map((t) => t.textContent));
    expect(labels.join("")).toBe("⟨s⟩banana␣split");
    const sorted = await text(w.page, "sorted-line");
    expect(sorted).toMatch(/Sorted: ␣ → a → b → i → l → n → p → s → t\./);
    const cell = w.page.locator('[data-testid="attention-map"] .rt-plot svg');
    await cell.scrollIntoViewIfNeeded();
    const box = (await cell.boundingBox())!;
    await w.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await w.page.waitForFunction(() => /Token \d+ \(.+\) puts weight [\d.e\u2212-]+ on token \d+ \(.+\)\./.test(document.querySelector('[data-testid="attention-hover"]')?.textContent ?? ""));
  });

  it("bad text gives a message, never an error: empty, emoji, 20 000 characters, right-to-left", async () => {
    await typeSentence(w.page, "");
    expect(await w.page.$eval('[data-testid="sentence-input"] .rt-message', (e) => e.textContent)).toMatch(/empty sentence/);
    await typeSentence(w.page, "😀🙂");
    await w.page.waitForFunction(() => /Left out .*“?😀/.test(document.querySelector('[data-testid="attend-message"]')?.textContent ?? "") && /No character left/.test(document.querySelector('[data-testid="attend-message"]')?.textContent ?? ""));
    await typeSentence(w.page, "x".repeat(20000));
    await w.page.waitForFunction(() => /Kept the first 24 characters \(19976 more cut\)/.test(document.querySelector('[data-testid="attend-message"]')?.textContent ?? ""));
    await typeSentence(w.page, "שלום עולם");
    await w.page.waitForFunction(() => /Left out 5 characters/.test(document.querySelector('[data-testid="attend-message"]')?.textContent ?? ""));
    await typeSentence(w.page, "hello world");
    await w.page.waitForFunction(() => (document.querySelector('[data-testid="attend-message"]') as HTMLElement | null)?.hidden === true);
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("shuffling: without positions the outputs are equal up to the permutation; with positions they are not", async () => {
    await w.page.waitForFunction(() => /hello|␣/.test(document.querySelector('[data-testid="shuffle-figure"]')?.textContent ?? "") && /h e l l o/.test(document.querySelector('[data-testid="shuffle-figure"]')?.textContent ?? ""));
    const none = await text(w.page, "shuffle-numbers-0");
    const [, diff0, moved0, n0] = none.match(/outputs: ([^ ]+) — .* Answers that moved along with their tokens: (\d+) of (\d+)/)!;
    expect(pageNumber(diff0)).toBeLessThan(1e-5);
    expect(moved0).toBe(n0);
    expect(n0).toBe("12");
    const withPos = await text(w.page, "shuffle-numbers-1");
    expect(pageNumber(withPos.match(/outputs: ([^ ]+) —/)![1])).toBeGreaterThan(1e-2);
    const before = await fingerprint(w.page, "shuffle-figure");
    await press(w.page, "shuffle-button");
    await waitForChange(w.page, "shuffle-figure", before);
  });

  it("the position heatmaps show PE and its dot products", async () => {
    const pe = await w.page.$eval('[data-testid="pe-heatmap"]', (e) => e.getAttribute("aria-label") ?? "");
    expect(pe).toMatch(/25 rows by 32 columns/);
    const dots = await w.page.$eval('[data-testid="pe-dots"]', (e) => e.getAttribute("aria-label") ?? "");
    expect(dots).toMatch(/25 rows by 25 columns, dot product from .* to 16/);
  });

  it("the image view answers hover and the arrow keys, and takes a drawing", async () => {
    const fig = w.page.locator('[data-testid="image-attention"]');
    await fig.scrollIntoViewIfNeeded();
    await w.page.waitForFunction(() => /Pixel \(row 8, column 8\)/.test(document.querySelector('[data-testid="image-attention"]')?.textContent ?? ""));
    let last = await fingerprint(w.page, "image-attention");
    const canvas = fig.locator("canvas").first();
    const box = (await canvas.boundingBox())!;
    await w.page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await w.page.waitForFunction(() => /Pixel \(row 3, column 3\)/.test(document.querySelector('[data-testid="image-attention"]')?.textContent ?? ""));
    last = await waitForChange(w.page, "image-attention", last);
    await fig.locator(".rt-grid-box").focus();
    await w.page.keyboard.press("ArrowDown");
    await w.page.waitForFunction(() => /Pixel \(row 4, column 3\)/.test(document.querySelector('[data-testid="image-attention"]')?.textContent ?? ""));
    last = await waitForChange(w.page, "image-attention", last);
    await setInput(w.page, '[data-testid="picture-select"] select', 4); // draw
    await w.page.waitForFunction(() => /your drawing/i.test(document.querySelector('[data-testid="image-attention"]')?.textContent ?? ""));
    await w.page.waitForFunction(() => /Pixel \(row 6, column 6\)/.test(document.querySelector('[data-testid="image-attention"]')?.textContent ?? ""));
    last = await fingerprint(w.page, "image-attention");
    const drawCanvas = w.page.locator('[data-testid="image-attention"] canvas').first();
    const db = (await drawCanvas.boundingBox())!;
    await w.page.mouse.move(db.x + db.width * 0.5, db.y + db.height * 0.1);
    await w.page.mouse.down();
    await w.page.mouse.move(db.x + db.width * 0.9, db.y + db.height * 0.1, {steps: 6});
    await w.page.mouse.up();
    await waitForChange(w.page, "image-attention", last);
  });

  it("the memory calculator and chart follow H, W, heads and batch, and say when a phone runs out", async () => {
    const table = await fingerprint(w.page, "memory-calculator");
    const chart = await fingerprint(w.page, "memory-chart");
    expect(await text(w.page, "memory-summary")).toMatch(/attention weights alone are 64 MB/);
    await setInput(w.page, '[data-testid="height-slider"] input', 256);
    await setInput(w.page, '[data-testid="width-slider"] input', 256);
    await waitForChange(w.page, "memory-calculator", table);
    await waitForChange(w.page, "memory-chart", chart);
    const s = await text(w.page, "memory-summary");
    expect(s).toMatch(/attention weights alone are 16 GB/);
    expect(await text(w.page, "memory-chart")).toMatch(/your picture, H·W = 65,536: 16 GB/);
    expect(s).toMatch(/A phone \(4 GB\) runs out: these weights need 4 times its memory; the largest square picture it can hold is 181 × 181 pixels/);
    expect(s).toMatch(/A laptop \(16 GB\) holds these weights \(100% of it\)/);
    const before = await fingerprint(w.page, "memory-chart");
    await setInput(w.page, '[data-testid="heads-slider"] input', 8);
    await waitForChange(w.page, "memory-chart", before);
    expect(await text(w.page, "memory-summary")).toMatch(/largest square picture it can hold is 107 × 107/);
  });

  it("the memory chart marks the text length n on the N² curve, and the text slider moves it; hovering there reads the bytes", async () => {
    await setInput(w.page, '[data-testid="heads-slider"] input', 1);
    await w.page.waitForFunction(() => /your text, n = 1,000: 3\.81 MB/.test(document.querySelector('[data-testid="memory-chart"]')?.textContent ?? ""));
    const before = await fingerprint(w.page, "memory-chart");
    await setInput(w.page, '[data-testid="text-slider"] input', Math.log10(5000)); // the slider's grid puts n near 5,000
    const after = await waitForChange(w.page, "memory-chart", before);
    const shown = await shownValue(w.page, "text-slider");
    const n = pageNumber(shown);
    expect(n).toBeGreaterThan(4500);
    expect(n).toBeLessThan(5500);
    expect(after).not.toMatch(/n = 1,000/);
    // The marker's label: n² float32 weights, in MB (2²⁰ bytes), to three digits.
    const label = after.match(new RegExp(`your text, n = ${shown}: ([\\d.]+) MB`));
    expect(label).not.toBeNull();
    expect(Number(label![1])).toBeCloseTo((4 * n * n) / 2 ** 20, 0);
    // The same bytes in the calculator's sentence, and in the tooltip at n (the keys step along x to it).
    expect(await text(w.page, "memory-summary")).toContain(`Text: ${shown} tokens need ${label![1]} MB of weights`);
    const plot = w.page.locator('[data-testid="memory-chart"] .rt-plot');
    await plot.scrollIntoViewIfNeeded();
    await plot.focus();
    const atN = new RegExp(`\\(log scale\\): ${shown}attention weights`);
    for (let i = 0; i < 40 && !atN.test(await text(w.page, "memory-chart")); i++) await w.page.keyboard.press("ArrowRight");
    const tip = await text(w.page, "memory-chart");
    expect(tip).toMatch(atN);
    expect(tip).toContain(`n² for a text): ${label![1]} MB`);
  });

  it("choosing learned positions loads the checkpoint's model built with them and shows its table", async () => {
    await setInput(w.page, '[data-testid="positions-select"] select', 2);
    await w.page.waitForFunction(() => document.querySelector('[data-testid="learned-positions"] [aria-label*="25 rows by 32 columns"]') !== null, undefined, {timeout: 30_000});
    const held = await waitForText(w.page, "held-out", /with its learned positions: [\d.]+% of the answers move along/);
    expect(held).toMatch(/after 300 steps: 9\d(\.\d+)?% of pointers right/);
    expect(pageNumber(held.match(/learned positions: ([\d.]+)% of the answers move/)![1])).toBeLessThan(100);
    await w.page.waitForFunction(() => /the learned table P/.test(document.querySelector('[data-testid="shuffle-figure"]')?.textContent ?? ""));
  });

  it("nothing broke along the way", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
  });
});

/** The shuffle figure's second title: the shuffled tokens, once drawn for `sentence`. */
async function shuffledTitle(page: Page, spelled: string): Promise<string> {
  await page.waitForFunction((s) => (document.querySelector('[data-testid="shuffle-figure"]')?.textContent ?? "").includes(`the sentence: ⟨s⟩ ${s}`), spelled, {timeout: 60_000});
  return page.$eval('[data-testid="shuffle-b-0"]', (e) => /its shuffle: [^\n]*/.exec(e.getAttribute("aria-label") ?? e.textContent ?? "")?.[0] ?? "");
}

describe.skipIf(missing !== null || !present)("chapter 6: the address keeps the reader's settings", () => {
  const env = useSite();

  async function open(url: string): Promise<WatchedPage> {
    const w = await env.open(url.slice(env.origin.length)); // url: an address on the site
    await waitForStatus(w.page, "ready");
    await w.page.waitForFunction(() => /Sorted:/.test(document.querySelector('[data-testid="sorted-line"]')?.textContent ?? ""), undefined, {timeout: 60_000});
    return w;
  }

  it("a link opens the page with its sentence, positions, picture and sizes, and the figures show them", async () => {
    const w = await open(env.origin + "/self-attention?sentence=hello+world&positions=sinusoidal&picture=stripes&weights=random&k=2&h=128&w=32&heads=4&batch=2&n=5000");
    try {
      expect(await shownValue(w.page, "sentence-input")).toBe("hello world");
      expect(await shownValue(w.page, "positions-select")).toMatch(/^sinusoidal/);
      expect(await shownValue(w.page, "picture-select")).toBe("stripes");
      expect(await shownValue(w.page, "weights-select")).toMatch(/^random/);
      expect(await shownValue(w.page, "sharpness-slider")).toBe("2");
      expect(await shownValue(w.page, "height-slider")).toBe("128 px");
      expect(await shownValue(w.page, "width-slider")).toBe("32 px");
      expect(await shownValue(w.page, "heads-slider")).toBe("4");
      expect(await shownValue(w.page, "batch-slider")).toBe("2");
      expect(await shownValue(w.page, "text-slider")).toBe("5,000");
      // The figures follow: the sentence's matrix, a model built with sinusoids, and the memory sums.
      await w.page.waitForFunction(() => /“hello world”/.test(document.querySelector('[data-testid="attention-map"]')?.textContent ?? ""), undefined, {timeout: 30_000});
      await w.page.waitForFunction(() => /With positions: H = E\[x\] \+ PE\.?$/m.test(document.querySelector('[data-testid="shuffle-figure"] h3:nth-of-type(2)')?.textContent ?? ""), undefined, {timeout: 60_000});
      await w.page.waitForFunction(() => /A picture of 128 × 32 has N = 4,096 pixels; with 4 heads and 2 images at once/.test(document.querySelector('[data-testid="memory-summary"]')?.textContent ?? ""), undefined, {timeout: 30_000});
      expect(await text(w.page, "memory-summary")).toMatch(/Text: 5,000 tokens/);
      expect(await w.page.$$('[data-testid="url-note"]')).toHaveLength(0);
      expect(queryOf(w.page)).toEqual({sentence: "hello world", positions: "sinusoidal", picture: "stripes", weights: "random", k: "2", h: "128", w: "32", heads: "4", batch: "2", n: "5000"});
      await expectClean(w);
    } finally {
      await w.close();
    }
  });

  it("moving the controls writes the address, a copy of it shows the same, and defaults leave it", async () => {
    const w = await open(env.origin + "/self-attention");
    let copy: WatchedPage | null = null;
    try {
      expect(w.page.url()).toBe(env.origin + "/self-attention");
      expect(await w.page.$$('[data-testid="url-note"]')).toHaveLength(0);
      await typeSentence(w.page, "hello world");
      await waitForQuery(w.page, {sentence: "hello world"});
      await setInput(w.page, '[data-testid="height-slider"] input', 100);
      await setInput(w.page, '[data-testid="heads-slider"] input', 3);
      await setInput(w.page, '[data-testid="picture-select"] select', 0);
      await waitForQuery(w.page, {sentence: "hello world", h: "100", heads: "3", picture: "circle"});
      const first = await shuffledTitle(w.page, "h e l l o");
      await press(w.page, "shuffle-button");
      await waitForQuery(w.page, {sentence: "hello world", h: "100", heads: "3", picture: "circle", shuffle: "2"});
      expect(first).toMatch(/^its shuffle: ⟨s⟩ \S/);
      await w.page.waitForFunction((t) => !(document.querySelector('[data-testid="shuffle-b-0"]')?.getAttribute("aria-label") ?? "").includes(t), first, {timeout: 60_000});
      const second = await shuffledTitle(w.page, "h e l l o");
      expect(second).toMatch(/^its shuffle: ⟨s⟩ \S/);
      expect(second).not.toBe(first);
      // The address opens the same view in a new tab: the same shuffle, sums and picture.
      copy = await open(w.page.url());
      expect(await shuffledTitle(copy.page, "h e l l o")).toBe(second);
      await w.page.waitForFunction(() => /with 3 heads/.test(document.querySelector('[data-testid="memory-summary"]')?.textContent ?? ""));
      await copy.page.waitForFunction(() => /with 3 heads/.test(document.querySelector('[data-testid="memory-summary"]')?.textContent ?? ""));
      expect(await text(copy.page, "memory-summary")).toBe(await text(w.page, "memory-summary"));
      expect(await shownValue(copy.page, "picture-select")).toBe("a circle");
      await expectClean(copy);
      // Back to the defaults: only the shuffle's count stays (the button cannot go back).
      const entries = await w.page.evaluate(() => history.length);
      await typeSentence(w.page, "the quick brown fox");
      await setInput(w.page, '[data-testid="height-slider"] input', 64);
      await setInput(w.page, '[data-testid="heads-slider"] input', 1);
      await setInput(w.page, '[data-testid="picture-select"] select', 1);
      await waitForQuery(w.page, {shuffle: "2"});
      expect(await w.page.evaluate(() => history.length)).toBe(entries); // no Back steps
      await expectClean(w);
    } finally {
      await copy?.close();
      await w.close();
    }
  });

  it("a bad value in the link is named in a note, and the page uses the default", async () => {
    const w = await open(env.origin + "/self-attention?heads=99&sentence=%20%20&picture=dog&k=100&positions=none");
    try {
      const note = await text(w.page, "url-note");
      expect(note).toMatch(/sentence="  " \(using the quick brown fox\)/);
      expect(note).toMatch(/picture="dog" \(using two-squares\)/);
      expect(note).toMatch(/k="100" \(using 8\)/);
      expect(note).toMatch(/heads="99" \(using 1\)/);
      expect(note).not.toMatch(/positions/);
      expect(await w.page.$eval('[data-testid="url-note"]', (e) => e.classList.contains("warning"))).toBe(true);
      expect(await shownValue(w.page, "heads-slider")).toBe("1");
      expect(await shownValue(w.page, "sentence-input")).toBe("the quick brown fox");
      expect(await shownValue(w.page, "picture-select")).toBe("three squares");
      expect(await shownValue(w.page, "sharpness-slider")).toBe("8");
      await w.page.waitForFunction(() => /with 1 head and 1 image/.test(document.querySelector('[data-testid="memory-summary"]')?.textContent ?? ""), undefined, {timeout: 30_000});
      await waitForQuery(w.page, {});
      await expectClean(w);
    } finally {
      await w.close();
    }
  });
});
