// An independent working-day count (England and Wales unless a division is named) from the
// shipped bank-holiday file, and the date helpers the end-to-end tests check the app's dates with.
// Deliberately not the app's code.
import { readFileSync } from "node:fs";

const feed = JSON.parse(readFileSync("crates/redress-core/src/calendar/bank-holidays.json", "utf8"));
const holidaysIn = (division) => new Set(feed[division].events.map((e) => e.date));
const holidays = holidaysIn("england-and-wales");
export const iso = (d) => d.toISOString().slice(0, 10);
const workingIn = (days) => (d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !days.has(iso(d));
const working = workingIn(holidays);

/** `n` working days after `from`, in `division` ("england-and-wales", "scotland" or
 * "northern-ireland"): day 1 is the first working day after `from`, whatever day `from` is (the
 * Code's rule: received on a Saturday, 5 working days is the Friday after). */
export function addWorkingDays(from, n, division = "england-and-wales") {
  const isWorking = division === "england-and-wales" ? working : workingIn(holidaysIn(division));
  const d = new Date(from);
  for (let i = 0; i < n; i++) {
    do d.setUTCDate(d.getUTCDate() + 1);
    while (!isWorking(d));
  }
  return d;
}

/** Working days after `from` up to and including `to`. */
export function workingDaysBetween(from, to) {
  let n = 0;
  const d = new Date(from);
  while (d < to) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (working(d)) n++;
  }
  return n;
}

export const addDays = (d, n) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n));
const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** A date as the app writes it: "9 February 2027". */
export const long = (d) => `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;

/** The browser's today, as a UTC date. */
export async function browserToday(page) {
  const ymd = await page.evaluate(() => {
    const n = new Date();
    return [n.getFullYear(), n.getMonth() + 1, n.getDate()];
  });
  return new Date(Date.UTC(ymd[0], ymd[1] - 1, ymd[2]));
}
