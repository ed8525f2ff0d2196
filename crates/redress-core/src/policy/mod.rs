//! policy: complaint policies as data — the five landlord policies and the statutory Code.
//!
//! The built-in policies are JSON files in `src/policy/data/`, embedded at compile time, parsed
//! once and validated by tests. Users may also edit copies, so [`Policy::validate`] checks a
//! policy and names each problem in plain English. [`conformance`] lists where a policy departs
//! from the statutory Code, with both citations. `docs/policies.md` maps each seed document,
//! clause by clause, to the fields here.

mod conformance;
pub mod edit;
pub mod provisions;
mod schema;

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

pub use conformance::{conformance, Departure, Severity, NOT_ACCEPTED_BY_CODE};
pub use schema::*;

/// The id of the statutory Code, the default when a landlord is not listed.
pub const CODE_ID: &str = "code-2024";

/// The Code's profile writes its clauses as provision numbers ("6.2"); they are cited through
/// [`provisions`] (a number where it is confirmed, the section's name where it is not).
const BUILTIN_FILES: [(&str, &str); 6] = [
    ("forhousing", include_str!("data/forhousing.json")),
    ("together", include_str!("data/together.json")),
    ("progress", include_str!("data/progress.json")),
    ("housing-plus", include_str!("data/housing-plus.json")),
    ("tuntum", include_str!("data/tuntum.json")),
    (CODE_ID, include_str!("data/code-2024.json")),
];

/// Parses one built-in file, naming the field that does not fit.
pub fn parse(json: &str) -> Result<Policy, PolicyError> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| PolicyError { field: String::new(), message: e.to_string() })?;
    from_value(&value)
}

/// Reads a policy from parsed JSON, naming the field that does not fit. (Going through a JSON
/// value here and in bundle import keeps one copy of the policy-reading code in the app.)
pub fn from_value(value: &serde_json::Value) -> Result<Policy, PolicyError> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| PolicyError { field: e.path().to_string(), message: e.inner().to_string() })
}

/// The built-in policies: the five landlords, then the statutory Code.
pub fn builtin() -> &'static [Policy] {
    static POLICIES: OnceLock<Vec<Policy>> = OnceLock::new();
    POLICIES.get_or_init(|| {
        BUILTIN_FILES
            .iter()
            .map(|(id, json)| {
                let mut value: serde_json::Value = serde_json::from_str(json)
                    .unwrap_or_else(|e| panic!("built-in policy {id} is not JSON: {e}"));
                if *id == CODE_ID {
                    provisions::resolve_clauses(&mut value);
                }
                from_value(&value).unwrap_or_else(|e| panic!("built-in policy {id} is invalid: {e}"))
            })
            .collect()
    })
}

/// A built-in policy by id.
pub fn by_id(id: &str) -> Option<&'static Policy> {
    builtin().iter().find(|p| p.id == id)
}

/// The statutory Code.
pub fn code() -> &'static Policy {
    by_id(CODE_ID).expect("the Code is built in")
}

/// [`conformance`] against the Code, computed once per built-in policy and shared after that.
pub fn departures(policy: &Policy) -> Arc<[Departure]> {
    static CACHE: OnceLock<Vec<Arc<[Departure]>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| builtin().iter().map(|p| conformance(p, code()).into()).collect());
    match builtin().iter().position(|p| std::ptr::eq(p, policy)) {
        Some(i) => cache[i].clone(),
        None => conformance(policy, code()).into(),
    }
}

/// One problem with a policy: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct PolicyError {
    /// The path of the field, e.g. `stages[1].respond.period.amount`.
    pub field: String,
    pub message: String,
}

impl Policy {
    /// The index of a stage by id.
    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// How a sentence names one of this policy's clauses: "clause 4.3.9" of a landlord's policy;
    /// "paragraph 6.2" (or "paragraphs 6.4, 6.5") or "section 6 (Complaints stages, Stage 2)" of
    /// the Code, whose clauses are cited as [`provisions`] says.
    pub fn clause_name(&self, clause: &str) -> String {
        let numbered = clause.starts_with(|c: char| c.is_ascii_digit());
        // The numbers come first ("6.4, 6.5; section 6 (...)"), so count those before any ';'.
        let several = clause.split(';').next().is_some_and(|numbers| numbers.contains(','));
        match self.kind {
            PolicyKind::StatutoryCode if numbered && several => format!("paragraphs {clause}"),
            PolicyKind::StatutoryCode if numbered => format!("paragraph {clause}"),
            PolicyKind::StatutoryCode => clause.to_string(),
            PolicyKind::Landlord => format!("clause {clause}"),
        }
    }

