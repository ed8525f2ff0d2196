//! The plan's calendar file, read back with the icalendar crate's parser as a calendar app would:
//! all-day events that last their day, UIDs unique to the case and the deadline and the same on
//! every download, two reminders per date, and no way for text from a policy, a case or an
//! imported file to add lines or properties to the file.
//!
//! Dates are not written out here: they are the engine's, taken from `letters::plan`, so a change
//! to how days are counted does not touch this file.

use chrono::{Days, NaiveDate};
use icalendar::parser::{read_calendar, unfold, Component};
use redress_core::calendar::{long_date, Calendar, Division};
use redress_core::case::{sample_cases, Case, Event, EventKind};
use redress_core::engine::{assess, Assessment};
use redress_core::letters::{plan, plan_ics, PlanItem};
use redress_core::policy::{by_id, Policy};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn case(id: &str, policy: &Policy) -> Case {
    let mut case = sample_cases(1, 9).remove(0);
    case.id = id.into();
    case.policy_id = policy.id.clone();
    case.policy_version = policy.version.clone();
    case.landlord = "Riverside Homes".into();
    case.events = vec![Event::new(d("2026-12-18"), EventKind::Received)];
    case
}

fn assessed(policy: &Policy, case: &Case, today: NaiveDate) -> Assessment {
    assess(policy, case, &Calendar::builtin(Division::EnglandAndWales), today).unwrap()
}

/// The file's events, parsed.
fn events(ics: &str) -> Vec<Component<'static>> {
    let unfolded: &'static str = Box::leak(unfold(ics).into_boxed_str());
    let calendar = read_calendar(unfolded).unwrap_or_else(|e| panic!("{e}\n{ics}"));
    calendar.components.into_iter().filter(|c| c.name.as_str() == "VEVENT").collect()
}

/// The one value of a property (the test fails if there is not exactly one), as the parser reads
/// it (a text value unescaped).
fn one(component: &Component, name: &str) -> String {
    let found: Vec<_> = component.properties.iter().filter(|p| p.name.as_str() == name).collect();
    assert_eq!(found.len(), 1, "{name} in {component:?}");
    found[0].val.as_str().to_string()
}

fn param(component: &Component, name: &str, key: &str) -> Option<String> {
    let property = component.properties.iter().find(|p| p.name.as_str() == name)?;
    let parameter = property.params.iter().find(|p| p.key.as_str() == key)?;
    parameter.val.as_ref().map(|v| v.as_str().to_string())
}

fn date(value: &str) -> NaiveDate {
    NaiveDate::parse_from_str(value, "%Y%m%d").unwrap_or_else(|_| panic!("{value} is not a DATE"))
}

