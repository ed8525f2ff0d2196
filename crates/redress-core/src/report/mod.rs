//! report: the annual complaints performance report, and the Code self-assessment.
//!
//! [`annual_report`] takes the cases received in a [`ReportPeriod`], assesses each with the
//! engine (so "on time" means exactly what the resident's own page says) and counts: feedback by
//! kind, complaints by category, outcome and furthest stage, each stage's acknowledgement and
//! response timeliness, compensation offered and paid, the lessons learned, and what is overdue
//! now. [`Report::charts`] turns the counts into [`BarChart`]s with geometry-free values, which
//! the UI draws. [`self_assessment`] holds the Code's provisions, what the report and the policy
//! can show about each, and the landlord's own answers.
//!
//! Like everything in the pure core, nothing here is stored: a report is derived on demand from
//! (cases, policies, calendar, period, today).

pub mod self_assessment;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::case::{Case, EventKind, FeedbackKind, Outcome};
use crate::engine::{assess, Assessment, DeadlineKind, DeadlineState, StageVisit};
use crate::policy::Policy;

/// The label for complaints that have had no response yet, in [`Report::by_outcome`].
pub const NO_RESPONSE_YET: &str = "No response yet";

/// The label for complaints recorded without a category, in [`Report::by_category`].
pub const NO_CATEGORY: &str = "No category recorded";

/// The dates a report covers, both inclusive (normally a financial year, 1 April to 31 March).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl ReportPeriod {
    /// The financial year (1 April to 31 March) that `today` falls in: the report's and the
    /// self-assessment's period until another is chosen.
    pub fn financial_year(today: NaiveDate) -> ReportPeriod {
        use chrono::Datelike;
        let start_year = if today.month() >= 4 { today.year() } else { today.year() - 1 };
        ReportPeriod {
            from: NaiveDate::from_ymd_opt(start_year, 4, 1).expect("1 April is a date"),
            to: NaiveDate::from_ymd_opt(start_year + 1, 3, 31).expect("31 March is a date"),
        }
    }

    /// Whether `date` falls within the period (both ends included).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// One labelled count, e.g. ("Repairs", 12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub label: String,
    pub count: u32,
}

/// A case the engine could not assess (an impossible sequence of events), left out of the figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotAssessable {
    pub case_id: String,
    /// The engine's message, naming the event at fault.
    pub message: String,
}

/// How one stage performed: complaints that reached it, and how quickly they were acknowledged
/// and answered. "On time" is the engine's [`DeadlineState::Met`]; "late" is
/// [`DeadlineState::Missed`] (done after the due date), plus a deadline that passed with nothing
/// done ([`DeadlineState::Overdue`], or [`DeadlineState::Passed`] when the case moved on), which
/// counts as late but not done. Deadlines still pending, or stopped before they fell due, are not
/// counted at all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageFigures {
    /// `stage0`, `stage1`, `stage2`, `stage3`.
    pub stage_id: String,
    /// The stage's name in the policy (names joined with " / " where policies differ).
    pub stage_name: String,
    /// Complaints that reached this stage.
    pub started: u32,
    /// Acknowledgements given (on time or late).
    pub acknowledged: u32,
    pub acknowledged_on_time: u32,
    /// Acknowledgements whose due date passed with nothing done.
    pub not_acknowledged_late: u32,
    /// Responses given (on time or late).
    pub responded: u32,
    pub responded_on_time: u32,
    /// Responses whose due date passed with nothing done.
    pub not_responded_late: u32,
    /// The mean number of working days from the start of the stage (the complaint received, or
    /// the request for this stage) to the response, over the responses given.
    pub average_working_days_to_respond: Option<f64>,
}

impl StageFigures {
    /// Acknowledgement deadlines that have fallen due and count towards the on-time share.
    pub fn acknowledgements_due(&self) -> u32 {
        self.acknowledged + self.not_acknowledged_late
    }

    /// Response deadlines that have fallen due and count towards the on-time share.
    pub fn responses_due(&self) -> u32 {
        self.responded + self.not_responded_late
    }

