//! Architecture invariants, checked by reading the source (see ARCHITECTURE.md):
//! - the pure core never imports the browser, the UI or storage;
//! - only `store` touches IndexedDB;
//! - `ui` never counts days itself (dates come from the engine);
//! - browser-only crates are wasm32-only dependencies, so host builds cannot use them.

use std::fs;
use std::path::{Path, PathBuf};

const PURE_CORE: &[&str] = &[
    "src/calendar",
    "src/policy",
    "src/case",
    "src/engine",
    "src/letters",
    "src/guided.rs",
    "src/bundle",
    "src/record.rs",
    "src/register",
    "src/report",
    "src/rules.rs",
];
const BROWSER_CRATES: &[&str] = &[
    "leptos",
    "leptos_router",
    "leptos_meta",
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "indexed_db_futures",
    "gloo",
];

fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Lines of `files` that mention any of `needles` as a path (`needle::`) or in a `use`.
fn offending_lines(files: &[PathBuf], needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for needle in needles {
                let as_path = format!("{needle}::");
                let as_use = format!("use {needle}");
                let as_extern = format!("extern crate {needle}");
                if code.contains(&as_path)
                    || code.trim_start().starts_with(&as_use)
                    || code.contains(&as_extern)
                {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn pure_core_never_imports_browser_ui_or_storage() {
    let files: Vec<PathBuf> = PURE_CORE.iter().flat_map(|p| rust_files(Path::new(p))).collect();
    assert!(files.len() >= 6, "the pure core should have source files, found {files:?}");
    let mut needles = BROWSER_CRATES.to_vec();
    needles.extend(["crate::store", "crate::ui", "super::store", "super::ui"]);
    let found = offending_lines(&files, &needles);
    assert!(
        found.is_empty(),
        "the pure core must not import browser, UI or storage code:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_store_touches_indexed_db() {
    let files: Vec<PathBuf> =
        rust_files(Path::new("src")).into_iter().filter(|f| !f.starts_with("src/store")).collect();
    let mut found = offending_lines(&files, &["indexed_db_futures"]);
    for file in &files {
        let text = fs::read_to_string(file).expect("readable source");
        if text.contains("IdbDatabase") || text.contains("IdbFactory") || text.contains("indexedDB") {
            found.push(format!("{} uses IndexedDB directly", file.display()));
        }
    }
    assert!(found.is_empty(), "only src/store may touch IndexedDB:\n{}", found.join("\n"));
}

#[test]
fn ui_never_counts_days_itself() {
    let files = rust_files(Path::new("src/ui"));
    let mut found = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("readable source");
        for pattern in [
            "Days::new",
            "checked_add_days",
            "checked_sub_days",
            "Duration::days",
            "TimeDelta::days",
            "succ_opt",
            "Weekday::",
        ] {
            if text.contains(pattern) {
                found.push(format!("{} uses {pattern}", file.display()));
            }
        }
    }
    assert!(found.is_empty(), "the UI must take every date from the engine:\n{}", found.join("\n"));
}

#[test]
fn browser_crates_are_wasm32_only_dependencies() {
    let manifest = fs::read_to_string("Cargo.toml").expect("Cargo.toml");
    let host_section = manifest
        .split("\n[")
        .find(|s| s.starts_with("dependencies]"))
        .expect("Cargo.toml has a [dependencies] section");
    for krate in BROWSER_CRATES {
        let name = krate.replace('_', "-");
        assert!(
            !host_section
                .lines()
                .any(|l| l.starts_with(&format!("{name} ")) || l.starts_with(&format!("{krate} "))),
            "{krate} must be a wasm32-only dependency, not in [dependencies]"
        );
    }
}

#[test]
fn the_checker_catches_an_offending_import() {
    // Guard against a checker that can never fail: feed it a file that breaks the rule.
    let dir = std::env::temp_dir().join(format!("redress-arch-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.rs");
    fs::write(
        &bad,
        "use leptos::prelude::*;\nfn f() { let _ = web_sys::window(); }\n// use js_sys::Date; (a comment)\n",
    )
    .unwrap();
    let found = offending_lines(&[bad], BROWSER_CRATES);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.len(), 2, "{found:?}");
}
