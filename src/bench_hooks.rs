//! bench_hooks: functions the browser benchmark (`bench/bench.mjs`) calls through
//! `window.wasmBindings`. They are not used by the app itself, so their code (the generated
//! cases, the register's sorting) is a lazily loaded part of its own, like a page's: the start
//! page never fetches it. They belong to the binary, not the library: the browser tests link the
//! library without wasm-split, and an export there that reaches a split point stops their module
//! from loading.

use leptos::wasm_split::wasm_split;
use wasm_bindgen::prelude::*;

use redress::calendar::{Calendar, Division};
use redress::case::sample_cases;
use redress::engine::assess;
use redress::policy;
use redress::ui::LoadFailed;

/// What to time, on how many generated cases.
#[derive(Clone, Copy, Debug)]
pub struct Job {
    which: Which,
    n: usize,
}

#[derive(Clone, Copy, Debug)]
#[repr(u8)]
enum Which {
    Assess,
    Register,
}

#[wasm_split(redress_bench, wasm_split_path = ::leptos::wasm_split, fallible)]
fn run(job: Job) -> Result<f64, LoadFailed> {
    Ok(match job.which {
        Which::Assess => assess_cases(job.n),
        Which::Register => filter_and_sort(job.n),
    })
}

/// Assesses `n` generated cases and returns the milliseconds taken (generation not included);
/// not a number if the benchmark's part could not be fetched.
#[wasm_bindgen]
pub async fn bench_assess(n: usize) -> f64 {
    run(Job { which: Which::Assess, n }).await.unwrap_or(f64::NAN)
}

/// Builds a register of `n` generated cases, then times filtering and sorting it as the register
/// page does: returns the slowest of a few typical filter-and-sort passes, in milliseconds.
#[wasm_bindgen]
pub async fn bench_register(n: usize) -> f64 {
    run(Job { which: Which::Register, n }).await.unwrap_or(f64::NAN)
}

fn assess_cases(n: usize) -> f64 {
    let cases = sample_cases(n, 42);
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let policies: Vec<_> = cases.iter().map(|c| policy::by_id(&c.policy_id)).collect();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    // Warm the shared caches (parsed policies, the Code comparison) as the app would be.
    let _ = policy::builtin();
    let performance = web_sys::window().and_then(|w| w.performance());
    let now = || performance.as_ref().map(|p| p.now()).unwrap_or(0.0);
    let start = now();
    let mut deadlines = 0usize;
    for (case, policy) in cases.iter().zip(&policies) {
        if let Some(policy) = policy {
            deadlines += assess(policy, case, &calendar, today).map(|a| a.deadlines.len()).unwrap_or(0);
        }
    }
    let elapsed = now() - start;
    // Nothing assessed would make the figure meaningless: say so rather than report a time.
    if deadlines == 0 {
        f64::NAN
    } else {
        elapsed
    }
}

fn filter_and_sort(n: usize) -> f64 {
    use redress::register::{select, Column, Due, Filter, Row, Sort};
    let cases = sample_cases(n, 42);
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    let rows: Vec<Row> = cases
        .iter()
        .filter_map(|c| Some(Row::new(c, assess(policy::by_id(&c.policy_id)?, c, &calendar, today).as_ref())))
        .collect();
    let passes = [
        (Filter::default(), Sort { column: Column::Resident, descending: false }),
        (
            Filter { due: Due::Overdue, ..Filter::default() },
            Sort { column: Column::NextDue, descending: false },
        ),
        (
            Filter { text: "boiler heating".into(), ..Filter::default() },
            Sort { column: Column::Received, descending: true },
        ),
        (
            Filter { handler: Some("Ben Taylor".into()), ..Filter::default() },
            Sort { column: Column::Category, descending: false },
        ),
    ];
    let performance = web_sys::window().and_then(|w| w.performance());
    let now = || performance.as_ref().map(|p| p.now()).unwrap_or(0.0);
    let mut slowest = 0f64;
    let mut found = 0usize;
    for (filter, sort) in &passes {
        let start = now();
        found += select(&rows, filter, *sort, today).len();
        slowest = slowest.max(now() - start);
    }
    if found == 0 {
        f64::NAN
    } else {
        slowest
    }
}

/// The size of the wasm linear memory, in bytes.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
