//! The register: rows from real assessments, filters and sorts checked against a brute-force
//! reading of the same cases, the dashboard's counts, and the CSV export read back.

use chrono::NaiveDate;
use redress_core::calendar::{Calendar, Division};
use redress_core::case::{sample_cases, Case, EventKind, FeedbackKind};
use redress_core::engine::{assess, DeadlineState, Party};
use redress_core::policy::by_id;
use redress_core::register::{
    dashboard, end_of_week, select, to_csv, Column, Due, Filter, Row, RowStatus, Sort,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-25"; // a Wednesday

fn cases() -> Vec<Case> {
    let mut cases = sample_cases(600, 11);
    // Some feedback that is not a complaint, and one case the engine cannot make sense of.
    cases[1].feedback = FeedbackKind::Compliment;
    cases[2].feedback = FeedbackKind::ServiceRequest;
    let first = cases[3].events[0].date;
    cases[3].events.push(redress_core::case::Event::new(first.pred_opt().unwrap(), EventKind::Closed));
    // Every seventh case from the tenth on has been closed.
    for case in cases.iter_mut().skip(10).step_by(7) {
        let last = case.events.last().unwrap().date;
        case.events.push(redress_core::case::Event::new(last.succ_opt().unwrap(), EventKind::Closed));
    }
    cases
}

fn rows(cases: &[Case]) -> Vec<Row> {
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    cases
        .iter()
        .map(|c| {
            let a = assess(by_id(&c.policy_id).unwrap(), c, &calendar, d(TODAY));
            Row::new(c, a.as_ref())
        })
        .collect()
}

/// The landlord's open deadlines for a case, read straight from the engine.
fn open_dues(case: &Case) -> (Vec<NaiveDate>, usize) {
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    match assess(by_id(&case.policy_id).unwrap(), case, &calendar, d(TODAY)) {
        Ok(a) if case.feedback == FeedbackKind::Complaint => (
            a.deadlines
                .iter()
                .filter(|x| {
                    x.party == Party::Landlord
                        && matches!(x.state, DeadlineState::Pending | DeadlineState::Overdue)
                })
                .map(|x| x.due)
                .collect(),
            a.overdue.iter().filter(|id| !id.starts_with("compensation")).count(),
        ),
        _ => (Vec::new(), 0),
    }
}

#[test]
fn rows_summarise_the_engine() {
    let cases = cases();
    let rows = rows(&cases);
    for (case, row) in cases.iter().zip(&rows) {
        let (dues, overdue) = open_dues(case);
        assert_eq!(row.next_due, dues.iter().min().copied(), "{}", case.id);
        assert_eq!(row.overdue, overdue, "{}", case.id);
        assert_eq!(row.handler, case.handler.clone().unwrap_or_default());
    }
    assert_eq!(rows[1].kind, FeedbackKind::Compliment);
    assert_eq!((rows[1].stage.as_str(), rows[1].next_due), ("", None));
    assert_eq!(rows[3].status, RowStatus::NeedsCorrection);
    assert!(rows[3].problem.as_deref().unwrap().contains("(closed) is dated"), "{:?}", rows[3].problem);
}

#[test]
fn filters_agree_with_a_brute_force_reading() {
    let cases = cases();
    let rows = rows(&cases);
    let today = d(TODAY);
    let sort = Sort::default();
    let check = |filter: Filter, keep: &dyn Fn(&Case, &Row) -> bool| {
        let got: Vec<&str> =
            select(&rows, &filter, sort, today).iter().map(|&i| rows[i].id.as_str()).collect();
        let mut want: Vec<(Option<NaiveDate>, &str)> = cases
            .iter()
            .zip(&rows)
            .filter(|(c, r)| keep(c, r))
            .map(|(c, r)| (r.received, c.id.as_str()))
            .collect();
        want.sort();
        let want: Vec<&str> = want.into_iter().map(|(_, id)| id).collect();
        assert!(!want.is_empty(), "{filter:?} should match something in the sample");
        assert_eq!(got, want, "{filter:?}");
    };
    check(Filter { handler: Some("Ben Taylor".into()), ..Filter::default() }, &|c, _| {
        c.handler.as_deref() == Some("Ben Taylor")
    });
    check(Filter { kind: Some(FeedbackKind::Compliment), ..Filter::default() }, &|c, _| {
        c.feedback == FeedbackKind::Compliment
    });
    check(Filter { category: Some("Damp and mould".into()), ..Filter::default() }, &|c, _| {
        c.category == "Damp and mould"
    });
    check(Filter { due: Due::Overdue, ..Filter::default() }, &|c, _| open_dues(c).1 > 0);
    check(Filter { due: Due::ThisWeek, ..Filter::default() }, &|c, _| {
        open_dues(c).0.iter().min().is_some_and(|&x| x >= today && x <= d("2026-11-29"))
    });
    check(Filter { stage: Some("Stage 2".into()), ..Filter::default() }, &|_, r| r.stage == "Stage 2");
    check(Filter { status: Some(RowStatus::Closed), ..Filter::default() }, &|_, r| {
        r.status == RowStatus::Closed
    });
    // Search: every word, any case, in the description or the names.
    check(Filter { text: "BOILER  heating".into(), ..Filter::default() }, &|c, _| {
        c.description.contains("boiler") && c.description.contains("heating")
    });
    check(Filter { text: "resident 12".into(), ..Filter::default() }, &|c, _| {
        let text = format!("{} {}", c.resident.name, c.description).to_lowercase();
        text.contains("resident")
            && (c.resident.name.to_lowercase().contains("12")
                || c.id.contains("12")
                || c.resident.address.contains("12"))
    });
    // Combined.
    check(Filter { handler: Some("Chloe Evans".into()), due: Due::Overdue, ..Filter::default() }, &|c, _| {
        c.handler.as_deref() == Some("Chloe Evans") && open_dues(c).1 > 0
    });
}

#[test]
fn every_column_sorts_both_ways_with_empty_values_last() {
    let cases = cases();
    let rows = rows(&cases);
    let today = d(TODAY);
    for column in Column::ALL {
        for descending in [false, true] {
            let order = select(&rows, &Filter::default(), Sort { column, descending }, today);
            assert_eq!(order.len(), rows.len());
            for pair in order.windows(2) {
                let (a, b) = (&rows[pair[0]], &rows[pair[1]]);
                let key = |r: &Row| -> (bool, String) {
                    match column {
                        Column::Id => (false, r.id.clone()),
                        Column::Kind => (false, r.kind.label().to_string()),
                        Column::Received => (r.received.is_none(), format!("{:?}", r.received)),
                        Column::Resident => (r.resident.is_empty(), r.resident.clone()),
                        Column::Category => (r.category.is_empty(), r.category.clone()),
                        Column::Stage => (r.stage.is_empty(), r.stage.clone()),
                        Column::Status => (false, format!("{}", r.status as u8)),
                        Column::Handler => (r.handler.is_empty(), r.handler.clone()),
                        Column::NextDue => (r.next_due.is_none(), format!("{:?}", r.next_due)),
                    }
                };
                let (ka, kb) = (key(a), key(b));
                assert!(!ka.0 || kb.0, "{column:?}: an empty value came before a filled one");
                if !ka.0 && !kb.0 {
                    let ok = if descending { ka.1 >= kb.1 } else { ka.1 <= kb.1 };
                    assert!(ok, "{column:?} descending={descending}: {} before {}", ka.1, kb.1);
                }
            }
        }
    }
}

#[test]
fn dashboard_counts_open_cases() {
    let cases = cases();
    let rows = rows(&cases);
    let today = d(TODAY);
    assert_eq!(end_of_week(today), d("2026-11-29"));
    assert_eq!(end_of_week(d("2026-11-29")), d("2026-11-29"));
    assert_eq!(end_of_week(d("2026-11-30")), d("2026-12-06"));
    let board = dashboard(&rows, today);
    let open: Vec<&Row> = rows.iter().filter(|r| r.status.is_open()).collect();
    assert_eq!(board.open, open.len());
    assert_eq!(board.overdue, open.iter().filter(|r| r.overdue > 0).count());
    assert_eq!(board.due_today, open.iter().filter(|r| r.next_due == Some(today)).count());
    assert_eq!(
        board.due_this_week,
        open.iter().filter(|r| r.next_due.is_some_and(|x| x >= today && x <= d("2026-11-29"))).count()
    );
    assert_eq!(
        board.by_stage.iter().map(|s| s.1).sum::<usize>(),
        open.iter().filter(|r| !r.stage.is_empty()).count()
    );
    assert_eq!(board.by_handler.iter().map(|h| h.1).sum::<usize>(), board.open);
    assert_eq!(board.by_handler.iter().map(|h| h.2).sum::<usize>(), board.overdue);
    let handlers: Vec<&str> = board.by_handler.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(handlers, ["Amira Khan", "Ben Taylor", "Chloe Evans", "Dev Patel"]);
    assert!(board.overdue > 0 && board.due_this_week > 0, "the sample should exercise these: {board:?}");
}

#[test]
fn csv_reads_back_and_defuses_formulas() {
    let mut cases = cases();
    cases[0].resident.name = "=HYPERLINK(\"http://evil.example\")".into();
    cases[0].category = "Repairs, \"urgent\"\nsecond line".into();
    let rows = rows(&cases);
    let text = to_csv(rows.iter().take(5));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..4], ["reference", "kind", "received", "resident"]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 5);
    assert_eq!(&records[0][0], cases[0].id.as_str());
    assert_eq!(&records[0][3], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(&records[0][4], "Repairs, \"urgent\"\nsecond line");
    assert_eq!(&records[1][1], "compliment");
    let received = cases[0].received().unwrap().format("%Y-%m-%d").to_string();
    assert_eq!(&records[0][2], received.as_str());
}

