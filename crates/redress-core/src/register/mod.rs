//! register: an association's complaints register as rows — filter, search, sort, the
//! dashboard's counts, and the CSV export.
//!
//! A [`Row`] is a case summarised once (with its engine assessment) so that filtering and sorting
//! 10,000 of them is plain work over memory, well under the 100 ms the register allows itself
//! (see `benches/engine.rs`). Pure: no browser code. The CSV is written by the `csv` crate.

pub mod entry;
pub mod setup;

use std::cmp::Ordering;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::case::{Case, FeedbackKind};
use crate::engine::{Assessment, DeadlineState, Party, Status};

/// One case, summarised for the register.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub kind: FeedbackKind,
    pub received: Option<NaiveDate>,
    pub resident: String,
    pub category: String,
    /// The stage reached ("" for feedback that is not a complaint, or if not assessable).
    pub stage: String,
    pub status: RowStatus,
    pub handler: String,
    /// The landlord's earliest open deadline.
    pub next_due: Option<NaiveDate>,
    pub next_due_what: String,
    /// How many of the landlord's deadlines are overdue.
    pub overdue: usize,
    /// Set when the engine could not assess the case: what is wrong.
    pub problem: Option<String>,
    /// Lower-case text the search looks in.
    #[serde(skip)]
    search: String,
}

/// Where a case stands, for the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// With the landlord (acknowledging, investigating or responding).
    Open,
    /// A response was given; the resident may ask for the next stage.
    AwaitingResident,
    /// The final response was given.
    Complete,
    Refused,
    WithOmbudsman,
    Closed,
    /// The events do not make sense under the policy.
    NeedsCorrection,
}

impl RowStatus {
    pub const ALL: [RowStatus; 7] = [
        RowStatus::Open,
        RowStatus::AwaitingResident,
        RowStatus::Complete,
        RowStatus::Refused,
        RowStatus::WithOmbudsman,
        RowStatus::Closed,
        RowStatus::NeedsCorrection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RowStatus::Open => "Open",
            RowStatus::AwaitingResident => "Response given",
            RowStatus::Complete => "Final response given",
            RowStatus::Refused => "Refused",
            RowStatus::WithOmbudsman => "With the Ombudsman",
            RowStatus::Closed => "Closed",
            RowStatus::NeedsCorrection => "Needs correcting",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            RowStatus::Open => "open",
            RowStatus::AwaitingResident => "response_given",
            RowStatus::Complete => "final_response_given",
            RowStatus::Refused => "refused",
            RowStatus::WithOmbudsman => "with_ombudsman",
            RowStatus::Closed => "closed",
            RowStatus::NeedsCorrection => "needs_correcting",
        }
    }

    /// The status with this [`name`](Self::name), if any.
    pub fn from_name(name: &str) -> Option<RowStatus> {
        RowStatus::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Still needs something from the landlord or the resident.
    pub fn is_open(self) -> bool {
        matches!(self, RowStatus::Open | RowStatus::AwaitingResident | RowStatus::NeedsCorrection)
    }
}

impl Row {
    /// Summarises a case and its assessment (or the reason it could not be assessed: the
    /// engine's [`crate::engine::EngineError`], or the case context's reason, such as its policy not being here).
    pub fn new<E: std::fmt::Display>(case: &Case, assessment: Result<&Assessment, &E>) -> Row {
        let is_complaint = case.feedback == FeedbackKind::Complaint;
        let mut row = Row {
            id: case.id.clone(),
            kind: case.feedback,
            received: case.received(),
            resident: case.resident.name.clone(),
            category: case.category.clone(),
            stage: String::new(),
            status: RowStatus::Open,
            handler: case.handler.clone().unwrap_or_default(),
            next_due: None,
            next_due_what: String::new(),
            overdue: 0,
            problem: None,
            search: String::new(),
        };
        match assessment {
            Err(e) => {
                row.status = RowStatus::NeedsCorrection;
                row.problem = Some(e.to_string());
            }
            Ok(a) => {
                row.status = match a.status {
                    Status::NotStarted | Status::WithLandlord => RowStatus::Open,
                    Status::ResponseGiven => RowStatus::AwaitingResident,
                    Status::ProcessComplete => RowStatus::Complete,
                    Status::Refused | Status::EscalationRefused => RowStatus::Refused,
                    Status::WithOmbudsman => RowStatus::WithOmbudsman,
                    Status::Closed => RowStatus::Closed,
                };
                if !is_complaint && a.status != Status::Closed {
                    row.status = RowStatus::Open;
                }
                // Deadlines are for complaints; other feedback is recorded and closed.
                if is_complaint {
                    row.stage = a.current_stage.as_ref().map(|s| s.name.clone()).unwrap_or_default();
                    let open = a.deadlines.iter().filter(|d| {
                        d.party == Party::Landlord
                            && matches!(d.state, DeadlineState::Pending | DeadlineState::Overdue)
                    });
                    if let Some(next) = open.min_by_key(|d| d.due) {
                        row.next_due = Some(next.due);
                        row.next_due_what = next.what.clone();
                    }
                    row.overdue =
                        a.deadlines.iter().filter(|d| d.party == Party::Landlord && d.is_overdue()).count();
                }
            }
        }
        row.search = [
            case.id.as_str(),
            &case.resident.name,
            &case.category,
            &case.description,
            &row.handler,
            case.representative.as_ref().map(|r| r.name.as_str()).unwrap_or(""),
            &case.resident.address,
        ]
        .join("\n")
        .to_lowercase();
        row
    }