#[test]
fn each_date_is_an_all_day_event_with_two_reminders() {
    let policy = by_id("code-2024").unwrap();
    let case = case("case-2026-12-18-0a1b2c3d", policy);
    let assessment = assessed(policy, &case, d("2026-12-18"));
    let items: Vec<PlanItem> = plan(policy, &assessment);
    assert!(items.len() >= 2, "the plan should have dates: {items:?}");
    let ics = plan_ics(policy, &case, &assessment);
    let events = events(&ics);
    assert_eq!(events.len(), items.len());
    for (event, item) in events.iter().zip(&items) {
        // All day: DTSTART is the date, DTEND the next day (a DATE end is exclusive).
        assert_eq!(param(event, "DTSTART", "VALUE").as_deref(), Some("DATE"));
        assert_eq!(param(event, "DTEND", "VALUE").as_deref(), Some("DATE"));
        let start = date(&one(event, "DTSTART"));
        let end = date(&one(event, "DTEND"));
        assert_eq!(start, item.date);
        assert_eq!(end, item.date + Days::new(1), "{}: the event must last its day", item.id);
        assert_eq!(one(event, "SUMMARY"), item.what);
        assert_eq!(one(event, "DESCRIPTION"), format!("{} ({})", item.rule, policy.citation(&item.clause)));
        assert_eq!(one(event, "UID"), format!("{}-{}@redress", case.id, item.id));

        let alarms: Vec<&Component> =
            event.components.iter().filter(|c| c.name.as_str() == "VALARM").collect();
        assert_eq!(alarms.len(), 2, "{}", item.id);
        let mut triggers = Vec::new();
        for alarm in &alarms {
            assert_eq!(one(alarm, "ACTION"), "DISPLAY");
            let text = one(alarm, "DESCRIPTION");
            assert!(text.contains(&item.what), "{text}");
            assert!(text.contains(&long_date(item.date)), "{text}");
            triggers.push((one(alarm, "TRIGGER"), text));
        }
        // Relative to the start of the day: 9 in the morning the day before (15 hours before
        // midnight), and 9 in the morning on the day.
        let seconds: Vec<i64> = triggers.iter().map(|(t, _)| duration_seconds(t)).collect();
        assert_eq!(seconds, [-15 * 3600, 9 * 3600], "{triggers:?}");
        assert!(triggers[0].1.starts_with("Tomorrow, "), "{}", triggers[0].1);
        assert!(triggers[1].1.starts_with("Today, "), "{}", triggers[1].1);
        for (n, alarm) in alarms.iter().enumerate() {
            assert_eq!(one(alarm, "UID"), format!("{}-{}-reminder-{}@redress", case.id, item.id, n + 1));
        }
    }
    assert!(ics.contains("X-WR-CALNAME:Complaint to Riverside Homes\r\n"), "{ics}");
    assert!(ics.contains("NAME:Complaint to Riverside Homes\r\n"), "{ics}");
}

/// An RFC 5545 duration (`-PT15H`, `PT32400S`, `-P1DT2H`) in seconds.
fn duration_seconds(value: &str) -> i64 {
    let (sign, rest) = match value.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, value.strip_prefix('+').unwrap_or(value)),
    };
    let rest = rest.strip_prefix('P').unwrap_or_else(|| panic!("{value} is not a duration"));
    let mut total = 0;
    let mut number = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' => {}
            unit => {
                let n: i64 = number.parse().unwrap_or_else(|_| panic!("{value}"));
                number.clear();
                total += n * match unit {
                    'W' => 7 * 86_400,
                    'D' => 86_400,
                    'H' => 3600,
                    'M' => 60,
                    'S' => 1,
                    _ => panic!("{value}: unit {unit}"),
                };
            }
        }
    }
    assert!(number.is_empty(), "{value}");
    sign * total
}

#[test]
fn uids_are_unique_per_case_and_deadline_and_stable_across_downloads() {
    let policy = by_id("progress").unwrap();
    let first = case("case-2026-12-18-0a1b2c3d", policy);
    let second = case("case-2026-12-18-9f8e7d6c", policy);
    let uids = |case: &Case, today: &str| -> Vec<String> {
        let assessment = assessed(policy, case, d(today));
        events(&plan_ics(policy, case, &assessment)).iter().map(|e| one(e, "UID")).collect()
    };
    let a = uids(&first, "2026-12-18");
    let b = uids(&second, "2026-12-18");
    let mut all = a.clone();
    all.extend(b.clone());
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "two complaints must not share a UID: {all:?}");
    // The same case downloaded again, days later: the same UIDs, so the new file replaces.
    assert_eq!(uids(&first, "2026-12-21"), a);
    // Downloaded twice on the same day, the file is the same but for the time it was made.
    let file = || {
        let ics = plan_ics(policy, &first, &assessed(policy, &first, d("2026-12-18")));
        ics.split_terminator("\r\n").filter(|l| !l.starts_with("DTSTAMP:")).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(file(), file());
    // After the landlord acknowledged it, the dates still ahead keep their UIDs.
    let mut acknowledged = first.clone();
    acknowledged.events.push(Event::new(d("2026-12-21"), EventKind::Acknowledged));
    let later = uids(&acknowledged, "2026-12-21");
    assert!(!later.is_empty() && later.iter().all(|uid| a.contains(uid)), "{later:?} within {a:?}");
}

