// A small static server for the release build, on loopback only: serves dist/, answers unknown
// paths with index.html (the app routes them, and shows its own 404 page), and gzips text and
// wasm when the browser accepts it, as a real host would.
// Usage: node tests/e2e/serve.mjs [dir=dist] [port=4173] [--preload script.js] [--switchable]
// With --preload (the WebDriver smoke journey, tests/smoke/), every page's index.html gets a
// <script> first in its <head> that loads that file, before the app starts; the file is served
// from /__redress-test/preload.js, a same-origin script the page's CSP allows ('self').
// With --switchable (the end-to-end tests), `POST /__serve?dir=DIR` makes it serve DIR from then
// on, as a host does when a new version is put up: the update test serves a second build this
// way. The request comes from the test itself, never from the page.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const flag = args.indexOf("--preload");
const preload = flag >= 0 ? resolve(args.splice(flag, 2)[1]) : null;
const switchable = args.includes("--switchable");
if (switchable) args.splice(args.indexOf("--switchable"), 1);
let root = resolve(args[0] ?? "dist");
const port = Number(args[1] ?? 4173);
const preloadPath = "/__redress-test/preload.js";
const types = {
  ".webmanifest": "application/manifest+json",
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
    let body = await readFile(path);
    if (preload && path === join(root, "index.html")) {
      body = Buffer.from(body.toString("utf8").replace(/<head>/i, `$&<script src="${preloadPath}"></script>`));
    }
    cache.set(path, { body, gz: gzipSync(body, { level: 9 }) });
  }
  return cache.get(path);
}

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://127.0.0.1");
    if (switchable && req.method === "POST" && url.pathname === "/__serve") {
      const dir = resolve(url.searchParams.get("dir") ?? "");
      if (!(await stat(join(dir, "index.html")).catch(() => null))) {
        res.writeHead(400).end(`No index.html in ${dir}`);
        return;
      }
      root = dir;
      console.log(`Serving ${root}`);
      res.writeHead(204).end();
      return;
    }
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (preload && url.pathname === preloadPath) file = preload;
    else if (!file.startsWith(root)) {
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
