//! backup: when to remind someone to download a backup of what Redress keeps, and which browsers
//! delete a site's data after days without a visit. Pure: every time is passed in, never read
//! from the clock here.
//!
//! Redress keeps everything in the browser, so a backup (the file "Download all my data" makes)
//! is the only copy anywhere else. The shell records when the last one was made, when a case
//! last changed and when the reminder was last put aside ("Not now"); [`BackupState::remind`]
//! decides from those whether to offer one.

use chrono::{DateTime, TimeDelta, Utc};

/// A backup older than this, with cases changed since, is worth a reminder; "Not now" puts the
/// reminder aside for as long.
pub const REMIND_AFTER_DAYS: i64 = 7;

/// What the shell knows about backups on this device.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BackupState {
    /// When the last backup of everything was downloaded here, if ever.
    pub last_backup: Option<DateTime<Utc>>,
    /// When a case was last saved, imported or deleted here, if any is stored.
    pub cases_changed: Option<DateTime<Utc>>,
    /// When the reminder was last put aside, if ever.
    pub dismissed: Option<DateTime<Utc>>,
}

impl BackupState {
    /// Whether cases have changed since the last backup (or there has never been one).
    pub fn changed_since_backup(&self) -> bool {
        match (self.cases_changed, self.last_backup) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(changed), Some(backup)) => changed > backup,
        }
    }

    /// Whether to offer a backup at `now`: cases have changed since the last backup, that backup
    /// is at least a week old (or there is none), and the reminder was not put aside in the last
    /// week.
    pub fn remind(&self, now: DateTime<Utc>) -> bool {
        let week = TimeDelta::days(REMIND_AFTER_DAYS);
        let old = |t: Option<DateTime<Utc>>| t.is_none_or(|t| now - t >= week);
        self.changed_since_backup() && old(self.last_backup) && old(self.dismissed)
    }
}

/// A time written as RFC 3339 (as the store and the shell write them), in UTC; `None` for
/// anything else.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// Whether this browser deletes what a site keeps once the site has not been used for seven
/// days of browsing: Safari (WebKit's tracking prevention), which every browser on an iPhone or
/// iPad is built on, unless the site was added to the Home Screen (or the Dock) and is opened
/// from there (`installed`). Read from the browser's user-agent string: WebKit without Chrome's
/// engine (Chrome, Edge, Opera, Samsung Internet and Android's browsers all name `Chrome/`);
/// Firefox on a computer is Gecko and does not.
pub fn clears_unvisited_sites(user_agent: &str, installed: bool) -> bool {
    if installed {
        return false;
    }
    let webkit = user_agent.contains("AppleWebKit/");
    let blink = ["Chrome/", "Chromium/", "Android"].iter().any(|m| user_agent.contains(m));
    webkit && !blink
}
