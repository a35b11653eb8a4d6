/**
 * A static server for the built site (dist/) on loopback, as a reader's browser would see it:
 * `/name` serves `name.html` (Framework's clean URLs), anything else is a file or a 404.
 */
import {createServer, type Server} from "node:http";
import {readFile, stat} from "node:fs/promises";
import path from "node:path";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm"
};

export interface SiteServer {
  origin: string;
  close(): Promise<void>;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

export async function serveDist(root: string): Promise<SiteServer> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith("/")) rel += "index";
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    const candidates = [file, `${file}.html`];
    for (const c of candidates) {
      if (await isFile(c)) {
        res.writeHead(200, {"content-type": types[path.extname(c)] ?? "application/octet-stream"});
        return void res.end(await readFile(c));
      }
    }
    res.writeHead(404, {"content-type": "text/plain"}).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("serveDist: no address");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
