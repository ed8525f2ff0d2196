//! assess: walks a case's events through its policy's stages.
//!
//! The walk also applies the policy's automatic escalation (`Stage::auto_escalation`): a stage
//! whose response has not come by its due date moves on by itself on that date
//! ([`AutoEscalationWhen::NoResponseByDue`]), and a quick-fix stage that is not resolved at once
//! gives way to the formal stage from the complaint's receipt
//! ([`AutoEscalationWhen::NotResolvedAtOnce`]).

use chrono::{Months, NaiveDate};

use super::{
    Assessment, Deadline, DeadlineKind, DeadlineState, EngineError, ExtensionLimit, NextStep,
    OmbudsmanAccess, Party, StageBegan, StageRef, StageVisit, Status, Warning,
};
use crate::calendar::{long_date, Calendar, Period};
use crate::case::{Case, EventKind, Outcome, RemedyAgreement};
use crate::policy::{
    self, Agreement, AutoEscalationWhen, ExtensionCondition, Policy, Stage, Timescale, Trigger,
};

/// What happened at one stage, gathered from the events.
#[derive(Debug, Clone)]
struct StageRun {
    index: usize,
    start: NaiveDate,
    began: StageBegan,
    /// The index of the first event that belongs to this stage.
    first_event: usize,
    acknowledged: Option<NaiveDate>,
    form: Option<NaiveDate>,
    responded: Option<NaiveDate>,
    /// The latest extension: (new date, resident agreed).
    extension: Option<(NaiveDate, bool)>,
    /// When the case moved on to the next stage, if it did.
    escalated: Option<NaiveDate>,
    /// It moved on by itself because its response did not come in time.
    moved_on_unanswered: bool,
    /// What the response said about a remedy (the first response's word), and when the remedy
    /// agreed was delivered.
    remedy: Option<RemedyAgreement>,
    remedy_delivered: Option<NaiveDate>,
    /// It moved on by itself because the remedy agreed was not delivered by the date agreed.
    moved_on_undelivered: bool,
    hearing_arranged: Option<NaiveDate>,
    hearing_held: Option<NaiveDate>,
}

