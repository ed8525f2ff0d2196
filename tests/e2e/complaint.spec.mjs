// The guided complaint, as a new user would go through it: a resident under two different
// policies and a helper under a third, from the start page to the letter, with the dates in the
// letter checked against an independent working-day count; resuming after a reload; a service
// request and an excluded matter; errors shown in a summary that links to the field; a resident
// under Tuntum on a Saturday, whose formal dates run from receipt; a turned-down application under
// Progress, a complaint unless it was made through Choice Based Lettings, and a draft saved before
// that question existed.
import { readFileSync, writeFileSync } from "node:fs";
import { test, expect, checkA11y } from "./fixtures.mjs";
import { ComplaintFlow } from "./pages.mjs";
import { addDays, addWorkingDays, browserToday, iso, long } from "./dates.mjs";

const resident = {
  name: "Sam Taylor",
  landlord: "Progress Housing Group",
  topic: "Damp and mould",
  words: "There is black mould on the bedroom wall.\nMy son's asthma is worse since the winter.",
  ongoing: true,
  reportedBefore: true,
  outcome: "Treat the mould and fix the leak by the end of the month.",
  email: "sam@example.org",
};

test("a resident under Progress Housing Group gets a letter with the engine's dates, and a plan", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll(resident);
  await expect(page.getByTestId("check-answers")).toContainText("Progress Housing Group");
  await checkA11y(page, "check your answers");
  await flow.next("This is a complaint");
  await expect(page.getByTestId("triage-complaint")).toContainText("4.2.1");
  const letter = page.getByTestId("letter");
  await expect(letter).toContainText("There is black mould on the bedroom wall.");
  await expect(letter).toContainText("My son's asthma is worse since the winter.");
  // Progress 4.3.9: acknowledge within 5 working days; respond within 10 of acknowledgement.
  const today = await browserToday(page);
  const ack = addWorkingDays(today, 5);
  const respond = addWorkingDays(ack, 10);
  await expect(letter).toContainText(`acknowledge this complaint by ${long(ack)} (clause 4.3.9)`);
  await expect(letter).toContainText(`send a full response by ${long(respond)} (clause 4.3.9)`);
  await expect(page.getByTestId("plan-stage1.respond")).toContainText(long(respond));
  await expect(page.getByTestId("plan-stage1.if-no-response")).toContainText("you can ask for Stage Two");
  await expect(page.getByTestId("out-of-step")).toContainText("12 months");
  await checkA11y(page, "the result");
  // Printing prints only the letter.
  await page.emulateMedia({ media: "print" });
  await expect(letter).toBeVisible();
  await expect(page.getByTestId("plan")).toBeHidden();
  await expect(page.getByTestId("triage-complaint")).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-ics").click()]);
  expect(download.suggestedFilename()).toBe("complaint-dates.ics");
  const ics = readFileSync(await download.path(), "utf8");
  expect(ics).toContain(`DTSTART;VALUE=DATE:${iso(respond).replaceAll("-", "")}`);
  const [text] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-text").click()]);
  expect(readFileSync(await text.path(), "utf8")).toContain("Yours faithfully,\nSam Taylor");
});

test("a resident whose landlord is not listed is told about the Code, and errors link to the field", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.next();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Select whether you are the resident or helping someone");
  await expect(summary).toBeFocused();
  await checkA11y(page, "an error on the first question");
  await summary.getByRole("link").click();
  await expect(page.getByLabel(/I am the resident/)).toBeFocused();
  await page.getByLabel(/I am the resident/).check();
  await flow.next("About you");
  await page.getByLabel("Your full name").fill("Alex Jones");
  await flow.next("Who is your landlord?");
  await page.getByLabel("My landlord is not listed").check();
  await flow.next();
  await expect(page.getByTestId("error-summary")).toContainText("Enter the landlord's name");
  await page.getByLabel("The landlord's name").fill("Riverside Homes");
  await flow.next("What is the problem mainly about?");
  await page.getByLabel("Repairs not done, or done badly").check();
  await flow.next("Tell us what is wrong, in your own words");
  await page.getByLabel("Tell us what is wrong, in your own words").fill("The boiler keeps breaking.");
  await flow.next("When did the problem start?");
  await page.getByLabel("Day").fill("31");
  await page.getByLabel("Month").fill("2");
  await page.getByLabel("Year").fill("2026");
  await expect(page.getByTestId("date-error")).toContainText("not a real date");
  await page.getByLabel("Day").fill("28");
  await flow.next("Is the problem still happening?");
  await page.getByLabel("Yes", { exact: true }).check();
  await flow.next("Has the landlord been told about this before?");
  await page.getByLabel(/Yes, it has been reported before/).check();
  await flow.next("Do any of these apply?");
  await flow.next("What would put things right?");
  await page.getByLabel("What would you like the landlord to do?").fill("Replace the boiler.");
  await flow.next("How should the landlord contact you?");
  await page.getByLabel("Email", { exact: true }).check();
  await page.getByLabel("Email address, phone number or postal address").fill("alex@example.org");
  await flow.next("Does the landlord need to change how it contacts you?");
  await page.getByLabel("Letters in large print").check();
  await flow.next("Check your answers");
  await expect(page.getByTestId("check-answers")).toContainText("letters in large print");
  await flow.next("This is a complaint");
  const letter = page.getByTestId("letter");
  await expect(letter).toContainText("To: Riverside Homes – Complaints");
  await expect(letter).toContainText("under the Housing Ombudsman's Complaint Handling Code, which every social landlord in England must follow");
  const today = await browserToday(page);
  const ack = addWorkingDays(today, 5);
  // The Code cited by its paragraph number (6.2, confirmed), no longer by a heading.
  await expect(letter).toContainText(`acknowledge this complaint by ${long(ack)} (the Code, paragraph 6.2)`);
  await expect(letter).toContainText(`send a full response by ${long(addWorkingDays(ack, 10))}`);
  await expect(letter).toContainText("Please make these reasonable adjustments for me: letters in large print.");
});

