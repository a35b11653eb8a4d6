/**
 * What a reader sees of a figure, as a string: the fills of an SVG's marks, the pixels of a
 * canvas, and the figure's text. Two fingerprints differ exactly when the drawing changed.
 */
import type {Page} from "playwright-core";

export function fingerprint(page: Page, testid: string): Promise<string> {
  return page.$eval(`[data-testid="${testid}"]`, (root) => {
    const parts: string[] = [];
    for (const c of Array.from(root.querySelectorAll("canvas"))) parts.push((c as HTMLCanvasElement).toDataURL());
    for (const m of Array.from(root.querySelectorAll("svg rect, svg path, svg circle, svg line"))) {
      parts.push(`${m.getAttribute("fill") ?? ""}|${m.getAttribute("d") ?? ""}|${m.getAttribute("x") ?? ""},${m.getAttribute("y") ?? ""},${m.getAttribute("cx") ?? ""},${m.getAttribute("cy") ?? ""}`);
    }
    parts.push(root.textContent ?? "");
    return parts.join("\n");
  });
}

/** Waits until the figure's fingerprint differs from `before`; returns the new one. */
export async function waitForChange(page: Page, testid: string, before: string, timeout = 15_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const now = await fingerprint(page, testid);
    if (now !== before) return now;
    if (Date.now() - start > timeout) throw new Error(`${testid} did not change within ${timeout} ms`);
    await page.waitForTimeout(100);
  }
}

/** The status a model-status widget shows (its data-status attribute). */
export function modelStatusOf(page: Page, testid = "model-status"): Promise<string | null> {
  return page.$eval(`[data-testid="${testid}"]`, (el) => (el as HTMLElement).dataset.status ?? null);
}

/** Clicks the button inside a data-testid element (or the element itself). */
export async function press(page: Page, testid: string): Promise<void> {
  const el = page.locator(`[data-testid="${testid}"]`);
  const inner = el.locator("button");
  if ((await inner.count()) > 0) await inner.first().click();
  else await el.click();
}

/**
 * Lets a run go on for up to `ms`, returning early if the widget leaves "training" (a fast
 * machine may finish a short run sooner). Returns the status at the end, so a test can tell
 * whether the window it measured held training throughout.
 */
export async function letTrain(page: Page, ms: number, testid = "model-status"): Promise<string | null> {
  await page
    .waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-status") !== "training", testid, {timeout: ms})
    .catch(() => undefined);
  return modelStatusOf(page, testid);
}

/** The text a figure or control shows. */
export function text(page: Page, testid: string): Promise<string> {
  return page.$eval(`[data-testid="${testid}"]`, (el) => el.textContent ?? "");
}

/** Waits until the element's text matches `pattern`; returns the text. */
export async function waitForText(page: Page, testid: string, pattern: RegExp, timeout = 30_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const now = await text(page, testid).catch(() => "");
    if (pattern.test(now)) return now;
    if (Date.now() - start > timeout) throw new Error(`${testid} never matched ${pattern}; it reads: ${now.slice(0, 300)}`);
    await page.waitForTimeout(100);
  }
}

/** Waits until a model-status widget shows `status`. */
export async function waitForStatus(page: Page, status: string, timeout = 60_000, testid = "model-status"): Promise<void> {
  await page.waitForFunction(([id, s]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-status") === s, [testid, status], {timeout});
}

/** The heatmap's size as its description states it ("… 11 rows by 17 columns …" → "11×17"). */
export function heatmapShape(page: Page, testid: string): Promise<string> {
  return page.$eval(`[data-testid="${testid}"]`, (el) => /(\d+) rows by (\d+) columns/.exec(el.getAttribute("aria-label") ?? "")?.slice(1).join("×") ?? "");
}

/** Distinct fill colours of a heatmap's cells (one colour means a blank or flat matrix). */
export function cellColours(page: Page, testid: string): Promise<number> {
  return page.$eval(`[data-testid="${testid}"]`, (el) => new Set(Array.from(el.querySelectorAll(".rt-plot svg rect")).map((r) => r.getAttribute("fill")).filter((f) => f && f !== "none")).size);
}

/** Moves a heatmap's keyboard cursor to (row, col), as a reader using the arrow keys would. */
export async function moveCursor(page: Page, testid: string, row: number, col: number): Promise<void> {
  await page.locator(`[data-testid="${testid}"] .rt-plot`).focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("ArrowDown"); // the cursor appears at (0, 0)
  for (let i = 0; i < row; i++) await page.keyboard.press("ArrowDown");
  for (let j = 0; j < col; j++) await page.keyboard.press("ArrowRight");
}

/** A number as the page prints it (a typographic minus, thousands commas). */
export function pageNumber(s: string): number {
  return Number(s.replace(/\u2212/g, "-").replace(/,/g, ""));
}

/** What a control shows: a select's chosen option, a text box's text, or a slider's readout. */
export function shownValue(page: Page, testid: string): Promise<string> {
  return page.$eval(`[data-testid="${testid}"]`, (el) => {
    const select = el.querySelector("select");
    if (select) return select.selectedOptions[0]?.textContent ?? "";
    const box = el.querySelector<HTMLInputElement>('input[type="text"], textarea');
    if (box) return box.value;
    return el.querySelector("output")?.textContent ?? "";
  });
}

/** The page's query parameters, as the address bar has them. */
export const queryOf = (page: Page): Record<string, string> => Object.fromEntries(new URL(page.url()).searchParams);

/**
 * Waits until the address holds exactly the keys of `expected`, each value equal to its string or
 * matching its pattern (the page writes the address after a control moves).
 */
export async function waitForQuery(page: Page, expected: Record<string, string | RegExp>, timeout = 15_000): Promise<void> {
  const start = Date.now();
  const holds = () => {
    const q = queryOf(page);
    const keys = Object.keys(expected);
    return Object.keys(q).sort().join() === keys.sort().join() && keys.every((k) => (typeof expected[k] === "string" ? q[k] === expected[k] : (expected[k] as RegExp).test(q[k])));
  };
  while (!holds()) {
    if (Date.now() - start > timeout) throw new Error(`the address holds ${page.url()}, not ${JSON.stringify(expected)}`);
    await page.waitForTimeout(100);
  }
}
