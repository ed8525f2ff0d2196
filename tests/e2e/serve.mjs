// A small static server for the release build, on loopback only: serves dist/, answers unknown
// paths with index.html (the app routes them, and shows its own 404 page), and gzips text and
// wasm when the browser accepts it, as a real host would.
// Usage: node tests/e2e/serve.mjs [dir=dist] [port=4173]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const root = resolve(process.argv[2] ?? "dist");
const port = Number(process.argv[3] ?? 4173);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".png": "image/png",
};
const cache = new Map();

async function load(path) {
  if (!cache.has(path)) {
    const body = await readFile(path);
    cache.set(path, { body, gz: gzipSync(body, { level: 9 }) });
  }
  return cache.get(path);
}

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) {
      res.writeHead(400).end("Bad path");
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) file = join(root, "index.html");
    const { body, gz } = await load(file);
    const headers = { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-cache" };
    if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      res.writeHead(200, { ...headers, "Content-Encoding": "gzip", "Content-Length": gz.length });
      res.end(gz);
    } else {
      res.writeHead(200, { ...headers, "Content-Length": body.length });
      res.end(body);
    }
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
}).listen(port, "127.0.0.1", () => console.log(`Serving ${root} on http://127.0.0.1:${port}`));
