//! Criterion benchmarks (`cargo bench --bench engine`): assessing 10,000 realistic cases natively,
//! filtering and sorting a register of 10,000 rows (the register allows itself 100 ms), and
//! checking an exported file of 10,000 cases for import (everything but the checksum's hash,
//! which the browser does with WebCrypto).
//! The same work in the browser is timed by `bench/bench.mjs` through the wasm exports
//! `bench_assess` and `bench_register`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use redress_core::calendar::{Calendar, Division};
use redress_core::case::sample_cases;
use redress_core::engine::assess;
use redress_core::policy;
use redress_core::register::{select, Column, Due, Filter, Row, Sort};

fn assess_10k(c: &mut Criterion) {
    let cases = sample_cases(10_000, 42);
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let policies: Vec<_> = cases.iter().map(|case| policy::by_id(&case.policy_id).unwrap()).collect();
    c.bench_function("assess 10,000 cases", |b| {
        b.iter(|| {
            let mut deadlines = 0;
            for (case, policy) in cases.iter().zip(&policies) {
                deadlines += assess(policy, case, &calendar, today).map(|a| a.deadlines.len()).unwrap_or(0);
            }
            black_box(deadlines)
        })
    });
}

fn register_10k(c: &mut Criterion) {
    let cases = sample_cases(10_000, 42);
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let rows: Vec<Row> = cases
        .iter()
        .map(|case| {
            Row::new(case, assess(policy::by_id(&case.policy_id).unwrap(), case, &calendar, today).as_ref())
        })
        .collect();
    let filter = Filter { due: Due::ThisWeek, text: "boiler".into(), ..Filter::default() };
    c.bench_function("register: filter and sort 10,000 rows", |b| {
        b.iter(|| {
            black_box(select(&rows, &filter, Sort { column: Column::NextDue, descending: true }, today))
        })
    });
    c.bench_function("register: sort 10,000 rows by resident", |b| {
        b.iter(|| {
            black_box(select(
                &rows,
                &Filter::default(),
                Sort { column: Column::Resident, descending: false },
                today,
            ))
        })
    });
}

fn import_10k(c: &mut Criterion) {
    use redress_core::bundle::{self, Scope};
    use redress_core::record::{Record, RecordKind};
    let records: Vec<Record> = sample_cases(10_000, 2026)
        .into_iter()
        .map(|case| Record {
            kind: RecordKind::Case,
            id: case.id.clone(),
            revision: 1,
            updated_at: "2026-11-23T09:00:00Z".into(),
            data: serde_json::to_value(&case).expect("a case always serialises"),
        })
        .collect();
    let text = bundle::export(records, Scope::Everything, "2026-11-23T09:00:00Z").to_json_pretty();
    c.bench_function("import: check a file of 10,000 cases", |b| {
        b.iter(|| black_box(bundle::parse_unverified(text.as_bytes()).expect("the file is valid")))
    });
}

criterion_group!(benches, assess_10k, register_10k, import_10k);
criterion_main!(benches);