    /// Whether this row matches every part of `filter`, as of `today`.
    pub fn matches(&self, filter: &Filter, today: NaiveDate) -> bool {
        filter.kind.is_none_or(|k| k == self.kind)
            && filter.stage.as_ref().is_none_or(|s| s == &self.stage)
            && filter.status.is_none_or(|s| s == self.status)
            && filter.handler.as_ref().is_none_or(|h| h == &self.handler)
            && filter.category.as_ref().is_none_or(|c| c == &self.category)
            && match filter.due {
                Due::Any => true,
                Due::Overdue => self.overdue > 0,
                Due::Today => self.next_due == Some(today),
                Due::ThisWeek => self.next_due.is_some_and(|d| d >= today && d <= end_of_week(today)),
            }
            && (filter.text.trim().is_empty() || {
                let needle = filter.text.trim().to_lowercase();
                needle.split_whitespace().all(|word| self.search.contains(word))
            })
    }
}

/// The last day (Sunday) of the week that `today` is in.
pub fn end_of_week(today: NaiveDate) -> NaiveDate {
    today + Days::new(6 - u64::from(today.weekday().num_days_from_monday()))
}

/// What the register is narrowed to. Every part left empty matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub kind: Option<FeedbackKind>,
    pub stage: Option<String>,
    pub status: Option<RowStatus>,
    pub handler: Option<String>,
    pub category: Option<String>,
    pub due: Due,
    /// Words to find (all of them) in the reference, names, category, description or address.
    pub text: String,
}

/// A filter on deadlines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    #[default]
    Any,
    Overdue,
    Today,
    /// From today to Sunday.
    ThisWeek,
}

impl Due {
    /// The filters the register offers, in order.
    pub const CHOICES: [Due; 3] = [Due::Overdue, Due::Today, Due::ThisWeek];

    /// How the register's filter names it.
    pub fn label(self) -> &'static str {
        match self {
            Due::Any => "Any",
            Due::Overdue => "Overdue",
            Due::Today => "Due today",
            Due::ThisWeek => "Due this week",
        }
    }

    /// Its name in the register's address (`?due=overdue`); `Any` has none.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Due::Any => None,
            Due::Overdue => Some("overdue"),
            Due::Today => Some("today"),
            Due::ThisWeek => Some("this_week"),
        }
    }

    /// The filter a name in the address stands for: anything else is no filter.
    pub fn from_name(name: &str) -> Due {
        Due::CHOICES.into_iter().find(|d| d.name() == Some(name)).unwrap_or(Due::Any)
    }
}

impl Filter {
    /// The filter a link to the register gives in its address (`get` reads one parameter: `kind`,
    /// `stage`, `status`, `handler`, `category`, `due`, `q`), and whether it asks for every open
    /// case (`status=open`, which is several statuses). A value the register does not know is no
    /// filter, and an empty one is none.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> (Filter, bool) {
        let given = |key: &str| get(key).filter(|s| !s.is_empty());
        let filter = Filter {
            kind: given("kind").and_then(|k| FeedbackKind::from_name(&k)),
            stage: given("stage"),
            status: given("status").and_then(|s| RowStatus::from_name(&s)),
            handler: given("handler"),
            category: given("category"),
            due: given("due").map_or(Due::Any, |d| Due::from_name(&d)),
            text: get("q").unwrap_or_default(),
        };
        (filter, get("status").as_deref() == Some("open"))
    }
}

