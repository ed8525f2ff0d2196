// guided.mjs's driver-neutral interface over WebDriver, plus the few look-ups the smoke journey
// needs. Elements are found in the page the way Playwright's getByLabel / getByRole find them (by
// label or accessible name; a string matches a case-insensitive part of the text, or the whole text
// with { exact: true }; a RegExp is tested against the text), and then driven with WebDriver's own
// click and key presses, so each engine handles the input as it would a person's.

/** The page-side finder: returns the visible matches and, for the error message, what it saw. */
function findInPage(spec) {
  const norm = (s) => (s ?? "").replace(/\s+/g, " ").trim();
  const want = norm(spec.text);
  const matches = (text) => {
    const t = norm(text);
    if (spec.regex !== undefined) return new RegExp(spec.regex, spec.flags).test(t);
    return spec.exact ? t === want : t.toLowerCase().includes(want.toLowerCase());
  };
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
  const names = (el) => {
    const out = [];
    if (el.hasAttribute("aria-labelledby")) out.push(byIds(el.getAttribute("aria-labelledby")));
    if (el.hasAttribute("aria-label")) out.push(el.getAttribute("aria-label"));
    if (spec.kind === "label") out.push(...[...(el.labels ?? [])].map((l) => l.textContent));
    else if (!out.length) out.push(el.value && el.tagName === "INPUT" ? el.value : el.textContent);
    return out;
  };
  const selectors = {
    label: "input, select, textarea",
    link: "a[href], [role=link]",
    button: "button, input[type=submit], input[type=button], [role=button]",
    heading: `h${spec.level ?? 1}, [role=heading][aria-level="${spec.level ?? 1}"]`,
    testid: `[data-testid="${spec.text}"]`,
  };
  const candidates = [...document.querySelectorAll(selectors[spec.kind])].filter(visible);
  if (spec.kind === "testid") return { found: candidates, seen: [] };
  const found = candidates.filter((el) => names(el).some(matches));
  return { found, seen: candidates.map((el) => norm(names(el).join(" / "))).filter(Boolean).slice(0, 30) };
}

const describe = (p) => (p instanceof RegExp ? String(p) : JSON.stringify(p));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class WebDriverUi {
  /** `session` from webdriver.mjs; `base` the app's origin; `timeout` for every wait, in ms. */
  constructor(session, base, { timeout = 15_000 } = {}) {
    this.session = session;
    this.base = base;
    this.timeout = timeout;
  }

  /** Polls `probe` until it returns something truthy; otherwise fails with `message()`. */
  async waitFor(probe, message) {
    const deadline = Date.now() + this.timeout;
    let last;
    for (;;) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (e) {
        // A page in the middle of navigating can refuse a script; try again until the deadline.
        if (!/stale|no such|detached|navigat|context|JavaScript error|unload/i.test(e.message)) throw e;
        last = e;
      }
      if (Date.now() > deadline) throw new Error(`${await message()}${last ? ` (last error: ${last.message})` : ""}`);
      await sleep(100);
    }
  }

  /** The one visible element of `kind` matching `pattern`; fails if there is none or several. */
  async find(kind, pattern, { exact = false, level } = {}) {
    const spec = pattern instanceof RegExp
      ? { kind, regex: pattern.source, flags: pattern.flags, level }
      : { kind, text: pattern, exact, level };
    let result;
    return this.waitFor(
      async () => {
        result = await this.session.execute(findInPage, spec);
        return result.found.length === 1 ? result.found[0] : null;
      },
      async () => {
        const what = `${kind === "testid" ? "element with data-testid" : kind} ${describe(pattern)}${exact ? " (exactly)" : ""}`;
        const count = result ? result.found.length : 0;
        const h1 = await this.headingText().catch(() => "?");
        return `Expected one visible ${what}, found ${count} on the page headed ${JSON.stringify(h1)}` +
          (result?.seen.length ? `; the ${kind}s there: ${result.seen.map((s) => JSON.stringify(s)).join(", ")}` : "");
      },
    );
  }

  headingText() {
    return this.session.execute(() => document.querySelector("main h1")?.textContent.trim() ?? "(no heading)");
  }

  goto(path) {
    return this.session.navigate(new URL(path, this.base).href);
  }

  async clickLink(name, opts) {
    await this.session.click(await this.find("link", name, opts));
  }

  async clickButton(name, opts) {
    await this.session.click(await this.find("button", name, opts));
  }

  async check(label, opts) {
    const input = await this.find("label", label, opts);
    if (!(await this.session.execute((el) => el.checked, input))) await this.session.click(input);
    await this.waitFor(() => this.session.execute((el) => el.checked, input), () => `${describe(label)} did not become checked`);
  }

  async fill(label, value, opts) {
    const field = await this.find("label", label, opts);
    await this.session.clear(field);
    if (value !== "") await this.session.sendKeys(field, value);
    await this.waitFor(
      () => this.session.execute((el, v) => el.value === v, field, value),
      async () => `The field ${describe(label)} holds ${JSON.stringify(await this.session.execute((el) => el.value, field))}, not ${JSON.stringify(value)}`,
    );
  }

  async expectHeading(name) {
    await this.find("heading", name, { level: 1 });
  }

  byTestId(id) {
    return this.find("testid", id);
  }

  /** Waits until the element with this data-testid contains each of `parts` in its text. */
  async expectText(id, ...parts) {
    const el = await this.byTestId(id);
    const text = () => this.session.execute((e) => e.textContent.replace(/\s+/g, " ").trim(), el);
    await this.waitFor(
      async () => {
        const t = await text();
        return parts.every((p) => (p instanceof RegExp ? p.test(t) : t.includes(p)));
      },
      async () => {
        const t = await text();
        const missing = parts.filter((p) => !(p instanceof RegExp ? p.test(t) : t.includes(p)));
        return `[data-testid=${id}] does not contain ${missing.map(describe).join(" or ")}; it says ${JSON.stringify(t.slice(0, 1500))}`;
      },
    );
  }
}
