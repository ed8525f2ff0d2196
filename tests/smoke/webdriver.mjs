// A small W3C WebDriver client on Node's own fetch: just the commands the smoke journey uses, no
// dependency. It speaks the classic protocol (WebKit's driver has no BiDi).
// https://www.w3.org/TR/webdriver2/
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {
  constructor(command, status, value) {
    super(`${command}: ${value?.error ?? `HTTP ${status}`}: ${value?.message ?? JSON.stringify(value)}`);
    this.code = value?.error;
  }
}

async function call(base, method, path, body, timeoutMs = 60_000) {
  let response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new Error(`${method} ${base}${path}: the driver did not answer (${e.cause?.code ?? e.name}: ${e.message})`);
  }
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${path}: the driver answered HTTP ${response.status} with ${text.slice(0, 200)}`);
  }
  if (!response.ok || json.value?.error) throw new WebDriverError(`${method} ${path}`, response.status, json.value);
  return json.value;
}

/** The element reference WebDriver returns for `el`, for use as a script argument. */
export const elementId = (el) => el[ELEMENT];

export class Session {
  /** Starts a browser through the driver at `base` with `capabilities` ("alwaysMatch"). */
  static async start(base, capabilities, timeoutMs = 60_000) {
    const value = await call(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } }, timeoutMs);
    return new Session(base, value.sessionId, value.capabilities);
  }

  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  cmd(method, path, body, timeoutMs) {
    return call(this.base, method, `/session/${this.id}${path}`, body, timeoutMs);
  }

  navigate(url) {
    return this.cmd("POST", "/url", { url });
  }

  url() {
    return this.cmd("GET", "/url");
  }

  refresh() {
    return this.cmd("POST", "/refresh", {});
  }

  /** Runs `fn` (a function or its source) in the page with `args`; returns its result. */
  execute(fn, ...args) {
    return this.cmd("POST", "/execute/sync", { script: `return (${fn}).apply(null, arguments)`, args });
  }

  /** Runs an async `fn` in the page and waits for the promise it returns. */
  executeAsync(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((value) => done({ ok: true, value }), (e) => done({ ok: false, error: String(e && e.stack || e) }));`;
    return this.cmd("POST", "/execute/async", { script, args }).then((r) => {
      if (!r.ok) throw new Error(`script failed in the page: ${r.error}`);
      return r.value;
    });
  }

  setTimeouts(timeouts) {
    return this.cmd("POST", "/timeouts", timeouts);
  }

  click(el) {
    return this.cmd("POST", `/element/${elementId(el)}/click`, {});
  }

  clear(el) {
    return this.cmd("POST", `/element/${elementId(el)}/clear`, {});
  }

  /** Types `text` into `el` as key presses (for a file input: the file's absolute path). */
  sendKeys(el, text) {
    return this.cmd("POST", `/element/${elementId(el)}/value`, { text });
  }

  /** A PNG of the viewport, as a Buffer. */
  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  async end() {
    await this.cmd("DELETE", "", undefined, 30_000);
  }
}
