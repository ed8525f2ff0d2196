// Loaded before the app by the smoke journey's server (tests/e2e/serve.mjs --preload), in every
// engine, on every page load. Classic WebDriver has no "script before the page" (WebKit has no
// BiDi), so the test server puts this first in <head>. It does four things, and changes
// nothing else the app sees:
// 1. A fixed clock: Date starts at FIXED_NOW on every load and runs on from there, so the
//    journey's dates never depend on the day it runs (the same idea as Playwright's page.clock).
// 2. It records uncaught errors, unhandled promise rejections, console.error calls, resources
//    that failed to load and Content-Security-Policy violations, for the journey to check.
// 3. It keeps each file the page offers as a download (the Blob behind an <a download> click), so
//    the journey can read it in an engine whose WebDriver cannot see downloads; the click still
//    goes through to the browser.
// 4. It notes whether the page showed its own copy of the first question (index.html's
//    `#early`, at /complaint/who) before the app took over (src/ui/early.rs).
(() => {
  "use strict";
  // Monday 11 January 2027, midday in London (GMT): the same calendar day in any time zone from
  // UTC-11 to UTC+11, and the drivers run with TZ=Europe/London anyway.
  const FIXED_NOW = Date.UTC(2027, 0, 11, 12, 0, 0);

  const RealDate = Date;
  const realStart = RealDate.now();
  const now = () => FIXED_NOW + (RealDate.now() - realStart);
  function FixedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length ? args : [now()], new.target);
  }
  Object.defineProperties(FixedDate, Object.getOwnPropertyDescriptors(RealDate));
  FixedDate.now = now;
  Object.defineProperty(window, "Date", { value: FixedDate, writable: true, configurable: true });

  const errors = [];
  const downloads = [];
  const text = (v) => (v instanceof Error ? `${v.name}: ${v.message}` : typeof v === "string" ? v : JSON.stringify(v) ?? String(v));
  window.addEventListener("error", (e) => {
    if (e instanceof ErrorEvent) errors.push(`uncaught: ${e.message} (${e.filename}:${e.lineno})`);
    else if (e.target && e.target !== window) errors.push(`failed to load: ${e.target.src || e.target.href || e.target.tagName}`);
  }, true);
  window.addEventListener("unhandledrejection", (e) => errors.push(`unhandled rejection: ${text(e.reason)}`));
  window.addEventListener("securitypolicyviolation", (e) => errors.push(`blocked by the page's CSP: ${e.blockedURI} (${e.violatedDirective})`));
  const consoleError = console.error;
  console.error = function (...args) {
    errors.push(`console.error: ${args.map(text).join(" ")}`);
    return consoleError.apply(this, args);
  };

  const blobs = new Map();
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    const url = createObjectURL.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute("download") && blobs.has(this.href)) downloads.push({ name: this.download, blob: blobs.get(this.href) });
    return click.call(this);
  };

  const smoke = (window.__redressSmoke = { fixedNow: FIXED_NOW, errors, downloads, earlyShown: false });
  // The copy is in every page's markup, hidden; it is shown only where the page's own script
  // marks <html> "early" (before the body is parsed).
  const watch = new MutationObserver(() => {
    if (document.documentElement.classList.contains("early") && document.getElementById("early")) {
      smoke.earlyShown = true;
      watch.disconnect();
    }
  });
  watch.observe(document, { childList: true, subtree: true });
  // The copy is parsed with the page: after that there is nothing more to see.
  document.addEventListener("DOMContentLoaded", () => watch.disconnect());
})();
