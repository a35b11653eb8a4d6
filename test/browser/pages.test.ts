/**
 * Every built page, opened in Chromium as a reader would: no error cell, no console error, no
 * uncaught exception, no failed request, no request off the site's origin, and no broken
 * internal link.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {browserMissing, errorCells, launch, openWatched, visit} from "./browser.js";
import {serveDist, type SiteServer} from "./server.js";
import {builtPages, distDir} from "./site.js";

const missing = browserMissing();
const pages = builtPages();

describe.skipIf(missing !== null)("every page loads clean", () => {
  let browser: Browser;
  let site: SiteServer;
  beforeAll(async () => {
    site = await serveDist(distDir);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each(pages)("%s", async (route) => {
    const w = await openWatched(browser, site.origin);
    await visit(w, site.origin + route);
    await w.page.waitForTimeout(1500); // let workers start and first views draw
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
    await w.close();
  });

  it("internal links all resolve, and the sidebar lists the chapters in the notes' order", async () => {
    const w = await openWatched(browser, site.origin);
    await visit(w, site.origin + "/");
    const sidebar = await w.page.$$eval("#observablehq-sidebar a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    const order = ["rnn", "vanishing-gradients", "lstm", "seq2seq-attention", "qkv", "self-attention", "multi-head", "transformer"];
    const chapters = sidebar.map((h) => h.replace(/^\.?\//, "")).filter((h) => order.includes(h));
    expect(chapters).toEqual(order.filter((c) => chapters.includes(c)));
    for (const route of pages) {
      await visit(w, site.origin + route);
      const hrefs = await w.page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of hrefs) {
        const url = new URL(href);
        if (url.origin !== site.origin) continue;
        const res = await fetch(site.origin + url.pathname);
        expect(res.status, `${route} links to ${url.pathname}`).toBe(200);
      }
    }
    await w.close();
  });

  it("the landing page shows the whole route, RNN to Transformer", async () => {
    const w = await openWatched(browser, site.origin);
    await visit(w, site.origin + "/");
    const items = await w.page.$$eval("ol.route li strong", (els) => els.map((e) => e.textContent ?? ""));
    expect(items.map((s) => s.replace(/^\d+\.\s*/, ""))).toEqual([
      "Recurrent networks",
      "Vanishing gradients",
      "LSTM gates",
      "Sequence to sequence, and attention",
      "Query, key, value",
      "Self-attention",
      "Multi-head attention",
      "The Transformer"
    ]);
    await w.close();
  });
});
