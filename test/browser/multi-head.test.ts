/**
 * Chapter 7, multi-head attention, driven as a reader would: training starts from the button and
 * both questions' loss curves grow with the main thread free; the reader's sentence redraws every
 * head's map; switching a head off changes the measured losses; the stepper walks split → attend →
 * concat → project with numbers; the number of heads changes the number of maps; bad input gives
 * a message, never an error cell.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, Page} from "playwright-core";
import {browserMissing, errorCells, launch, openWatched, setInput, visit, type WatchedPage} from "./browser.js";
import {serveDist, type SiteServer} from "./server.js";
import {builtPages, distDir} from "./site.js";
import {fingerprint, modelStatusOf, press, text, waitForChange, waitForText} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/multi-head");

const mapCount = (page: Page) => page.$$eval('[data-testid="head-maps"] [data-testid^="head-map-"]', (els) => els.length);
/** The two loss columns of the switch-off table: [[before all on, before off], [key all on, key off]]. */
async function ablateLosses(page: Page): Promise<number[][]> {
  return page.$$eval('[data-testid="ablate-table"] tbody tr', (rows) =>
    rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => Number((/^loss (\S+)$/.exec(td.querySelector("span")?.textContent ?? "")?.[1] ?? "NaN").replace("−", "-"))))
  );
}