    /// The share of acknowledgements on time, in percent (`None` if none has fallen due).
    pub fn acknowledged_on_time_percent(&self) -> Option<f64> {
        percent(self.acknowledged_on_time, self.acknowledgements_due())
    }

    /// The share of responses on time, in percent (`None` if none has fallen due).
    pub fn responded_on_time_percent(&self) -> Option<f64> {
        percent(self.responded_on_time, self.responses_due())
    }
}

/// Compensation offered and paid in the period's cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CompensationFigures {
    /// Offers made: each response with compensation above zero, and each separate offer (a
    /// revised offer counts again).
    pub offers: u32,
    /// The total of every offer, in pence.
    pub offered_pence: u64,
    /// Payments recorded.
    pub paid: u32,
    /// The total paid, in pence: for each payment, the amount of the latest offer before it.
    pub paid_pence: u64,
}

/// A lesson the landlord recorded with a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lesson {
    pub case_id: String,
    /// The date of the response.
    pub date: NaiveDate,
    /// The stage the response was given at.
    pub stage_name: String,
    pub text: String,
}

/// The annual complaints performance report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: ReportPeriod,
    /// Cases received in the period and assessed (every kind of feedback).
    pub total: u32,
    /// Of those, complaints. Only complaints count in the outcome, stage and timeliness figures.
    pub complaints: u32,
    /// Every kind of feedback, in [`FeedbackKind::ALL`] order; kinds with none are left out.
    pub by_kind: Vec<Count>,
    /// Complaints by category, the most common first (ties by name).
    pub by_category: Vec<Count>,
    /// Complaints by the outcome of their latest response, in [`Outcome::ALL`] order, then
    /// [`NO_RESPONSE_YET`]; outcomes with none are left out.
    pub by_outcome: Vec<Count>,
    /// Complaints by the furthest stage they reached, labelled by the stage's name, in policy
    /// order.
    pub by_stage: Vec<Count>,
    /// One entry per stage id reached, in id order (`stage0`, `stage1`, ...).
    pub stages: Vec<StageFigures>,
    pub compensation: CompensationFigures,
    /// Lessons recorded with responses, by date.
    pub lessons: Vec<Lesson>,
    /// Complaints with at least one deadline overdue as of the report's `today`. (The engine
    /// dates every case alike, so other kinds of feedback are left out: a compliment has nothing
    /// to answer.)
    pub overdue_now: u32,
    /// Cases received in the period that the engine could not assess, left out of every figure.
    pub not_assessable: Vec<NotAssessable>,
}

/// Per-stage tallies while building the report.
#[derive(Default)]
struct StageTally {
    /// Distinct names, in the order first seen.
    names: Vec<String>,
    started: u32,
    acknowledged: u32,
    acknowledged_on_time: u32,
    not_acknowledged_late: u32,
    responded: u32,
    responded_on_time: u32,
    not_responded_late: u32,
    working_days: Vec<u32>,
}

/// Builds the report for the cases received in `period`, each assessed under its policy with
/// `calendar` as of `today`. A case the engine cannot assess is listed in
/// [`Report::not_assessable`] and left out of every figure; a case with no `received` event
/// belongs to no period and is left out.
pub fn annual_report(
    cases: &[(&Case, &Policy)],
    calendar: &Calendar,
    period: ReportPeriod,
    today: NaiveDate,
) -> Report {
    report_of(cases.iter().map(|&(case, policy)| (case, Ok((policy, calendar)))), period, today)
}

