// Redress's service worker: keeps one build of the app on the device, so that after one visit
// every page works with no signal. scripts/make-sw.mjs writes dist/sw.js as this file with three
// constants before it: BUILD (this build's id), RULES (its rules version, redress::rules) and
// FILES (every file of the build, each with its SHA-256 as an integrity string).
//
// - A page and every part it loads come from one build: each build has its own cache, filled
//   whole or not at all, and every file is checked against the hash the build wrote down, so a
//   file from another build (or a broken download) fails the install instead of being kept.
// - A new version installs in the background and waits (no skipWaiting on install): the page
//   asks it for its versions, says a new version is ready, and posts "use-this-version" only when
//   the user agrees. Otherwise it takes over when every Redress page has closed.
// - When it takes over it deletes every other build's cache, so no old file is ever served again.

const CACHE = `redress-${BUILD}`;
const PATHS = new Set(FILES.map(([path]) => path));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // "no-cache": ask the server each time (a stale copy in the HTTP cache would fail its hash).
      cache.addAll(FILES.map(([path, integrity]) => new Request(path, { integrity, cache: "no-cache" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("redress-") && name !== CACHE) await caches.delete(name);
      }
      // The page that installed this worker on its first visit fetches its parts through it
      // from now on, so it keeps working if the signal goes.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // Every navigation to an app path (/complaint/…, /association/cases/…) gets this build's page,
  // which routes it; a file of the build gets that file.
  const path = PATHS.has(url.pathname) ? url.pathname : request.mode === "navigate" ? "/index.html" : null;
  if (!path) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(path))
      // Not in the cache (the browser cleared it): the network, as if there were no worker.
      .then((cached) => cached ?? fetch(request)),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "version") event.source?.postMessage({ type: "redress-version", build: BUILD, rules: RULES });
  if (event.data === "use-this-version") self.skipWaiting();
});
