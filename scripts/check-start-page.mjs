// Checks, in headless Chromium, that the page at the given address is Redress's working start page:
// the app has started (its heading and choices are there, rendered by the WebAssembly), nothing
// failed to load, no error reached the page, and no request left the origin.
// Usage: node scripts/check-start-page.mjs http://127.0.0.1:8080/   (scripts/fresh-clone-check.sh)
import { chromium } from "@playwright/test";
import { chromiumLaunch } from "../playwright.config.mjs";

const url = process.argv[2];
if (!url) {
  console.error("usage: node scripts/check-start-page.mjs <url>");
  process.exit(2);
}
const origin = new URL(url).origin;
const problems = [];
const browser = await chromium.launch({ ...chromiumLaunch, headless: true });
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => problems.push(`error in the page: ${e}`));
  page.on("requestfailed", (r) => problems.push(`failed to load ${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.protocol !== "blob:" && u.origin !== origin) problems.push(`request off the origin: ${r.url()}`);
  });
  await page.goto(url);
  const h1 = page.locator("main h1");
  await h1.waitFor({ timeout: 60_000 });
  const heading = await h1.innerText();
  if (heading !== "Complain about your home, and get an answer on time") problems.push(`unexpected heading: ${JSON.stringify(heading)}`);
  const choices = await page.getByTestId("start-choices").getByRole("link").count();
  if (choices < 3) problems.push(`the start page offers ${choices} choices, not 3`);
  // The app is alive: following a choice routes without a reload.
  await page.getByTestId("choose-resident").click();
  await page.getByRole("heading", { level: 1, name: "Complain about your landlord" }).waitFor({ timeout: 60_000 });
} catch (e) {
  problems.push(String(e));
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`check-start-page: ${url} is not the working start page:\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(`check-start-page: ${url} serves the working start page`);