/// Builds the report as [`annual_report`] does, each case with its own policy and calendar, or
/// the reason they cannot be found (the case is then listed in [`Report::not_assessable`] with
/// that reason). `context::CaseRules::report` gives each case its own.
pub fn report_of<'a>(
    cases: impl IntoIterator<Item = (&'a Case, Result<(&'a Policy, &'a Calendar), String>)>,
    period: ReportPeriod,
    today: NaiveDate,
) -> Report {
    let mut total = 0;
    let mut complaints = 0;
    let mut kinds: BTreeMap<usize, u32> = BTreeMap::new();
    let mut categories: BTreeMap<String, u32> = BTreeMap::new();
    let mut outcomes: BTreeMap<usize, u32> = BTreeMap::new();
    // (stage id, stage name) -> count of complaints whose furthest stage it is.
    let mut furthest: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut stages: BTreeMap<String, StageTally> = BTreeMap::new();
    let mut compensation = CompensationFigures::default();
    let mut lessons = Vec::new();
    let mut overdue_now = 0;
    let mut not_assessable = Vec::new();

    for (case, rules) in cases {
        let Some(received) = case.received() else { continue };
        if !period.contains(received) {
            continue;
        }
        let assessed = rules.and_then(|(policy, calendar)| {
            assess(policy, case, calendar, today).map(|a| (policy, calendar, a)).map_err(|e| e.to_string())
        });
        let (policy, calendar, assessment) = match assessed {
            Ok(found) => found,
            Err(message) => {
                not_assessable.push(NotAssessable { case_id: case.id.clone(), message });
                continue;
            }
        };
        total += 1;
        *kinds.entry(kind_index(case.feedback)).or_default() += 1;
        // The stages as the engine walked them (including those the policy moved the case into).
        let runs: Vec<(usize, NaiveDate)> = assessment.stages.iter().map(|v| (v.index, v.started)).collect();
        count_compensation(case, &mut compensation);
        collect_lessons(case, &assessment, &mut lessons);
        if case.feedback != FeedbackKind::Complaint {
            continue;
        }
        complaints += 1;
        if !assessment.overdue.is_empty() {
            overdue_now += 1;
        }
        let category = match case.category.trim() {
            "" => NO_CATEGORY,
            c => c,
        };
        *categories.entry(category.to_string()).or_default() += 1;
        let last_outcome = case.events.iter().rev().find_map(|e| match &e.what {
            EventKind::Responded { outcome, .. } => Some(*outcome),
            _ => None,
        });
        let outcome_index = last_outcome.map_or(Outcome::ALL.len(), outcome_index);
        *outcomes.entry(outcome_index).or_default() += 1;
        if let Some(&(index, _)) = runs.last() {
            let stage = &policy.stages[index];
            *furthest.entry((stage.id.clone(), stage.name.clone())).or_default() += 1;
        }
        for &(index, start) in &runs {
            let stage = &policy.stages[index];
            let tally = stages.entry(stage.id.clone()).or_default();
            if !tally.names.contains(&stage.name) {
                tally.names.push(stage.name.clone());
            }
            tally.started += 1;
            for deadline in assessment.deadlines.iter().filter(|d| d.stage == stage.id) {
                match deadline.kind {
                    DeadlineKind::Acknowledge => match deadline.state {
                        DeadlineState::Met { .. } => {
                            tally.acknowledged += 1;
                            tally.acknowledged_on_time += 1;
                        }
                        DeadlineState::Missed { .. } => tally.acknowledged += 1,
                        DeadlineState::Overdue | DeadlineState::Passed { .. } => {
                            tally.not_acknowledged_late += 1
                        }
                        _ => {}
                    },
                    DeadlineKind::Respond => match deadline.state {
                        DeadlineState::Met { on } | DeadlineState::Missed { on } => {
                            tally.responded += 1;
                            if matches!(deadline.state, DeadlineState::Met { .. }) {
                                tally.responded_on_time += 1;
                            }
                            tally.working_days.push(calendar.working_days_between(start, on));
                        }
                        DeadlineState::Overdue | DeadlineState::Passed { .. } => {
                            tally.not_responded_late += 1
                        }
                        _ => {}
                    },
                    _ => {}
                }
            }
        }
    }

    lessons.sort_by(|a: &Lesson, b: &Lesson| (a.date, &a.case_id).cmp(&(b.date, &b.case_id)));
    let mut by_category: Vec<Count> =
        categories.into_iter().map(|(label, count)| Count { label, count }).collect();
    by_category.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    let mut by_stage: Vec<(String, String, u32)> =
        furthest.into_iter().map(|((id, name), count)| (id, name, count)).collect();
    by_stage.sort_by(|a, b| stage_order(&a.0).cmp(&stage_order(&b.0)).then_with(|| a.1.cmp(&b.1)));
    let mut stage_figures: Vec<StageFigures> = stages
        .into_iter()
        .map(|(stage_id, t)| StageFigures {
            stage_name: t.names.join(" / "),
            started: t.started,
            acknowledged: t.acknowledged,
            acknowledged_on_time: t.acknowledged_on_time,
            not_acknowledged_late: t.not_acknowledged_late,
            responded: t.responded,
            responded_on_time: t.responded_on_time,
            not_responded_late: t.not_responded_late,
            average_working_days_to_respond: mean(&t.working_days),
            stage_id,
        })
        .collect();
    stage_figures.sort_by(|a, b| stage_order(&a.stage_id).cmp(&stage_order(&b.stage_id)));

    Report {
        period,
        total,
        complaints,
        by_kind: kinds
            .into_iter()
            .map(|(i, count)| Count { label: FeedbackKind::ALL[i].label().into(), count })
            .collect(),
        by_category,
        by_outcome: outcomes
            .into_iter()
            .map(|(i, count)| Count {
                label: Outcome::ALL.get(i).map_or(NO_RESPONSE_YET, |o| o.label()).into(),
                count,
            })
            .collect(),
        by_stage: by_stage.into_iter().map(|(_, label, count)| Count { label, count }).collect(),
        stages: stage_figures,
        compensation,
        lessons,
        overdue_now,
        not_assessable,
    }
}

