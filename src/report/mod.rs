//! report: the annual complaints performance report for a chosen period — numbers by kind, stage,
//! category and outcome; the share acknowledged and answered on time at each stage; average
//! working days to respond; compensation offered and paid; lessons learned — and the bar charts
//! drawn from it. Every figure comes from the engine's assessment of each case, so the report and
//! the register cannot disagree. [`self_assessment`] holds the Code self-assessment.

pub mod self_assessment;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::case::{Case, EventKind, FeedbackKind, Outcome};
use crate::engine::{assess, DeadlineKind, DeadlineState};
use crate::policy::Policy;

/// The dates a report covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReportPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl ReportPeriod {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// A labelled count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub label: String,
    pub count: u32,
}

/// Timeliness at one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageFigures {
    pub stage_id: String,
    pub stage_name: String,
    /// Complaints that reached this stage in the period.
    pub started: u32,
    /// Acknowledgements due at this stage that were made (on time or late).
    pub acknowledged: u32,
    pub acknowledged_on_time: u32,
    /// Acknowledgements overdue now.
    pub acknowledge_overdue: u32,
    pub responded: u32,
    pub responded_on_time: u32,
    pub respond_overdue: u32,
    /// Mean working days from the start of the stage to the response.
    pub average_working_days_to_respond: Option<f64>,
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

impl StageFigures {
    /// On-time acknowledgements as a share of those due (made, or overdue now), in percent.
    pub fn acknowledged_on_time_share(&self) -> Option<f64> {
        share(self.acknowledged_on_time, self.acknowledged + self.acknowledge_overdue)
    }
    /// On-time responses as a share of those due (made, or overdue now), in percent.
    pub fn responded_on_time_share(&self) -> Option<f64> {
        share(self.responded_on_time, self.responded + self.respond_overdue)
    }
}

/// Compensation in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CompensationFigures {
    pub offers: u32,
    pub offered_pence: u64,
    pub paid: u32,
    pub paid_pence: u64,
}

/// A lesson learned, from a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lesson {
    pub case_id: String,
    pub date: NaiveDate,
    pub category: String,
    pub text: String,
}

/// The annual complaints performance report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: ReportPeriod,
    /// Every piece of feedback received in the period.
    pub total: u32,
    pub complaints: u32,
    pub by_kind: Vec<Count>,
    pub by_category: Vec<Count>,
    pub by_outcome: Vec<Count>,
    /// Complaints by the furthest stage reached.
    pub by_stage: Vec<Count>,
    pub stages: Vec<StageFigures>,
    pub compensation: CompensationFigures,
    pub lessons: Vec<Lesson>,
    /// Complaints with a deadline overdue on the day of the report.
    pub overdue_now: u32,
    /// Cases the engine could not assess: their ids and why.
    pub not_assessable: Vec<(String, String)>,
}

fn bump(list: &mut Vec<Count>, label: &str) {
    match list.iter_mut().find(|c| c.label == label) {
        Some(c) => c.count += 1,
        None => list.push(Count { label: label.to_string(), count: 1 }),
    }
}

