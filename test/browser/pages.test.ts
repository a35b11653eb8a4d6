/**
 * Every built page, opened in Chromium as a reader would: no error cell, no console error, no
 * uncaught exception, no failed request, no request off the site's origin, no broken internal
 * link, and nothing wider than a phone's screen once the window narrows to 390 px; the sidebar and the landing page list the route in the notes' order.
 */
import {describe, expect, it} from "vitest";
import {browserMissing, errorCells, openWatched, visit} from "./browser.js";
import {builtPages} from "./site.js";
import {useSite} from "./fixture.js";

const missing = browserMissing();
const pages = builtPages();

describe.skipIf(missing !== null)("every page loads clean", () => {
  const env = useSite();

  it.each(pages)("%s", async (route) => {
    const w = await openWatched(env.browser, env.origin);
    await visit(w, env.origin + route);
    await w.page.waitForTimeout(1500); // let workers start and first views draw
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    expect(w.problems.failedRequests).toEqual([]);
    expect(w.problems.offsiteRequests).toEqual([]);
    // Every link to the site itself resolves.
    const hrefs = await w.page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    const paths = new Set(hrefs.map((h) => new URL(h)).filter((u) => u.origin === env.origin).map((u) => u.pathname));
    expect(paths.size).toBeGreaterThan(0);
    for (const path of paths) expect((await fetch(env.origin + path)).status, `${route} links to ${path}`).toBe(200);
    // The same page on a 390-px phone: nothing sticks out of the screen, outside a box that scrolls
    // sideways. Every block is laid out, not only those on screen (docs/style.css skips the others).
    await w.page.setViewportSize({width: 390, height: 844});
    await w.page.addStyleTag({content: "#observablehq-main > * { content-visibility: visible !important; }"});
    await w.page.waitForTimeout(1000); // the figures redraw for the new width
    const wide = await w.page.evaluate(() => {
      const screen = document.documentElement.clientWidth;
      const scrolls = (el: Element): boolean => {
        for (let e = el.parentElement; e; e = e.parentElement) if (["auto", "scroll", "hidden"].includes(getComputedStyle(e).overflowX)) return true;
        return false;
      };
      return [...document.querySelectorAll("#observablehq-main *")]
        .filter((el) => el.getBoundingClientRect().right > screen + 1 && !scrolls(el))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""} in [${el.closest("[data-testid]")?.getAttribute("data-testid") ?? "?"}] → ${Math.round(el.getBoundingClientRect().right)} px`);
    });
    expect(wide, `${route} on a phone`).toEqual([]);
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await errorCells(w.page)).toEqual([]);
    expect(w.problems.pageErrors).toEqual([]);
    expect(w.problems.consoleErrors).toEqual([]);
    await w.close();
  });

  it("the sidebar lists the chapters in the notes' order", async () => {
    const w = await openWatched(env.browser, env.origin);
    await visit(w, env.origin + "/");
    const sidebar = await w.page.$$eval("#observablehq-sidebar a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    const order = ["rnn", "vanishing-gradients", "lstm", "seq2seq-attention", "qkv", "self-attention", "multi-head", "transformer"];
    const chapters = sidebar.map((h) => h.replace(/^\.?\//, "")).filter((h) => order.includes(h));
    expect(chapters).toEqual(order);
    await w.close();
  });

  it("the landing page shows the whole route, RNN to Transformer", async () => {
    const w = await openWatched(env.browser, env.origin);
    await visit(w, env.origin + "/");
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