impl Report {
    /// The figures for one stage id (`stage1`...), if any complaint reached it.
    pub fn stage(&self, stage_id: &str) -> Option<&StageFigures> {
        self.stages.iter().find(|s| s.stage_id == stage_id)
    }

    /// The report's charts: feedback by kind, complaints by outcome, and the on-time share of
    /// acknowledgements and of responses at each stage (stages with nothing due are left out).
    pub fn charts(&self) -> Vec<BarChart> {
        let on_time = |title: &str, share: fn(&StageFigures) -> Option<f64>| {
            percent_chart(
                title,
                self.stages.iter().filter_map(|s| share(s).map(|p| (s.stage_name.clone(), p))).collect(),
            )
        };
        vec![
            bar_chart("Feedback received, by kind", "cases", &self.by_kind),
            bar_chart("Complaints, by outcome", "complaints", &self.by_outcome),
            on_time("Complaints acknowledged on time, by stage", StageFigures::acknowledged_on_time_percent),
            on_time("Complaints answered on time, by stage", StageFigures::responded_on_time_percent),
        ]
    }
}

/// A bar chart as values, for the UI to draw (it adds the geometry).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarChart {
    pub title: String,
    /// What the values count, e.g. "complaints" or "%".
    pub unit: String,
    pub bars: Vec<Bar>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as it should be printed, e.g. "12" or "93%".
    pub display: String,
    /// The bar's length as a share of the chart's scale, from 0 to 1: the largest value for
    /// counts, 100 for percentages.
    pub share: f64,
}

/// A chart of counts; each bar's share is relative to the largest.
pub fn bar_chart(title: &str, unit: &str, counts: &[Count]) -> BarChart {
    let largest = counts.iter().map(|c| c.count).max().unwrap_or(0);
    BarChart {
        title: title.into(),
        unit: unit.into(),
        bars: counts
            .iter()
            .map(|c| Bar {
                label: c.label.clone(),
                value: f64::from(c.count),
                display: c.count.to_string(),
                share: if largest == 0 { 0.0 } else { f64::from(c.count) / f64::from(largest) },
            })
            .collect(),
    }
}