/// Every column of the CSV, with text in it that a spreadsheet would run as a formula: each
/// comes out defused (a leading apostrophe, the text otherwise as it was). The text columns are
/// reached the ways a user can reach them: a case's id from an imported file, the resident, the
/// category and the handler as typed, the stage's name from an edited policy; what is due and the
/// problem are set on the row, since they are the engine's words. The other columns are the
/// app's own (a kind, dates, a status, a count), and are checked never to start like a formula.
#[test]
fn every_csv_column_is_defused() {
    use redress_core::register::{csv_safe, CSV_HEADER};
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let mut case = sample_cases(1, 5).remove(0);
    case.id = "=HYPERLINK(\"http://evil.example\",\"x\")".into();
    case.resident.name = "+1+cmd|' /C calc'!A0".into();
    case.category = "-2+3".into();
    case.handler = Some("@SUM(1,2)".into());
    let mut policy = by_id(&case.policy_id).unwrap().clone();
    for stage in &mut policy.stages {
        stage.name = " =IMPORTXML(\"http://evil.example\",\"//a\")".into();
    }
    let assessment = assess(&policy, &case, &calendar, d(TODAY)).unwrap();
    let mut row = Row::new::<redress_core::engine::EngineError>(&case, Ok(&assessment));
    assert!(row.stage.contains("IMPORTXML"), "the stage's name reaches the row: {row:?}");
    row.next_due_what = "\t=1+1".into();
    row.problem = Some("\u{ff1d}1+1".into());

    let text = to_csv([&row]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER);
    let cells: Vec<String> = reader.records().next().unwrap().unwrap().iter().map(String::from).collect();
    let typed = [
        ("reference", row.id.clone()),
        ("resident", row.resident.clone()),
        ("category", row.category.clone()),
        ("stage", row.stage.clone()),
        ("handler", row.handler.clone()),
        ("next_due_what", row.next_due_what.clone()),
        ("problem", row.problem.clone().unwrap()),
    ];
    for (column, original) in typed {
        let n = CSV_HEADER.iter().position(|h| *h == column).unwrap();
        assert_eq!(cells[n], format!("'{original}"), "{column}");
    }
    let formula_start =
        |cell: &str| cell.trim_start().starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '\u{ff1d}']);
    for (column, cell) in CSV_HEADER.iter().zip(&cells) {
        assert!(!formula_start(cell), "{column}: {cell:?}");
    }
    // The guard leaves ordinary text alone, and catches a formula however it is dressed up.
    assert_eq!(csv_safe("Repairs - urgent"), "Repairs - urgent");
    assert_eq!(csv_safe("2026-11-25"), "2026-11-25");
    assert_eq!(csv_safe(""), "");
    for formula in
        ["=1", "+1", "-1", "@A1", "\t=1", "\r=1", "\n=1", "   =1", "\u{ff0b}1", "\u{ff0d}1", "\u{ff20}A1"]
    {
        assert!(csv_safe(formula).starts_with('\''), "{formula:?}");
    }
}