impl StageRun {
    fn new(index: usize, start: NaiveDate, began: StageBegan, first_event: usize) -> StageRun {
        StageRun {
            index,
            start,
            began,
            first_event,
            acknowledged: None,
            form: None,
            responded: None,
            extension: None,
            escalated: None,
            moved_on_unanswered: false,
            remedy: None,
            remedy_delivered: None,
            moved_on_undelivered: false,
            hearing_arranged: None,
            hearing_held: None,
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
    let Walk { runs, end, offers } = walk(policy, case, calendar, today)?;

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
    for stage in &policy.stages {
        if let Some(rule) = stage.auto_escalation.iter().find(|r| r.when.is_none()) {
            warnings.push(Warning::AutoEscalationNotApplied {
                stage: stage.id.clone(),
                clause: rule.clause.clone(),
                message: format!(
                    "{} moves on by itself under clause {}, but this copy of the policy does not say when, so the dates here do not follow it. Edit the policy to say when the complaint moves on.",
                    stage.name, rule.clause
                ),
            });
        }
    }
    let mut dates = Dates { calendar, warnings: &mut warnings };
    let mut deadlines = Vec::new();
    let last_index = policy.stages.len() - 1;
    for run in &runs {
        stage_deadlines(policy, run, end, today, run.index == last_index, &mut dates, &mut deadlines);
    }
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
                extension: None,
            });
        }
    }
    let ombudsman = ombudsman_access(policy, &runs, end, &mut dates, &mut deadlines, today);

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
    let landlord = if case.landlord.trim().is_empty() {
        policy.landlord.clone()
    } else {
        case.landlord.trim().to_string()
    };
    let (landlord_next, resident_next) = next_steps(policy, &landlord, &runs, status, &deadlines, &ombudsman);
    let stages = runs
        .iter()
        .map(|r| StageVisit {
            id: policy.stages[r.index].id.clone(),
            name: policy.stages[r.index].name.clone(),
            index: r.index,
            started: r.start,
            began: r.began.clone(),
            first_event: r.first_event,
        })
        .collect();
    Ok(Assessment {
        case_id: case.id.clone(),
        policy_id: policy.id.clone(),
        policy_version: policy.version.clone(),
        // The landlord the resident named (a landlord under the Code has its own name).
        landlord,
        today,
        status,
        current_stage: current.map(|r| StageRef {
            id: policy.stages[r.index].id.clone(),
            name: policy.stages[r.index].name.clone(),
            index: r.index,
            started: r.start,
        }),
        stages,
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

struct Walk {
    runs: Vec<StageRun>,
    end: Option<End>,
    offers: Offers,
}

/// Checks the sequence and gathers what happened at each stage, moving the case on where the
/// policy says it moves by itself.
fn walk(policy: &Policy, case: &Case, calendar: &Calendar, today: NaiveDate) -> Result<Walk, EngineError> {
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
        if end.is_none()
            && !runs.is_empty()
            && move_on_by_itself(policy, calendar, &mut runs, event.date, Some((index, &event.what)), 0)
        {
            // The event was the request for the formal stage the policy had already begun.
            continue;
        }
        if end.is_none() && event.what == EventKind::EscalationRequested && asked_for_current(&runs) {
            // The resident asked for the stage the policy had already moved the complaint to.
            continue;
        }
        match &event.what {
            EventKind::Received => {
                if !runs.is_empty() {
                    return Err(EngineError::ReceivedTwice { index, kind: kind() });
                }
                runs.push(StageRun::new(0, event.date, StageBegan::Received, index));
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
            EventKind::Responded { compensation_pence, remedy_agreed, .. } => {
                let run = runs.last_mut().expect("received first");
                if run.responded.is_none() {
                    run.remedy = *remedy_agreed;
                }
                run.responded.get_or_insert(event.date);
                if compensation_pence.is_some_and(|p| p > 0) {
                    offers.offered = Some(event.date);
                }
            }
            EventKind::FormReceived => {
                let run = runs.last_mut().expect("received first");
                run.form.get_or_insert(event.date);
            }
            EventKind::RemedyDelivered => {
                // The remedy of the latest stage that agreed one: this stage's, or (delivered
                // late, after the complaint moved on without it) the stage before's.
                if let Some(run) = runs.iter_mut().rev().take(2).find(|r| {
                    r.remedy.and_then(RemedyAgreement::deliver_by).is_some() && r.remedy_delivered.is_none()
                }) {
                    run.remedy_delivered = Some(event.date);
                }
            }
            EventKind::HearingArranged | EventKind::HearingHeld => {
                let run = runs.last_mut().expect("received first");
                let stage = &policy.stages[run.index];
                if stage.hearing.is_none() {
                    return Err(EngineError::NoHearing { index, kind: kind(), stage: stage.name.clone() });
                }
                // A hearing held was decided on, on that day at the latest.
                run.hearing_arranged.get_or_insert(event.date);
                if event.what == EventKind::HearingHeld {
                    run.hearing_held.get_or_insert(event.date);
                }
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
                runs.push(StageRun::new(next, event.date, StageBegan::Requested, index));
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
    if end.is_none() && !runs.is_empty() {
        move_on_by_itself(policy, calendar, &mut runs, today, None, case.events.len());
    }
    Ok(Walk { runs, end, offers })
}

/// An event that is a step at a stage (as opposed to an ending, compensation or a handler).
pub(super) fn is_stage_step(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Acknowledged
            | EventKind::Extended { .. }
            | EventKind::Responded { .. }
            | EventKind::FormReceived
            | EventKind::HearingArranged
            | EventKind::HearingHeld
            | EventKind::EscalationRequested
            | EventKind::RemedyDelivered
    )
}

/// Whether a request for the next stage, now, asks for the stage the complaint is already at:
/// the policy moved it there by itself (no response in time, or no remedy agreed or delivered),
/// and that stage has not answered yet. The resident asked for what the policy had done.
fn asked_for_current(runs: &[StageRun]) -> bool {
    runs.last().is_some_and(|run| {
        run.responded.is_none()
            && run.escalated.is_none()
            && matches!(
                run.began,
                StageBegan::Automatically {
                    when: AutoEscalationWhen::NoResponseByDue
                        | AutoEscalationWhen::RemedyNotAgreedOrDelivered,
                    ..
                }
            )
    })
}

/// Applies the current stage's automatic escalation up to `at`, the date of `event` (or of the
/// assessment, with no event; `log_len` is then the number of events). Returns whether `event`
/// was the request for a formal stage the policy had already begun by itself, so that it is not
/// a request for the stage after.
fn move_on_by_itself(
    policy: &Policy,
    calendar: &Calendar,
    runs: &mut Vec<StageRun>,
    at: NaiveDate,
    event: Option<(usize, &EventKind)>,
    log_len: usize,
) -> bool {
    'stage: loop {
        let run = runs.last().expect("called once received");
        if run.escalated.is_some() || run.index + 1 >= policy.stages.len() {
            return false;
        }
        let stage = &policy.stages[run.index];
        let first_event = event.map(|(i, _)| i).unwrap_or(log_len);
        for rule in stage.auto_escalation.iter() {
            let Some(when) = rule.when else { continue };
            let began =
                StageBegan::Automatically { when, clause: rule.clause.clone(), plain: rule.plain.clone() };
            let run = runs.last().expect("read above");
            match when {
                AutoEscalationWhen::NoResponseByDue => {
                    if run.responded.is_some() {
                        continue;
                    }
                    let Some(due) = unanswered_from(stage, run, calendar) else { continue };
                    if at <= due {
                        continue;
                    }
                    let next = run.index + 1;
                    let run = runs.last_mut().expect("just read");
                    run.escalated = Some(due);
                    run.moved_on_unanswered = true;
                    runs.push(StageRun::new(next, due, began, first_event));
                    continue 'stage;
                }
                AutoEscalationWhen::RemedyNotAgreedOrDelivered => {
                    let Some(responded) = run.responded else { continue };
                    let (moves_on, undelivered) = match run.remedy {
                        // No remedy agreed: it moves on the day of the response.
                        Some(RemedyAgreement::NotAgreed) => (responded, false),
                        // Not delivered by the date agreed: it moves on that date.
                        Some(RemedyAgreement::Agreed { deliver_by }) => {
                            if run.remedy_delivered.is_some_and(|d| d <= deliver_by) || at <= deliver_by {
                                continue;
                            }
                            (deliver_by.max(responded), true)
                        }
                        Some(RemedyAgreement::NoneNeeded) | None => continue,
                    };
                    if at < moves_on {
                        continue;
                    }
                    let next = run.index + 1;
                    let run = runs.last_mut().expect("just read");
                    run.escalated = Some(moves_on);
                    run.moved_on_undelivered = undelivered;
                    runs.push(StageRun::new(next, moves_on, began, first_event));
                    continue 'stage;
                }
                AutoEscalationWhen::NotResolvedAtOnce => {
                    if run.responded.is_some() {
                        continue;
                    }
                    // Decided once: at the first step at this stage, once the quick-fix day has
                    // passed, or at the end of the log. Only a resolution in time is a quick fix.
                    let quick_fix_by = respond_due(stage, run, calendar).unwrap_or(run.start);
                    let decided = match event {
                        None => true,
                        Some((_, kind)) => at > quick_fix_by || is_stage_step(kind),
                    };
                    let quick_fix =
                        matches!(event, Some((_, EventKind::Responded { outcome: Outcome::Resolved, .. })))
                            && at <= quick_fix_by;
                    if !decided || quick_fix {
                        continue;
                    }
                    // No quick fix: the formal stage runs from the receipt, in place of the quick fix.
                    let quick = runs.pop().expect("just read");
                    runs.push(StageRun::new(quick.index + 1, quick.start, began, quick.first_event));
                    if let Some((_, EventKind::EscalationRequested)) = event {
                        let formal = runs.last().expect("just pushed");
                        let formal_due = respond_due(&policy.stages[formal.index], formal, calendar);
                        // A request before the formal answer is due asks for the formal process,
                        // which is already under way; a later one asks for the stage after it.
                        if formal_due.is_none_or(|due| at <= due) {
                            return true;
                        }
                    }
                    continue 'stage;
                }
            }
        }
        return false;
    }
}

/// The date a stage's response counts from, given when its acknowledgement was due.
fn respond_from(respond: &Timescale, run: &StageRun, ack_due: Option<NaiveDate>) -> Option<NaiveDate> {
    match respond.from {
        Trigger::StageStart | Trigger::StageResponse => Some(run.start),
        // The acknowledgement, or when it was due if it came late or has not come.
        Trigger::Acknowledged => earliest(run.acknowledged, ack_due).or(Some(run.start)),
        Trigger::FormReceived => run.form,
        Trigger::HearingHeld => run.hearing_held,
    }
}

/// When a stage's response is due now (after any extension), if it can be known yet.
fn respond_due(stage: &Stage, run: &StageRun, calendar: &Calendar) -> Option<NaiveDate> {
    let respond = stage.respond.as_ref()?;
    let ack_due = stage.acknowledge.as_ref().map(|a| calendar.add(run.start, a.period).date);
    let from = respond_from(respond, run, ack_due)?;
    let original = calendar.add(from, respond.period).date;
    // An extension only ever gives more time (as in `stage_deadlines`).
    Some(run.extension.map(|(new_due, _)| new_due).filter(|new_due| *new_due > original).unwrap_or(original))
}

/// When a stage that moves on unanswered does so: its response date, moved by an extension only
/// if the resident agreed to it or the policy lets the landlord extend that far on its own (an
/// extension nobody agreed to is not "an agreed timeframe", ForHousing 2).
fn unanswered_from(stage: &Stage, run: &StageRun, calendar: &Calendar) -> Option<NaiveDate> {
    let respond = stage.respond.as_ref()?;
    let ack_due = stage.acknowledge.as_ref().map(|a| calendar.add(run.start, a.period).date);
    let original = calendar.add(respond_from(respond, run, ack_due)?, respond.period).date;
    let Some((new_due, agreed)) = run.extension else { return Some(original) };
    let allowed = match &stage.extension {
        _ if agreed => true,
        None => false,
        Some(rule) => {
            let limit = rule.up_to.map(|p| calendar.add(original, p).date);
            match rule.agreement {
                Agreement::Needed => false,
                Agreement::NeededBeyondLimit => limit.is_some_and(|l| new_due <= l),
                Agreement::NotNeeded => limit.is_none_or(|l| new_due <= l) || rule.beyond().is_some(),
            }
        }
    };
    Some(if allowed && new_due > original { new_due } else { original })
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
        DeadlineKind::HoldHearing => "hearing",
        DeadlineKind::HearingDecision => "decision",
        DeadlineKind::DeliverRemedy => "remedy",
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
        extension: None,
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
        // The form's time runs from when the resident receives it, never from a date before it
        // was sent: it is sent with the acknowledgement, so there is no date until that comes.
        let sent = match form.from {
            Trigger::Acknowledged => run.acknowledged,
            Trigger::StageStart => Some(run.start),
            _ => None,
        };
        if let Some(from) = sent {
            let due = dates.add(from, form.period);
            let state = state_for(Party::Resident, due, run.form, stop, today);
            let mut d = deadline(
                stage,
                DeadlineKind::ReturnForm,
                Party::Resident,
                "Return the completed form",
                Span { from, due },
                form,
                state,
            );
            if form.from == Trigger::Acknowledged {
                d.note = Some(format!(
                    "Counted from {}, when the form was sent with the acknowledgement. The policy's time runs from when you receive it, so you may have a little longer.",
                    long_date(from)
                ));
            }
            out.push(d);
        }
    }
    if let Some(respond) = &stage.respond {
        if let Some(from) = respond_from(respond, run, ack_due) {
            let original = dates.add(from, respond.period);
            let mut due = original;
            let mut note = None;
            let mut extended_from = None;
            if let Some((new_due, agreed)) = run.extension {
                if new_due > original {
                    extended_from = Some(original);
                    due = new_due;
                    note = extension_note(stage, original, new_due, agreed, dates);
                } else if new_due < original {
                    // An extension gives more time. A date before the one already due (a file
                    // from elsewhere; the action form refuses it) cannot shorten the time, and
                    // could fall before the time even began to count.
                    note = Some(format!(
                        "An extension to {} was recorded, but the response was already due by {}, so that date stands.",
                        long_date(new_due),
                        long_date(original)
                    ));
                }
            }
            let (what, done) = match &stage.hearing {
                Some(hearing) => (
                    format!("Decide whether to hold a {} (and if not, explain why)", hearing.name),
                    earliest(run.hearing_arranged, run.responded),
                ),
                None if is_last => ("Give the final response".to_string(), run.responded),
                None => ("Respond to the complaint".to_string(), run.responded),
            };
            let state = if run.moved_on_unanswered && done.is_none() {
                // Not answered in time, so the complaint moved on by itself that day.
                let moved_on = run.escalated.unwrap_or(due);
                if moved_on != due {
                    let next = policy.stages.get(run.index + 1).map_or("the next stage", |s| s.name.as_str());
                    let moved =
                        format!("The complaint moved to {next} by itself on {}.", long_date(moved_on));
                    note = Some(note.map_or(moved.clone(), |n| format!("{n} {moved}")));
                }
                DeadlineState::Passed { moved_on }
            } else {
                state_for(Party::Landlord, due, done, stop, today)
            };
            let mut d = deadline(
                stage,
                DeadlineKind::Respond,
                Party::Landlord,
                &what,
                Span { from, due },
                respond,
                state,
            );
            d.extended_from = extended_from;
            d.note = note;
            d.extension = stage.extension.as_ref().map(|rule| ExtensionLimit {
                latest_with_extension: rule.up_to.map(|p| dates.add(original, p)),
                condition: rule.condition(),
                beyond: rule.up_to.and(rule.beyond()),
                rule: rule.plain.clone(),
                clause: rule.clause.clone(),
            });
            out.push(d);
        }
    }
    if let (Some(deliver_by), Some(responded)) =
        (run.remedy.and_then(RemedyAgreement::deliver_by), run.responded)
    {
        let rule = stage
            .auto_escalation
            .iter()
            .find(|r| r.when == Some(AutoEscalationWhen::RemedyNotAgreedOrDelivered))
            .filter(|_| !is_last);
        let timescale = Timescale {
            period: Period::working_days(0),
            from: Trigger::StageResponse,
            clause: rule.map_or_else(|| stage.clause.clone(), |r| r.clause.clone()),
            plain: rule.map_or_else(
                || "The remedy agreed in the response, by the date agreed.".to_string(),
                |r| r.plain.clone(),
            ),
            aim_only: false,
        };
        // Delivering the remedy is the last thing a stage owes: only the case's end stops it.
        let state = if run.moved_on_undelivered {
            match run.remedy_delivered {
                Some(on) => DeadlineState::Missed { on },
                None => DeadlineState::Passed { moved_on: run.escalated.unwrap_or(deliver_by) },
            }
        } else {
            state_for(
                Party::Landlord,
                deliver_by,
                run.remedy_delivered,
                run.escalated.map(End::Closed).or(end),
                today,
            )
        };
        let mut d = deadline(
            stage,
            DeadlineKind::DeliverRemedy,
            Party::Landlord,
            "Deliver the agreed remedy",
            Span { from: responded, due: deliver_by },
            &timescale,
            state,
        );
        if run.moved_on_undelivered {
            let next = policy.stages.get(run.index + 1).map_or("the next stage", |s| s.name.as_str());
            d.note = Some(format!(
                "It was not delivered by the date agreed, so the complaint moved to {next} by itself on {}.",
                long_date(run.escalated.unwrap_or(deliver_by))
            ));
        }
        out.push(d);
    }
    if let Some(hearing) = &stage.hearing {
        if let Some(arranged) = run.hearing_arranged {
            let from = match hearing.hold.from {
                Trigger::FormReceived => run.form,
                Trigger::Acknowledged => earliest(run.acknowledged, ack_due),
                _ => Some(run.start),
            }
            .unwrap_or(arranged);
            let due = dates.add(from, hearing.hold.period);
            let state = state_for(Party::Landlord, due, run.hearing_held, stop, today);
            out.push(deadline(
                stage,
                DeadlineKind::HoldHearing,
                Party::Landlord,
                &format!("Hold the {}", hearing.name),
                Span { from, due },
                &hearing.hold,
                state,
            ));
        }
        if let Some(held) = run.hearing_held {
            let due = dates.add(held, hearing.decision.period);
            let done = run.responded.filter(|r| *r >= held);
            let state = state_for(Party::Landlord, due, done, stop, today);
            let what = if is_last {
                format!("Send the final decision after the {}", hearing.name)
            } else {
                format!("Send the decision after the {}", hearing.name)
            };
            out.push(deadline(
                stage,
                DeadlineKind::HearingDecision,
                Party::Landlord,
                &what,
                Span { from: held, due },
                &hearing.decision,
                state,
            ));
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

/// A caution when an extension goes beyond what the policy lets the landlord do.
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
    let beyond_limit = limit.is_some_and(|l| new_due > l);
    let needs_agreement = match rule.agreement {
        Agreement::NotNeeded => false,
        Agreement::Needed => true,
        Agreement::NeededBeyondLimit => beyond_limit,
    };
    if needs_agreement && !agreed {
        return Some(format!(
            "This extension needs your agreement under clause {} of the policy, and you have not agreed to it.",
            rule.clause
        ));
    }
    let limit = limit.filter(|_| beyond_limit)?;
    match rule.beyond() {
        Some(ExtensionCondition::ResidentAgrees) => None,
        // The Code's test: a longer extension needs a good reason (agreement does not lift it).
        Some(ExtensionCondition::GoodReason) => Some(format!(
            "This is longer than the policy allows without a good reason (clause {}): the latest date without one is {}. The landlord must have a good reason and explain it to you.",
            rule.clause,
            long_date(limit)
        )),
        _ => Some(format!(
            "This is longer than the policy allows (clause {}): the latest date it allows is {}.",
            rule.clause,
            long_date(limit)
        )),
    }
}

/// The index of the stage after whose response the Code lets the resident go to the Ombudsman:
/// the second formal stage (the Code has exactly two), or the last if there are fewer.
pub(crate) fn code_final_stage(policy: &Policy) -> usize {
    let last = policy.stages.len().saturating_sub(1);
    policy.stages.iter().enumerate().filter(|(_, s)| s.is_formal()).nth(1).map(|(i, _)| i).unwrap_or(last)
}

fn ombudsman_access(
    policy: &Policy,
    runs: &[StageRun],
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
    // The Code's process has two stages: a response at the second formal stage (or any later one)
    // opens the way to the Ombudsman, whatever further stage the policy has.
    let second = code_final_stage(policy);
    let answered =
        runs.iter().filter(|r| r.index >= second).filter_map(|r| r.responded.map(|d| (r.index, d)));
    let latest = answered.max_by_key(|(_, d)| *d);
    let Some(from) = latest.map(|(_, d)| d).or(ended) else {
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
    let mut plain = match (&policy.after_final.waiting, policy_says_from) {
        (Some(w), Some(date)) => format!(
            "You can refer your complaint to the Housing Ombudsman now. {}'s policy says to wait {} (until {}), but that rule was abolished on 1 October 2022.",
            policy.landlord,
            w.period.describe(),
            long_date(date)
        ),
        _ => "You can refer your complaint to the Housing Ombudsman now, normally within 12 months of the landlord's final response or refusal.".into(),
    };
    // A further internal stage cannot hold the resident back.
    if let Some((index, _)) = latest.filter(|(i, _)| i + 1 < policy.stages.len()) {
        let further: Vec<&str> = policy.stages[index + 1..].iter().map(|s| s.name.as_str()).collect();
        plain.push_str(&format!(
            " The Code allows two stages, and {} was the second, so you do not have to go through {} first. You can still ask for it if you want to.",
            policy.stages[index].name,
            further.join(" and ")
        ));
    }
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
    landlord_name: &str,
    runs: &[StageRun],
    status: Status,
    deadlines: &[Deadline],
    ombudsman: &OmbudsmanAccess,
) -> (Vec<NextStep>, Vec<NextStep>) {
    let current = runs.last();
    let mut landlord = Vec::new();
    let mut resident = Vec::new();
    let open = |kind: DeadlineKind| {
        deadlines
            .iter()
            .rev()
            .find(|d| d.kind == kind && matches!(d.state, DeadlineState::Pending | DeadlineState::Overdue))
    };
    for kind in [
        DeadlineKind::Acknowledge,
        DeadlineKind::Respond,
        DeadlineKind::HoldHearing,
        DeadlineKind::HearingDecision,
        DeadlineKind::DeliverRemedy,
    ] {
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
    // A stage the policy moved the complaint into: the resident need not ask for it.
    if let (StageBegan::Automatically { when, clause, .. }, Status::WithLandlord) = (&run.began, status) {
        let what = match when {
            AutoEscalationWhen::NoResponseByDue => format!(
                "Your complaint moved to {} by itself on {}, because {landlord_name} did not respond in time. You do not need to ask for it",
                stage.name,
                long_date(run.start)
            ),
            AutoEscalationWhen::RemedyNotAgreedOrDelivered => {
                let before = runs.len().checked_sub(2).map(|i| &runs[i]);
                let why = if before.is_some_and(|r| r.moved_on_undelivered) {
                    format!("{landlord_name} did not deliver the remedy it agreed by the date agreed")
                } else {
                    format!("{landlord_name} did not agree a remedy with you")
                };
                format!(
                    "Your complaint moved to {} by itself on {}, because {why}. You do not need to ask for it",
                    stage.name,
                    long_date(run.start)
                )
            }
            AutoEscalationWhen::NotResolvedAtOnce => format!(
                "Your complaint is in {landlord_name}'s formal process ({}) from the day it was received, because it was not put right straight away. You do not need to ask for it",
                stage.name
            ),
        };
        resident.push(NextStep { what, by: None, clause: clause.clone() });
    }
    match status {
        Status::ResponseGiven => {
            let next = next_stage.map(|s| s.name.as_str()).unwrap_or("the next stage");
            // A remedy agreed under a policy that moves the complaint on if it is not delivered.
            let remedy = deadlines
                .iter()
                .rev()
                .find(|d| d.kind == DeadlineKind::DeliverRemedy && d.stage == stage.id)
                .filter(|d| d.state == DeadlineState::Pending);
            let moves_on = stage
                .auto_escalation
                .iter()
                .find(|r| r.when == Some(AutoEscalationWhen::RemedyNotAgreedOrDelivered));
            if let (Some(d), Some(rule), Some(_)) = (remedy, moves_on, next_stage) {
                resident.push(NextStep {
                    what: format!(
                        "{landlord_name} agreed to deliver the remedy by {}. If it does not, your complaint moves to {next} by itself: you do not need to ask for it",
                        long_date(d.due)
                    ),
                    by: None,
                    clause: rule.clause.clone(),
                });
            }
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
            if ombudsman.can_refer_now {
                resident.push(NextStep {
                    what: format!(
                        "Or refer your complaint to the Housing Ombudsman now: you do not have to ask for {next} first"
                    ),
                    by: ombudsman.refer_by,
                    clause: ombudsman.clause.clone(),
                });
            }
        }
        Status::WithLandlord => {
            let overdue = open(DeadlineKind::Respond).filter(|d| d.is_overdue());
            if let (Some(d), Some(next)) = (overdue, next_stage) {
                resident.push(NextStep {
                    what: format!("The response is overdue: you can chase it, ask for {}, or ask the Housing Ombudsman to step in", next.name),
                    by: None,
                    clause: d.clause.clone(),
                });
            } else if let Some(d) = overdue {
                // At a stage with a hearing, what is due first is the decision whether to hold one
                // (Housing Plus Level 3: the Director's decision on a Panel), not a final response.
                let late = match &stage.hearing {
                    Some(hearing) => format!("The decision whether to hold a {} is overdue", hearing.name),
                    None => "The final response is overdue".to_string(),
                };
                resident.push(NextStep {
                    what: format!("{late}: chase it, or ask the Housing Ombudsman to step in"),
                    by: None,
                    clause: d.clause.clone(),
                });
            }
            if ombudsman.can_refer_now {
                resident.push(NextStep {
                    what: format!(
                        "You can refer your complaint to the Housing Ombudsman now, without waiting for {}",
                        stage.name
                    ),
                    by: ombudsman.refer_by,
                    clause: ombudsman.clause.clone(),
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
            what: {
                let mut what = "Accept the compensation offered, if you want it".to_string();
                // How it is paid (Progress Appendix 1: credited to any arrears first).
                for rule in policy.compensation.iter().flat_map(|c| &c.payment) {
                    what.push_str(&format!(". {}", rule.plain.trim_end_matches('.')));
                }
                what
            },
            by: Some(d.due),
            clause: d.clause.clone(),
        });
    }
    (landlord, resident)
}
