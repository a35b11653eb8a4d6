/**
 * The set-up every browser test shares. `useSite()`, called in a describe block, serves the built
 * site (distDir) on loopback and launches Chromium before the block's tests; after them it closes
 * every page opened through it that is still open, then the browser, then the server.
 */
import {afterAll, beforeAll, expect} from "vitest";
import type {Browser, Page} from "playwright-core";
import {errorCells, launch, openWatched, visit, type WatchedPage} from "./browser.js";
import {serveDist, type SiteServer} from "./server.js";
import {distDir} from "./site.js";

export interface Site {
  /** The server's origin, e.g. "http://127.0.0.1:41234" (there from the block's first hook on). */
  readonly origin: string;
  readonly browser: Browser;
  /** Opens a watched page and visits `route` on the site, e.g. "/rnn" or "/rnn?seed=7". */
  open(route: string): Promise<WatchedPage>;
  /**
   * A page on `route`, opened before the block's tests and then made `ready` (a wait for what the
   * tests start from); its fields are those of that page from the first test on.
   */
  openBeforeAll(route: string, ready?: (page: Page) => Promise<unknown>): WatchedPage;
}

export function useSite(): Site {
  let server: SiteServer | undefined;
  let chromium: Browser | undefined;
  const pages = new Set<WatchedPage>();
  beforeAll(async () => {
    server = await serveDist(distDir);
    chromium = await launch();
  });
  afterAll(async () => {
    for (const w of pages) await w.close();
    await chromium?.close();
    await server?.close();
  });
  const started = () => {
    if (!server || !chromium) throw new Error("useSite: the site and the browser start in beforeAll; use them in a hook or a test");
    return {origin: server.origin, browser: chromium};
  };

  async function open(route: string): Promise<WatchedPage> {
    const {origin, browser} = started();
    const w = await openWatched(browser, origin);
    const tracked: WatchedPage = {
      ...w,
      async close() {
        pages.delete(tracked);
        await w.close();
      }
    };
    pages.add(tracked);
    await visit(tracked, origin + route);
    return tracked;
  }

  function openBeforeAll(route: string, ready?: (page: Page) => Promise<unknown>): WatchedPage {
    let w: WatchedPage | undefined;
    beforeAll(async () => {
      w = await open(route);
      await ready?.(w.page);
    });
    const opened = () => {
      if (!w) throw new Error(`useSite: ${route} opens in beforeAll; use its page in a test`);
      return w;
    };
    return {
      get page() {
        return opened().page;
      },
      get problems() {
        return opened().problems;
      },
      takeLongTasks: () => opened().takeLongTasks(),
      close: () => opened().close()
    };
  }

  return {
    get origin() {
      return started().origin;
    },
    get browser() {
      return started().browser;
    },
    open,
    openBeforeAll
  };
}

/** Nothing broke on the page so far: no error cell, uncaught exception, console error or failed request. */
export async function expectClean(w: WatchedPage): Promise<void> {
  expect(await errorCells(w.page)).toEqual([]);
  expect(w.problems.pageErrors).toEqual([]);
  expect(w.problems.consoleErrors).toEqual([]);
  expect(w.problems.failedRequests).toEqual([]);
}
