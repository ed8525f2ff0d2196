//! assess: walks a case's events through its policy's stages.

use chrono::{Months, NaiveDate};

use super::{
    Assessment, Deadline, DeadlineKind, DeadlineState, EngineError, NextStep, OmbudsmanAccess, Party,
    StageRef, Status, Warning,
};
use crate::calendar::{long_date, Calendar, Period};
use crate::case::{Case, EventKind};
use crate::policy::{self, Agreement, Policy, Stage, Timescale, Trigger};

/// What happened at one stage, gathered from the events.
#[derive(Debug, Clone)]
struct StageRun {
    index: usize,
    start: NaiveDate,
    acknowledged: Option<NaiveDate>,
    form: Option<NaiveDate>,
    responded: Option<NaiveDate>,
    /// The latest extension: (new date, resident agreed, event date).
    extension: Option<(NaiveDate, bool)>,
    /// When the resident asked for the next stage, if they did.
    escalated: Option<NaiveDate>,
}

impl StageRun {
    fn new(index: usize, start: NaiveDate) -> StageRun {
        StageRun {
            index,
            start,
            acknowledged: None,
            form: None,
            responded: None,
            extension: None,
            escalated: None,
        }
    }
}

/// How the case ended, if it did.
#[derive(Debug, Clone, Copy)]
enum End {
    Closed(NaiveDate),
    Refused(NaiveDate),
    EscalationRefused(NaiveDate),
    Ombudsman(NaiveDate),
}

impl End {
    fn date(self) -> NaiveDate {
        match self {
            End::Closed(d) | End::Refused(d) | End::EscalationRefused(d) | End::Ombudsman(d) => d,
        }
    }
    fn describe(self) -> &'static str {
        match self {
            End::Closed(_) => "closed",
            End::Refused(_) => "refused",
            End::EscalationRefused(_) => "refused escalation (the process ended)",
            End::Ombudsman(_) => "referred to the Housing Ombudsman",
        }
    }
}