    /// A citation that says whose rule it is: "clause 4.3.9" (the landlord's own policy) or
    /// "the Code, paragraph 6.2".
    pub fn citation(&self, clause: &str) -> String {
        match self.kind {
            PolicyKind::StatutoryCode => format!("the Code, {}", self.clause_name(clause)),
            PolicyKind::Landlord => self.clause_name(clause),
        }
    }

    /// The exclusion with this code, if the policy has one.
    pub fn exclusion(&self, code: &str) -> Option<&Exclusion> {
        self.exclusions.iter().find(|e| e.code == code)
    }

    /// Checks a policy (built in or edited by a user). Every problem is listed, each naming
    /// its field and saying what to change.
    pub fn validate(&self) -> Result<(), Vec<PolicyError>> {
        let mut errors = Vec::new();
        let mut err =
            |field: String, message: &str| errors.push(PolicyError { field, message: message.to_string() });
        if self.id.trim().is_empty() {
            err("id".into(), "The policy needs an id, such as \"my-landlord\".");
        }
        if self.landlord.trim().is_empty() {
            err("landlord".into(), "Give the landlord's name.");
        }
        if self.version.trim().is_empty() {
            err("version".into(), "Give the policy's version, such as \"2\" or \"April 2024\".");
        }
        if let (Some(from), Some(due)) = (self.applies_from, self.review_due) {
            if due < from {
                err("review_due".into(), "The review date is before the date the policy applies from.");
            }
        }
        if self.stages.is_empty() {
            err("stages".into(), "A policy needs at least one stage.");
        }
        if !self.stages.iter().any(Stage::is_formal) && !self.stages.is_empty() {
            err("stages".into(), "At least one stage must be formal (not informal).");
        }
        let mut ids = HashSet::new();
        for (i, stage) in self.stages.iter().enumerate() {
            let at = |f: &str| format!("stages[{i}].{f}");
            if stage.id.trim().is_empty() {
                err(at("id"), "Each stage needs an id, such as \"stage1\".");
            } else if !ids.insert(stage.id.as_str()) {
                err(at("id"), "Two stages have this id; each stage's id must be different.");
            }
            if stage.name.trim().is_empty() {
                err(at("name"), "Each stage needs a name.");
            }
            if stage.informal && i > 0 {
                err(at("informal"), "Only the first stage can be informal.");
            }
            let Some(respond) = &stage.respond else {
                err(at("respond"), "Each stage needs a response timescale.");
                continue;
            };
            let timescales = [
                ("acknowledge", stage.acknowledge.as_ref()),
                ("respond", Some(respond)),
                ("resident_form", stage.resident_form.as_ref()),
                ("escalation_window", stage.escalation_window.as_ref()),
            ];
            for (name, timescale) in timescales {
                let Some(t) = timescale else { continue };
                if t.period.amount == 0 {
                    err(
                        at(&format!("{name}.period.amount")),
                        "A timescale of 0 days makes no sense; use at least 1.",
                    );
                }
                if t.clause.trim().is_empty() {
                    err(at(&format!("{name}.clause")), "Say which clause of the policy this comes from.");
                }
                if t.plain.trim().is_empty() {
                    err(at(&format!("{name}.plain")), "Add a plain-English sentence a resident can read.");
                }
            }
            if respond.from == Trigger::Acknowledged && stage.acknowledge.is_none() {
                err(at("respond.from"), "The response counts from the acknowledgement, but this stage has no acknowledgement timescale.");
            }
            if respond.from == Trigger::FormReceived && stage.resident_form.is_none() {
                err(
                    at("respond.from"),
                    "The response counts from a form being returned, but this stage has no form.",
                );
            }
            if respond.from == Trigger::StageResponse {
                err(at("respond.from"), "A response cannot count from itself; count it from the stage start or the acknowledgement.");
            }
            if respond.from == Trigger::HearingHeld {
                err(at("respond.from"), "The response is the decision whether to hold a hearing, so it cannot count from the hearing; count it from the stage start, the acknowledgement or the form.");
            }
            if stage.resident_form.as_ref().is_some_and(|f| f.from == Trigger::HearingHeld) {
                err(at("resident_form.from"), "The form comes before any hearing; count it from the stage start or the acknowledgement.");
            }
            if let Some(hearing) = &stage.hearing {
                if hearing.name.trim().is_empty() {
                    err(
                        at("hearing.name"),
                        "Name the hearing as the policy does, such as \"Panel hearing\".",
                    );
                }
                for (name, t) in [("hold", &hearing.hold), ("decision", &hearing.decision)] {
                    if t.period.amount == 0 {
                        err(
                            at(&format!("hearing.{name}.period.amount")),
                            "A timescale of 0 days makes no sense; use at least 1.",
                        );
                    }
                    if t.clause.trim().is_empty() {
                        err(
                            at(&format!("hearing.{name}.clause")),
                            "Say which clause of the policy this comes from.",
                        );
                    }
                    if t.plain.trim().is_empty() {
                        err(
                            at(&format!("hearing.{name}.plain")),
                            "Add a plain-English sentence a resident can read.",
                        );
                    }
                }
                match hearing.hold.from {
                    Trigger::FormReceived if stage.resident_form.is_none() => err(
                        at("hearing.hold.from"),
                        "The hearing counts from a form being returned, but this stage has no form.",
                    ),
                    Trigger::Acknowledged if stage.acknowledge.is_none() => err(
                        at("hearing.hold.from"),
                        "The hearing counts from the acknowledgement, but this stage has no acknowledgement timescale.",
                    ),
                    Trigger::StageResponse | Trigger::HearingHeld => err(
                        at("hearing.hold.from"),
                        "Count the hearing from the stage start, the acknowledgement or the form.",
                    ),
                    _ => {}
                }
                if hearing.decision.from != Trigger::HearingHeld {
                    err(at("hearing.decision.from"), "The decision after a hearing counts from the hearing.");
                }
            }
            for (r, rule) in stage.auto_escalation.iter().enumerate() {
                let field = at(&format!("auto_escalation[{r}]"));
                if i + 1 == self.stages.len() {
                    err(field.clone(), "The last stage has no next stage to move to; remove this rule.");
                }
                if rule.when == Some(AutoEscalationWhen::NotResolvedAtOnce) && !(i == 0 && stage.informal) {
                    err(
                        format!("{field}.when"),
                        "Only an informal first stage (a quick fix) can run alongside the formal stage from the start.",
                    );
                }
            }
            if let Some(ack) = &stage.acknowledge {
                if ack.from != Trigger::StageStart {
                    err(at("acknowledge.from"), "An acknowledgement counts from the start of the stage.");
                }
            }
            if let Some(window) = &stage.escalation_window {
                if window.from != Trigger::StageResponse {
                    err(
                        at("escalation_window.from"),
                        "The window to ask for the next stage counts from this stage's response.",
                    );
                }
                if i + 1 == self.stages.len() {
                    err(
                        at("escalation_window"),
                        "The last stage has no next stage to ask for; remove this window.",
                    );
                }
            }
            if let Some(extension) = &stage.extension {
                if extension.up_to.is_some_and(|p| p.amount == 0) {
                    err(
                        at("extension.up_to.amount"),
                        "An extension of 0 days makes no sense; remove it or use at least 1.",
                    );
                }
            }
        }
        let mut codes = HashSet::new();
        for (i, exclusion) in self.exclusions.iter().enumerate() {
            if exclusion.code.trim().is_empty()
                || !exclusion.code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            {
                err(
                    format!("exclusions[{i}].code"),
                    "Use a short code in lower case with underscores, such as \"legal_proceedings\".",
                );
            } else if !codes.insert(exclusion.code.as_str()) {
                err(format!("exclusions[{i}].code"), "Two exclusions have this code; combine them into one.");
            }
            if exclusion.plain.trim().is_empty() {
                err(format!("exclusions[{i}].plain"), "Add a plain-English sentence a resident can read.");
            }
        }
        if let Some(limit) = &self.time_limit {
            if limit.period.amount == 0 {
                err(
                    "time_limit.period.amount".into(),
                    "A time limit of 0 makes no sense; use at least 1 or remove it.",
                );
            }
        }
        if let Some(compensation) = &self.compensation {
            for (i, band) in compensation.bands.iter().enumerate() {
                if band.max_pence.is_some_and(|max| max < band.min_pence) {
                    err(
                        format!("compensation.bands[{i}].max_pence"),
                        "The band's maximum is below its minimum.",
                    );
                }
                if let Some(next) = compensation.bands.get(i + 1) {
                    if band.max_pence.is_none_or(|max| next.min_pence <= max) {
                        err(
                            format!("compensation.bands[{}].min_pence", i + 1),
                            "Bands must not overlap: each must start above the one before.",
                        );
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}
