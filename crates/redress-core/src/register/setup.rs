//! setup: an association's settings (its name, its policy and version, whose bank holidays count,
//! the people who handle cases) and the library of policies its cases refer to.
//!
//! Policies are versioned: an edited policy is saved under `<id>@<version>` and never changed in
//! place, so a case keeps the exact rules it was opened under. [`Library::find`] gives a case its
//! own policy version (or the built-in one with that id, or the statutory Code).

use serde::{Deserialize, Serialize};

use crate::calendar::Division;
use crate::policy::{self, Policy};

/// The settings record's id.
pub const SETUP_ID: &str = "association";

/// What an association has set up.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Setup {
    /// The association's name, as it signs its letters.
    pub organisation: String,
    /// The policy new cases are opened under.
    pub policy_id: String,
    pub policy_version: String,
    pub division: Division,
    /// The people who handle cases.
    pub handlers: Vec<String>,
}

impl Setup {
    /// Whether enough is set up to log cases.
    pub fn is_ready(&self) -> bool {
        !self.organisation.trim().is_empty() && !self.policy_id.is_empty()
    }

    /// Reads the handlers from text with one name per line, dropping blanks and repeats.
    pub fn handlers_from_lines(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in text.lines().map(str::trim).filter(|n| !n.is_empty()) {
            if !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                out.push(name.to_string());
            }
        }
        out
    }
}

/// The storage id of a policy version.
pub fn policy_record_id(policy: &Policy) -> String {
    version_key(&policy.id, &policy.version)
}

/// The storage id of the policy version `version` of `id`: `<id>@<version>`.
pub fn version_key(id: &str, version: &str) -> String {
    format!("{id}@{version}")
}

/// The built-in policies and the ones this association saved.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub saved: Vec<Policy>,
}

impl Library {
    /// The policy a case was opened under: the saved version if there is one, else the built-in
    /// policy with that id, else the statutory Code.
    pub fn find(&self, id: &str, version: &str) -> &Policy {
        let saved = |exact: bool| self.saved.iter().rfind(|p| p.id == id && (!exact || p.version == version));
        saved(true).or_else(|| policy::by_id(id)).or_else(|| saved(false)).unwrap_or_else(|| policy::code())
    }

    /// Every policy that can be chosen: the built-in ones, then each saved version.
    pub fn choices(&self) -> Vec<&Policy> {
        policy::builtin().iter().chain(self.saved.iter()).collect()
    }

    /// The next free version number for an edited copy of `id` ("2" after "1", and so on).
    pub fn next_version(&self, id: &str) -> String {
        let highest = self
            .saved
            .iter()
            .chain(policy::builtin())
            .filter(|p| p.id == id)
            .filter_map(|p| p.version.trim().parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        (highest + 1).to_string()
    }

    /// Whether a version with this id and version is already saved (saved versions are frozen).
    pub fn has(&self, id: &str, version: &str) -> bool {
        self.saved.iter().any(|p| p.id == id && p.version == version)
            || policy::by_id(id).is_some_and(|p| p.version == version)
    }
}