/// The columns the register sorts by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Id,
    Kind,
    #[default]
    Received,
    Resident,
    Category,
    Stage,
    Status,
    Handler,
    NextDue,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Id,
        Column::Received,
        Column::Resident,
        Column::Kind,
        Column::Category,
        Column::Stage,
        Column::Status,
        Column::Handler,
        Column::NextDue,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Column::Id => "Reference",
            Column::Kind => "Kind",
            Column::Received => "Received",
            Column::Resident => "Resident",
            Column::Category => "Category",
            Column::Stage => "Stage",
            Column::Status => "Status",
            Column::Handler => "Handler",
            Column::NextDue => "Next due",
        }
    }
}

/// A sort: the column, and which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

fn compare(a: &Row, b: &Row, column: Column) -> Ordering {
    // Empty values (no due date, no handler) sort last whichever way the column is sorted.
    fn opt<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    fn text(a: &str, b: &str) -> Ordering {
        opt((!a.is_empty()).then_some(a), (!b.is_empty()).then_some(b))
    }
    match column {
        Column::Id => a.id.cmp(&b.id),
        Column::Kind => a.kind.label().cmp(b.kind.label()),
        Column::Received => opt(a.received, b.received),
        Column::Resident => text(&a.resident, &b.resident),
        Column::Category => text(&a.category, &b.category),
        Column::Stage => text(&a.stage, &b.stage),
        Column::Status => a.status.cmp(&b.status),
        Column::Handler => text(&a.handler, &b.handler),
        Column::NextDue => opt(a.next_due, b.next_due),
    }
}

/// The indices of the rows that match `filter`, in `sort` order (ties keep the reference order).
pub fn select(rows: &[Row], filter: &Filter, sort: Sort, today: NaiveDate) -> Vec<usize> {
    let mut out: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].matches(filter, today)).collect();
    out.sort_by(|&i, &j| {
        let (a, b) = (&rows[i], &rows[j]);
        let primary = compare(a, b, sort.column);
        let empty = |r: &Row| match sort.column {
            Column::NextDue => r.next_due.is_none(),
            Column::Received => r.received.is_none(),
            Column::Resident => r.resident.is_empty(),
            Column::Category => r.category.is_empty(),
            Column::Stage => r.stage.is_empty(),
            Column::Handler => r.handler.is_empty(),
            _ => false,
        };
        let primary = if sort.descending && !(empty(a) || empty(b)) { primary.reverse() } else { primary };
        primary.then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The dashboard's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    pub open: usize,
    /// Cases with at least one overdue deadline.
    pub overdue: usize,
    pub due_today: usize,
    /// Due from today to Sunday (including today).
    pub due_this_week: usize,
    /// Open complaints by stage, in the order stages were first seen.
    pub by_stage: Vec<(String, usize)>,
    /// Open cases by handler: (handler, open, overdue), "" meaning not yet assigned.
    pub by_handler: Vec<(String, usize, usize)>,
}

/// Counts over the register as of `today`.
pub fn dashboard(rows: &[Row], today: NaiveDate) -> Dashboard {
    let mut out = Dashboard::default();
    let week_end = end_of_week(today);
    for row in rows.iter().filter(|r| r.status.is_open()) {
        out.open += 1;
        if row.overdue > 0 {
            out.overdue += 1;
        }
        if row.next_due == Some(today) {
            out.due_today += 1;
        }
        if row.next_due.is_some_and(|d| d >= today && d <= week_end) {
            out.due_this_week += 1;
        }
        if !row.stage.is_empty() {
            match out.by_stage.iter_mut().find(|(s, _)| s == &row.stage) {
                Some((_, n)) => *n += 1,
                None => out.by_stage.push((row.stage.clone(), 1)),
            }
        }
        match out.by_handler.iter_mut().find(|(h, _, _)| h == &row.handler) {
            Some((_, n, late)) => {
                *n += 1;
                *late += usize::from(row.overdue > 0);
            }
            None => out.by_handler.push((row.handler.clone(), 1, usize::from(row.overdue > 0))),
        }
    }
    out.by_handler.sort_by(|a, b| text_last(&a.0, &b.0));
    out
}

fn text_last(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.cmp(b),
    }
}

