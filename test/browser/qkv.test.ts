/**
 * Chapter 5 (query, key, value), driven as a reader would: the page loads clean; dragging the
 * query with the mouse and moving a key with the arrow keys change the weights and the output;
 * the dimension d and the scaling move the entropy chart's marker and the figure's weights; the
 * temperature re-measures the curve; the stepper walks Q Kᵀ → softmax → · V with numbers; the prose
 * quotes the curve's figures at τ = 1; and none of it runs a main-thread task over 50 ms.
 */
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {browserMissing, errorCells, setInput, type WatchedPage} from "./browser.js";
import {builtPages} from "./site.js";
import {expectClean, useSite} from "./fixture.js";
import {fingerprint, queryOf, shownValue, waitForChange, waitForQuery, waitForStatus} from "./views.js";

const missing = browserMissing();
const present = builtPages().includes("/qkv");

/** The weights column of the look-up table, as numbers (NaN while waiting). */
function weights(page: Page): Promise<number[]> {
  return page.$$eval('[data-testid="qkv-plane"] table tr', (rows) =>
    rows.slice(1, -2).map((r) => Number((r.children[3]?.textContent ?? "").replace("\u2212", "-")))
  );
}

async function waitForWeights(page: Page): Promise<number[]> {
  await page.waitForFunction(() => {
    const cells = Array.from(document.querySelectorAll('[data-testid="qkv-plane"] table tr td:nth-child(4)'));
    return cells.length > 0 && cells.every((c) => /\d/.test(c.textContent ?? ""));
  });
  return weights(page);
}