/// Derives everything about `case` under `policy`, counting days with `calendar`, as of `today`.
pub fn assess(
    policy: &Policy,
    case: &Case,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Assessment, EngineError> {
    if case.policy_id != policy.id {
        return Err(EngineError::WrongPolicy {
            case_policy: case.policy_id.clone(),
            policy: policy.id.clone(),
        });
    }
    let (runs, end, offers) = walk(policy, case)?;

    let mut warnings = Vec::new();
    if !case.policy_version.is_empty() && case.policy_version != policy.version {
        warnings.push(Warning::PolicyVersion {
            case_version: case.policy_version.clone(),
            policy_version: policy.version.clone(),
            message: format!(
                "This case was opened under version {} of the policy; it is being assessed under version {}. Check which version applies.",
                case.policy_version, policy.version
            ),
        });
    }
    let mut dates = Dates { calendar, warnings: &mut warnings };
    let mut deadlines = Vec::new();
    let last_index = policy.stages.len() - 1;
    for run in &runs {
        stage_deadlines(policy, run, end, today, run.index == last_index, &mut dates, &mut deadlines);
    }
    let final_response = runs.last().filter(|r| r.index == last_index).and_then(|r| r.responded);
    if let (Some(comp), Some(offered)) = (policy.compensation.as_ref(), offers.offered) {
        if let Some(window) = &comp.acceptance_window {
            let due = dates.add(offered, window.period);
            let state = state_for(Party::Resident, due, offers.accepted, end, today);
            deadlines.push(Deadline {
                id: "compensation.accept".into(),
                stage: runs.last().map(|r| policy.stages[r.index].id.clone()).unwrap_or_default(),
                kind: DeadlineKind::AcceptCompensation,
                party: Party::Resident,
                what: "Accept the compensation offered".into(),
                due,
                counted_from: offered,
                rule: window.plain.clone(),
                clause: window.clause.clone(),
                state,
                aim_only: false,
                extended_from: None,
                note: None,
            });
        }
    }
    let ombudsman = ombudsman_access(policy, final_response, end, &mut dates, &mut deadlines, today);

    let current = runs.last();
    let status = match (end, current) {
        (Some(End::Closed(_)), _) => Status::Closed,
        (Some(End::Refused(_)), _) => Status::Refused,
        (Some(End::EscalationRefused(_)), _) => Status::EscalationRefused,
        (Some(End::Ombudsman(_)), _) => Status::WithOmbudsman,
        (None, None) => Status::NotStarted,
        (None, Some(run)) if run.responded.is_some() && run.index == last_index => Status::ProcessComplete,
        (None, Some(run)) if run.responded.is_some() => Status::ResponseGiven,
        (None, Some(_)) => Status::WithLandlord,
    };
    let overdue: Vec<String> = deadlines.iter().filter(|d| d.is_overdue()).map(|d| d.id.clone()).collect();
    let (landlord_next, resident_next) = next_steps(policy, current, status, &deadlines, &ombudsman);
    Ok(Assessment {
        case_id: case.id.clone(),
        policy_id: policy.id.clone(),
        policy_version: policy.version.clone(),
        // The landlord the resident named (a landlord under the Code has its own name).
        landlord: if case.landlord.trim().is_empty() {
            policy.landlord.clone()
        } else {
            case.landlord.trim().to_string()
        },
        today,
        status,
        current_stage: current.map(|r| StageRef {
            id: policy.stages[r.index].id.clone(),
            name: policy.stages[r.index].name.clone(),
            index: r.index,
            started: r.start,
        }),
        deadlines,
        overdue,
        landlord_next,
        resident_next,
        ombudsman,
        departures: policy::departures(policy),
        warnings,
    })
}

#[derive(Default)]
struct Offers {
    offered: Option<NaiveDate>,
    accepted: Option<NaiveDate>,
}

/// Checks the sequence and gathers what happened at each stage.
fn walk(policy: &Policy, case: &Case) -> Result<(Vec<StageRun>, Option<End>, Offers), EngineError> {
    let mut runs: Vec<StageRun> = Vec::new();
    let mut end: Option<End> = None;
    let mut offers = Offers::default();
    let mut previous: Option<NaiveDate> = None;
    for (index, event) in case.events.iter().enumerate() {
        let kind = || event.what.name().to_string();
        if let Some(previous) = previous {
            if event.date < previous {
                return Err(EngineError::OutOfOrder { index, kind: kind(), date: event.date, previous });
            }
        }
        previous = Some(event.date);
        if let Some(ended) = end {
            // After the end only the Ombudsman referral and compensation may still follow.
            let allowed = matches!(
                (&event.what, ended),
                (
                    EventKind::ReferredToOmbudsman,
                    End::Refused(_) | End::EscalationRefused(_) | End::Closed(_)
                ) | (
                    EventKind::CompensationAccepted
                        | EventKind::CompensationPaid
                        | EventKind::CompensationOffered { .. },
                    _
                ) | (EventKind::ReferredToDesignatedPerson | EventKind::Assigned { .. }, _)
            );
            if !allowed {
                return Err(EngineError::AfterEnd { index, kind: kind(), ended: ended.describe().into() });
            }
        }
        if runs.is_empty() && event.what != EventKind::Received {
            if matches!(
                event.what,
                EventKind::ReferredToOmbudsman
                    | EventKind::ReferredToDesignatedPerson
                    | EventKind::Assigned { .. }
            ) {
                continue;
            }
            return Err(EngineError::BeforeReceived { index, kind: kind() });
        }
        match &event.what {
            EventKind::Received => {
                if !runs.is_empty() {
                    return Err(EngineError::ReceivedTwice { index, kind: kind() });
                }
                runs.push(StageRun::new(0, event.date));
            }
            EventKind::Acknowledged => {
                let run = runs.last_mut().expect("received first");
                run.acknowledged.get_or_insert(event.date);
            }
            EventKind::Extended { new_due, resident_agreed } => {
                let run = runs.last_mut().expect("received first");
                if *new_due < run.start {
                    return Err(EngineError::ExtensionBeforeStart {
                        index,
                        kind: kind(),
                        new_due: *new_due,
                        stage_start: run.start,
                    });
                }
                run.extension = Some((*new_due, *resident_agreed));
            }
            EventKind::Responded { compensation_pence, .. } => {
                let run = runs.last_mut().expect("received first");
                run.responded.get_or_insert(event.date);
                if compensation_pence.is_some_and(|p| p > 0) {
                    offers.offered = Some(event.date);
                }
            }
            EventKind::FormReceived => {
                let run = runs.last_mut().expect("received first");
                run.form.get_or_insert(event.date);
            }
            EventKind::EscalationRequested => {
                let current = runs.last_mut().expect("received first");
                let next = current.index + 1;
                if next >= policy.stages.len() {
                    return Err(EngineError::PastLastStage {
                        index,
                        kind: kind(),
                        last_stage: policy.stages[current.index].name.clone(),
                    });
                }
                current.escalated = Some(event.date);
                runs.push(StageRun::new(next, event.date));
            }
            EventKind::EscalationRefused { .. } => end = Some(End::EscalationRefused(event.date)),
            EventKind::Refused { .. } => end = Some(End::Refused(event.date)),
            EventKind::Closed => end = Some(End::Closed(event.date)),
            EventKind::ReferredToOmbudsman => end = Some(End::Ombudsman(event.date)),
            EventKind::ReferredToDesignatedPerson => {}
            EventKind::CompensationOffered { .. } => offers.offered = Some(event.date),
            EventKind::CompensationAccepted => {
                offers.accepted.get_or_insert(event.date);
            }
            EventKind::CompensationPaid | EventKind::Assigned { .. } => {}
        }
    }
    Ok((runs, end, offers))
}

/// Date arithmetic that collects coverage warnings.
struct Dates<'a> {
    calendar: &'a Calendar,
    warnings: &'a mut Vec<Warning>,
}

