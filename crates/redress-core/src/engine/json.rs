//! json: the stable JSON entry point — a policy, a case, a division and "today" in (and, if
//! wanted, screening answers and an amount of compensation); the full assessment (and the triage
//! and the compensation band) or a plain error out. The shapes are documented in docs/engine.md.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{assess, compensation_band, triage, Answers};
use crate::calendar::{Calendar, Division};
use crate::case::Case;
use crate::policy::{self, Policy};

/// A built-in policy's id, or a whole policy inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PolicyInput {
    Id(String),
    Inline(Box<Policy>),
}

/// The input of [`assess_json`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EngineInput {
    pub policy: PolicyInput,
    pub case: Case,
    /// Whose bank holidays count; the case's own division if absent.
    #[serde(default)]
    pub division: Option<Division>,
    pub today: NaiveDate,
    /// A newer bank-holiday file in the gov.uk feed's shape, instead of the built-in snapshot.
    #[serde(default)]
    pub bank_holidays: Option<serde_json::Value>,
    /// The resident's screening answers: if given, the output also has the triage.
    #[serde(default)]
    pub answers: Option<Answers>,
    /// An amount of compensation, in pence: if given, the output also has the band it falls in
    /// and who must authorise it.
    #[serde(default)]
    pub compensation_pence: Option<u64>,
}

fn error(kind: &str, message: String, extra: serde_json::Value) -> String {
    let mut error = json!({ "kind": kind, "message": message });
    if let (Some(map), serde_json::Value::Object(extra)) = (error.as_object_mut(), extra) {
        map.extend(extra);
    }
    json!({ "ok": false, "error": error }).to_string()
}

/// Assesses a case given as JSON. Always returns JSON: `{"ok": true, "assessment": {...}}` or
/// `{"ok": false, "error": {"kind", "message", ...}}`; never panics on bad input.
pub fn assess_json(input: &str) -> String {
    let mut de = serde_json::Deserializer::from_str(input);
    let input: EngineInput = match serde_path_to_error::deserialize(&mut de) {
        Ok(input) => input,
        Err(e) => {
            let field = e.path().to_string();
            return error(
                "invalid_input",
                format!(
                    "The input is not valid at \"{field}\": {}. See docs/engine.md for the shape.",
                    e.inner()
                ),
                json!({ "field": field }),
            );
        }
    };
    let policy: Policy = match input.policy {
        PolicyInput::Id(id) => match policy::by_id(&id) {
            Some(p) => p.clone(),
            None => {
                let known: Vec<&str> = policy::builtin().iter().map(|p| p.id.as_str()).collect();
                return error(
                    "unknown_policy",
                    format!("There is no built-in policy \"{id}\". Use one of: {}.", known.join(", ")),
                    json!({}),
                );
            }
        },
        PolicyInput::Inline(p) => *p,
    };
    if let Err(problems) = policy.validate() {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return error(
            "invalid_policy",
            format!("The policy is not valid: {}", list.join("; ")),
            json!({ "problems": list }),
        );
    }
    let division = input.division.unwrap_or(input.case.division);
    let calendar = match &input.bank_holidays {
        None => Calendar::builtin(division),
        Some(feed) => match Calendar::from_feed_json(&feed.to_string(), division) {
            Ok(c) => c,
            Err(e) => return error("invalid_bank_holidays", e.to_string(), json!({})),
        },
    };
    let triage = input.answers.as_ref().map(|a| triage(&policy, a, &calendar, input.today));
    let compensation = input.compensation_pence.map(|amount| compensation_band(&policy, amount));
    match assess(&policy, &input.case, &calendar, input.today) {
        Ok(assessment) => {
            let mut out = json!({ "ok": true, "assessment": assessment });
            if let Some(triage) = triage {
                out["triage"] = json!(triage);
            }
            if let Some(compensation) = compensation {
                out["compensation"] = json!(compensation);
            }
            out.to_string()
        }
        Err(e) => error(
            "impossible_sequence",
            e.to_string(),
            json!({ "event_index": e.event_index(), "detail": e }),
        ),
    }
}
