//! Golden tests of the engine's JSON entry point, driven by one `check` helper.
//!
//! Each `tests/golden/<policy>/<scenario>.input.json` is an `assess_json` input plus two fields
//! the harness takes off before the call:
//! - `working`: the key dates worked out by hand from the seed text, line by line (the clause
//!   quoted, the trigger date, each working day counted, the bank holidays skipped);
//! - `expect`: the results of that working (deadline id → due date, and a few other facts, see
//!   [`fact`]).
//!
//! `check` asserts every `expect` value (and that each expected date appears in the working, so
//! no value is written without its working), then compares the whole output with
//! `<scenario>.expected.json`. `BLESS=1 cargo test -p redress-core --test golden` rewrites the expected files
//! only after the `expect` values have passed; review the diff. The `working` and `expect` fields
//! are never rewritten.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Runs one scenario: the hand-checked facts first, then the full expected output. Returns what
/// is wrong, if anything.
fn check(input_path: &Path, required: bool) -> Vec<String> {
    let name = input_path.strip_prefix(golden_dir()).unwrap_or(input_path).display().to_string();
    let mut problems = Vec::new();
    let mut input: Value = serde_json::from_str(&std::fs::read_to_string(input_path).unwrap()).unwrap();
    let object = input.as_object_mut().unwrap();
    let expect = object.remove("expect").unwrap_or_default();
    let working = match object.remove("working") {
        Some(Value::Array(lines)) => {
            lines.iter().map(|l| l.as_str().unwrap_or_default().to_string()).collect::<Vec<_>>().join("\n")
        }
        Some(Value::String(text)) => text,
        _ => String::new(),
    };
    if working.trim().is_empty() && required {
        problems.push(format!("{name}: no \"working\": write how the expected values follow from the seed"));
    }
    let Some(expect) = expect.as_object().filter(|e| !e.is_empty()) else {
        problems.push(format!("{name}: no \"expect\" values"));
        return problems;
    };
    let output: Value = serde_json::from_str(&redress_core::engine::assess_json(&input.to_string())).unwrap();

    for (key, want) in expect {
        if let Some(date) = want.as_str().filter(|s| is_iso_date(s) && (required || !working.is_empty())) {
            if !working.contains(date) {
                problems.push(format!("{name}: {key} = {date} is not in the working"));
            }
        }
        let got = fact(&output, key);
        if got.as_ref() != Some(want) {
            problems.push(format!(
                "{name}: {key}: expected {want}, engine gave {} (deadlines: {})",
                got.map(|g| g.to_string()).unwrap_or_else(|| "nothing".into()),
                summary(&output)
            ));
        }
    }
    if !problems.is_empty() {
        return problems;
    }

    let expected_path = input_path.with_file_name(
        input_path.file_name().unwrap().to_str().unwrap().replace(".input.json", ".expected.json"),
    );
    let pretty = serde_json::to_string_pretty(&output).unwrap() + "\n";
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_path, pretty).unwrap();
        return problems;
    }
    let Ok(text) = std::fs::read_to_string(&expected_path) else {
        problems
            .push(format!("{name}: no expected file; run BLESS=1 cargo test -p redress-core --test golden"));
        return problems;
    };
    let expected: Value = serde_json::from_str(&text).unwrap();
    if output != expected {
        problems.push(format!(
            "{name}: output differs from {}; run BLESS=1 and review the diff",
            expected_path.display()
        ));
    }
    problems
}

fn is_iso_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// One fact from the output, by the name used in `expect`:
/// - a deadline id (`stage1.respond`): its due date; `<id>#<field>` one of its fields
///   (`state`, `counted_from`, `what`, `party`, `latest_with_extension`, `condition`, `beyond`);
/// - `status`, `current_stage` (its id), `current_stage_started`, `can_refer_now`,
///   `policy_says_from`, `extended_from` (the first deadline that has one), `overdue` (the ids);
/// - `triage` (its outcome), `error_event` (the index of the event at fault);
/// - `compensation#<field>`: a field of the compensation lookup, or of the band it found.
fn fact(output: &Value, key: &str) -> Option<Value> {
    let assessment = &output["assessment"];
    let deadline = |id: &str| assessment["deadlines"].as_array()?.iter().find(|d| d["id"] == id).cloned();
    if let Some((id, field)) = key.split_once('#') {
        if id == "compensation" {
            let lookup = &output["compensation"];
            return lookup.get(field).or_else(|| lookup["band"].get(field)).cloned();
        }
        let d = deadline(id)?;
        return match field {
            "state" => d["state"].get("state").cloned(),
            "latest_with_extension" | "condition" | "beyond" => d.get("extension")?.get(field).cloned(),
            other => d.get(other).cloned(),
        };
    }
    match key {
        "extended_from" => {
            assessment["deadlines"].as_array()?.iter().find_map(|d| d.get("extended_from").cloned())
        }
        "policy_says_from" => assessment["ombudsman"].get("policy_says_from").cloned(),
        "can_refer_now" => assessment["ombudsman"].get("can_refer_now").cloned(),
        "status" => assessment.get("status").cloned(),
        "current_stage" => assessment["current_stage"].get("id").cloned(),
        "current_stage_started" => assessment["current_stage"].get("started").cloned(),
        "overdue" => assessment.get("overdue").cloned(),
        "triage" => output["triage"].get("outcome").cloned(),
        "error_event" => output["error"].get("event_index").cloned(),
        id => deadline(id).map(|d| d["due"].clone()),
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
    let mut problems = Vec::new();
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
            problems.extend(check(input, true));
        }
        policies += 1;
    }
    assert_eq!(policies, redress_core::policy::builtin().len(), "one folder per built-in policy");
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn a_value_without_its_working_is_refused() {
    // The harness itself: an `expect` date the working does not mention is a failure even when
    // the engine agrees with it, and a scenario with no working fails.
    let dir = std::env::temp_dir().join(format!("redress-golden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = |working: Value| {
        serde_json::json!({
            "policy": "code-2024",
            "case": { "id": "x", "policy_id": "code-2024", "policy_version": "2024", "landlord": "",
                      "category": "Repairs", "description": "x", "resident": { "name": "A" },
                      "events": [ { "date": "2027-02-01", "what": { "type": "received" } } ] },
            "today": "2027-02-02",
            "working": working,
            "expect": { "stage1.acknowledge": "2027-02-08" }
        })
    };
    let path = dir.join("x.input.json");
    std::fs::write(
        &path,
        scenario(serde_json::json!(["Received Monday 2027-02-01; 5 working days."])).to_string(),
    )
    .unwrap();
    let unexplained = check(&path, true);
    std::fs::write(&path, scenario(serde_json::json!([])).to_string()).unwrap();
    let no_working = check(&path, true);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(unexplained.iter().any(|p| p.contains("2027-02-08 is not in the working")), "{unexplained:?}");
    assert!(no_working.iter().any(|p| p.contains("no \"working\"")), "{no_working:?}");
}
