//! Architecture invariants, checked by reading the source (see ARCHITECTURE.md):
//! - the pure core (crates/redress-core) never imports the browser, the UI or storage, and its
//!   manifest and resolved dependency tree hold no browser crate and no dependency on the web app;
//! - only `store` touches IndexedDB;
//! - `ui` never counts days itself (dates come from the engine);
//! - `ui` never handles JSON or builds a record envelope (records are typed at the store);
//! - browser-only crates are wasm32-only dependencies, so host builds cannot use them.

use std::fs;
use std::path::{Path, PathBuf};

/// The pure core is its own crate; everything in it is checked.
const PURE_CORE: &[&str] = &["crates/redress-core/src"];
const CORE_MANIFEST: &str = "crates/redress-core/Cargo.toml";
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
    needles.extend(["crate::store", "crate::ui", "super::store", "super::ui", "redress"]);
    let found = offending_lines(&files, &needles);
    assert!(
        found.is_empty(),
        "the pure core must not import browser, UI or storage code:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_store_touches_indexed_db() {
    let files: Vec<PathBuf> = rust_files(Path::new("src"))
        .into_iter()
        .chain(rust_files(Path::new("crates/redress-core/src")))
        .filter(|f| !f.starts_with("src/store"))
        .collect();
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

/// The core's manifest names no browser crate and not the web app, and does not turn on chrono's
/// clock: "today" is always passed in.
#[test]
fn the_core_manifest_has_no_browser_dependency() {
    let manifest = fs::read_to_string(CORE_MANIFEST).expect("the core's Cargo.toml");
    let mut found = Vec::new();
    for line in manifest.lines().map(|l| l.split('#').next().unwrap_or("").trim()) {
        let key = line.split(['=', '.', ' ']).next().unwrap_or("");
        for krate in BROWSER_CRATES.iter().copied().chain(["redress", "wasm-bindgen-futures"]) {
            if key == krate || key == krate.replace('_', "-") {
                found.push(line.to_string());
            }
        }
        if line.contains("wasmbind") || line.contains("\"clock\"") {
            found.push(line.to_string());
        }
    }
    assert!(found.is_empty(), "{CORE_MANIFEST} must not name these:\n{}", found.join("\n"));
}

/// What cargo resolves for the core, built natively, holds no browser crate and not the web app;
/// built for wasm32 it still never depends on the web app. (For wasm32, icalendar turns on
/// chrono's `wasmbind` and uuid's `js` for itself; the core never calls them: ARCHITECTURE.md.)
#[test]
fn the_core_resolves_without_the_browser_or_the_web_app() {
    let tree = |extra: &[&str]| -> Vec<String> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = std::process::Command::new(cargo)
            .args([
                "tree",
                "-p",
                "redress-core",
                "-e",
                "normal",
                "--prefix",
                "none",
                "--format",
                "{p}",
                "--offline",
            ])
            .args(extra)
            .output()
            .expect("cargo tree runs");
        assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .map(|l| l.split(' ').next().unwrap_or("").to_string())
            .collect()
    };
    let native = tree(&[]);
    assert!(
        native.iter().any(|p| p == "serde_json"),
        "cargo tree should list the core's dependencies: {native:?}"
    );
    let browser: Vec<&String> = native
        .iter()
        .filter(|p| {
            BROWSER_CRATES.iter().any(|b| **p == b.replace('_', "-") || *p == b)
                || p.starts_with("wasm-bindgen")
                || *p == "redress"
        })
        .collect();
    assert!(browser.is_empty(), "the core, built natively, must not depend on {browser:?}");
    let wasm = tree(&["--target", "wasm32-unknown-unknown"]);
    let web_app: Vec<&String> = wasm
        .iter()
        .filter(|p| ["redress", "leptos", "web-sys", "indexed_db_futures"].contains(&p.as_str()))
        .collect();
    assert!(web_app.is_empty(), "the core, built for wasm32, must not depend on {web_app:?}");
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

// The UI's vocabulary: every address written once (`src/ui/route.rs`), no download, clipboard or
// storage error thrown away, and no text put into the page as HTML.

/// The string literals of Rust source `text` (comments skipped), each with its line number and
/// the code on its line before it.
fn string_literals(text: &str) -> Vec<(usize, String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let (mut i, mut line, mut line_start) = (0, 1, 0);
    while i < chars.len() {
        match chars[i] {
            '\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            // A character literal such as '"' or '\''.
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            '\'' if chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') => i += 4,
            '"' => {
                let before: String = chars[line_start..i].iter().collect();
                let (start_line, mut literal) = (line, String::new());
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if chars.get(i) == Some(&'\n') {
                        line += 1;
                        line_start = i + 1;
                    }
                    if let Some(&c) = chars.get(i) {
                        literal.push(c);
                    }
                    i += 1;
                }
                i += 1;
                found.push((start_line, literal, before));
            }
            _ => i += 1,
        }
    }
    found
}

