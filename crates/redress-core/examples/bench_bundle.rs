//! Writes a bundle of N realistic generated cases for the import benchmark:
//! `cargo run --release --example bench_bundle -- 10000 bench/results/bundle-10k.json`.

use redress_core::bundle::{self, Scope};
use redress_core::case::sample_cases;
use redress_core::record::{Record, RecordKind};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let path = args.next().unwrap_or_else(|| "bench/results/bundle-10k.json".into());
    let records: Vec<Record> = sample_cases(n, 2026)
        .into_iter()
        .map(|case| Record {
            kind: RecordKind::Case,
            id: case.id.clone(),
            revision: 1,
            updated_at: "2026-11-23T09:00:00Z".into(),
            data: serde_json::to_value(&case).expect("a case always serialises"),
        })
        .collect();
    let bundle = bundle::export(records, Scope::Everything, "2026-11-23T09:00:00Z");
    if let Some(dir) = std::path::Path::new(&path).parent() {
        std::fs::create_dir_all(dir).expect("can create the results folder");
    }
    std::fs::write(&path, bundle.to_json_pretty()).expect("can write the bundle");
    eprintln!("Wrote {n} cases to {path}");
}