describe.skipIf(missing !== null || !present)("chapter 5: query, key, value", () => {
  const env = useSite();
  const w = env.openBeforeAll("/qkv", (page) => waitForStatus(page, "ready", 30_000));

  it("shows weights that sum to 1 and an output point", async () => {
    const a = await waitForWeights(w.page);
    expect(a).toHaveLength(4);
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 2);
    const foot = await w.page.$$eval('[data-testid="qkv-plane"] table tr', (rows) => rows.slice(-2).map((r) => r.textContent ?? ""));
    expect(foot[0]).toMatch(/^output o\(−?\d.*, −?\d.*\)$/);
    expect(foot[1]).toMatch(/^entropy H\(α\)\d\.\d+ nats \(uniform: log 4 = 1\.39\)$/);
  });

  it("dragging the query with the mouse changes the weights and the output", async () => {
    const before = await waitForWeights(w.page);
    const beforeFoot = await fingerprint(w.page, "qkv-plane");
    const q = w.page.locator('[data-testid="qkv-plane"] [data-point="query"]');
    await q.scrollIntoViewIfNeeded();
    const box = (await q.boundingBox())!;
    await w.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await w.page.mouse.down();
    await w.page.mouse.move(box.x - 120, box.y + 150, {steps: 8});
    await w.page.mouse.up();
    await waitForChange(w.page, "qkv-plane", beforeFoot);
    await w.page.waitForFunction((old) => {
      const cells = Array.from(document.querySelectorAll('[data-testid="qkv-plane"] table tr td:nth-child(4)')).map((c) => c.textContent);
      return cells.join("|") !== old && cells.every((c) => /\d/.test(c ?? ""));
    }, before.map((v) => String(v)).join("|"));
    const after = await weights(w.page);
    expect(after).not.toEqual(before);
    // The query now points down and left: key 3 (at (−1.3, −0.7)) gains weight.
    expect(after[2]).toBeGreaterThan(before[2]);
  });

  it("moving a key with the arrow keys changes its weight", async () => {
    const before = await waitForWeights(w.page);
    const key = w.page.locator('[data-testid="qkv-plane"] [data-point="key-0"]');
    await key.focus();
    for (let i = 0; i < 6; i++) await w.page.keyboard.press("Shift+ArrowLeft");
    await w.page.waitForFunction(() => (document.querySelector('[data-testid="qkv-plane"] [data-point="key-0"]')?.getAttribute("aria-label") ?? "").includes("(−1.5,"));
    await w.page.waitForFunction((old) => {
      const c = document.querySelector('[data-testid="qkv-plane"] table tr:nth-child(2) td:nth-child(4)')?.textContent ?? "";
      return /\d/.test(c) && c !== old;
    }, String(before[0]).replace("-", "\u2212"));
    const after = await weights(w.page);
    expect(after[0]).not.toBeCloseTo(before[0], 3);
  });

  it("the temperature slider changes the weights and re-measures the entropy curve", async () => {
    const plane = await fingerprint(w.page, "qkv-plane");
    await w.page.waitForFunction(() => !/Measuring/.test(document.querySelector('[data-testid="entropy-readout"]')?.textContent ?? "Measuring"));
    const chart = await fingerprint(w.page, "entropy-chart");
    await setInput(w.page, '[data-testid="temperature-slider"] input', Math.log10(0.2));
    await waitForChange(w.page, "qkv-plane", plane);
    await waitForChange(w.page, "entropy-chart", chart, 30_000);
  });

  it("raising d without scaling saturates the weights; scaling spreads them; both move the entropy chart", async () => {
    await setInput(w.page, '[data-testid="temperature-slider"] input', 0); // τ = 1
    await w.page.waitForFunction(() => /τ = 1\b/.test(document.querySelector('[data-testid="entropy-readout"]')?.textContent ?? ""), undefined, {timeout: 30_000});
    const chart = await fingerprint(w.page, "entropy-chart");
    await setInput(w.page, '[data-testid="d-slider"] input', 10); // d = 1024
    const atD = await waitForChange(w.page, "entropy-chart", chart);
    await w.page.waitForFunction(() => /At d = 1024/.test(document.querySelector('[data-testid="entropy-readout"]')?.textContent ?? ""));
    await w.page.waitForFunction(() => /1022 components/.test(document.querySelector('[data-testid="qkv-plane"]')?.textContent ?? ""));
    const unscaled = await waitForWeights(w.page);
    expect(Math.max(...unscaled)).toBeGreaterThan(0.9);
    await setInput(w.page, '[data-testid="scaling-select"] select', 1);
    await waitForChange(w.page, "entropy-chart", atD);
    await w.page.waitForFunction(() => /divided by √1024/.test(document.querySelector('[data-testid="qkv-plane"]')?.textContent ?? ""));
    const scaled = await waitForWeights(w.page);
    expect(Math.max(...scaled)).toBeLessThan(Math.max(...unscaled));
    const readout = await w.page.$eval('[data-testid="entropy-readout"]', (e) => e.textContent ?? "");
    const [hu, hs] = [...readout.matchAll(/H\(α\) = ([\d.]+) nats/g)].map((m) => Number(m[1]));
    expect(hu).toBeLessThan(0.5);
    expect(hs).toBeGreaterThan(2);
  });

  it("the stepper walks through Q Kᵀ → softmax → · V with numbers, for the example and for the figure", async () => {
    const stepper = w.page.locator('[data-testid="qkv-stepper"]');
    await w.page.waitForFunction(() => /\d\.\d/.test(document.querySelector('[data-testid="qkv-stepper"]')?.textContent ?? ""));
    let last = await fingerprint(w.page, "qkv-stepper");
    for (let i = 0; i < 4; i++) {
      await stepper.getByRole("button", {name: /next/i}).click();
      last = await waitForChange(w.page, "qkv-stepper", last);
    }
    expect(last).toMatch(/weighted mean/);
    await setInput(w.page, '[data-testid="matrices-select"] select', 1);
    last = await waitForChange(w.page, "qkv-stepper", last);
    expect(last).toMatch(/1 ×|1×|\(1, 2\)|1 query/);
  });

  it("the prose quotes the chart's figures at τ = 1, whatever the slider says", async () => {
    await w.page.waitForFunction(() => /falls from about \d\.\d nats at d = 1 to about \d\.\d at d = 1024, where the largest weight averages about 0\.\d\d?:/.test(document.body.textContent ?? ""));
    const said = (await w.page.evaluate(() => document.body.textContent ?? "")).replace(/\s+/g, " ");
    expect(said).toMatch(/unscaled entropy falls from about 2\.4 nats at d = 1 to about 0\.1 at d = 1024, where the largest weight averages about 0\.97:/);
    expect(said).toMatch(/The scaled curve stays between 2\.3 and 2\.4 nats for every d/);
  });

  it("dragging the query and moving d and τ (which re-measure the curve) run no main-thread task over 50 ms", async () => {
    await w.page.waitForFunction(() => !/Measuring/.test(document.querySelector('[data-testid="entropy-readout"]')?.textContent ?? "Measuring"));
    const chart = await fingerprint(w.page, "entropy-chart");
    const plane = await fingerprint(w.page, "qkv-plane");
    const q = w.page.locator('[data-testid="qkv-plane"] [data-point="query"]');
    await q.scrollIntoViewIfNeeded();
    await w.takeLongTasks();
    const box = (await q.boundingBox())!;
    await w.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await w.page.mouse.down();
    await w.page.mouse.move(box.x + 140, box.y - 60, {steps: 12});
    await w.page.mouse.up();
    await waitForChange(w.page, "qkv-plane", plane);
    for (const k of [3, 6, 8]) await setInput(w.page, '[data-testid="d-slider"] input', k);
    await setInput(w.page, '[data-testid="temperature-slider"] input', Math.log10(0.5));
    await waitForChange(w.page, "entropy-chart", chart, 30_000);
    await w.page.waitForFunction(() => /At d = 256 and τ = 0\.5 /.test(document.querySelector('[data-testid="entropy-readout"]')?.textContent ?? ""), undefined, {timeout: 30_000});
    const longTasks = await w.takeLongTasks();
    expect(longTasks.length).toBeGreaterThan(0);
    expect(longTasks.filter((ms) => ms > 50)).toEqual([]);
  });

  it("nothing broke along the way", async () => {
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
  });
});