/// The distinct values of a column among `rows`, sorted, for the filter lists.
pub fn choices(rows: &[Row], value: impl Fn(&Row) -> &str) -> Vec<String> {
    let mut out: Vec<String> = rows.iter().map(|r| value(r).to_string()).filter(|v| !v.is_empty()).collect();
    out.sort();
    out.dedup();
    out
}

/// The rows (in the given order) as CSV with a header line. Dates are ISO 8601 (YYYY-MM-DD).
/// Every cell goes through [`csv_safe`], the ones Redress fills in itself as well as the ones
/// people type: a stage's name comes from an edited policy, a reference from an imported file,
/// and a problem quotes the case, so no column can be trusted to start harmlessly.
pub fn to_csv<'a>(rows: impl IntoIterator<Item = &'a Row>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER).expect("writing to memory");
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    for row in rows {
        let cells: [String; 12] = [
            row.id.clone(),
            row.kind.name().to_string(),
            date(row.received),
            row.resident.clone(),
            row.category.clone(),
            row.stage.clone(),
            row.status.name().to_string(),
            row.handler.clone(),
            date(row.next_due),
            row.next_due_what.clone(),
            row.overdue.to_string(),
            row.problem.clone().unwrap_or_default(),
        ];
        writer.write_record(cells.iter().map(|cell| csv_safe(cell))).expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("flushing to memory")).expect("CSV of UTF-8 text is UTF-8")
}

/// The CSV's columns, in order.
pub const CSV_HEADER: [&str; 12] = [
    "reference",
    "kind",
    "received",
    "resident",
    "category",
    "stage",
    "status",
    "handler",
    "next_due",
    "next_due_what",
    "overdue_deadlines",
    "problem",
];

/// Text made safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab,
/// a carriage return or a line feed (or their full-width forms, which some spreadsheets read the
/// same way), even after spaces, would be run as a formula, so it gets a leading apostrophe
/// (OWASP's advice). The spreadsheet shows the text as it was, apostrophe hidden.
pub fn csv_safe(text: &str) -> String {
    let first = text.trim_start_matches(' ').chars().next();
    let formula = matches!(
        first,
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}')
    );
    if formula {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
    }

    #[test]
    fn a_link_to_the_register_gives_its_filter() {
        // The dashboard's links.
        assert_eq!(
            Filter::from_query(query(&[("due", "overdue")])),
            (Filter { due: Due::Overdue, ..Filter::default() }, false)
        );
        assert_eq!(Filter::from_query(query(&[("due", "today")])).0.due, Due::Today);
        assert_eq!(Filter::from_query(query(&[("due", "this_week")])).0.due, Due::ThisWeek);
        // "open" is the Open status and also asks for every open case.
        assert_eq!(
            Filter::from_query(query(&[("status", "open")])),
            (Filter { status: Some(RowStatus::Open), ..Filter::default() }, true)
        );
        assert_eq!(
            Filter::from_query(query(&[
                ("stage", "Stage 2"),
                ("handler", "Sam"),
                ("category", "Repairs"),
                ("q", "mould")
            ]))
            .0,
            Filter {
                stage: Some("Stage 2".into()),
                handler: Some("Sam".into()),
                category: Some("Repairs".into()),
                text: "mould".into(),
                ..Filter::default()
            }
        );
        assert_eq!(
            Filter::from_query(query(&[("kind", "service_request"), ("status", "with_ombudsman")])).0,
            Filter {
                kind: Some(FeedbackKind::ServiceRequest),
                status: Some(RowStatus::WithOmbudsman),
                ..Filter::default()
            }
        );
        // What the register does not know, or an empty value, is no filter.
        assert_eq!(
            Filter::from_query(query(&[("kind", "praise"), ("status", ""), ("due", "soon"), ("stage", "")])),
            (Filter::default(), false)
        );
    }

    #[test]
    fn every_due_filter_and_status_has_a_name_that_reads_back() {
        for due in Due::CHOICES {
            assert_eq!(Due::from_name(due.name().unwrap()), due);
        }
        assert_eq!((Due::Any.name(), Due::from_name("")), (None, Due::Any));
        assert_eq!(Due::CHOICES.map(Due::label), ["Overdue", "Due today", "Due this week"]);
        for status in RowStatus::ALL {
            assert_eq!(RowStatus::from_name(status.name()), Some(status));
        }
        for kind in FeedbackKind::ALL {
            assert_eq!(FeedbackKind::from_name(kind.name()), Some(kind));
        }
    }
}
