/**
 * Chromium (Debian's, at /usr/bin/chromium or $CHROMIUM_PATH) driven by playwright-core, and a
 * page wrapper that records what a reader would call broken: console errors, uncaught
 * exceptions, failed requests and any request that leaves the site's origin.
 */
import {existsSync} from "node:fs";
import {chromium, type Browser, type Page} from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why browser tests cannot run here, or null when they can. Under CI=true a missing browser is a failure. */
export function browserMissing(): string | null {
  if (existsSync(chromiumPath)) return null;
  const why = `Chromium not found at ${chromiumPath} (install Debian's chromium package or set CHROMIUM_PATH)`;
  if (process.env.CI === "true") throw new Error(`${why}; CI=true, so this is a failure, not a skip`);
  console.warn(`SKIPPING browser tests: ${why}`);
  return why;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage"
    ]
  });
}

export interface Problems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  offsiteRequests: string[];
}

export interface WatchedPage {
  page: Page;
  problems: Problems;
  /**
   * The main-thread CPU time (ms) of every task the page ran since the last call, from a Chromium
   * trace (the first call starts the trace and returns []). Tests fail on entries over 50 ms.
   */
  takeLongTasks(): Promise<number[]>;
  close(): Promise<void>;
}

/** Opens a page in a fresh context that blocks and records every off-origin request. */
export async function openWatched(browser: Browser, origin: string, {width = 1200, height = 900} = {}): Promise<WatchedPage> {
  const context = await browser.newContext({viewport: {width, height}});
  const page = await context.newPage();
  const problems: Problems = {consoleErrors: [], pageErrors: [], failedRequests: [], offsiteRequests: []};
  let tracer: Tracer | null = null;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    problems.offsiteRequests.push(url);
    return route.abort();
  });
  page.on("console", (m) => {
    if (m.type() === "error") problems.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
  page.on("requestfailed", (r) => {
    if (r.url().startsWith(origin)) problems.failedRequests.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.failedRequests.push(`${r.url()} (HTTP ${r.status()})`);
  });
  return {
    page,
    problems,
    async takeLongTasks() {
      const tasks = tracer ? await tracer.stop() : [];
      tracer = await startTrace(page);
      if (tasks.length) longMainThreadTasks(tasks, page.url());
      return tasks.map((t) => t.cpu);
    },
    async close() {
      await tracer?.stop().catch(() => []);
      await context.close();
    }
  };
}

/** Goes to a page and waits until Framework has rendered its cells (none still pending). */
export async function visit(w: WatchedPage, url: string): Promise<void> {
  await w.page.goto(url, {waitUntil: "load"});
  await w.page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, {timeout: 30_000});
  await w.page.waitForTimeout(300);
}

/** Texts of error cells in the rendered page. */
export function errorCells(page: Page): Promise<string[]> {
  return page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? ""));
}

/** Sets a range/number input to `value` as a user would (input and change events). */
export async function setInput(page: Page, selector: string, value: string | number): Promise<void> {
  await page.$eval(
    selector,
    (el, v) => {
      const input = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement ? el : el.querySelector("input, textarea, select");
      if (!input) throw new Error("setInput: no input element");
      (input as HTMLInputElement).value = String(v);
      input.dispatchEvent(new Event("input", {bubbles: true}));
      input.dispatchEvent(new Event("change", {bubbles: true}));
    },
    value
  );
}

export interface MainThreadTask {
  /** Wall-clock duration, ms. */
  wall: number;
  /** CPU time the renderer's main thread spent on it, ms. */
  cpu: number;
}

/**
 * Every task the page's main thread ran during the next `ms` milliseconds, from a Chromium trace.
 * Tests fail on tasks that cost over 50 ms of main-thread CPU time: that is the work the page does
 * on the thread a reader interacts with. Wall-clock durations (what the Long Tasks API reports)
 * are kept for the log; on a machine shared with other work they also count time the thread
 * waited for a core.
 */
export async function mainThreadTasks(page: Page, ms: number): Promise<MainThreadTask[]> {
  const tracer = await startTrace(page);
  await page.waitForTimeout(ms);
  return tracer.stop();
}

interface Tracer {
  stop(): Promise<MainThreadTask[]>;
}

/** Starts a trace of the page's renderer; stop() ends it and returns the main thread's tasks. */
async function startTrace(page: Page): Promise<Tracer> {
  const cdp = await page.context().newCDPSession(page);
  type TraceEvent = {name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: {name?: string}};
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {categories: "devtools.timeline,disabled-by-default-devtools.timeline", transferMode: "ReportEvents"});
  return {
    async stop() {
      await cdp.send("Tracing.end");
      await complete;
      await cdp.detach();
      const main = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
      return events
        .filter((e) => e.ph === "X" && e.name === "RunTask" && main.has(`${e.pid}:${e.tid}`))
        .map((e) => ({wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000}));
    }
  };
}

/** The tasks over 50 ms of main-thread CPU (the ones a test fails on); logs the wall-clock picture too. */
export function longMainThreadTasks(tasks: MainThreadTask[], what: string): MainThreadTask[] {
  const maxCpu = Math.max(0, ...tasks.map((t) => t.cpu));
  const maxWall = Math.max(0, ...tasks.map((t) => t.wall));
  console.info(`${what}: ${tasks.length} main-thread tasks, max ${maxCpu.toFixed(1)} ms CPU, max ${maxWall.toFixed(1)} ms wall`);
  return tasks.filter((t) => t.cpu > 50);
}
