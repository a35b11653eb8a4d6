/** The built site under test: dist/ must exist (run `npm run build` first; `npm test` does). */
import {existsSync, readdirSync} from "node:fs";
import path from "node:path";

export const distDir = path.resolve(process.env.SITE_OUT ?? "dist");

export function builtPages(): string[] {
  if (!existsSync(path.join(distDir, "index.html"))) {
    throw new Error("dist/index.html is missing: run `npm run build` before the browser tests (`npm test` does both)");
  }
  return readdirSync(distDir)
    .filter((f) => f.endsWith(".html") && f !== "404.html")
    .map((f) => (f === "index.html" ? "/" : `/${f.replace(/\.html$/, "")}`))
    .sort();
}
