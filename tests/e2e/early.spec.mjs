// The guided complaint's first question before the app has loaded (index.html's own copy,
// src/ui/early.rs, docs/offline.md "The first question before the app"): it can be read and
// answered at once, and the app, when it arrives, keeps what was done there.
//
// Each test holds back the app's WebAssembly (`holdApp`) so the page's copy is all there is, then
// lets it through and watches the app take over.
import { test, expect, checkA11y, waitForApp } from "./fixtures.mjs";

/** Holds every WebAssembly file back until the returned function is called. */
async function holdApp(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The first question as the visible page shows it. */
function whoQuestion(page) {
  return page.locator("main:visible").evaluate((main) => ({
    heading: main.querySelector("legend h1").textContent.trim(),
    progress: main.querySelector("p.muted").textContent.trim(),
    back: main.querySelector(".back-link").getAttribute("href"),
    answers: [...main.querySelectorAll('input[name="who"]')].map((input) => [
      input.id,
      main.querySelector(`label[for="${input.id}"]`).textContent.trim(),
    ]),
    button: main.querySelector('button[type="submit"]').textContent.trim(),
  }));
}

const saved = "Your answers are saved on this device as you go.";

test("the first question can be answered before the app has loaded; the app keeps the answer and goes on", async ({ page }) => {
  const release = await holdApp(page);
  await page.goto("/complaint/who");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who is making this complaint?");
  await expect(page).toHaveTitle("Who is making this complaint? – Redress");
  const before = await whoQuestion(page);
  await checkA11y(page, "the first question before the app has loaded");

  // From the keyboard: onto the first answer, down to the second, then Continue.
  await page.locator("#who-resident").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#who-helper")).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.locator("#early-continue")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Getting the next question ready" })).toBeVisible();
  await expect(page).toHaveURL(/\/complaint\/who$/);

  release();
  // The app goes on from the answer given: a helper is asked about themselves next.
  await expect(page).toHaveURL(/\/complaint\/helper$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About you, the helper");
  await expect(page.locator("#early")).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toHaveText(saved);

  // Back at the first question, the app's own has the answer, and the same words (a helper has
  // one question more: about themselves).
  await page.getByTestId("back-link").click();
  await expect(page.getByTestId("who-helper")).toBeChecked();
  expect(await whoQuestion(page)).toEqual({ ...before, progress: "Question 1 of 14" });
});

test("Enter on an answer before the app has loaded goes on to the next question, with focus on its page", async ({ page }) => {
  const release = await holdApp(page);
  await page.goto("/complaint/who");
  await page.locator("#who-helper").focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Enter");
  await expect(page.locator("#early-status")).toHaveText("Getting the next question ready…");
  release();
  await expect(page).toHaveURL(/\/complaint\/helper$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About you, the helper");
  // Focus starts on the new page, as after any move to another page, and nothing says it could
  // not be moved (the answer it was on is not on this page).
  await expect(page.locator("main")).toBeFocused();
  // Two frames on: any focus move the takeover asked for has been made by then.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect(page.getByTestId("browser-problem")).toHaveCount(0);
  await expect(page.locator("main")).toBeFocused();
});

test("an answer chosen before the app has loaded stays chosen, keeps the focus, and is saved", async ({ page }) => {
  const release = await holdApp(page);
  await page.goto("/complaint/who");
  await page.locator("#who-resident").focus();
  await page.keyboard.press("Space");
  release();
  await waitForApp(page);
  const resident = page.getByTestId("who-resident");
  await expect(resident).toBeChecked();
  await expect(resident).toBeFocused();
  await expect(page.getByTestId("save-status")).toHaveText(saved);
  await expect(page).toHaveURL(/\/complaint\/who$/);

  // Opened again, the page's copy shows no answer (it cannot read the saved one), so the saved
  // answer is the one the app shows.
  await page.reload();
  await waitForApp(page);
  await expect(page.getByTestId("who-resident")).toBeChecked();
  await expect(page.getByTestId("who-helper")).not.toBeChecked();
});

test("Continue before the app has loaded, with nothing chosen: the app says what is missing", async ({ page }) => {
  const release = await holdApp(page);
  await page.goto("/complaint/who");
  const before = await whoQuestion(page);
  await page.getByRole("button", { name: "Continue" }).click();
  release();
  await waitForApp(page);
  const summary = page.locator("#error-summary");
  await expect(summary).toContainText("Select whether you are the resident or helping someone");
  await expect(summary).toBeFocused();
  await expect(page).toHaveURL(/\/complaint\/who$/);
  // With nothing answered yet, the app's first question is word for word the page's copy.
  expect(await whoQuestion(page)).toEqual(before);
});

test("if the app never arrives, the page's first question says so and keeps the answer", async ({ page }) => {
  await page.clock.install();
  await page.route("**/*.wasm", (route) => route.abort());
  await page.goto("/complaint/who");
  await expect(page.getByTestId("app-not-loaded")).toContainText("Redress could not be loaded. Check that you are connected to the internet, then try again.");
  await page.getByText("I am the resident").click();
  await page.getByRole("button", { name: "Continue" }).click();
  const status = page.locator("#early-status");
  await expect(status).toHaveText("Getting the next question ready…");
  await page.clock.runFor(20_000);
  await expect(status).toContainText("This is taking longer than usual. Your answer is kept on this page");
  await expect(page.locator("#who-resident")).toBeChecked();
});

test("if the complaint's part of the app cannot be fetched, the page's copy gives way to a message saying so", async ({ page }) => {
  await page.route("**/split_redress_complaint*.wasm", (route) => route.abort());
  await page.goto("/complaint/who");
  await expect(page.getByTestId("part-not-loaded")).toBeVisible();
  await expect(page.locator("#early")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page could not be loaded");
});

test("on every other page the copy stays hidden and is removed before the app starts", async ({ page }) => {
  const release = await holdApp(page);
  await page.goto("/resident");
  await expect(page.locator("#early")).toBeHidden();
  await expect(page.getByRole("heading", { name: "Who is making this complaint?" })).toHaveCount(0);
  release();
  await waitForApp(page);
  await expect(page.locator("#early")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Complain about your landlord");
  await checkA11y(page, "the resident's area");
});