impl Dates<'_> {
    fn add(&mut self, from: NaiveDate, period: Period) -> NaiveDate {
        let dated = self.calendar.add(from, period);
        if let Some(w) = dated.warning {
            if !self.warnings.iter().any(
                |x| matches!(x, Warning::Coverage(c) if c.covered_to == w.covered_to && c.date <= w.date),
            ) {
                self.warnings.push(Warning::Coverage(w));
            }
        }
        dated.date
    }
}

/// The state of a deadline, given when (if ever) it was done.
fn state_for(
    party: Party,
    due: NaiveDate,
    done: Option<NaiveDate>,
    end: Option<End>,
    today: NaiveDate,
) -> DeadlineState {
    match done {
        Some(on) if on <= due => DeadlineState::Met { on },
        Some(on) => DeadlineState::Missed { on },
        None => match end {
            Some(e) if e.date() <= due => DeadlineState::Stopped { on: e.date() },
            Some(_) if party == Party::Resident => DeadlineState::Lapsed,
            Some(e) => DeadlineState::Passed { moved_on: e.date() },
            None if today > due => match party {
                Party::Landlord => DeadlineState::Overdue,
                Party::Resident => DeadlineState::Lapsed,
            },
            _ => DeadlineState::Pending,
        },
    }
}

/// When a deadline counts from and when it is due.
#[derive(Clone, Copy)]
struct Span {
    from: NaiveDate,
    due: NaiveDate,
}