/// A chart of percentages, scaled to 100.
fn percent_chart(title: &str, values: Vec<(String, f64)>) -> BarChart {
    BarChart {
        title: title.into(),
        unit: "%".into(),
        bars: values
            .into_iter()
            .map(|(label, value)| Bar {
                label,
                display: format!("{}%", value.round()),
                share: (value / 100.0).clamp(0.0, 1.0),
                value,
            })
            .collect(),
    }
}

/// `part` of `whole` in percent, `None` if `whole` is 0.
pub(crate) fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// `part` of `whole` as a whole percentage for people to read: rounded, but never 100 unless
/// all, and never 0 unless none.
pub fn whole_percent(part: u32, whole: u32) -> Option<u32> {
    let p = percent(part, whole)?.round() as u32;
    Some(if part < whole { p.min(99) } else { p }.max(u32::from(part > 0)))
}

fn mean(values: &[u32]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().map(|&v| f64::from(v)).sum::<f64>() / values.len() as f64)
}

fn kind_index(kind: FeedbackKind) -> usize {
    FeedbackKind::ALL.iter().position(|k| *k == kind).unwrap_or(FeedbackKind::ALL.len())
}

fn outcome_index(outcome: Outcome) -> usize {
    Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(Outcome::ALL.len())
}

/// Sorts `stage0` < `stage1` < ... < `stage10`, then any other id by name.
fn stage_order(id: &str) -> (u32, &str) {
    (id.strip_prefix("stage").and_then(|n| n.parse().ok()).unwrap_or(u32::MAX), id)
}

fn count_compensation(case: &Case, figures: &mut CompensationFigures) {
    let mut latest_offer: Option<u64> = None;
    for event in &case.events {
        match &event.what {
            EventKind::Responded { compensation_pence: Some(amount), .. } if *amount > 0 => {
                figures.offers += 1;
                figures.offered_pence += amount;
                latest_offer = Some(*amount);
            }
            EventKind::CompensationOffered { amount_pence, .. } if *amount_pence > 0 => {
                figures.offers += 1;
                figures.offered_pence += amount_pence;
                latest_offer = Some(*amount_pence);
            }
            EventKind::CompensationPaid => {
                figures.paid += 1;
                figures.paid_pence += latest_offer.unwrap_or(0);
            }
            _ => {}
        }
    }
}

fn collect_lessons(case: &Case, assessment: &Assessment, out: &mut Vec<Lesson>) {
    for (index, event) in case.events.iter().enumerate() {
        match &event.what {
            EventKind::Responded { lessons, .. } if !lessons.trim().is_empty() => {
                let stage_name = StageVisit::of_event(&assessment.stages, index)
                    .map(|v| v.name.clone())
                    .unwrap_or_default();
                out.push(Lesson {
                    case_id: case.id.clone(),
                    date: event.date,
                    stage_name,
                    text: lessons.trim().to_string(),
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod period_tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_financial_year_runs_from_1_april_to_31_march() {
        let year = |from: &str, to: &str| ReportPeriod { from: d(from), to: d(to) };
        // 1 April starts a year; 31 March ends the one before.
        assert_eq!(ReportPeriod::financial_year(d("2026-04-01")), year("2026-04-01", "2027-03-31"));
        assert_eq!(ReportPeriod::financial_year(d("2026-03-31")), year("2025-04-01", "2026-03-31"));
        assert_eq!(ReportPeriod::financial_year(d("2026-12-01")), year("2026-04-01", "2027-03-31"));
        assert_eq!(ReportPeriod::financial_year(d("2027-01-01")), year("2026-04-01", "2027-03-31"));
        // A leap year's 29 February is in the year that began the April before.
        assert_eq!(ReportPeriod::financial_year(d("2028-02-29")), year("2027-04-01", "2028-03-31"));
        let period = ReportPeriod::financial_year(d("2026-12-01"));
        assert!(period.contains(d("2026-04-01")) && period.contains(d("2027-03-31")));
        assert!(!period.contains(d("2026-03-31")) && !period.contains(d("2027-04-01")));
    }
}
