//! Golden tests of the engine's JSON entry point, driven by one `check` helper.
//!
//! Each `tests/golden/<policy>/<scenario>.input.json` is an `assess_json` input plus an `expect`
//! map: the key dates worked out by hand from the policy text (deadline id → due date, and a few
//! other facts). `check` asserts those, then compares the whole output with
//! `<scenario>.expected.json`. `BLESS=1 cargo test --test golden` rewrites the expected files;
//! review the diff — the `expect` maps are never rewritten.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Runs one scenario: the hand-checked facts first, then the full expected output.
fn check(input_path: &Path) {
    let name = input_path.strip_prefix(golden_dir()).unwrap().display().to_string();
    let mut input: Value = serde_json::from_str(&std::fs::read_to_string(input_path).unwrap()).unwrap();
    let expect = input.as_object_mut().unwrap().remove("expect").unwrap_or_default();
    let output: Value = serde_json::from_str(&redress::engine::assess_json(&input.to_string())).unwrap();

    for (key, want) in expect.as_object().unwrap() {
        let got = fact(&output, key);
        assert_eq!(got.as_ref(), Some(want), "{name}: {key} (output: {})", summary(&output));
    }

    let expected_path = input_path.with_file_name(
        input_path.file_name().unwrap().to_str().unwrap().replace(".input.json", ".expected.json"),
    );
    let pretty = serde_json::to_string_pretty(&output).unwrap() + "\n";
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_path, pretty).unwrap();
        return;
    }
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{name}: no expected file; run BLESS=1 cargo test --test golden")),
    )
    .unwrap();
    assert!(
        output == expected,
        "{name}: output differs from {}; run BLESS=1 and review the diff",
        expected_path.display()
    );
}

/// One fact from the output, by the name used in `expect`.
fn fact(output: &Value, key: &str) -> Option<Value> {
    let assessment = &output["assessment"];
    match key {
        "extended_from" => {
            assessment["deadlines"].as_array()?.iter().find_map(|d| d.get("extended_from").cloned())
        }
        "policy_says_from" => assessment["ombudsman"].get("policy_says_from").cloned(),
        "triage" => output["triage"].get("outcome").cloned(),
        "error_event" => output["error"].get("event_index").cloned(),
        id => assessment["deadlines"].as_array()?.iter().find(|d| d["id"] == id).map(|d| d["due"].clone()),
    }
}

fn summary(output: &Value) -> String {
    match output["assessment"]["deadlines"].as_array() {
        Some(deadlines) => deadlines
            .iter()
            .map(|d| format!("{}={}", d["id"].as_str().unwrap_or(""), d["due"].as_str().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(", "),
        None => output.to_string(),
    }
}

#[test]
fn golden_scenarios() {
    let mut policies = 0;
    for dir in std::fs::read_dir(golden_dir()).unwrap() {
        let dir = dir.unwrap().path();
        // `letters/` holds the association letters' goldens (tests/association_letters.rs).
        if dir.file_name().is_some_and(|n| n == "letters") {
            continue;
        }
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".input.json"))
            .collect();
        inputs.sort();
        assert!(inputs.len() >= 8, "{}: at least eight scenarios per policy", dir.display());
        for input in &inputs {
            check(input);
        }
        policies += 1;
    }
    assert_eq!(policies, redress::policy::builtin().len(), "one folder per built-in policy");
}