describe.skipIf(missing !== null || !present)("chapter 7: multi-head attention", () => {
  let browser: Browser;
  let site: SiteServer;
  let w: WatchedPage;
  beforeAll(async () => {
    site = await serveDist(distDir);
    browser = await launch();
    w = await openWatched(browser, site.origin);
    await visit(w, site.origin + "/multi-head");
    await w.page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.getAttribute("data-status") === "ready", undefined, {timeout: 60_000});
    // the first answers have come: the table lists the default sentence's tokens
    await waitForText(w.page, "answers-table", /Previous symbol: \d+ of 15/, 60_000);
  });
  afterAll(async () => {
    await w?.close();
    await browser?.close();
    await site?.close();
  });

  it("loads with one map per head (2 by default), the shapes table and the default sentence read", async () => {
    expect(await mapCount(w.page)).toBe(2);
    expect(await text(w.page, "sentence-message")).toMatch(/reads 15 characters after ⟨s⟩; the key is “s”/);
    const shapes = await text(w.page, "shapes-table");
    const cells = await w.page.$$eval('[data-testid="shapes-table"] td', (tds) => tds.map((td) => td.textContent));
    expect(cells).toContain("16 × 32"); // X for the 16 tokens of the sentence, d_model = 32
    expect(cells).toContain("16 × 16"); // Q_k with d_k = 16
    expect(cells).toContain("272 × 32"); // a training batch of 16 sentences of 17 tokens
    expect(shapes).toMatch(/× 2/); // two of each per-head tensor
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("trains from the button: both loss curves grow, with no main-thread task over 50 ms", async () => {
    const before = await fingerprint(w.page, "loss-chart");
    await w.takeLongTasks();
    await press(w.page, "train-button");
    let longTasks: number[] = [];
    try {
      await waitForChange(w.page, "loss-chart", before);
      await w.page.waitForTimeout(2500);
      expect(await modelStatusOf(w.page)).toBe("training");
      longTasks = await w.takeLongTasks();
      const chart = await text(w.page, "loss-chart");
      expect(chart).toMatch(/which symbol came just before me\?\s*\d/);
      expect(chart).toMatch(/which symbol is the key\?\s*\d/);
      // the head maps refresh while it trains (at most once a second)
      const maps = await fingerprint(w.page, "head-maps");
      await waitForChange(w.page, "head-maps", maps, 20_000);
    } finally {
      await press(w.page, "train-button"); // pause, so the later tests see a model that holds still
      await w.page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.getAttribute("data-status") === "paused");
    }
    await waitForText(w.page, "head-findings", /Head 1 (looks at|spreads)/);
    expect(longTasks.filter((ms) => ms > 50)).toEqual([]);
  });

  it("typing a sentence redraws every head's map and the answers", async () => {
    const before = await fingerprint(w.page, "head-maps");
    await setInput(w.page, '[data-testid="sentence-input"] input', "abcDefg");
    await waitForChange(w.page, "head-maps", before);
    await waitForText(w.page, "sentence-message", /reads 7 characters after ⟨s⟩; the key is “d”, character 4/);
    const map = await text(w.page, "head-map-1");
    expect(map).toMatch(/⟨s⟩abcdefg/); // the row labels are the new tokens
    await waitForText(w.page, "answers-table", /Previous symbol: \d+ of 7 right\. Key: \d+ of 8 right/);
  });

  it("switching a head off changes the measured losses, and switching it on restores them", async () => {
    await waitForText(w.page, "ablate-table", /nothing switched off/);
    const [[prevOn, prevSame], [keyOn, keySame]] = await ablateLosses(w.page);
    expect(prevSame).toBe(prevOn);
    expect(keySame).toBe(keyOn);
    await w.page.click('[data-testid="head-switches-0"]');
    await waitForText(w.page, "ablate-table", /head 1 off/);
    const [[prevAll, prevOff], [keyAll, keyOff]] = await ablateLosses(w.page);
    expect([prevAll, keyAll]).toEqual([prevOn, keyOn]);
    expect(prevOff !== prevAll || keyOff !== keyAll).toBe(true);
    expect(Number.isFinite(prevOff) && Number.isFinite(keyOff)).toBe(true);
    await waitForText(w.page, "answers-table", /with head 1 switched off/);
    await w.page.click('[data-testid="head-switches-0"]');
    await waitForText(w.page, "ablate-table", /nothing switched off/);
  });

  it("the stepper walks project → split → attend → concat → project, with numbers at every step", async () => {
    const stepper = w.page.locator('[data-testid="layer-stepper"]');
    const seen: string[] = [];
    let last = await fingerprint(w.page, "layer-stepper");
    for (let i = 0; i < 7; i++) {
      const panel = await stepper.locator(".rt-panel-box").textContent();
      expect(panel).toMatch(/\d\.\d\d/);
      expect(await stepper.locator(".rt-eq .rt-current").count()).toBeGreaterThan(0);
      seen.push((await stepper.locator(".rt-panel-title").textContent()) ?? "");
      if (i < 6) {
        await stepper.getByRole("button", {name: /next/i}).click();
        last = await waitForChange(w.page, "layer-stepper", last);
      }
    }
    expect(seen.map((s) => s.split(":")[0])).toEqual(["project", "split", "attend", "attend", "attend", "concat", "project"]);
    expect(await text(w.page, "layer-stepper")).toMatch(/Step 7 of 7/);
  });

  it("bad input gives a message, never an error cell", async () => {
    const message = () => text(w.page, "sentence-message");
    await setInput(w.page, '[data-testid="sentence-input"] input', "no capital here");
    await waitForText(w.page, "sentence-message", /No capital letter, so no key/);
    await waitForText(w.page, "answers-table", /Key: not asked/);
    await setInput(w.page, '[data-testid="sentence-input"] input', "");
    expect(await w.page.$eval('[data-testid="sentence-input"] .rt-message', (el) => el.textContent)).toMatch(/Type a sentence/);
    await setInput(w.page, '[data-testid="sentence-input"] input', "😀 Hi 😀");
    await waitForText(w.page, "sentence-message", /Left out a character the model does not know: "😀"/);
    await setInput(w.page, '[data-testid="sentence-input"] input', "שלום");
    await waitForText(w.page, "sentence-message", /Left out 4 characters/);
    expect(await message()).toMatch(/No character left to read/);
    await setInput(w.page, '[data-testid="sentence-input"] input', "Q" + "x".repeat(19_999));
    await waitForText(w.page, "sentence-message", /Kept the first 16 characters \(19984 more cut\)/);
    expect(await errorCells(w.page)).toEqual([]);
  });

  it("the number of heads changes the number of maps, switches and stepper heads (a new, untrained model)", async () => {
    await setInput(w.page, '[data-testid="heads-select"] select', 2); // 4 heads
    await w.page.waitForFunction(() => document.querySelectorAll('[data-testid="head-maps"] [data-testid^="head-map-"]').length === 4, undefined, {timeout: 30_000});
    expect(await w.page.$$eval('[data-testid="head-switches"] input', (els) => els.length)).toBe(4);
    expect(await w.page.$$eval('[data-testid="stepper-head-select"] option', (els) => els.length)).toBe(4);
    await waitForText(w.page, "heads-note", /untrained: press Start/);
    await w.page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="shapes-table"] td'), (td) => td.textContent).includes("17 × 8"), undefined, {timeout: 30_000}); // Q_k: 17 tokens, d_k = 8
    await setInput(w.page, '[data-testid="heads-select"] select', 0); // 1 head
    await w.page.waitForFunction(() => document.querySelectorAll('[data-testid="head-maps"] [data-testid^="head-map-"]').length === 1, undefined, {timeout: 30_000});
    await waitForText(w.page, "heads-note", /One head of d_k = 32/);
  });

  it("nothing broke along the way", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
  });
});
