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

    /// A copy of `base` for `organisation` to edit: a landlord policy with its own id (a built-in
    /// policy's id gains `-edited`), the organisation as its landlord (when it has a name), the
    /// next free version, and where it came from.
    pub fn working_copy(&self, base: &Policy, organisation: &str) -> Policy {
        let mut copy = base.clone();
        if policy::by_id(&base.id).is_some() {
            copy.id = format!("{}-edited", base.id);
        }
        copy.kind = policy::PolicyKind::Landlord;
        if !organisation.trim().is_empty() {
            copy.landlord = organisation.trim().to_string();
        }
        copy.version = self.next_version(&copy.id);
        copy.source = format!("Edited in Redress from {} (version {})", base.title, base.version);
        copy
    }

    /// Why `policy` cannot be saved as a new version, if it cannot: its version is already
    /// saved, and saved versions are never changed.
    pub fn check_new(&self, policy: &Policy) -> Result<(), String> {
        if self.has(&policy.id, &policy.version) {
            return Err(format!("Version {} of this policy is already saved, and saved versions are never changed. Give this copy a new version.", policy.version));
        }
        Ok(())
    }

    /// Whether a version with this id and version is already saved (saved versions are frozen).
    pub fn has(&self, id: &str, version: &str) -> bool {
        self.saved.iter().any(|p| p.id == id && p.version == version)
            || policy::by_id(id).is_some_and(|p| p.version == version)
    }
}

/// What was typed into the association's setup form: the name, the chosen policy version (its
/// storage id, `<id>@<version>`), the part of the UK and the handlers, one name per line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SetupForm {
    pub organisation: String,
    pub policy_key: String,
    pub division: Division,
    pub handlers: String,
}

impl SetupForm {
    /// The form as `setup` fills it. A new register starts from the statutory Code, which every
    /// landlord must follow.
    pub fn from_setup(setup: &Setup) -> SetupForm {
        SetupForm {
            organisation: setup.organisation.clone(),
            policy_key: if setup.policy_id.is_empty() {
                policy_record_id(policy::code())
            } else {
                version_key(&setup.policy_id, &setup.policy_version)
            },
            division: setup.division,
            handlers: setup.handlers.join("\n"),
        }
    }

    /// The policy chosen, found in `library` (as a case finds its own, see [`Library::find`]).
    pub fn policy<'a>(&self, library: &'a Library) -> &'a Policy {
        let (id, version) = self.policy_key.split_once('@').unwrap_or((self.policy_key.as_str(), ""));
        library.find(id, version)
    }

    /// What is wrong with the form; every problem names its field.
    pub fn check(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if self.organisation.trim().is_empty() {
            problems.push((
                "setup-organisation",
                "Enter your association's name, as it appears on your letters.".to_string(),
            ));
        }
        if Setup::handlers_from_lines(&self.handlers).is_empty() {
            problems.push((
                "setup-handlers",
                "Enter at least one person who handles cases, one name per line.".to_string(),
            ));
        }
        problems
    }

    /// The setup the form describes, or its problems.
    pub fn to_setup(&self, library: &Library) -> Result<Setup, Vec<(&'static str, String)>> {
        let problems = self.check();
        if !problems.is_empty() {
            return Err(problems);
        }
        let policy = self.policy(library);
        Ok(Setup {
            organisation: self.organisation.trim().to_string(),
            policy_id: policy.id.clone(),
            policy_version: policy.version.clone(),
            division: self.division,
            handlers: Setup::handlers_from_lines(&self.handlers),
        })
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    #[test]
    fn the_setup_form_needs_a_name_and_a_handler() {
        let blank = SetupForm::from_setup(&Setup::default());
        // A new register starts from the Code.
        assert_eq!(blank.policy_key, policy_record_id(policy::code()));
        assert_eq!(
            blank.check(),
            vec![
                (
                    "setup-organisation",
                    "Enter your association's name, as it appears on your letters.".to_string()
                ),
                (
                    "setup-handlers",
                    "Enter at least one person who handles cases, one name per line.".to_string()
                ),
            ]
        );
        let spaces = SetupForm { organisation: "  ".into(), handlers: "\n  \n".into(), ..blank.clone() };
        assert_eq!(spaces.check().len(), 2);
        let filled = SetupForm {
            organisation: " Riverside Homes ".into(),
            policy_key: "progress@1".into(),
            division: Division::Scotland,
            handlers: "Sam\n\n sam \nAlex\n".into(),
        };
        let library = Library::default();
        assert_eq!(
            filled.to_setup(&library),
            Ok(Setup {
                organisation: "Riverside Homes".into(),
                policy_id: "progress".into(),
                policy_version: policy::by_id("progress").unwrap().version.clone(),
                division: Division::Scotland,
                handlers: vec!["Sam".into(), "Alex".into()],
            })
        );
        assert_eq!(
            filled.to_setup(&library).map(|s| SetupForm::from_setup(&s).handlers),
            Ok("Sam\nAlex".into())
        );
        assert!(SetupForm { organisation: String::new(), ..filled }.to_setup(&library).is_err());
    }

    #[test]
    fn an_edited_copy_has_its_own_id_and_the_next_version_and_is_never_saved_twice() {
        let progress = policy::by_id("progress").unwrap();
        let library = Library::default();
        let copy = library.working_copy(progress, " Riverside Homes ");
        assert_eq!(
            (copy.id.as_str(), copy.version.as_str(), copy.landlord.as_str(), copy.kind),
            ("progress-edited", "1", "Riverside Homes", policy::PolicyKind::Landlord)
        );
        assert_eq!(
            copy.source,
            format!("Edited in Redress from {} (version {})", progress.title, progress.version)
        );
        assert_eq!(library.check_new(&copy), Ok(()));
        // Once saved, the next copy of it is version 2, and version 1 cannot be saved again.
        let library = Library { saved: vec![copy.clone()] };
        let again = library.working_copy(&copy, "");
        assert_eq!(
            (again.id.as_str(), again.version.as_str(), again.landlord.as_str()),
            ("progress-edited", "2", "Riverside Homes")
        );
        assert_eq!(
            library.check_new(&copy),
            Err("Version 1 of this policy is already saved, and saved versions are never changed. Give this copy a new version.".into())
        );
        // A built-in version is frozen too.
        assert!(library.check_new(progress).is_err());
    }

    #[test]
    fn a_saved_version_is_chosen_by_its_key() {
        let mut edited = policy::by_id("tuntum").unwrap().clone();
        edited.version = "7".into();
        let library = Library { saved: vec![edited] };
        let form = SetupForm { policy_key: "tuntum@7".into(), ..SetupForm::default() };
        assert_eq!(form.policy(&library).version, "7");
        let setup = Setup { policy_id: "tuntum".into(), policy_version: "7".into(), ..Setup::default() };
        assert_eq!(SetupForm::from_setup(&setup).policy_key, "tuntum@7");
    }
}