test("a helper under Housing Plus writes on the resident's behalf, citing the signed authority", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start("/helper");
  await flow.answerAll({
    ...resident,
    helper: { name: "Priya Shah", role: "An advocate or support worker" },
    landlord: "Housing Plus Group",
    topic: "Repairs not done, or done badly",
    words: "The lift has been broken for a month and she cannot leave her flat.",
  });
  await flow.next("This is a complaint");
  const letter = page.getByTestId("letter");
  await expect(letter).toContainText("I am writing as their advocate on behalf of Sam Taylor");
  await expect(letter).toContainText("Clause 3.3 of your policy asks for their authority");
  await expect(letter).toContainText("In Sam Taylor's own words:");
  // Housing Plus Appendix 1: acknowledge within 2 working days, respond within 10 of receipt.
  const today = await browserToday(page);
  await expect(letter).toContainText(`acknowledge this complaint by ${long(addWorkingDays(today, 2))}`);
  await expect(letter).toContainText(`send a full response by ${long(addWorkingDays(today, 10))}`);
  await expect(page.getByTestId("out-of-step")).toContainText("exactly two");
  const form = page.getByTestId("authority-form");
  await expect(form).toContainText("I, Sam Taylor, give my signed authority for Priya Shah to act for me in my complaint to Housing Plus Group, as clause 3.3");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-authority").click()]);
  expect(readFileSync(await download.path(), "utf8")).toContain("Signed: ____");
  await checkA11y(page, "a helper's result with the permission form");
});

test("opening the first question and leaving saves nothing; the first answer starts the complaint in progress", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await expect(page.getByTestId("save-status")).toHaveText("");
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByTestId("start-complaint")).toBeVisible();
  await expect(page.getByTestId("in-progress")).toHaveCount(0);
  expect(await flow.savedAnswer("step")).toBeNull();

  await page.getByTestId("start-complaint").click();
  await page.getByLabel(/I am the resident/).check();
  await flow.expectSaved("helping", false);
  await expect(page.getByTestId("save-status")).toHaveText("Your answers are saved on this device as you go.");
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByTestId("continue-complaint")).toBeVisible();
});

test("answers survive a reload, and the resident can continue or start again", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await page.getByLabel(/I am the resident/).check();
  await flow.next("About you");
  await page.getByLabel("Your full name").fill("Sam Taylor");
  await flow.next("Who is your landlord?");
  await page.getByLabel("Tuntum Housing Association").check();
  await flow.next("What is the problem mainly about?");
  await page.getByLabel("Damp and mould").check();
  await flow.next("Tell us what is wrong, in your own words");
  // Words typed but not yet submitted are saved as they are typed.
  const words = "The bathroom ceiling leaks whenever it rains.";
  await page.getByLabel("Tell us what is wrong, in your own words").fill(words);
  await flow.expectSaved("description", words);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Tell us what is wrong, in your own words" })).toBeVisible();
  await expect(page.getByLabel("Tell us what is wrong, in your own words")).toHaveValue(words);
  await page.getByRole("link", { name: "Back" }).click();
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByLabel("Tuntum Housing Association")).toBeChecked();

  await page.goto("/resident");
  await page.getByRole("link", { name: "Continue where you left off" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Who is your landlord?" })).toBeVisible();

  await page.goto("/resident");
  await page.getByRole("button", { name: "Start again" }).click();
  await expect(page.getByTestId("start-again-confirm")).toBeVisible();
  await page.getByRole("button", { name: "No, keep them" }).click();
  await expect(page.getByTestId("continue-complaint")).toBeVisible();
  await page.getByRole("button", { name: "Start again" }).click();
  await page.getByRole("button", { name: "Yes, delete my answers" }).click();
  await expect(page.getByTestId("start-complaint")).toBeVisible();
});

test("a first report is a service request, and a court case is not covered", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll({ ...resident, reportedBefore: false });
  await flow.next("Report it to your landlord first");
  await expect(page.getByTestId("triage-service-request")).toContainText("2.3.2");
  await expect(page.getByTestId("letter")).toHaveCount(0);

  await page.getByRole("link", { name: "Back" }).click();
  await page.getByRole("link", { name: "Change reported before" }).click();
  await page.getByLabel(/Yes, it has been reported before/).check();
  await flow.next("Do any of these apply?");
  await page.getByLabel(/A court case about this has started/).check();
  await flow.next("What would put things right?");
  await flow.next("How should the landlord contact you?");
  await flow.next("Does the landlord need to change how it contacts you?");
  await flow.next("Check your answers");
  await flow.next("Your landlord's complaints policy does not cover this");
  await expect(page.getByTestId("triage-not-covered")).toContainText("2.3.4");
  await expect(page.getByTestId("triage-not-covered")).toContainText("Housing Ombudsman");
  await checkA11y(page, "a matter the policy does not cover");
});

