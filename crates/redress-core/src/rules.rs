//! rules: the version of the rules a build of Redress counts deadlines by, and what the page says
//! when a new version of the app is ready.
//!
//! Every deadline Redress shows comes from two kinds of data built into the app: the complaint
//! policies (the five landlords' and the statutory Code) and the bank-holiday snapshot. A new
//! version of the app may change either, and so move a deadline a resident has already written
//! down. [`version`] names that data with one short string, so the page can say whether an update
//! changes the rules.
//!
//! The version is a hash of the data as the engine reads it: each built-in policy (its id, its
//! version and every field, as parsed) and each division's bank holidays. Changing a policy's
//! version or any of its rules, or adding or moving a bank holiday, changes it; reformatting a
//! file does not. A change to a policy's wording (its summary, say) changes it too: the page then
//! says deadlines *may* change, which is the safe mistake to make.
//!
//! The build computes it natively (`cargo run --example rules_version`, from
//! `scripts/build-wasm.sh`) and writes it into `index.html` and `sw.js`, so the app's main module
//! never parses the policies to learn it.

use sha2::{Digest, Sha256};
use std::sync::OnceLock;

use crate::calendar::{Calendar, Division};

/// How many hex digits of the hash the version keeps: short enough to read out on the phone,
/// long enough that two different sets of rules never share one in practice.
const LENGTH: usize = 8;

/// The version of the rules built into this app, e.g. `3f9a2c1b`.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let policies = crate::policy::builtin().iter().map(|policy| {
            let data = serde_json::to_string(policy).expect("a built-in policy always serialises");
            (policy.id.as_str(), policy.version.as_str(), data)
        });
        let holidays = [Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland]
            .map(|division| (division, Calendar::builtin(division)));
        version_of(policies, holidays.iter().map(|(division, calendar)| (*division, calendar)))
    })
}

/// The version of a set of rules: policies as (id, version, data) and each division's calendar.
/// Every piece is written with its length, so no two different sets can run together into the
/// same text.
fn version_of<'a>(
    policies: impl IntoIterator<Item = (&'a str, &'a str, String)>,
    calendars: impl IntoIterator<Item = (Division, &'a Calendar)>,
) -> String {
    let mut hash = Sha256::new();
    let mut add = |part: &str| {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part.as_bytes());
    };
    for (id, version, data) in policies {
        add("policy");
        add(id);
        add(version);
        add(&data);
    }
    for (division, calendar) in calendars {
        add("bank holidays");
        add(division.feed_key());
        let (first, last) = calendar.coverage();
        add(&format!("{first}-{last}"));
        for day in calendar.holidays() {
            add(&crate::calendar::iso_date(*day));
        }
    }
    hash.finalize().iter().take(LENGTH / 2).map(|b| format!("{b:02x}")).collect()
}

/// What the page says when a new version of Redress has been downloaded and is waiting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// A new version is ready; `next_rules` is its rules version, `current_rules` this page's.
    Ready { current_rules: String, next_rules: String },
    /// The user chose the new version in another window of Redress: this page is still the old
    /// version, and only a reload brings the new one (which may lose what is typed and not saved).
    TakenOverElsewhere,
}

impl Update {
    /// Whether the new version counts deadlines by different rules. A rules version this page
    /// does not know (an empty one) counts as different: never say "the same" without knowing.
    pub fn changes_rules(&self) -> bool {
        match self {
            Update::Ready { current_rules, next_rules } => {
                current_rules.is_empty() || current_rules != next_rules
            }
            Update::TakenOverElsewhere => false,
        }
    }

    /// The banner's message, in plain English.
    pub fn message(&self) -> String {
        match self {
            Update::Ready { next_rules, .. } if self.changes_rules() => format!(
                "A new version of Redress is ready. It has updated rules (version {next_rules}): some \
                 deadlines may change."
            ),
            Update::Ready { .. } => {
                "A new version of Redress is ready. It uses the same rules for deadlines.".to_string()
            }
            Update::TakenOverElsewhere => {
                "A new version of Redress was chosen in another window. Save anything you \
                                           are writing, then reload this page to use it."
                    .to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn calendar(holidays: &[NaiveDate]) -> Calendar {
        Calendar::with_holidays(Division::EnglandAndWales, holidays.to_vec(), 2026, 2027)
    }

    fn of(policies: &[(&str, &str, &str)], holidays: &[NaiveDate]) -> String {
        let calendar = calendar(holidays);
        version_of(
            policies.iter().map(|(id, v, data)| (*id, *v, data.to_string())),
            [(Division::EnglandAndWales, &calendar)],
        )
    }

    #[test]
    fn the_builtin_version_is_short_lowercase_hex() {
        let v = version();
        assert_eq!(v.len(), LENGTH);
        assert!(v.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)), "{v}");
    }

    #[test]
    fn the_version_does_not_depend_on_how_a_policy_was_read() {
        // A policy read again (as another build, or the same one run again, reads it) writes
        // the same text: nothing in it is in an order that changes from one run to the next.
        for policy in crate::policy::builtin() {
            let text = serde_json::to_string(policy).unwrap();
            let again = crate::policy::parse(&text).unwrap();
            assert_eq!(serde_json::to_string(&again).unwrap(), text, "{}", policy.id);
        }
    }

    #[test]
    fn any_change_to_the_rules_changes_the_version() {
        let christmas = day(2026, 12, 25);
        let base = of(&[("progress", "3", "{\"a\":1}")], &[christmas]);
        assert_eq!(
            base,
            of(&[("progress", "3", "{\"a\":1}")], &[christmas]),
            "the same rules, the same version"
        );
        // A policy's version, its id, its data; a bank holiday added or moved; one more policy.
        assert_ne!(base, of(&[("progress", "4", "{\"a\":1}")], &[christmas]));
        assert_ne!(base, of(&[("together", "3", "{\"a\":1}")], &[christmas]));
        assert_ne!(base, of(&[("progress", "3", "{\"a\":2}")], &[christmas]));
        assert_ne!(base, of(&[("progress", "3", "{\"a\":1}")], &[christmas, day(2026, 12, 28)]));
        assert_ne!(base, of(&[("progress", "3", "{\"a\":1}")], &[day(2026, 12, 24)]));
        assert_ne!(base, of(&[("progress", "3", "{\"a\":1}"), ("tuntum", "1", "{}")], &[christmas]));
    }

    #[test]
    fn pieces_cannot_run_together() {
        // "ab" + "c" and "a" + "bc" would be the same text without the lengths.
        assert_ne!(of(&[("ab", "c", "")], &[]), of(&[("a", "bc", "")], &[]));
    }

    #[test]
    fn the_banner_says_whether_the_rules_change() {
        let same = Update::Ready { current_rules: "3f9a2c1b".into(), next_rules: "3f9a2c1b".into() };
        assert!(!same.changes_rules());
        assert_eq!(
            same.message(),
            "A new version of Redress is ready. It uses the same rules for deadlines."
        );

        let changed = Update::Ready { current_rules: "3f9a2c1b".into(), next_rules: "77e0d412".into() };
        assert!(changed.changes_rules());
        assert_eq!(
            changed.message(),
            "A new version of Redress is ready. It has updated rules (version 77e0d412): some deadlines may change."
        );

        // A page that does not know its own rules version never claims they are the same.
        let unknown = Update::Ready { current_rules: String::new(), next_rules: "77e0d412".into() };
        assert!(unknown.changes_rules());

        assert!(Update::TakenOverElsewhere.message().contains("reload this page"));
    }
}
