//! Criterion benchmark: assessing 10,000 realistic cases natively (`cargo bench --bench engine`).
//! The same work in the browser is timed by `bench/bench.mjs` through the wasm export
//! `bench_assess`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use redress::calendar::{Calendar, Division};
use redress::case::sample_cases;
use redress::engine::assess;
use redress::policy;

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

criterion_group!(benches, assess_10k);
criterion_main!(benches);
