/**
 * The built files themselves: Framework builds a page with a broken import with exit code 0 and
 * writes the error into the HTML, so the build is checked here; and nothing in dist/ may point
 * at a CDN, a web-font service or telemetry.
 */
import {readdirSync, readFileSync, statSync} from "node:fs";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {builtPages, distDir} from "./site.js";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk(distDir);
const text = files.filter((f) => /\.(html|js|css|json)$/.test(f));

describe("dist/", () => {
  it("has every page and no error cell", () => {
    for (const route of builtPages()) {
      const file = path.join(distDir, route === "/" ? "index.html" : `${route.slice(1)}.html`);
      expect(readFileSync(file, "utf8"), file).not.toMatch(/observablehq--error/);
    }
  });

  it("references no CDN, web fonts or telemetry", () => {
    const offsite = /cdn\.jsdelivr\.net|fonts\.googleapis|fonts\.gstatic|unpkg\.com|events\.observablehq|api\.observablehq/;
    const hits = text.filter((f) => offsite.test(readFileSync(f, "utf8"))).map((f) => path.relative(distDir, f));
    expect(hits).toEqual([]);
  });

  it("ships KaTeX's stylesheet and fonts (every chapter typesets math)", () => {
    const katexCss = files.filter((f) => /katex.*\.css$/.test(f));
    const usesKatex = text.some((f) => f.endsWith(".js") && /katex/i.test(readFileSync(f, "utf8")));
    expect(usesKatex).toBe(true);
    expect(katexCss.length).toBeGreaterThan(0);
    const css = readFileSync(katexCss[0], "utf8");
    const fonts = [...css.matchAll(/url\(([^)]+\.woff2)\)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(10);
    for (const f of fonts) expect(statSync(path.join(path.dirname(katexCss[0]), f)).isFile(), f).toBe(true);
  });
});
