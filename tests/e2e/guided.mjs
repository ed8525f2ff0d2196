// The guided complaint as a person goes through it, one question per page, written once for both
// test drivers: the Playwright suite (ComplaintFlow in pages.mjs) and the WebDriver smoke journey
// in WebKit and Firefox (tests/smoke/). When a question, a label or the order changes, change it
// here and both follow.
//
// `ui` is a small driver-neutral interface; every name or label is a string or a RegExp matched
// as Playwright's getByLabel and getByRole match them (a string: a case-insensitive part of the
// text, or the whole text with { exact: true }):
//   goto(path)                   open a path of the app
//   clickLink(name), clickButton(name)
//   check(label, opts)           tick a radio button or checkbox found by its label
//   fill(label, value, opts)     replace the text of a field found by its label
//   expectHeading(name)          wait until the page's <h1> matches
// Implementations: playwrightUi (pages.mjs) and WebDriverUi (tests/smoke/ui.mjs).

export const FIRST_QUESTION = "Who is making this complaint?";

export class GuidedComplaint {
  constructor(ui) {
    this.ui = ui;
  }

  /** Opens an area's page and starts the guided complaint from its link. */
  async start(area = "/resident") {
    await this.ui.goto(area);
    await this.ui.clickLink("Start your complaint");
    await this.ui.expectHeading(FIRST_QUESTION);
  }

  /** Presses Continue and, if given, waits for the next question's heading. */
  async next(expectedHeading) {
    await this.ui.clickButton(/^Continue/);
    if (expectedHeading) await this.ui.expectHeading(expectedHeading);
  }

  /**
   * Answers every question, from the first to "Check your answers". `a` holds the answers:
   * { helper?: { name, role }, name, landlord (a label of the landlord list), landlordName? (when
   * the landlord is not listed), topic, words, started?: { day, month, year }, ongoing,
   * reportedBefore, screening?: [labels], outcome, email, adjustments?: [labels] }, and where the
   * landlord's policy asks them: about?: { question, answer } or a list of them, in order (the
   * questions about the topic, such as ASB reported or handled, or a turned-down application and
   * then whether it was made through Choice Based Lettings) and older?: [labels] (reasons to look
   * at an old problem).
   */
  async answerAll(a) {
    const ui = this.ui;
    await ui.check(a.helper ? /I am helping someone else/ : /I am the resident/);
    if (a.helper) {
      await this.next("About you, the helper");
      await ui.fill("Your name", a.helper.name);
      await ui.check(a.helper.role);
      await this.next("About the resident");
      await ui.fill("The resident's full name", a.name);
    } else {
      await this.next("About you");
      await ui.fill("Your full name", a.name);
    }
    await this.next(/landlord\?$/);
    await ui.check(a.landlord, { exact: true });
    if (a.landlordName) await ui.fill("The landlord's name", a.landlordName);
    await this.next("What is the problem mainly about?");
    await ui.check(a.topic);
    // The questions about the topic, asked only where the landlord's policy turns on them.
    for (const about of [a.about ?? []].flat()) {
      await this.next(about.question);
      await ui.check(about.answer);
    }
    await this.next("Tell us what is wrong, in your own words");
    await ui.fill("Tell us what is wrong, in your own words", a.words);
    await this.next("When did the problem start?");
    if (a.started) {
      await ui.fill("Day", String(a.started.day));
      await ui.fill("Month", String(a.started.month));
      await ui.fill("Year", String(a.started.year));
    }
    await this.next("Is the problem still happening?");
    await ui.check(a.ongoing ? "Yes" : "No", { exact: true });
    await this.next("Has the landlord been told about this before?");
    await ui.check(a.reportedBefore ? /Yes, it has been reported before/ : /No, this is the first time/);
    await this.next("Do any of these apply?");
    for (const label of a.screening ?? []) await ui.check(label);
    // Asked only when the problem looks older than the policy's time limit.
    if (a.older) {
      await this.next("Is there a reason the landlord should still look at it?");
      for (const label of a.older) await ui.check(label);
    }
    await this.next("What would put things right?");
    await ui.fill("What would you like the landlord to do?", a.outcome);
    await this.next("How should the landlord contact you?");
    await ui.check("Email", { exact: true });
    await ui.fill("Email address, phone number or postal address", a.email);
    await this.next("Does the landlord need to change how it contacts you?");
    for (const label of a.adjustments ?? []) await ui.check(label);
    await this.next("Check your answers");
  }
}
