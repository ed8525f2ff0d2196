//! The JSON Schema in `docs/bundle-format.schema.json` is generated from the Rust types; this test
//! fails if the committed file is out of date. Regenerate with
//! `BLESS=1 cargo test -p redress-core --test bundle_schema`.

use std::path::PathBuf;

use redress_core::bundle::Bundle;

#[test]
fn committed_schema_matches_the_rust_types() {
    let schema = schemars::schema_for!(Bundle);
    let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/bundle-format.schema.json");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/bundle-format.schema.json is out of date with crates/redress-core/src/bundle: run \
         `BLESS=1 cargo test -p redress-core --test bundle_schema` \
         and review the diff"
    );
}

#[test]
fn the_schema_names_the_format_and_requires_a_checksum() {
    let schema = serde_json::to_value(schemars::schema_for!(Bundle)).unwrap();
    let required: Vec<&str> =
        schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for field in ["format", "format_version", "exported_at", "app_version", "scope", "records", "checksum"] {
        assert!(required.contains(&field), "{field} must be required: {required:?}");
    }
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
}