#[test]
fn setup_and_policy_library() {
    use redress_core::register::setup::{policy_record_id, Library, Setup};
    assert_eq!(
        Setup::handlers_from_lines(" Amira Khan \n\nben taylor\nBen Taylor\nChloe"),
        ["Amira Khan", "ben taylor", "Chloe"]
    );
    assert!(!Setup::default().is_ready());
    let mut edited = by_id("progress").unwrap().clone();
    edited.id = "progress-edited".into();
    edited.version = "1".into();
    edited.stages[0].name = "First look".into();
    let mut v2 = edited.clone();
    v2.version = "2".into();
    v2.stages[0].name = "Stage one".into();
    let library = Library { saved: vec![edited.clone(), v2.clone()] };
    assert_eq!(policy_record_id(&v2), "progress-edited@2");
    assert_eq!(library.find("progress-edited", "1").stages[0].name, "First look");
    assert_eq!(library.find("progress-edited", "2").stages[0].name, "Stage one");
    // An unknown version of a saved policy falls back to its latest saved version.
    assert_eq!(library.find("progress-edited", "9").version, "2");
    assert_eq!(library.find("progress", "whatever").id, "progress");
    assert_eq!(library.find("nobody", "1").id, "code-2024");
    assert_eq!(library.next_version("progress-edited"), "3");
    assert!(library.has("progress-edited", "2") && !library.has("progress-edited", "3"));
    assert_eq!(library.choices().len(), redress_core::policy::builtin().len() + 2);
}

