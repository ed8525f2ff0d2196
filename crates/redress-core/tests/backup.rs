//! The backup reminder's decision and the browsers that clear unvisited sites' data
//! (`backup`), with every time passed in.

use chrono::{DateTime, Utc};
use redress_core::backup::{clears_unvisited_sites, parse_time, BackupState, REMIND_AFTER_DAYS};

fn at(text: &str) -> DateTime<Utc> {
    parse_time(text).expect("a test time")
}

fn state(last_backup: Option<&str>, cases_changed: Option<&str>, dismissed: Option<&str>) -> BackupState {
    BackupState {
        last_backup: last_backup.map(at),
        cases_changed: cases_changed.map(at),
        dismissed: dismissed.map(at),
    }
}

const NOW: &str = "2026-12-01T12:00:00Z";

#[test]
fn a_week_is_seven_days() {
    assert_eq!(REMIND_AFTER_DAYS, 7);
}

#[test]
fn nothing_to_back_up_means_no_reminder() {
    // No case stored or changed, whatever else.
    assert!(!state(None, None, None).remind(at(NOW)));
    assert!(!state(Some("2026-01-01T00:00:00Z"), None, None).remind(at(NOW)));
}

#[test]
fn cases_never_backed_up_are_reminded_at_once() {
    let s = state(None, Some("2026-12-01T11:59:00Z"), None);
    assert!(s.changed_since_backup());
    assert!(s.remind(at(NOW)));
}

#[test]
fn a_backup_a_week_old_with_changes_since_is_reminded() {
    // Backed up at noon on 24 November, a case changed on the 25th: at noon on 1 December the
    // backup is exactly seven days old.
    let s = state(Some("2026-11-24T12:00:00Z"), Some("2026-11-25T09:00:00Z"), None);
    assert!(s.remind(at(NOW)));
    // A second earlier it is not yet a week old.
    assert!(!s.remind(at("2026-12-01T11:59:59Z")));
}

#[test]
fn an_old_backup_with_no_change_since_is_not_reminded() {
    // Nothing changed after the backup: the file still holds everything.
    let s = state(Some("2026-10-01T12:00:00Z"), Some("2026-09-30T12:00:00Z"), None);
    assert!(!s.changed_since_backup());
    assert!(!s.remind(at(NOW)));
    // A change at the same instant as the backup was in it.
    let same = state(Some("2026-10-01T12:00:00Z"), Some("2026-10-01T12:00:00Z"), None);
    assert!(!same.remind(at(NOW)));
}

#[test]
fn a_recent_backup_is_not_reminded_even_with_changes() {
    let s = state(Some("2026-11-30T12:00:00Z"), Some("2026-12-01T10:00:00Z"), None);
    assert!(s.changed_since_backup());
    assert!(!s.remind(at(NOW)));
}

#[test]
fn not_now_puts_the_reminder_aside_for_a_week() {
    let s = state(None, Some("2026-11-20T12:00:00Z"), Some("2026-11-28T08:00:00Z"));
    assert!(!s.remind(at(NOW)));
    // Seven days after "Not now" it comes back.
    assert!(s.remind(at("2026-12-05T08:00:00Z")));
    assert!(!s.remind(at("2026-12-05T07:59:59Z")));
}

#[test]
fn times_with_offsets_compare_as_instants() {
    // 13:00 in +01:00 is noon UTC: a change then is not after a backup at 12:30 UTC.
    let s = state(Some("2026-11-01T12:30:00Z"), Some("2026-11-01T13:00:00+01:00"), None);
    assert!(!s.changed_since_backup());
}

#[test]
fn parse_time_refuses_what_is_not_rfc_3339() {
    assert_eq!(parse_time("2026-12-01T12:00:00+01:00"), Some(at("2026-12-01T11:00:00Z")));
    assert_eq!(parse_time("1 December 2026"), None);
    assert_eq!(parse_time(""), None);
}

const SAFARI_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const CHROME_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1";
const FIREFOX_IPAD: &str = "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.0 Mobile/15E148 Safari/605.1.15";
const CHROME_WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const EDGE_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
const SAMSUNG_ANDROID: &str = "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36";
const FIREFOX_LINUX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

#[test]
fn safari_and_every_browser_on_an_iphone_clear_unvisited_sites() {
    for agent in [SAFARI_MAC, SAFARI_IPHONE, CHROME_IPHONE, FIREFOX_IPAD] {
        assert!(clears_unvisited_sites(agent, false), "{agent}");
    }
}

#[test]
fn on_the_home_screen_they_do_not() {
    for agent in [SAFARI_MAC, SAFARI_IPHONE, CHROME_IPHONE] {
        assert!(!clears_unvisited_sites(agent, true), "{agent}");
    }
}

#[test]
fn chromium_and_firefox_on_computers_and_android_do_not() {
    for agent in [CHROME_WINDOWS, EDGE_MAC, SAMSUNG_ANDROID, FIREFOX_LINUX, ""] {
        assert!(!clears_unvisited_sites(agent, false), "{agent}");
    }
}