test("the helper's questions pass axe-core, with and without errors", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start("/helper");
  await page.getByLabel(/I am helping someone else/).check();
  await flow.next("About you, the helper");
  await checkA11y(page, "the helper's question");
  await flow.next();
  await expect(page.getByTestId("error-summary")).toContainText("Enter your name");
  await expect(page.getByTestId("error-summary")).toContainText("Select how you are helping");
  await checkA11y(page, "the helper's question with errors");
});

for (const width of [320, 640]) test(`every question and the result pass axe-core at ${width}px wide (${width === 640 ? "200% zoom" : "a small phone"}), and work from the keyboard`, async ({ page }) => {
  await page.setViewportSize({ width, height: 720 });
  const flow = new ComplaintFlow(page);
  await flow.start();
  const headings = [
    "Who is making this complaint?",
    "About you",
    "Who is your landlord?",
    "What is the problem mainly about?",
    "Tell us what is wrong, in your own words",
    "When did the problem start?",
    "Is the problem still happening?",
    "Has the landlord been told about this before?",
    "Do any of these apply?",
    "What would put things right?",
    "How should the landlord contact you?",
    "Does the landlord need to change how it contacts you?",
    "Check your answers",
  ];
  // Everything from the keyboard: focus a control, then Space to choose or type to write.
  const choose = async (label) => {
    await page.getByLabel(label, { exact: typeof label === "string" }).focus();
    await page.keyboard.press("Space");
    await expect(page.getByLabel(label, { exact: typeof label === "string" })).toBeChecked();
  };
  const type = async (label, text) => {
    await page.getByLabel(label).focus();
    await page.keyboard.type(text);
  };
  const answer = {
    "Who is making this complaint?": () => choose(/I am the resident/),
    "About you": () => type("Your full name", "Sam Taylor"),
    "Who is your landlord?": () => choose("Together Housing Association"),
    "What is the problem mainly about?": () => choose("Damp and mould"),
    "Tell us what is wrong, in your own words": () => type("Tell us what is wrong, in your own words", "Mould in every room."),
    "When did the problem start?": async () => {},
    "Is the problem still happening?": () => choose("Yes"),
    "Has the landlord been told about this before?": () => choose(/Yes, it has been reported before/),
    "Do any of these apply?": async () => {},
    "What would put things right?": () => type("What would you like the landlord to do?", "Fix it."),
    "How should the landlord contact you?": async () => {
      await choose("Letter");
      await type("Email address, phone number or postal address", "1 Example Road");
    },
    "Does the landlord need to change how it contacts you?": () => choose("Someone to speak for me"),
    "Check your answers": async () => {},
  };
  for (const heading of headings) {
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await checkA11y(page, `"${heading}" at ${width}px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `no sideways scrolling on "${heading}"`).toBeLessThanOrEqual(0);
    await answer[heading]();
    // Submit from the keyboard.
    await page.getByRole("button", { name: /^Continue/ }).focus();
    await page.keyboard.press("Enter");
  }
  await expect(page.getByRole("heading", { level: 1, name: "This is a complaint" })).toBeVisible();
  await expect(page.getByTestId("out-of-step")).toContainText("1 October 2022");
  await checkA11y(page, `the result at ${width}px`);
});

test("a resident records the landlord's response, and a remedy it agreed to deliver by a date joins the plan", async ({ page }) => {
  await new ComplaintFlow(page).saveNew(resident);
  const today = await browserToday(page);
  await page.getByLabel("The landlord acknowledged my complaint").check();
  await page.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(page.getByTestId("event-saved")).toBeVisible();

  await page.getByLabel("The landlord sent its response").check();
  await page.getByLabel("What did they decide?").selectOption({ label: "They agreed with my complaint" });
  const agreed = page.getByLabel("Did you and the landlord agree how to put things right?");
  expect(await agreed.locator("option").allTextContents()).toEqual([
    "I am not sure, or they did not say", "Yes, and they said by when", "No, we could not agree", "No, they said nothing needed putting right",
  ]);
  await agreed.selectOption({ label: "Yes, and they said by when" });
  await page.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(page.getByTestId("event-error")).toContainText("Enter the date the remedy will be delivered by");
  const deliverBy = addDays(today, 20);
  await page.getByLabel("By when did they agree to do it?").fill(iso(deliverBy));
  await page.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(page.getByTestId("event-saved")).toBeVisible();
  await expect(page.getByTestId("deadline-stage1.remedy")).toContainText(long(deliverBy));
  await checkA11y(page, "a response with a remedy agreed");
});

test("a saved complaint is tracked: recording the acknowledgement moves the plan on, and it can be passed on", async ({ page }) => {
  await new ComplaintFlow(page).saveNew(resident);
  await expect(page.getByTestId("case-status")).toContainText("Waiting for the landlord");
  const today = await browserToday(page);
  await expect(page.getByTestId("deadline-stage1.acknowledge")).toContainText(long(addWorkingDays(today, 5)));
  await checkA11y(page, "a saved complaint");

  await page.getByLabel("The landlord acknowledged my complaint").check();
  await page.getByLabel(/What did they say/).fill("They will send a surveyor.");
  await page.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(page.getByTestId("event-saved")).toBeVisible();
  await expect(page.getByTestId("deadline-stage1.acknowledge")).toContainText("Done on");
  // Acknowledged today: the response is due 10 working days from today (clause 4.3.9).
  await expect(page.getByTestId("deadline-stage1.respond")).toContainText(long(addWorkingDays(today, 10)));
  await page.reload();
  await expect(page.getByTestId("deadline-stage1.acknowledge")).toContainText("Done on");

  // A date before the complaint was received is refused by the engine, and nothing is saved.
  await page.getByLabel("I asked for the next stage").check();
  await page.getByLabel("When did it happen?").fill("2020-01-01");
  await page.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(page.getByTestId("event-error")).toContainText("date order");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-case").click()]);
  const bundle = JSON.parse(readFileSync(await download.path(), "utf8"));
  expect(bundle.scope.kind).toBe("one_case");
  expect(bundle.records[0].data.events.map((e) => e.what.type)).toEqual(["received", "acknowledged"]);
  expect(bundle.records[0].data.events[1].note).toBe("They will send a surveyor.");

  await page.goto("/complaints");
  await expect(page.getByTestId("complaints")).toContainText("Progress Housing Group: Damp and mould (Sam Taylor)");
  await checkA11y(page, "my complaints");
  await page.getByRole("link", { name: /Progress Housing Group: Damp and mould/ }).click();
  await page.getByRole("button", { name: "Delete this complaint" }).click();
  await expect(page.getByTestId("delete-case-confirm")).toBeVisible();
  await page.getByRole("button", { name: "No, keep it" }).click();
  await expect(page.getByTestId("delete-case-confirm")).toHaveCount(0);
  await page.getByRole("button", { name: "Delete this complaint" }).click();
  await page.getByRole("button", { name: "Yes, delete this complaint" }).click();
  await expect(page.getByTestId("no-complaints")).toBeVisible();
  await page.goto("/resident");
  await expect(page.getByTestId("start-complaint")).toBeVisible();
});

test("a newer bank-holiday file loaded on Your data moves the resident's dates", async ({ page }, testInfo) => {
  // The shipped file plus a one-off holiday on the first working day after today, as when a
  // special bank holiday is announced after Redress was built.
  await page.goto("/");
  const today = await browserToday(page);
  const extra = addWorkingDays(today, 1);
  const feed = JSON.parse(readFileSync("crates/redress-core/src/calendar/bank-holidays.json", "utf8"));
  const events = feed["england-and-wales"].events;
  events.push({ title: "Special bank holiday", date: iso(extra), notes: "", bunting: true });
  events.sort((a, b) => a.date.localeCompare(b.date));
  const file = testInfo.outputPath("bank-holidays-special.json");
  writeFileSync(file, JSON.stringify(feed));

  await page.goto("/your-data");
  await page.getByLabel("Load a newer bank-holiday file").setInputFiles(file);
  await expect(page.getByTestId("holiday-loaded")).toBeVisible();

  // Progress 4.3.9: acknowledge within 5 working days. The special day is not one of them.
  const ack = addWorkingDays(today, 6);
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll(resident);
  await flow.next("This is a complaint");
  await expect(page.getByTestId("letter")).toContainText(`acknowledge this complaint by ${long(ack)} (clause 4.3.9)`);
  await expect(page.getByTestId("counted-with")).toContainText("the bank-holiday file you loaded on Your data");
  await checkA11y(page, "the result, counted with a loaded bank-holiday file");

  await page.getByTestId("save-complaint").click();
  await expect(page.getByTestId("deadline-stage1.acknowledge")).toContainText(long(ack));
  await expect(page.getByTestId("counted-with")).toContainText("the bank-holiday file you loaded on Your data");
  await page.goto("/complaints");
  await expect(page.getByTestId("complaints")).toContainText(long(ack));
});

test("the part of the UK chosen on Your data is the one the resident's dates count with", async ({ page }) => {
  // Chosen straight away, without waiting for the page to settle: the choice must not be
  // replaced by the settings arriving from the database (it once was).
  await page.goto("/your-data");
  await page.getByLabel("Where do you live?").selectOption({ label: "Scotland" });
  await page.getByTestId("save-preferences").click();
  await expect(page.getByTestId("preferences-saved")).toContainText("Scotland");

  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll(resident);
  await flow.next("This is a complaint");
  const today = await browserToday(page);
  // Scotland's own bank holidays (St Andrew's Day, 2 January, ...), not England's.
  const ack = addWorkingDays(today, 5, "scotland");
  await expect(page.getByTestId("letter")).toContainText(`acknowledge this complaint by ${long(ack)} (clause 4.3.9)`);
  await expect(page.getByTestId("counted-with")).toContainText("the bank holidays in Scotland, from the bank holidays built into Redress");
  await page.getByTestId("save-complaint").click();
  await expect(page.getByTestId("deadline-stage1.acknowledge")).toContainText(long(ack));
  await expect(page.getByTestId("counted-with")).toContainText("the bank holidays in Scotland");
});

test.describe("under Tuntum, on a Saturday", () => {
  // Saturday 6 February 2027: the trigger day is not counted, so day 1 is Monday 8 February.
  test.use({ now: new Date("2027-02-06T12:00:00Z") });

  test("a resident under Tuntum sees the formal dates from receipt, with no quick fix owed or overdue", async ({ page }) => {
    const flow = new ComplaintFlow(page);
    await flow.start();
    await flow.answerAll({ ...resident, landlord: "Tuntum Housing Association" });
    await flow.next("This is a complaint");
    // Tuntum 2 and 5 (Stage 1): acknowledged within 3 working days and answered within 10, of
    // receipt; Stage Zero's quick fix is not a duty with a date of its own.
    const today = await browserToday(page);
    const ack = addWorkingDays(today, 3);
    const respond = addWorkingDays(today, 10);
    const letter = page.getByTestId("letter");
    await expect(letter).toContainText(`acknowledge this complaint by ${long(ack)} (clause 2; 5 (Stage 1))`);
    await expect(letter).toContainText(`send a full response by ${long(respond)} (clause 2; 5 (Stage 1))`);
    await expect(page.getByTestId("plan-stage1.acknowledge")).toContainText(long(ack));
    await expect(page.getByTestId("plan-stage1.respond")).toContainText(long(respond));
    await expect(page.getByTestId("plan-stage0.respond")).toHaveCount(0);
    await checkA11y(page, "the result under Tuntum");

    // Saved for tracking: the formal stage from the day it was received, and nothing to ask for.
    await page.getByTestId("save-complaint").click();
    await expect(page.getByRole("heading", { level: 1, name: "Your complaint to Tuntum Housing Association" })).toBeVisible();
    await expect(page.getByTestId("case-status")).toContainText("Stage 1 (Officer stage)");
    await expect(page.getByTestId("deadline-stage1.acknowledge")).toContainText(long(ack));
    await expect(page.getByTestId("deadline-stage1.respond")).toContainText(long(respond));
    await expect(page.getByTestId("deadline-stage0.respond")).toHaveCount(0);
    await expect(page.getByText("You do not need to ask for it")).toBeVisible();
    await checkA11y(page, "a saved complaint under Tuntum");
  });
});

// Issue 12: complaints ForHousing's policy covers are no longer turned away. Only a *report* of
// anti-social behaviour goes to the ASB team (clause 11); how ForHousing dealt with reports, and
// how a member of staff behaved ("the behaviour of ForHousing staff", Key terms), are complaints.
const forhousing = {
  ...resident,
  landlord: "ForHousing",
  words: "I reported my neighbour's noise six times and nobody called me back.",
  outcome: "Investigate my reports and tell me what you will do.",
};

test("under ForHousing, a complaint about how anti-social behaviour was dealt with ends with a complaint letter", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await page.getByLabel(/I am the resident/).check();
  await flow.next("About you");
  await page.getByLabel("Your full name").fill(forhousing.name);
  await flow.next("Who is your landlord?");
  await page.getByLabel("ForHousing", { exact: true }).check();
  await flow.next("What is the problem mainly about?");
  await page.getByLabel("A neighbour's nuisance or anti-social behaviour").check();
  const question = "Are you reporting anti-social behaviour, or unhappy with how it was dealt with?";
  await flow.next(question);
  await checkA11y(page, "the anti-social behaviour question");
  // It must be answered: the error links to the first choice.
  await flow.next();
  await expect(page.getByTestId("error-summary")).toContainText("Select whether you are reporting it or unhappy with how it was dealt with");
  await expect(page.getByTestId("error-summary")).toBeFocused();
  await checkA11y(page, "the anti-social behaviour question with an error");
  await page.getByTestId("error-summary").getByRole("link").click();
  await expect(page.getByLabel(/I am reporting it/)).toBeFocused();
  await page.getByLabel(/I am unhappy with how the landlord dealt with what I reported/).check();
  // The answer is saved as it is given, and kept after a reload.
  await expect.poll(() => flow.savedAnswer("asb")).not.toBeNull();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: question })).toBeVisible();
  await expect(page.getByLabel(/I am unhappy with how the landlord dealt with what I reported/)).toBeChecked();
  // Back goes to the topic; Continue comes back to the question.
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "What is the problem mainly about?" })).toBeVisible();
  await flow.next(question);
  await flow.next("Tell us what is wrong, in your own words");
  await page.getByLabel("Tell us what is wrong, in your own words").fill(forhousing.words);
  await flow.next("When did the problem start?");
  await flow.next("Is the problem still happening?");
  await page.getByLabel("Yes", { exact: true }).check();
  await flow.next("Has the landlord been told about this before?");
  await page.getByLabel(/Yes, it has been reported before/).check();
  await flow.next("Do any of these apply?");
  // ForHousing's legal test reaches planned action, so that is asked; the ASB box is not shown
  // again (the question above asked it).
  await expect(page.getByLabel(/Legal action about this is planned/)).toBeVisible();
  await expect(page.getByLabel(/It is a report of a neighbour's nuisance/)).toHaveCount(0);
  await flow.next("What would put things right?");
  await page.getByLabel("What would you like the landlord to do?").fill(forhousing.outcome);
  await flow.next("How should the landlord contact you?");
  await page.getByLabel("Email", { exact: true }).check();
  await page.getByLabel("Email address, phone number or postal address").fill(forhousing.email);
  await flow.next("Does the landlord need to change how it contacts you?");
  await flow.next("Check your answers");
  await expect(page.getByTestId("check-answers")).toContainText("I am unhappy with how the landlord dealt with what I reported");
  await flow.next("This is a complaint");
  await expect(page.getByTestId("triage-complaint")).toContainText("Key terms & definitions");
  const letter = page.getByTestId("letter");
  await expect(letter).toContainText("I reported my neighbour's noise six times and nobody called me back.");
  await expect(letter).toContainText("I am making a formal complaint under your Redress policy");
  await checkA11y(page, "an ASB handling complaint under ForHousing");
});

test("under ForHousing, a complaint about how a member of staff behaved ends with a complaint letter", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll({
    ...forhousing,
    topic: "How a member of staff behaved",
    about: { question: "What is your complaint about the member of staff?", answer: /How they behaved, or how they dealt with me or my home/ },
    words: "The housing officer shouted at me in front of my children.",
  });
  await expect(page.getByTestId("check-answers")).toContainText("How they behaved");
  await flow.next("This is a complaint");
  await expect(page.getByTestId("letter")).toContainText("The housing officer shouted at me in front of my children.");
  await checkA11y(page, "a staff behaviour complaint under ForHousing");

  // An HR matter (a disciplinary outcome) is outside the policy, and no letter is written.
  await page.getByRole("link", { name: "Back" }).click();
  await page.getByRole("link", { name: "Change about the member of staff" }).click();
  await page.getByLabel(/An HR matter/).check();
  // Continue through the answers already given, back to "Check your answers".
  for (let i = 0; i < 20 && !(await page.getByTestId("check-answers").isVisible()); i++) await flow.next();
  await expect(page.getByTestId("check-answers")).toContainText("An HR matter");
  await flow.next("Your landlord's complaints policy does not cover this");
  await expect(page.getByTestId("triage-not-covered")).toContainText("HR");
  await expect(page.getByTestId("letter")).toHaveCount(0);
});

test("under ForHousing, a report of anti-social behaviour is still sent to the anti-social behaviour team", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll({
    ...forhousing,
    topic: "A neighbour's nuisance or anti-social behaviour",
    about: { question: "Are you reporting anti-social behaviour, or unhappy with how it was dealt with?", answer: /I am reporting it/ },
    words: "My neighbour plays loud music every night.",
  });
  await flow.next("Your landlord's complaints policy does not cover this");
  const panel = page.getByTestId("triage-not-covered");
  await expect(panel).toContainText("Reports of neighbour nuisance or anti-social behaviour are not complaints.");
  await expect(panel).toContainText("anti-social behaviour team");
  await expect(panel).toContainText("If they handle your report badly, that can be a complaint.");
  await expect(page.getByTestId("letter")).toHaveCount(0);
  await checkA11y(page, "an ASB report under ForHousing");
});

test("an old problem is asked about the policy's exceptions, and Together's named exception reaches the resident", async ({ page }) => {
  // Started 1 March 2026, stopped: more than Together's six months before 1 December 2026 (2.4).
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll({
    ...resident,
    landlord: "Together Housing Association",
    topic: "Repairs not done, or done badly",
    started: { day: 1, month: 3, year: 2026 },
    ongoing: false,
    older: [/It involves safeguarding/],
  });
  await flow.next("This may be outside your landlord's time limit");
  const panel = page.getByTestId("triage-time-limit");
  await expect(panel).toContainText("The policy's limit is 6 months, which ended on 1 September 2026.");
  await expect(panel).toContainText("Your landlord's policy names this as a reason to look at an older complaint, so say in your letter that it involves safeguarding or health and safety.");
  // The letter says it for them.
  await expect(page.getByTestId("letter")).toContainText("Please consider it anyway: it involves safeguarding or health and safety. Your policy names this as a reason to consider an older complaint.");
  await checkA11y(page, "an older complaint with a named exception");
});

test("under Progress, six months count to when the problem was first raised", async ({ page }) => {
  // 2.3.6: started 1 March 2026; first raised 1 May 2026, within six months: a complaint, though
  // 1 December 2026 is more than six months after the start.
  const flow = new ComplaintFlow(page);
  await flow.start();
  await page.getByLabel(/I am the resident/).check();
  await flow.next("About you");
  await page.getByLabel("Your full name").fill(resident.name);
  await flow.next("Who is your landlord?");
  await page.getByLabel("Progress Housing Group", { exact: true }).check();
  await flow.next("What is the problem mainly about?");
  await page.getByLabel("Repairs not done, or done badly").check();
  await flow.next("Tell us what is wrong, in your own words");
  await page.getByLabel("Tell us what is wrong, in your own words").fill("The back door has not locked since March.");
  await flow.next("When did the problem start?");
  await page.getByLabel("Day").fill("1");
  await page.getByLabel("Month").fill("3");
  await page.getByLabel("Year").fill("2026");
  await flow.next("Is the problem still happening?");
  await page.getByLabel("No", { exact: true }).check();
  await flow.next("Has the landlord been told about this before?");
  await page.getByLabel(/Yes, it has been reported before/).check();
  await flow.next("When did you first tell the landlord about the problem?");
  await checkA11y(page, "the first-raised question");
  await page.getByLabel("Day").fill("1");
  await page.getByLabel("Month").fill("5");
  await page.getByLabel("Year").fill("2026");
  // In time now, so the exceptions question is not asked.
  await flow.next("Do any of these apply?");
  await flow.next("What would put things right?");
  await page.getByRole("link", { name: "Back" }).click();
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "When did you first tell the landlord about the problem?" })).toBeVisible();
  await expect(page.getByLabel("Month")).toHaveValue("5");
  await page.goto("/complaint/outcome");
  await page.getByLabel("What would you like the landlord to do?").fill("Fix the lock.");
  await flow.next("How should the landlord contact you?");
  await page.getByLabel("Email", { exact: true }).check();
  await page.getByLabel("Email address, phone number or postal address").fill(resident.email);
  await flow.next("Does the landlord need to change how it contacts you?");
  await flow.next("Check your answers");
  await expect(page.getByTestId("check-answers")).toContainText("1 May 2026");
  await flow.next("This is a complaint");
  await expect(page.getByTestId("letter")).toContainText("I first raised the problem with you on 1 May 2026 (clause 2.3.6).");
});

test.describe("near the end of the bank-holiday list", () => {
  // Wednesday 20 December 2028: Redress's bank-holiday list ends with 2028, and a Progress
  // response (5 working days to acknowledge, then 10) runs into January 2029.
  test.use({ now: new Date("2028-12-20T12:00:00Z") });

  test("dates past the bank-holiday list's end come with a warning that says what to do", async ({ page }) => {
    const flow = new ComplaintFlow(page);
    await flow.start();
    await flow.answerAll(resident);
    await flow.next("This is a complaint");
    const warnings = page.getByTestId("assessment-warnings");
    await expect(warnings).toContainText("bank-holiday list");
    await expect(warnings).toContainText("2018 to 2028");
    await expect(warnings.getByRole("link", { name: "Load a newer bank-holiday file on Your data" })).toHaveAttribute("href", "/your-data");
    await checkA11y(page, "the result with a calendar warning");

    await page.getByTestId("save-complaint").click();
    await expect(page.getByRole("heading", { level: 1, name: "Your complaint to Progress Housing Group" })).toBeVisible();
    await expect(page.getByTestId("assessment-warnings")).toContainText("2018 to 2028");
    await checkA11y(page, "a saved complaint with a calendar warning");
  });

  test("a complaint well inside the list has no warning", async ({ page }) => {
    await page.clock.setFixedTime(new Date("2028-06-01T12:00:00Z"));
    const flow = new ComplaintFlow(page);
    await flow.start();
    await flow.answerAll(resident);
    await flow.next("This is a complaint");
    await expect(page.getByTestId("letter")).toBeVisible();
    await expect(page.getByTestId("assessment-warnings")).toHaveCount(0);
  });
});

// ForHousing 2: "Complaints will automatically escalate to the next stage if we fail to agree an
// appropriate remedy ...". A resident who records a First Response with no remedy agreed sees the
// complaint at Stage 1 by itself, and is never told to ask for it.
test("under ForHousing, a First Response with no remedy agreed moves the complaint to Stage 1 by itself", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll({
    ...forhousing,
    topic: "How a member of staff behaved",
    about: { question: "What is your complaint about the member of staff?", answer: /How they behaved, or how they dealt with me or my home/ },
    words: "The housing officer shouted at me in front of my children.",
  });
  await flow.next("This is a complaint");
  await page.getByTestId("save-complaint").click();
  await expect(page.getByRole("heading", { level: 1, name: "Your complaint to ForHousing" })).toBeVisible();

  await page.getByLabel("The landlord sent its response").check();
  await page.getByLabel("Did you and the landlord agree how to put things right?").selectOption("not_agreed");
  await page.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(page.getByTestId("event-saved")).toBeVisible();
  await expect(page.getByTestId("case-status")).toContainText("Stage 1 Investigation");
  const next = page.getByTestId("resident-next");
  await expect(next).toContainText("moved to Stage 1 Investigation by itself");
  await expect(next).toContainText("You do not need to ask for it");
  await expect(next).not.toContainText("ask for Stage 1");
  await expect(page.getByTestId("next-letter").filter({ hasText: "Request for Stage 1" })).toHaveCount(0);
  // Stage 1: 10 working days from the day it moved (today).
  const today = await browserToday(page);
  await expect(page.getByTestId("deadline-stage1.respond")).toContainText(long(addWorkingDays(today, 10)));
  await checkA11y(page, "a ForHousing complaint moved on by itself");
});

test("under Progress, a turned-down application is a complaint unless it was made through Choice Based Lettings", async ({ page }) => {
  // Progress 2.3.3 excludes only "Appeals concerning an unsuccessful housing application under the
  // Choice Based Lettings schemes of which we are a partner member": any other turned-down
  // application is a complaint (4.2.1), with Stage One's dates (4.3.9).
  const flow = new ComplaintFlow(page);
  await flow.start();
  const cbl = "Did you apply through Choice Based Lettings?";
  const refused = {
    ...resident,
    topic: "Being offered or refused a home",
    words: "My application for a two-bedroom flat was turned down. Nobody told me why.",
    outcome: "Explain the decision and look at my application again.",
  };
  await page.getByLabel(/I am the resident/).check();
  await flow.next("About you");
  await page.getByLabel("Your full name").fill(refused.name);
  await flow.next("Who is your landlord?");
  await page.getByLabel(refused.landlord, { exact: true }).check();
  await flow.next("What is the problem mainly about?");
  await page.getByLabel(refused.topic).check();
  await flow.next("What do you want to do about it?");
  await page.getByLabel(/I want to challenge a decision to turn down my application/).check();
  await flow.next(cbl);
  await expect(page.getByText(/Choice Based Lettings is when the council and local housing associations advertise homes together/)).toBeVisible();
  await expect(page.getByText("It will be treated as a complaint.", { exact: false })).toBeVisible();
  await checkA11y(page, "the Choice Based Lettings question");
  // It must be answered: the error links to the first answer.
  await flow.next();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Select whether the application was made through Choice Based Lettings");
  await expect(summary).toBeFocused();
  await checkA11y(page, "the Choice Based Lettings question with an error");
  await summary.getByRole("link").click();
  await expect(page.getByLabel("Yes, it was made through Choice Based Lettings")).toBeFocused();
  await page.getByLabel("No, it was not made through Choice Based Lettings").check();
  // Kept after a reload; Back goes to the question before.
  await flow.expectSaved("cbl", "no");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: cbl })).toBeVisible();
  await expect(page.getByLabel("No, it was not made through Choice Based Lettings")).toBeChecked();
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "What do you want to do about it?" })).toBeVisible();
  await flow.next(cbl);
  await flow.next("Tell us what is wrong, in your own words");
  await page.getByLabel("Tell us what is wrong, in your own words").fill(refused.words);
  await flow.next("When did the problem start?");
  await flow.next("Is the problem still happening?");
  await page.getByLabel("Yes", { exact: true }).check();
  await flow.next("Has the landlord been told about this before?");
  await page.getByLabel(/Yes, it has been reported before/).check();
  await flow.next("Do any of these apply?");
  await flow.next("What would put things right?");
  await page.getByLabel("What would you like the landlord to do?").fill(refused.outcome);
  await flow.next("How should the landlord contact you?");
  await page.getByLabel("Email", { exact: true }).check();
  await page.getByLabel("Email address, phone number or postal address").fill(refused.email);
  await flow.next("Does the landlord need to change how it contacts you?");
  await flow.next("Check your answers");
  await expect(page.getByTestId("check-answers")).toContainText("Applied through Choice Based Lettings");
  await expect(page.getByTestId("check-answers")).toContainText("No, it was not made through Choice Based Lettings");

  await flow.next("This is a complaint");
  await expect(page.getByTestId("triage-complaint")).toContainText("4.2.1");
  const letter = page.getByTestId("letter");
  await expect(letter).toContainText(refused.words);
  // 4.3.9: acknowledged within 5 working days; a response within 10 of the acknowledgement.
  const today = await browserToday(page);
  const ack = addWorkingDays(today, 5);
  const respond = addWorkingDays(ack, 10);
  await expect(letter).toContainText(`acknowledge this complaint by ${long(ack)} (clause 4.3.9)`);
  await expect(letter).toContainText(`send a full response by ${long(respond)} (clause 4.3.9)`);
  await expect(page.getByTestId("plan-stage1.respond")).toContainText(long(respond));
  await checkA11y(page, "a turned-down application, not through Choice Based Lettings");

  // Made through Choice Based Lettings: the scheme's own review or appeal, in the policy's words,
  // and no complaint letter.
  await page.getByRole("link", { name: "Back" }).click();
  await page.getByRole("link", { name: "Change applied through Choice Based Lettings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: cbl })).toBeVisible();
  await page.getByLabel("Yes, it was made through Choice Based Lettings").check();
  for (let i = 0; i < 20 && !(await page.getByTestId("check-answers").isVisible()); i++) await flow.next();
  await expect(page.getByTestId("check-answers")).toContainText("Yes, it was made through Choice Based Lettings");
  await flow.next("Your landlord's complaints policy does not cover this");
  const panel = page.getByTestId("triage-not-covered");
  await expect(panel).toContainText("Appeals about an unsuccessful Choice Based Lettings application follow the partnership's appeal process.");
  await expect(panel).toContainText("2.3.3");
  await expect(panel).toContainText("What to do instead: Ask the Choice Based Lettings scheme for a review or appeal of the decision");
  await expect(panel).toContainText("the partnership's own policy applies");
  await expect(page.getByTestId("letter")).toHaveCount(0);
  await checkA11y(page, "a Choice Based Lettings appeal under Progress");
});

test("a helper's draft saved before the Choice Based Lettings question existed opens where it was and asks it", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await page.getByLabel(/I am helping someone else/).check();
  await flow.next("About you, the helper");
  await page.getByLabel("Your name").fill("Priya Shah");
  await page.getByLabel("An advocate or support worker").check();
  await flow.next("About the resident");
  await page.getByLabel("The resident's full name").fill("Sam Taylor");
  await flow.next("Who is their landlord?");
  await page.getByLabel("Progress Housing Group", { exact: true }).check();
  await flow.next("What is the problem mainly about?");
  await page.getByLabel("Being offered or refused a home").check();
  await flow.next("What do you want to do about it?");
  await page.getByLabel(/I want to challenge a decision to turn down my application/).check();
  // The helper reads "they".
  await flow.next("Did they apply through Choice Based Lettings?");
  await page.getByLabel("I'm not sure").check();
  await flow.next("Tell us what is wrong, in your own words");
  await page.getByLabel("Tell us what is wrong, in your own words").fill("Her application was turned down.");
  // Make the saved draft one from before the question: no answer to it, saved on this step.
  await flow.expectSaved("description", "Her application was turned down.");
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("redress");
    open.onsuccess = () => {
      const store = open.result.transaction("drafts", "readwrite").objectStore("drafts");
      const get = store.get("guided-complaint");
      get.onsuccess = () => {
        const record = JSON.parse(get.result);
        delete record.data.cbl;
        record.data.step = "words";
        const put = store.put(JSON.stringify(record), "guided-complaint");
        put.onsuccess = () => { open.result.close(); resolve(); };
        put.onerror = () => reject(put.error);
      };
    };
  }));
  await page.goto("/resident");
  await page.getByRole("link", { name: "Continue where you left off" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tell us what is wrong, in your own words" })).toBeVisible();
  await expect(page.getByLabel("Tell us what is wrong, in your own words")).toHaveValue("Her application was turned down.");
  // Continue asks the new question first, unanswered; then goes on from where it was.
  await flow.next("Did they apply through Choice Based Lettings?");
  for (const label of ["Yes, it was made through Choice Based Lettings", "No, it was not made through Choice Based Lettings", "I'm not sure"]) {
    await expect(page.getByLabel(label)).not.toBeChecked();
  }
  await page.getByLabel("I'm not sure").check();
  await flow.next("Tell us what is wrong, in your own words");
  await flow.next("When did the problem start?");
});