/// The report over `cases` (each with its own policy) received in `period`, as of `today`.
pub fn annual_report(
    cases: &[(&Case, &Policy)],
    calendar: &Calendar,
    period: ReportPeriod,
    today: NaiveDate,
) -> Report {
    let mut report = Report {
        period,
        total: 0,
        complaints: 0,
        by_kind: Vec::new(),
        by_category: Vec::new(),
        by_outcome: Vec::new(),
        by_stage: Vec::new(),
        stages: Vec::new(),
        compensation: CompensationFigures::default(),
        lessons: Vec::new(),
        overdue_now: 0,
        not_assessable: Vec::new(),
    };
    let mut working_days: Vec<(String, u32)> = Vec::new();
    let mut stage_order: Vec<(usize, String)> = Vec::new();
    for (case, policy) in cases {
        let Some(received) = case.received() else { continue };
        if !period.contains(received) {
            continue;
        }
        report.total += 1;
        bump(&mut report.by_kind, case.feedback.label());
        if case.feedback != FeedbackKind::Complaint {
            continue;
        }
        report.complaints += 1;
        bump(&mut report.by_category, &case.category);
        let assessment = match assess(policy, case, calendar, today) {
            Ok(a) => a,
            Err(e) => {
                report.not_assessable.push((case.id.clone(), e.to_string()));
                continue;
            }
        };
        let outcome = case.events.iter().rev().find_map(|e| match e.what {
            EventKind::Responded { outcome, .. } => Some(outcome),
            _ => None,
        });
        bump(&mut report.by_outcome, outcome.map_or("No response yet", Outcome::label));
        if let Some(stage) = &assessment.current_stage {
            bump(&mut report.by_stage, &stage.name);
        }
        if !assessment.overdue.is_empty() {
            report.overdue_now += 1;
        }
        for (index, stage) in policy.stages.iter().enumerate() {
            let ds: Vec<_> = assessment.deadlines.iter().filter(|d| d.stage == stage.id).collect();
            let reached = assessment.current_stage.as_ref().is_some_and(|s| s.index >= index);
            if !reached {
                continue;
            }
            if !stage_order.iter().any(|(_, id)| id == &stage.id) {
                stage_order.push((index, stage.id.clone()));
            }
            let figures = match report.stages.iter_mut().find(|f| f.stage_id == stage.id) {
                Some(f) => f,
                None => {
                    report.stages.push(StageFigures {
                        stage_id: stage.id.clone(),
                        stage_name: stage.name.clone(),
                        started: 0,
                        acknowledged: 0,
                        acknowledged_on_time: 0,
                        acknowledge_overdue: 0,
                        responded: 0,
                        responded_on_time: 0,
                        respond_overdue: 0,
                        average_working_days_to_respond: None,
                    });
                    report.stages.last_mut().expect("just pushed")
                }
            };
            figures.started += 1;
            let start = stage_start(case, index);
            for d in ds {
                let (done, on_time, overdue) = match d.state {
                    DeadlineState::Met { on } => (Some(on), true, false),
                    DeadlineState::Missed { on } => (Some(on), false, false),
                    DeadlineState::Overdue | DeadlineState::Passed { .. } => (None, false, true),
                    _ => (None, false, false),
                };
                match d.kind {
                    DeadlineKind::Acknowledge => {
                        figures.acknowledged += u32::from(done.is_some());
                        figures.acknowledged_on_time += u32::from(on_time);
                        figures.acknowledge_overdue += u32::from(overdue);
                    }
                    DeadlineKind::Respond => {
                        figures.responded += u32::from(done.is_some());
                        figures.responded_on_time += u32::from(on_time);
                        figures.respond_overdue += u32::from(overdue);
                        if let (Some(on), Some(start)) = (done, start) {
                            working_days.push((stage.id.clone(), calendar.working_days_between(start, on)));
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut offered: Option<u64> = None;
        for event in &case.events {
            match &event.what {
                EventKind::Responded { compensation_pence: Some(p), .. }
                | EventKind::CompensationOffered { amount_pence: p, .. }
                    if *p > 0 =>
                {
                    report.compensation.offers += 1;
                    report.compensation.offered_pence += p;
                    offered = Some(*p);
                }
                EventKind::CompensationPaid => {
                    if let Some(p) = offered.take() {
                        report.compensation.paid += 1;
                        report.compensation.paid_pence += p;
                    }
                }
                _ => {}
            }
            if let EventKind::Responded { lessons, .. } = &event.what {
                if !lessons.trim().is_empty() {
                    report.lessons.push(Lesson {
                        case_id: case.id.clone(),
                        date: event.date,
                        category: case.category.clone(),
                        text: lessons.trim().to_string(),
                    });
                }
            }
        }
    }
    for figures in &mut report.stages {
        let days: Vec<u32> =
            working_days.iter().filter(|(id, _)| id == &figures.stage_id).map(|(_, d)| *d).collect();
        if !days.is_empty() {
            figures.average_working_days_to_respond =
                Some(f64::from(days.iter().sum::<u32>()) / days.len() as f64);
        }
    }
    stage_order.sort();
    report.stages.sort_by_key(|f| stage_order.iter().position(|(_, id)| id == &f.stage_id));
    let kind_rank = |label: &str| FeedbackKind::ALL.iter().position(|k| k.label() == label);
    report.by_kind.sort_by_key(|c| kind_rank(&c.label));
    let outcome_rank =
        |label: &str| Outcome::ALL.iter().position(|o| o.label() == label).unwrap_or(Outcome::ALL.len());
    report.by_outcome.sort_by_key(|c| outcome_rank(&c.label));
    report.by_category.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    let stage_rank = |label: &str| report.stages.iter().position(|s| s.stage_name == label);
    let mut by_stage = std::mem::take(&mut report.by_stage);
    by_stage.sort_by_key(|c| stage_rank(&c.label));
    report.by_stage = by_stage;
    report.lessons.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.case_id.cmp(&b.case_id)));
    report
}

/// When the stage at `index` began for this case: the complaint received, or the request for it.
fn stage_start(case: &Case, index: usize) -> Option<NaiveDate> {
    let mut starts =
        case.events.iter().filter(|e| matches!(e.what, EventKind::Received | EventKind::EscalationRequested));
    starts.nth(index).map(|e| e.date)
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as shown ("12", "93%").
    pub display: String,
    /// The bar's length as a share of the longest possible (0 to 1).
    pub share: f64,
}

/// A horizontal bar chart, without geometry: the UI draws it as SVG with a table beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarChart {
    pub title: String,
    /// What the numbers are: "complaints", "% on time".
    pub unit: String,
    pub bars: Vec<Bar>,
}

/// A chart of counts, scaled to the largest.
pub fn bar_chart(title: &str, unit: &str, counts: &[Count]) -> BarChart {
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    BarChart {
        title: title.to_string(),
        unit: unit.to_string(),
        bars: counts
            .iter()
            .map(|c| Bar {
                label: c.label.clone(),
                value: f64::from(c.count),
                display: c.count.to_string(),
                share: f64::from(c.count) / f64::from(max),
            })
            .collect(),
    }
}

/// Formats a percentage for people: "93%", or "no data".
pub fn percent(value: Option<f64>) -> String {
    value.map(|v| format!("{}%", v.round())).unwrap_or_else(|| "no data".into())
}

impl Report {
    /// The charts the report shows.
    pub fn charts(&self) -> Vec<BarChart> {
        let mut charts = vec![bar_chart("Feedback received, by kind", "received", &self.by_kind)];
        if !self.by_outcome.is_empty() {
            charts.push(bar_chart("Complaints by outcome", "complaints", &self.by_outcome));
        }
        if !self.by_category.is_empty() {
            charts.push(bar_chart("Complaints by category", "complaints", &self.by_category));
        }
        let mut timely = Vec::new();
        for s in &self.stages {
            for (what, value) in
                [("acknowledged", s.acknowledged_on_time_share()), ("answered", s.responded_on_time_share())]
            {
                if let Some(v) = value {
                    timely.push(Bar {
                        label: format!("{} {what} on time", s.stage_name),
                        value: v,
                        display: percent(Some(v)),
                        share: v / 100.0,
                    });
                }
            }
        }
        if !timely.is_empty() {
            charts.push(BarChart {
                title: "Share on time, by stage".into(),
                unit: "% on time".into(),
                bars: timely,
            });
        }
        charts
    }
}