fn deadline(
    stage: &Stage,
    kind: DeadlineKind,
    party: Party,
    what: &str,
    span: Span,
    timescale: &Timescale,
    state: DeadlineState,
) -> Deadline {
    let Span { from: counted_from, due } = span;
    let suffix = match kind {
        DeadlineKind::Acknowledge => "acknowledge",
        DeadlineKind::Respond => "respond",
        DeadlineKind::ReturnForm => "form",
        DeadlineKind::AskForNextStage => "escalate",
        DeadlineKind::ReferToOmbudsman => "ombudsman",
        DeadlineKind::AcceptCompensation => "accept",
    };
    Deadline {
        id: format!("{}.{suffix}", stage.id),
        stage: stage.id.clone(),
        kind,
        party,
        what: what.to_string(),
        due,
        counted_from,
        rule: timescale.plain.clone(),
        clause: timescale.clause.clone(),
        state,
        aim_only: timescale.aim_only,
        extended_from: None,
        note: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn stage_deadlines(
    policy: &Policy,
    run: &StageRun,
    end: Option<End>,
    today: NaiveDate,
    is_last: bool,
    dates: &mut Dates,
    out: &mut Vec<Deadline>,
) {
    let stage = &policy.stages[run.index];
    // Moving on to the next stage stops anything this stage still owed.
    let stop = run.escalated.map(End::Closed).or(end);
    let mut ack_due = None;
    if let Some(ack) = &stage.acknowledge {
        let due = dates.add(run.start, ack.period);
        ack_due = Some(due);
        let state = state_for(Party::Landlord, due, run.acknowledged, stop, today);
        out.push(deadline(
            stage,
            DeadlineKind::Acknowledge,
            Party::Landlord,
            "Acknowledge the complaint",
            Span { from: run.start, due },
            ack,
            state,
        ));
    }
    if let Some(form) = &stage.resident_form {
        // The form is sent with the acknowledgement (or when that was due).
        let from = earliest(run.acknowledged, ack_due).unwrap_or(run.start);
        let due = dates.add(from, form.period);
        let state = state_for(Party::Resident, due, run.form, stop, today);
        out.push(deadline(
            stage,
            DeadlineKind::ReturnForm,
            Party::Resident,
            "Return the completed form",
            Span { from, due },
            form,
            state,
        ));
    }
    if let Some(respond) = &stage.respond {
        let from = match respond.from {
            Trigger::StageStart | Trigger::StageResponse => Some(run.start),
            // The acknowledgement, or when it was due if it came late or has not come.
            Trigger::Acknowledged => earliest(run.acknowledged, ack_due).or(Some(run.start)),
            Trigger::FormReceived => run.form,
        };
        if let Some(from) = from {
            let original = dates.add(from, respond.period);
            let mut due = original;
            let mut note = None;
            let mut extended_from = None;
            if let Some((new_due, agreed)) = run.extension {
                if new_due != original {
                    extended_from = Some(original);
                    due = new_due;
                    note = extension_note(stage, original, new_due, agreed, dates);
                }
            }
            let state = state_for(Party::Landlord, due, run.responded, stop, today);
            let what = if is_last { "Give the final response" } else { "Respond to the complaint" };
            let mut d = deadline(
                stage,
                DeadlineKind::Respond,
                Party::Landlord,
                what,
                Span { from, due },
                respond,
                state,
            );
            d.extended_from = extended_from;
            d.note = note;
            out.push(d);
        }
    }
    if let (Some(window), Some(responded)) = (&stage.escalation_window, run.responded) {
        let due = dates.add(responded, window.period);
        let next = policy.stages.get(run.index + 1).map(|s| s.name.as_str()).unwrap_or("the next stage");
        let state = state_for(Party::Resident, due, run.escalated, end, today);
        let mut d = deadline(
            stage,
            DeadlineKind::AskForNextStage,
            Party::Resident,
            &format!("Ask for {next}"),
            Span { from: responded, due },
            window,
            state,
        );
        if let DeadlineState::Missed { .. } = state {
            d.note = Some("The request came after the policy's window, so the landlord may refuse it. You can ask the Ombudsman about a refusal.".into());
        }
        out.push(d);
    }
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A caution when an extension goes beyond what the policy lets the landlord do alone.
fn extension_note(
    stage: &Stage,
    original: NaiveDate,
    new_due: NaiveDate,
    agreed: bool,
    dates: &mut Dates,
) -> Option<String> {
    let Some(rule) = &stage.extension else {
        return (!agreed).then(|| {
            format!("The policy does not provide for extending {} and you did not agree to it.", stage.name)
        });
    };
    let limit = rule.up_to.map(|p| dates.add(original, p));
    let needs_agreement = match rule.agreement {
        Agreement::NotNeeded => false,
        Agreement::Needed => true,
        Agreement::NeededBeyondLimit => limit.is_some_and(|l| new_due > l),
    };
    if needs_agreement && !agreed {
        return Some(format!(
            "This extension needs your agreement under clause {} of the policy, and you have not agreed to it.",
            rule.clause
        ));
    }
    if let (Some(limit), Agreement::NotNeeded) = (limit, rule.agreement) {
        if new_due > limit && !agreed {
            return Some(format!(
                "This is longer than the policy allows (clause {}): the latest date without your agreement is {}.",
                rule.clause,
                long_date(limit)
            ));
        }
    }
    None
}

fn ombudsman_access(
    policy: &Policy,
    final_response: Option<NaiveDate>,
    end: Option<End>,
    dates: &mut Dates,
    out: &mut Vec<Deadline>,
    today: NaiveDate,
) -> OmbudsmanAccess {
    let code = policy::code();
    let code_rule = &code.after_final.ombudsman;
    let ended = match end {
        Some(End::Refused(d) | End::EscalationRefused(d)) => Some(d),
        _ => None,
    };
    let Some(from) = final_response.or(ended) else {
        return OmbudsmanAccess {
            can_refer_now: matches!(end, Some(End::Ombudsman(_))),
            policy_says_from: None,
            refer_by: None,
            plain: "You can ask the Housing Ombudsman for advice at any time. You can refer your complaint to it once the landlord has given its final response, or if the landlord refuses to deal with it.".into(),
            clause: code_rule.clause.clone(),
        };
    };
    let refer_by = from.checked_add_months(Months::new(12)).unwrap_or(from);
    let referred = match end {
        Some(End::Ombudsman(d)) => Some(d),
        _ => None,
    };
    let stage = policy.stages.last().expect("validated policies have stages");
    let timescale = Timescale {
        period: Period::months(12),
        from: Trigger::StageResponse,
        clause: code_rule.clause.clone(),
        plain: code_rule.plain.clone(),
        aim_only: false,
    };
    let state = match referred {
        Some(on) => DeadlineState::Met { on },
        None if today > refer_by => DeadlineState::Lapsed,
        None => DeadlineState::Pending,
    };
    let mut d = deadline(
        stage,
        DeadlineKind::ReferToOmbudsman,
        Party::Resident,
        "Refer the complaint to the Housing Ombudsman",
        Span { from, due: refer_by },
        &timescale,
        state,
    );
    d.id = "ombudsman.refer".into();
    d.note = Some("The Ombudsman can still consider a later referral if there is a good reason.".into());
    out.push(d);
    let policy_says_from = policy.after_final.waiting.as_ref().map(|w| dates.add(from, w.period));
    let plain = match (&policy.after_final.waiting, policy_says_from) {
        (Some(w), Some(date)) => format!(
            "You can refer your complaint to the Housing Ombudsman now. {}'s policy says to wait {} (until {}), but that rule was abolished on 1 October 2022.",
            policy.landlord,
            w.period.describe(),
            long_date(date)
        ),
        _ => "You can refer your complaint to the Housing Ombudsman now, normally within 12 months of the landlord's final response or refusal.".into(),
    };
    OmbudsmanAccess {
        can_refer_now: true,
        policy_says_from,
        refer_by: Some(refer_by),
        plain,
        clause: code_rule.clause.clone(),
    }
}

fn next_steps(
    policy: &Policy,
    current: Option<&StageRun>,
    status: Status,
    deadlines: &[Deadline],
    ombudsman: &OmbudsmanAccess,
) -> (Vec<NextStep>, Vec<NextStep>) {
    let mut landlord = Vec::new();
    let mut resident = Vec::new();
    let open = |kind: DeadlineKind| {
        deadlines
            .iter()
            .rev()
            .find(|d| d.kind == kind && matches!(d.state, DeadlineState::Pending | DeadlineState::Overdue))
    };
    for kind in [DeadlineKind::Acknowledge, DeadlineKind::Respond] {
        if let Some(d) = open(kind) {
            let late = if d.is_overdue() { " (overdue)" } else { "" };
            landlord.push(NextStep {
                what: format!("{}{late}", d.what),
                by: Some(d.due),
                clause: d.clause.clone(),
            });
        }
    }
    if let Some(d) = open(DeadlineKind::ReturnForm) {
        resident.push(NextStep { what: d.what.clone(), by: Some(d.due), clause: d.clause.clone() });
        landlord.push(NextStep {
            what: "Wait for the resident's form; the response date counts from when it arrives".into(),
            by: None,
            clause: d.clause.clone(),
        });
    }
    let Some(run) = current else {
        return (landlord, resident);
    };
    let stage = &policy.stages[run.index];
    let next_stage = policy.stages.get(run.index + 1);
    match status {
        Status::ResponseGiven => {
            let next = next_stage.map(|s| s.name.as_str()).unwrap_or("the next stage");
            let window = deadlines
                .iter()
                .rev()
                .find(|d| d.kind == DeadlineKind::AskForNextStage && d.stage == stage.id);
            match window {
                Some(d) if d.state == DeadlineState::Pending => resident.push(NextStep {
                    what: format!("If you are not happy with the response, ask for {next}"),
                    by: Some(d.due),
                    clause: d.clause.clone(),
                }),
                Some(d) => resident.push(NextStep {
                    what: format!(
                        "The policy's time to ask for {next} ended on {}. You can still ask, but the landlord may refuse; if it does, you can take that to the Housing Ombudsman",
                        long_date(d.due)
                    ),
                    by: None,
                    clause: d.clause.clone(),
                }),
                None => resident.push(NextStep {
                    what: format!("If you are not happy with the response, ask for {next} (the policy sets no deadline)"),
                    by: None,
                    clause: stage.clause.clone(),
                }),
            }
        }
        Status::WithLandlord => {
            if let (Some(d), Some(next)) =
                (open(DeadlineKind::Respond).filter(|d| d.is_overdue()), next_stage)
            {
                resident.push(NextStep {
                    what: format!("The response is overdue: you can chase it, ask for {}, or ask the Housing Ombudsman to step in", next.name),
                    by: None,
                    clause: d.clause.clone(),
                });
            } else if let Some(d) = open(DeadlineKind::Respond).filter(|d| d.is_overdue()) {
                resident.push(NextStep {
                    what: "The final response is overdue: chase it, or ask the Housing Ombudsman to step in"
                        .into(),
                    by: None,
                    clause: d.clause.clone(),
                });
            }
        }
        Status::ProcessComplete | Status::Refused | Status::EscalationRefused => {
            resident.push(NextStep {
                what: "Refer your complaint to the Housing Ombudsman".into(),
                by: ombudsman.refer_by,
                clause: ombudsman.clause.clone(),
            });
        }
        Status::WithOmbudsman | Status::Closed | Status::NotStarted => {}
    }
    if let Some(d) = open(DeadlineKind::AcceptCompensation) {
        resident.push(NextStep {
            what: "Accept the compensation offered, if you want it".into(),
            by: Some(d.due),
            clause: d.clause.clone(),
        });
    }
    (landlord, resident)
}