const textOf = (page: Page, testid: string) => page.$eval(`[data-testid="${testid}"]`, (e) => e.textContent ?? "");

describe.skipIf(missing !== null || !present)("chapter 5: the address keeps the reader's settings", () => {
  const env = useSite();

  async function open(query: string): Promise<WatchedPage> {
    const w = await env.open("/qkv" + query);
    await waitForStatus(w.page, "ready");
    return w;
  }

  it("a link opens the page with its τ, d, scaling and stepper numbers, and the figures show them", async () => {
    const w = await open("?tau=0.2&d=64&scaled=1&stepper=figure");
    try {
      expect(await shownValue(w.page, "temperature-slider")).toBe("0.2");
      expect(await shownValue(w.page, "d-slider")).toBe("d = 64");
      expect(await shownValue(w.page, "scaling-select")).toMatch(/^scaled/);
      expect(await shownValue(w.page, "matrices-select")).toMatch(/the look-up in the figure/);
      // The figure adds 62 undrawn components and scales by √64; the chart's readout is at d = 64, τ = 0.2.
      await w.page.waitForFunction(() => /d = 64: .*62 components.*divided by √64/.test(document.querySelector('[data-testid="qkv-plane"]')?.textContent ?? ""), undefined, {timeout: 30_000});
      await w.page.waitForFunction(() => /At d = 64 and τ = 0\.2 /.test(document.querySelector('[data-testid="entropy-readout"]')?.textContent ?? ""), undefined, {timeout: 60_000});
      // The stepper holds the figure's one query.
      await w.page.waitForFunction(() => /1 query of width d = 64/.test(document.querySelector('[data-testid="qkv-stepper"]')?.textContent ?? ""), undefined, {timeout: 30_000});
      expect(await w.page.$$('[data-testid="url-note"]')).toHaveLength(0);
      expect(queryOf(w.page)).toEqual({tau: "0.2", d: "64", scaled: "1", stepper: "figure"});
      await expectClean(w);
    } finally {
      await w.close();
    }
  });

  it("a link places the figure's points: the query on key 3 gives key 3 the most weight", async () => {
    const placed = "-1.3,-0.7;1.5,0.4;-0.4,1.6;-1.3,-0.7;0.5,-1.5;-1.6,1.3;1.4,1.6;-1.1,-1.6;1.5,-1";
    const w = await open(`?points=${encodeURIComponent(placed)}`);
    try {
      const label = await w.page.$eval('[data-testid="qkv-plane"] [data-point="query"]', (e) => e.getAttribute("aria-label") ?? "");
      expect(label).toMatch(/\(−1\.3, −0\.7\)/);
      const a = await waitForWeights(w.page);
      expect(a.indexOf(Math.max(...a))).toBe(2);
      expect(queryOf(w.page)).toEqual({points: placed});
      // "Put the points back" puts the default layout back, and the address leaves it out.
      const entries = await w.page.evaluate(() => history.length);
      await w.page.locator('[data-testid="reset-points"]').click();
      await waitForQuery(w.page, {});
      expect(await w.page.evaluate(() => history.length)).toBe(entries);
      // The weights follow once the worker has answered for the default layout.
      await expect.poll(async () => {
        const a = await weights(w.page);
        return a.indexOf(Math.max(...a));
      }, {timeout: 15_000}).toBe(0);
      await expectClean(w);
    } finally {
      await w.close();
    }
  });

  it("moving the controls writes the address; back at their defaults the keys go", async () => {
    const w = await open("");
    try {
      await w.page.waitForFunction(() => /At d = 2 /.test(document.querySelector('[data-testid="entropy-readout"]')?.textContent ?? ""), undefined, {timeout: 60_000});
      expect(w.page.url()).toBe(env.origin + "/qkv");
      expect(await w.page.$$('[data-testid="url-note"]')).toHaveLength(0);
      await setInput(w.page, '[data-testid="d-slider"] input', 5);
      await waitForQuery(w.page, {d: "32"});
      // A key moved with the arrow keys (two Shift steps left) is written once it rests.
      await w.page.locator('[data-testid="qkv-plane"] [data-point="key-0"]').focus();
      for (let i = 0; i < 2; i++) await w.page.keyboard.press("Shift+ArrowLeft");
      await waitForQuery(w.page, {d: "32", points: "1.2,0.6;0.5,0.4;-0.4,1.6;-1.3,-0.7;0.5,-1.5;-1.6,1.3;1.4,1.6;-1.1,-1.6;1.5,-1"});
      for (let i = 0; i < 2; i++) await w.page.keyboard.press("Shift+ArrowRight");
      await waitForQuery(w.page, {d: "32"});
      await setInput(w.page, '[data-testid="temperature-slider"] input', Math.log10(2));
      await setInput(w.page, '[data-testid="scaling-select"] select', 1);
      await setInput(w.page, '[data-testid="matrices-select"] select', 1);
      await waitForQuery(w.page, {tau: String(await w.page.$eval('[data-testid="temperature-slider"]', (e) => (e as unknown as {value: number}).value)), d: "32", scaled: "1", stepper: "figure"});
      expect(Number(queryOf(w.page).tau)).toBeCloseTo(2, 1);
      const entries = await w.page.evaluate(() => history.length);
      await setInput(w.page, '[data-testid="d-slider"] input', 1);
      await setInput(w.page, '[data-testid="temperature-slider"] input', 0);
      await setInput(w.page, '[data-testid="scaling-select"] select', 0);
      await setInput(w.page, '[data-testid="matrices-select"] select', 0);
      await waitForQuery(w.page, {});
      expect(w.page.url()).toBe(env.origin + "/qkv");
      expect(await w.page.evaluate(() => history.length)).toBe(entries); // no Back steps
      await expectClean(w);
    } finally {
      await w.close();
    }
  });

  it("a bad value in the link is named in a note, and the page uses the default", async () => {
    const w = await open("?d=48&tau=0&scaled=yes&points=1,2;3");
    try {
      const note = await textOf(w.page, "url-note");
      expect(note).toMatch(/d="48" \(using 2\)/);
      expect(note).toMatch(/tau="0" \(using 1\)/);
      expect(note).toMatch(/scaled="yes" \(using 0\)/);
      expect(note).toMatch(/points="1,2;3" \(using 1\.2,0\.6;1\.5,0\.4;/);
      expect(await w.page.$eval('[data-testid="qkv-plane"] [data-point="query"]', (e) => e.getAttribute("aria-label") ?? "")).toMatch(/\(1\.2, 0\.6\)/);
      expect(await w.page.$eval('[data-testid="url-note"]', (e) => e.classList.contains("warning"))).toBe(true);
      expect(await shownValue(w.page, "d-slider")).toBe("d = 2");
      expect(await shownValue(w.page, "temperature-slider")).toBe("1");
      expect(await shownValue(w.page, "scaling-select")).toMatch(/^unscaled/);
      await w.page.waitForFunction(() => /At d = 2 and τ = 1 /.test(document.querySelector('[data-testid="entropy-readout"]')?.textContent ?? ""), undefined, {timeout: 60_000});
      await waitForQuery(w.page, {});
      await expectClean(w);
    } finally {
      await w.close();
    }
  });
});