/// The first segment of every path in the router's table (`path!("/association/cases/:id")`
/// gives "/association"; the start page's `path!("/")` gives "/").
fn route_roots(route_rs: &str) -> Vec<String> {
    let mut roots: Vec<String> = route_rs
        .split("path!(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|path| format!("/{}", path.trim_start_matches('/').split(['/', '?']).next().unwrap_or("")))
        .collect();
    roots.sort();
    roots.dedup();
    roots
}

/// The route paths written as literals in `text`: a literal that is one of `roots` or starts with
/// one followed by `/`, `?`, `#` or a `format!` argument. The start page's "/" counts where it is
/// a link (`href="/"`, `go("/"`), since "/" alone is also the service worker's scope.
fn route_literals(text: &str, roots: &[String]) -> Vec<String> {
    string_literals(text)
        .into_iter()
        .filter(|(_, literal, before)| {
            roots.iter().any(|root| {
                if root == "/" {
                    literal == "/"
                        && ["href=", "go(", "navigate("].iter().any(|c| before.trim_end().ends_with(c))
                } else {
                    literal
                        .strip_prefix(root.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#', '{']))
                }
            })
        })
        .map(|(line, literal, _)| format!("{line}: \"{literal}\""))
        .collect()
}

#[test]
fn route_paths_are_written_only_in_route_rs() {
    let route_rs = fs::read_to_string("src/ui/route.rs").expect("src/ui/route.rs");
    let roots = route_roots(&route_rs);
    for root in ["/", "/association", "/complaint", "/complaints", "/your-data", "/resident", "/helper"] {
        assert!(roots.iter().any(|r| r == root), "the router's table should route {root}: {roots:?}");
    }
    let mut found = Vec::new();
    for file in rust_files(Path::new("src/ui")) {
        if file.ends_with("src/ui/route.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).expect("readable source");
        found.extend(route_literals(&text, &roots).into_iter().map(|l| format!("{}:{l}", file.display())));
    }
    assert!(
        found.is_empty(),
        "write a page's address as a ui::route::Route (its path() or as an href), not as a literal:\n{}",
        found.join("\n")
    );
}

/// What a call that can fail with something the user must hear about looks like: a download,
/// the clipboard, storage.
const MUST_REPORT: &[&str] = &[
    "download",
    "copy_text",
    "clipboard",
    "write_text",
    "db(",
    "db.",
    ".save(",
    ".delete(",
    ".put(",
    "store",
    "storage",
    "persist",
];

/// Statements in `text` that throw away the result of a call in [`MUST_REPORT`]: `let _ = …;`
/// or `….ok();`.
fn discarded_errors(text: &str) -> Vec<String> {
    let code: String =
        text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut found = Vec::new();
    let statements = code.split([';', '{', '}']);
    for statement in statements {
        let s = statement.trim();
        let discards = s.starts_with("let _ =") || s.contains(" let _ =") || s.ends_with(".ok()");
        if discards && MUST_REPORT.iter().any(|call| s.contains(call)) {
            found.push(s.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    found
}

#[test]
fn no_download_clipboard_or_storage_error_is_thrown_away() {
    let mut found = Vec::new();
    for file in rust_files(Path::new("src/ui")).into_iter().chain(rust_files(Path::new("src/store"))) {
        let text = fs::read_to_string(&file).expect("readable source");
        found.extend(discarded_errors(&text).into_iter().map(|s| format!("{}: {s}", file.display())));
    }
    assert!(
        found.is_empty(),
        "every download, clipboard or storage error must reach the user (show it, do not `let _ =` it):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_text_is_put_into_the_page_as_html() {
    // The web app's sources and the core's (whose letters become web pages).
    let mut found = Vec::new();
    let files: Vec<PathBuf> = rust_files(Path::new("src"))
        .into_iter()
        .chain(rust_files(Path::new("crates/redress-core/src")))
        .collect();
    assert!(files.iter().any(|f| f.ends_with("letters/mod.rs")), "the core's sources should be read too");
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            if line.split("//").next().unwrap_or("").contains("inner_html") {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "render user text as text, never with inner_html:\n{}", found.join("\n"));
}

#[test]
fn the_vocabulary_checkers_catch_what_they_guard() {
    // Guard against checkers that can never fail: feed each a source that breaks its rule.
    let roots = route_roots(
        r#"<Page path=path!("/") /> <Page path=path!("/complaints/:id") /> <Page path=path!("/your-data") />"#,
    );
    assert_eq!(roots, ["/", "/complaints", "/your-data"]);
    let bad = r#"
        view! { <A href="/your-data">"Your data"</A> <A href="/">"Start"</A> }
        go(&format!("/complaints/{id}"), Default::default());
        let q = "/your-data?x=1"; // "/your-data" in a comment is fine
        let fine = ("/complaints-help", "/", "your-data", '"', "a \" /your-data");
    "#;
    assert_eq!(
        route_literals(bad, &roots),
        ["2: \"/your-data\"", "2: \"/\"", "3: \"/complaints/{id}\"", "4: \"/your-data?x=1\""]
    );
    let bad = "fn f() {\n    let _ = browser::download(\"a.txt\", \"text/plain\", &t);\n    let _ = el.focus();\n    let _ = browser::copy_text(&t)\n        .await;\n    db.save(record).await.ok();\n}\n// let _ = browser::download(x);\n";
    assert_eq!(
        discarded_errors(bad),
        [
            "let _ = browser::download(\"a.txt\", \"text/plain\", &t)",
            "let _ = browser::copy_text(&t) .await",
            "db.save(record).await.ok()"
        ]
    );
}

// Typed records at the storage boundary: the UI reads and writes Rust types through the store's
// typed layer (`src/store/typed.rs`, `settings::Stored`), never JSON values or record envelopes.

/// Lines of Rust source `text` (comments skipped) that handle storage's internals: JSON
/// (`serde_json`), or a record envelope built by hand (`Record::new(..)`, `Record { .. }`,
/// `RawRecord { .. }`), each as "line: code".
fn storage_internals(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let envelope = ["Record::new(", "Record {", "RawRecord {", "Record{"].iter().any(|pattern| {
            code.match_indices(pattern).any(|(at, _)| {
                // `Record` as a whole name: not the end of `PolicyRecord`, say (but `RawRecord` is one).
                let before = code[..at].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_') || pattern.starts_with("Raw")
            })
        });
        if code.contains("serde_json") || envelope {
            found.push(format!("{}: {}", n + 1, line.trim()));
        }
    }
    found
}

#[test]
fn no_ui_file_handles_json_or_builds_a_record() {
    let files = rust_files(Path::new("src/ui"));
    assert!(files.len() >= 20, "the UI should have its source files, found {files:?}");
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        found.extend(storage_internals(&text).into_iter().map(|l| format!("{}:{l}", file.display())));
    }
    assert!(
        found.is_empty(),
        "read and write records as their types (Db::read, Db::write, Db::setting, ui::casebook), not as JSON or \
         envelopes:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_storage_checker_catches_json_and_envelopes() {
    // Guard against a checker that can never fail: feed it lines that break the rule, and lines
    // that do not.
    let bad = concat!(
        "let case: Case = serde_json::from_value(record.data.clone()).unwrap();\n",
        "use serde_json::json;\n",
        "let rec = Record::new(RecordKind::Setting, SETUP_ID, json!({}));\n",
        "let rec = Record { kind, id, revision: 0, updated_at, data };\n",
        "let raw = RawRecord { kind, id };\n",
        "let fine = Stored::new(DRAFT_ID, draft); // not serde_json::to_value, nor Record::new(..)\n",
        "sync::track(&[RecordKind::Case]); let r: Stored<Case> = db.read(&id).await?;\n",
        "struct PolicyRecord { id: String }\n",
    );
    let found = storage_internals(bad);
    assert_eq!(
        found.iter().map(|l| l.split(':').next().unwrap()).collect::<Vec<_>>(),
        ["1", "2", "3", "4", "5"]
    );
}

/// Undoes the percent-escapes a `data:` address uses (`%3C` for `<` and so on).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("an escape is ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("an escape is two hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("the icon is UTF-8")
}

/// The page carries the favicon itself (no request for it on any page load, none for a navigation
/// to cancel); it must be the same drawing as `public/favicon.svg`, which the PNG icons are made
/// from, so the two never drift apart.
#[test]
fn the_favicon_in_the_page_is_public_favicon_svg() {
    let page = fs::read_to_string("index.html").expect("index.html");
    let line = page
        .lines()
        .find(|line| line.contains("rel=\"icon\""))
        .expect("index.html has a <link rel=\"icon\">");
    let start = line.find("href=\"data:image/svg+xml,").expect("the icon is written into the page")
        + "href=\"data:image/svg+xml,".len();
    let end = start + line[start..].find('"').expect("the href is closed");
    let svg = fs::read_to_string("public/favicon.svg").expect("public/favicon.svg");
    assert_eq!(percent_decoded(&line[start..end]), svg.trim());
    assert!(!page.contains("data-trunk rel=\"icon\""), "the favicon is no longer a file of its own");
}
