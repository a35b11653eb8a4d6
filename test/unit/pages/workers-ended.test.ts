/**
 * Every live model's worker is ended when the cell that made it is invalidated: each
 * `new LiveClient` in a page's code block is terminated by an `invalidation.then(…)` in the same
 * block. (That the cell runs once per page, not once per control move, is checked in the browser:
 * test/browser/workers.test.ts.)
 */
import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {describe, expect, it} from "vitest";

const docs = path.resolve("docs");
const pages = readdirSync(docs).filter((f) => f.endsWith(".md"));

/** The ```js blocks of a page. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => m[1]);
}

describe("workers are ended with the cell that made them", () => {
  const withClients = pages.filter((p) => readFileSync(path.join(docs, p), "utf8").includes("new LiveClient"));

  it("the check sees the chapters that run models", () => {
    expect(withClients.length).toBeGreaterThanOrEqual(9);
  });

  for (const page of withClients) {
    it(page, () => {
      const blocks = codeBlocks(readFileSync(path.join(docs, page), "utf8")).filter((b) => b.includes("new LiveClient"));
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        const clients = [...block.matchAll(/const (\w+) = new LiveClient\(/g)].map((m) => m[1]);
        const ending = block.match(/invalidation\.then\(([\s\S]*?)\);/)?.[1] ?? "";
        expect(ending, `${page}: no invalidation.then(…) beside new LiveClient`).toMatch(/terminate\(\)/);
        for (const c of clients) expect(ending, `${page}: ${c} is not ended on invalidation`).toMatch(new RegExp(`\\b${c}\\b`));
      }
    });
  }
});
