//! edit: the pure helpers behind the association's policy editor — reading what is typed into
//! number and money fields (with a message that says what to type instead), rewriting a
//! timescale's plain-English sentence when its numbers change, and a new stage to start from.

use super::schema::{Stage, Timescale, Trigger};
use crate::calendar::{Period, PeriodUnit};

/// Which of a stage's timescales a sentence is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimescaleKind {
    Acknowledge,
    Respond,
    ResidentForm,
    EscalationWindow,
}

impl TimescaleKind {
    /// A stable short name, for the editor's element ids.
    pub fn key(self) -> &'static str {
        match self {
            TimescaleKind::Acknowledge => "acknowledge",
            TimescaleKind::Respond => "respond",
            TimescaleKind::ResidentForm => "resident_form",
            TimescaleKind::EscalationWindow => "escalation_window",
        }
    }

    /// The stage's timescale of this kind.
    pub fn of(self, stage: &mut Stage) -> &mut Option<Timescale> {
        match self {
            TimescaleKind::Acknowledge => &mut stage.acknowledge,
            TimescaleKind::Respond => &mut stage.respond,
            TimescaleKind::ResidentForm => &mut stage.resident_form,
            TimescaleKind::EscalationWindow => &mut stage.escalation_window,
        }
    }
}

/// Words for the event a period counts from.
pub fn trigger_label(trigger: Trigger) -> &'static str {
    match trigger {
        Trigger::StageStart => "the start of the stage (the complaint or the request for this stage)",
        Trigger::Acknowledged => "the acknowledgement",
        Trigger::FormReceived => "the resident's form arriving",
        Trigger::StageResponse => "this stage's response",
        Trigger::HearingHeld => "the hearing",
    }
}

/// Words for a unit.
pub fn unit_label(unit: PeriodUnit) -> &'static str {
    match unit {
        PeriodUnit::WorkingDays => "working days",
        PeriodUnit::CalendarDays => "calendar days",
        PeriodUnit::Weeks => "weeks",
        PeriodUnit::Months => "months",
    }
}

/// The plain-English sentence for a timescale, rewritten from its numbers.
pub fn timescale_sentence(kind: TimescaleKind, t: &Timescale) -> String {
    let within = t.period.describe();
    let from = match t.from {
        Trigger::StageStart => match kind {
            TimescaleKind::Acknowledge => "of receiving it",
            _ => "of the start of the stage",
        },
        Trigger::Acknowledged => "of acknowledging it",
        Trigger::FormReceived => "of receiving your form",
        Trigger::StageResponse => "of the response",
        Trigger::HearingHeld => "of the hearing",
    };
    let aim = if t.aim_only { "aims to" } else { "must" };
    match kind {
        TimescaleKind::Acknowledge => {
            format!("The landlord {aim} acknowledge your complaint within {within} {from}.")
        }
        TimescaleKind::Respond => {
            format!("The landlord {aim} give you a full response within {within} {from}.")
        }
        TimescaleKind::ResidentForm => format!("Return the form within {within} {from}."),
        TimescaleKind::EscalationWindow => {
            format!("If you are unhappy with the response, ask for the next stage within {within} {from}.")
        }
    }
}

/// Reads a whole number of days, weeks or months typed by a user.
pub fn parse_amount(text: &str) -> Result<u32, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter a number, such as 10.".into());
    }
    if text.starts_with('-') {
        return Err("A timescale cannot be negative. Enter a number of 1 or more.".into());
    }
    match text.parse::<u32>() {
        Ok(0) => Err("A timescale of 0 makes no sense. Enter a number of 1 or more.".into()),
        Ok(n) if n > 366 => Err("That is longer than a year. Check the number; enter 366 or less.".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("\"{text}\" is not a whole number. Enter digits only, such as 10.")),
    }
}

/// Reads an amount of money in pounds (e.g. "50", "£1,250.50") as pence.
pub fn parse_pounds(text: &str) -> Result<u64, String> {
    let cleaned: String = text.trim().trim_start_matches('£').chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() {
        return Err("Enter an amount in pounds, such as 50 or 50.00.".into());
    }
    if cleaned.starts_with('-') {
        return Err("An amount cannot be negative. Enter 0 or more.".into());
    }
    let (whole, pence) = cleaned.split_once('.').unwrap_or((&cleaned, "0"));
    let bad =
        || format!("\"{}\" is not an amount of money. Enter pounds and pence, such as 50.00.", text.trim());
    if whole.is_empty() && pence.is_empty() || pence.len() > 2 || !pence.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let whole: u64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
    let pence: u64 = format!("{pence:0<2}").parse().map_err(|_| bad())?;
    whole.checked_mul(100).and_then(|w| w.checked_add(pence)).ok_or_else(bad)
}

/// Pence as pounds for display and letters: "£1,250.50", "£50".
pub fn pounds(pence: u64) -> String {
    let whole = pence / 100;
    let mut digits = whole.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    let rest = pence % 100;
    if rest == 0 {
        format!("£{digits}{grouped}")
    } else {
        format!("£{digits}{grouped}.{rest:02}")
    }
}

/// A new formal stage to add after `index` stages, with the Code's Stage 2 timescales.
pub fn new_stage(index: usize) -> Stage {
    let clause = "Our policy".to_string();
    let ack = Timescale {
        period: Period::working_days(5),
        from: Trigger::StageStart,
        clause: clause.clone(),
        plain: String::new(),
        aim_only: false,
    };
    let respond = Timescale {
        period: Period::working_days(20),
        from: Trigger::Acknowledged,
        clause: clause.clone(),
        plain: String::new(),
        aim_only: false,
    };
    Stage {
        id: format!("stage{}", index + 1),
        name: format!("Stage {}", index + 1),
        informal: false,
        handled_by: "Someone not involved at the earlier stage".into(),
        clause,
        plain: "If you are unhappy with the earlier answer you can ask for this stage.".into(),
        acknowledge: Some(Timescale { plain: timescale_sentence(TimescaleKind::Acknowledge, &ack), ..ack }),
        respond: Some(Timescale { plain: timescale_sentence(TimescaleKind::Respond, &respond), ..respond }),
        resident_form: None,
        extension: None,
        escalation_window: None,
        auto_escalation: Vec::new(),
        hearing: None,
        independent: true,
        reasons_required: None,
    }
}
