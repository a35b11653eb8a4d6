/**
 * Chapter 7, multi-head attention, driven as a reader would: training starts from the button and
 * both questions' loss curves grow with the main thread free; the reader's sentence redraws every
 * head's map; switching a head off changes the measured losses; the stepper walks split → attend →
 * concat → project with numbers; the number of heads changes the number of maps; bad input gives
 * a message, never an error cell.
 */
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {browserMissing, errorCells, setInput, type WatchedPage} from "./browser.js";
import {builtPages} from "./site.js";
import {useSite} from "./fixture.js";
import {fingerprint, modelStatusOf, press, queryOf, shownValue, text, waitForChange, waitForStatus, waitForText} from "./views.js";

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
  const env = useSite();
  const w = env.openBeforeAll("/multi-head", async (page) => {
    await waitForStatus(page, "ready");
    // the first answers have come: the table lists the default sentence's tokens
    await waitForText(page, "answers-table", /Previous symbol: \d+ of 15/, 60_000);
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

/** Which head switches are ticked. */
const switches = (page: Page) => page.$$eval('[data-testid="head-switches"] input', (els) => els.map((e) => (e as HTMLInputElement).checked));

describe.skipIf(missing !== null || !present)("chapter 7: the address keeps the reader's settings", () => {
  const env = useSite();
  /** Opens the page at `search` and waits for the first answers. */
  async function open(search: string): Promise<WatchedPage> {
    const w = await env.open("/multi-head" + search);
    await waitForStatus(w.page, "ready");
    await waitForText(w.page, "answers-table", /Previous symbol: \d+ of \d+/, 60_000);
    return w;
  }

  it("a link opens the page with its h, sentence, switches and stepper head, and the figures follow them", async () => {
    const w = await open("?heads=4&sentence=abcDefg&off=2&head=3");
    try {
      expect(await shownValue(w.page, "heads-select")).toBe("4 heads of d_k = 8");
      expect(await w.page.$eval('[data-testid="sentence-input"] input', (i) => (i as HTMLInputElement).value)).toBe("abcDefg");
      expect(await switches(w.page)).toEqual([true, false, true, true]);
      expect(await shownValue(w.page, "stepper-head-select")).toBe("head 3");
      // what the reader sees: four maps of the link's sentence, head 2 silenced, the stepper on head 3
      expect(await mapCount(w.page)).toBe(4);
      await waitForText(w.page, "sentence-message", /reads 7 characters after ⟨s⟩; the key is “d”, character 4/);
      await waitForText(w.page, "head-caption-1", /Head 2 \(switched off\)/);
      await waitForText(w.page, "ablate-table", /head 2 off/);
      await waitForText(w.page, "answers-table", /with head 2 switched off/);
      await waitForText(w.page, "layer-stepper", /head 3/);
      await waitForText(w.page, "heads-note", /4 heads of d_k = 8/);
      expect(await w.page.$$eval('[data-testid="url-note"]', (els) => els.length)).toBe(0);
      // the page writes back the same address
      expect(queryOf(w.page)).toEqual({heads: "4", sentence: "abcDefg", off: "2", head: "3"});
      expect(await errorCells(w.page)).toEqual([]);
      expect(w.problems.pageErrors).toEqual([]);
      expect(w.problems.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it("moving a control writes it into the address, and its default takes it out again", async () => {
    const w = await open("");
    try {
      expect(queryOf(w.page)).toEqual({});
      expect(await w.page.$$eval('[data-testid="url-note"]', (els) => els.length)).toBe(0);
      const entries = await w.page.evaluate(() => history.length);
      await setInput(w.page, '[data-testid="sentence-input"] input', "abcDefg");
      await w.page.waitForFunction(() => new URL(location.href).searchParams.get("sentence") === "abcDefg");
      await setInput(w.page, '[data-testid="sentence-input"] input', "two heads Split");
      await w.page.waitForFunction(() => !new URL(location.href).searchParams.has("sentence"));
      await w.page.click('[data-testid="head-switches-0"]');
      await w.page.waitForFunction(() => new URL(location.href).searchParams.get("off") === "1");
      await w.page.click('[data-testid="head-switches-1"]');
      await w.page.waitForFunction(() => new URL(location.href).searchParams.get("off") === "1,2");
      await w.page.click('[data-testid="head-switches-0"]');
      await w.page.click('[data-testid="head-switches-1"]');
      await w.page.waitForFunction(() => !new URL(location.href).searchParams.has("off"));
      await setInput(w.page, '[data-testid="stepper-head-select"] select', 1);
      await w.page.waitForFunction(() => new URL(location.href).searchParams.get("head") === "2");
      await setInput(w.page, '[data-testid="stepper-head-select"] select', 0);
      await w.page.waitForFunction(() => !new URL(location.href).searchParams.has("head"));
      await setInput(w.page, '[data-testid="heads-select"] select', 3); // 8 heads
      await w.page.waitForFunction(() => new URL(location.href).searchParams.get("heads") === "8");
      await w.page.waitForFunction(() => document.querySelectorAll('[data-testid="head-maps"] [data-testid^="head-map-"]').length === 8, undefined, {timeout: 30_000});
      await setInput(w.page, '[data-testid="heads-select"] select', 1); // back to 2
      await w.page.waitForFunction(() => !new URL(location.href).searchParams.has("heads"));
      await w.page.waitForFunction(() => document.querySelectorAll('[data-testid="head-maps"] [data-testid^="head-map-"]').length === 2, undefined, {timeout: 30_000});
      expect(queryOf(w.page)).toEqual({});
      // no Back steps: the address was replaced, not pushed
      expect(await w.page.evaluate(() => history.length)).toBe(entries);
      expect(await errorCells(w.page)).toEqual([]);
      expect(w.problems.pageErrors).toEqual([]);
      expect(w.problems.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it("a link with values the page cannot use says so, and the controls show the defaults", async () => {
    const w = await open("?heads=3&head=9&off=1&sentence=" + "x".repeat(201));
    try {
      const note = await text(w.page, "url-note");
      expect(await w.page.$eval('[data-testid="url-note"]', (el) => el.className)).toBe("warning");
      expect(note).toMatch(/heads="3" \(using 2\)/);
      expect(note).toMatch(/sentence="x{40}…" \(using two heads Split\)/);
      expect(note).toMatch(/head="9" \(using 1\)/);
      expect(note).not.toMatch(/off=/); // head 1 exists with h = 2: it is switched off
      expect(await shownValue(w.page, "heads-select")).toBe("2 heads of d_k = 16");
      expect(await w.page.$eval('[data-testid="sentence-input"] input', (i) => (i as HTMLInputElement).value)).toBe("two heads Split");
      expect(await shownValue(w.page, "stepper-head-select")).toBe("head 1");
      expect(await switches(w.page)).toEqual([false, true]);
      expect(await mapCount(w.page)).toBe(2);
      expect(queryOf(w.page)).toEqual({off: "1"});
      expect(await errorCells(w.page)).toEqual([]);
      expect(w.problems.pageErrors).toEqual([]);
      expect(w.problems.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
    // a head the model does not have is refused too
    const w2 = await open("?heads=1&off=2");
    try {
      expect(await text(w2.page, "url-note")).toMatch(/off="2" \(using the default\)/);
      expect(await shownValue(w2.page, "heads-select")).toBe("1 head of d_k = 32");
      expect(await switches(w2.page)).toEqual([true]);
      expect(queryOf(w2.page)).toEqual({heads: "1"});
      expect(await errorCells(w2.page)).toEqual([]);
      expect(w2.problems.pageErrors).toEqual([]);
      expect(w2.problems.consoleErrors).toEqual([]);
    } finally {
      await w2.close();
    }
  });
});