#[test]
fn new_entries_are_checked_field_by_field() {
    use redress_core::case::{Channel, RepresentativeRole};
    use redress_core::register::entry::Entry;
    let today = d("2026-11-23");
    let policy = by_id("progress").unwrap();
    let empty = Entry { has_representative: true, problem_started: "soon".into(), ..Entry::default() };
    let fields: Vec<&str> = empty.check(today).iter().map(|p| p.0).collect();
    assert_eq!(
        fields,
        [
            "entry-received",
            "entry-channel",
            "entry-resident",
            "entry-category",
            "entry-description",
            "entry-started",
            "entry-rep-name",
            "entry-rep-role",
            "entry-handler"
        ]
    );
    let future = Entry { received: "2026-11-24".into(), ..Entry::default() };
    assert!(future.check(today).iter().any(|(f, m)| *f == "entry-received" && m.contains("future")));
    // A slip of the keys in the year: refused here as an import would refuse it, so a case saved
    // from this form can always be handed over.
    let said = |entry: Entry, field: &str| {
        entry.check(today).into_iter().find(|(f, _)| *f == field).map(|p| p.1).unwrap_or_default()
    };
    assert_eq!(
        said(Entry { received: "0202-11-20".into(), ..Entry::default() }, "entry-received"),
        "0202-11-20 is not a date Redress can count with: check the year (dates must be from 1900 to 2199)."
    );
    let started =
        Entry { received: "2026-11-20".into(), problem_started: "1850-01-01".into(), ..Entry::default() };
    assert!(said(started, "entry-started").starts_with("1850-01-01 is not a date Redress can count with"));
    let good = Entry {
        kind: FeedbackKind::Complaint,
        channel: Some(Channel::Phone),
        received: "2026-11-20".into(),
        resident_name: " Sam Jones ".into(),
        category: "Repairs".into(),
        description: "The boiler has failed again.".into(),
        problem_started: "2026-10-01".into(),
        has_representative: true,
        representative_name: "Cllr Patel".into(),
        representative_role: Some(RepresentativeRole::Councillor),
        handler: "Ben Taylor".into(),
        ..Entry::default()
    };
    let case = good.to_case("case-1", policy, Division::EnglandAndWales, today).unwrap();
    assert_eq!(
        (case.policy_id.as_str(), case.policy_version.as_str()),
        ("progress", policy.version.as_str())
    );
    assert_eq!(case.resident.name, "Sam Jones");
    assert_eq!(case.handler.as_deref(), Some("Ben Taylor"));
    assert_eq!(case.received(), Some(d("2026-11-20")));
    assert_eq!(case.events[1].what, EventKind::Assigned { handler: "Ben Taylor".into() });
    // The engine accepts the new case as it stands.
    assess(policy, &case, &Calendar::builtin(Division::EnglandAndWales), today).unwrap();
}
