// A development build's sw.js (trunk serve). A development build never registers a worker, but a
// release build served earlier at the same address may have left one, which would go on serving
// its old copy of the app. The browser checks that worker's script now and then; finding this
// one, it installs it, and this worker deletes Redress's caches, unregisters itself and reloads
// the pages it had, which then come from the development server.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("redress-")) await caches.delete(name);
      }
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
    })(),
  );
});