/// Text that would add lines or properties if it were written as it is: line breaks of every
/// kind, a carriage return alone, the iCalendar delimiters, a whole property, a Unicode line
/// separator, and a backslash.
const INJECTIONS: [&str; 8] = [
    "x\r\nATTACH:http://evil.example/a",
    "x\rBEGIN:VEVENT",
    "x\nEND:VCALENDAR",
    "x;VALUE=URI:http://evil.example",
    "x,y:z",
    "x\\nDESCRIPTION:y",
    "x\u{2028}ORGANIZER:mailto:evil@example.org",
    "x\t\u{0}\u{7}\u{1b}[31m",
];

#[test]
fn no_field_can_add_lines_or_properties() {
    let base = by_id("code-2024").unwrap();
    for payload in INJECTIONS {
        // Every field that reaches the file: the case's id (from an imported file), the landlord,
        // and from the policy (an edited or imported one) each stage's name, id, rule and clause.
        let mut policy = base.clone();
        for stage in &mut policy.stages {
            stage.name = format!("{} {payload}", stage.name);
            for timescale in [&mut stage.acknowledge, &mut stage.respond].into_iter().flatten() {
                timescale.plain = format!("{payload} {}", timescale.plain);
                timescale.clause = format!("{} {payload}", timescale.clause);
            }
        }
        policy.after_final.ombudsman.plain = format!("{payload} ombudsman");
        let mut case = case(&format!("case{payload}"), &policy);
        case.landlord = format!("Riverside {payload}");
        let assessment = assessed(&policy, &case, d("2026-12-18"));
        let items = plan(&policy, &assessment);
        let ics = plan_ics(&policy, &case, &assessment);

        // Every physical line ends in CRLF and holds no other line break or control character.
        assert!(ics.ends_with("\r\n"));
        for line in ics.split_terminator("\r\n") {
            assert!(!line.chars().any(|c| c.is_control() || c == '\u{2028}'), "{payload:?}: {line:?}");
        }
        // Every content line (after unfolding) is one of the properties Redress writes.
        let allowed = [
            "BEGIN",
            "END",
            "VERSION",
            "PRODID",
            "CALSCALE",
            "NAME",
            "X-WR-CALNAME",
            "UID",
            "DTSTAMP",
            "SUMMARY",
            "DESCRIPTION",
            "DTSTART",
            "DTEND",
            "ACTION",
            "TRIGGER",
        ];
        for line in unfold(&ics).split_terminator("\r\n") {
            let name = line.split([':', ';']).next().unwrap();
            assert!(allowed.contains(&name), "{payload:?} added {line:?}");
        }
        let begins: Vec<&str> = ics.split_terminator("\r\n").filter(|l| l.starts_with("BEGIN:")).collect();
        assert_eq!(begins.iter().filter(|l| **l == "BEGIN:VEVENT").count(), items.len(), "{payload:?}");
        assert_eq!(begins.iter().filter(|l| **l == "BEGIN:VALARM").count(), 2 * items.len(), "{payload:?}");
        // The text reads back as it was, its control characters made spaces.
        let plain = |text: &str| -> String {
            text.chars().map(|c| if c.is_control() || c == '\u{2028}' { ' ' } else { c }).collect()
        };
        for (event, item) in events(&ics).iter().zip(&items) {
            assert_eq!(one(event, "SUMMARY"), plain(&item.what), "{payload:?}");
            assert_eq!(one(event, "UID"), plain(&format!("{}-{}@redress", case.id, item.id)), "{payload:?}");
            assert_eq!(one(event, "DTEND"), (item.date + Days::new(1)).format("%Y%m%d").to_string());
        }
    }
}

#[test]
fn a_letter_downloaded_as_a_web_page_forbids_scripts() {
    let policy = by_id("code-2024").unwrap();
    let case = case("case-1", policy);
    let assessment = assessed(policy, &case, d("2026-12-18"));
    let html = redress_core::letters::complaint_letter(policy, &case, &assessment).to_html();
    let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">";
    assert!(html.contains(csp), "{html}");
    // It comes before anything the policy could apply to: right after the character set.
    let head = &html[..html.find("<title>").unwrap()];
    assert!(head.contains(csp) && head.contains("<meta charset=\"utf-8\">"), "{head}");
    assert!(!html.contains("<script"), "{html}");
}
