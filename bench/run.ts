/**
 * `npm run bench`: runs every bench/*.bench.ts in name order (or those named on the command
 * line, e.g. `npm run bench -- kernels`). Each file's default export prints its own tables.
 */
import {readdirSync} from "node:fs";
import {fileURLToPath, pathToFileURL} from "node:url";
import path from "node:path";
import os from "node:os";

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => !only.length || only.some((o) => f.startsWith(o)))
  .sort();

console.log(`# From RNN to Transformer — benchmarks`);
console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${new Date().toISOString()}`);
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as {default: () => Promise<void>};
  await mod.default();
}
