/**
 * Chapter 6 (self-attention and position), driven as a reader would: the page loads clean; the
 * model trains from the button with progress and a free main thread, and learns the task; a typed
 * sentence redraws the attention matrix, whose cells answer hover; bad text gives a message; the
 * shuffle figure shows equal outputs up to the permutation without positions and different ones
 * with them; the image view answers hover, keys and drawing; the memory calculator and chart follow
 * their sliders; choosing learned positions rebuilds the model and shows its table.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, Page} from "playwright-core";
import {browserMissing, errorCells, launch, openWatched, setInput, visit, type WatchedPage} from "./browser.js";
import {serveDist, type SiteServer} from "./server.js";
import {builtPages, distDir} from "./site.js";
import {fingerprint, letTrain, pageNumber, press, text, waitForChange} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/self-attention");


async function typeSentence(page: Page, value: string): Promise<void> {
  await setInput(page, '[data-testid="sentence-input"] input', value);
}

describe.skipIf(missing !== null || !present)("chapter 6: self-attention and position", () => {
  let browser: Browser;
  let site: SiteServer;
  let w: WatchedPage;
  beforeAll(async () => {
    site = await serveDist(distDir);
    browser = await launch();
    w = await openWatched(browser, site.origin);
    await visit(w, site.origin + "/self-attention");
    await w.page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.getAttribute("data-status") === "ready");
    await w.page.waitForFunction(() => /Sorted:/.test(document.querySelector('[data-testid="sorted-line"]')?.textContent ?? ""));
  });
  afterAll(async () => {
    await w?.close();
    await browser?.close();
    await site?.close();
  });

  it("trains from the button: progress, curves, no main-thread task over 50 ms, and it learns", async () => {
    await w.page.waitForFunction(() => /after 0 steps/.test(document.querySelector('[data-testid="held-out"]')?.textContent ?? ""));
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
    expect(await text(w.page, "memory-chart")).toMatch(/yours: 16 GB/);
    expect(s).toMatch(/A phone \(4 GB\) runs out: these weights need 4 times its memory; the largest square picture it can hold is 181 × 181 pixels/);
    expect(s).toMatch(/A laptop \(16 GB\) holds these weights \(100% of it\)/);
    const before = await fingerprint(w.page, "memory-chart");
    await setInput(w.page, '[data-testid="heads-slider"] input', 8);
    await waitForChange(w.page, "memory-chart", before);
    expect(await text(w.page, "memory-summary")).toMatch(/largest square picture it can hold is 107 × 107/);
  });

  it("choosing learned positions rebuilds the model and shows its table", async () => {
    await setInput(w.page, '[data-testid="positions-select"] select', 2);
    await w.page.waitForFunction(() => document.querySelector('[data-testid="learned-positions"] [aria-label*="25 rows by 32 columns"]') !== null, undefined, {timeout: 30_000});
    await w.page.waitForFunction(() => /after 0 steps/.test(document.querySelector('[data-testid="held-out"]')?.textContent ?? ""));
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
