//! A generated corpus of malformed bundles: the classes of the reliability probe of December 2026
//! (`../shared/audits/reliability-2026-12.md`, §2), and the ones it found accepted, each refused
//! with its own message. Every file is built from a valid bundle; where a mutation has to get
//! past the checksum to reach the check under test, the checksum is recomputed.
//!
//! Each entry names the class of error it must give and a fragment of the message that is
//! particular to it (the field, the path, the reason), not just "refused". `bundle::parse` is
//! pure, so a refused file never reaches the store; the end-to-end test `data.spec.mjs` imports a
//! sample of these files through the page and checks the stored data is unchanged.

use redress_core::bundle::{self, BundleError, BundleErrorKind, Scope, MAX_BYTES, MAX_DEPTH};
use redress_core::record::{Record, RecordKind};
use serde_json::{json, Value};

const EXPORTED_AT: &str = "2026-11-23T09:30:00Z";

fn saved(kind: RecordKind, id: &str, data: Value) -> Record {
    Record { kind, id: id.into(), revision: 1, updated_at: EXPORTED_AT.into(), data }
}

fn case_value(n: usize) -> Value {
    serde_json::to_value(&redress_core::case::sample_cases(3, 7)[n]).unwrap()
}

/// The valid one-case file, as a JSON value.
fn one_case() -> Value {
    let case = case_value(0);
    let id = case["id"].as_str().unwrap().to_string();
    let bundle =
        bundle::export(vec![saved(RecordKind::Case, &id, case)], Scope::OneCase { case_id: id }, EXPORTED_AT);
    serde_json::to_value(bundle).unwrap()
}

/// A valid file of three records: two cases and a setting.
fn three_records() -> Value {
    let records = vec![
        saved(RecordKind::Case, case_value(1)["id"].as_str().unwrap(), case_value(1)),
        saved(RecordKind::Case, case_value(2)["id"].as_str().unwrap(), case_value(2)),
        saved(RecordKind::Setting, "preferences", json!({"division": "scotland"})),
    ];
    serde_json::to_value(bundle::export(records, Scope::Everything, EXPORTED_AT)).unwrap()
}

/// Sets the checksum to the SHA-256 of the records' canonical form (serde_json writes a value's
/// keys in sorted order, compactly: the canonical form), so the check under test is reached.
fn rechecksum(bundle: &mut Value) {
    let canonical = serde_json::to_string(&bundle["records"]).unwrap();
    let digest = bundle::sha256(canonical.as_bytes());
    bundle["checksum"] = json!(digest.iter().map(|b| format!("{b:02x}")).collect::<String>());
}

fn pretty(bundle: &Value) -> String {
    serde_json::to_string_pretty(bundle).unwrap()
}

/// A mutation of the one-case file's value, with the checksum recomputed afterwards.
fn altered(alter: impl Fn(&mut Value)) -> String {
    let mut bundle = one_case();
    alter(&mut bundle);
    rechecksum(&mut bundle);
    pretty(&bundle)
}

/// A change made to a file's value.
type Alter = Box<dyn Fn(&mut Value)>;

/// One file of the corpus: its class, the bytes, and the error and message fragment it must give.
struct Bad {
    class: &'static str,
    bytes: Vec<u8>,
    kind: BundleErrorKind,
    fragment: String,
}

fn bad(
    class: &'static str,
    bytes: impl Into<Vec<u8>>,
    kind: BundleErrorKind,
    fragment: impl Into<String>,
) -> Bad {
    Bad { class, bytes: bytes.into(), kind, fragment: fragment.into() }
}

/// A small deterministic generator, so the corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn corpus() -> Vec<Bad> {
    use BundleErrorKind::*;
    let mut out = Vec::new();
    let valid = pretty(&one_case());
    let mut rng = Rng(12345);

    // 1. Truncated at random points (never only the final newline, which leaves valid JSON).
    let end = valid.trim_end().len();
    for _ in 0..45 {
        let at = rng.below(end - 1) + 1;
        out.push(bad("truncated", &valid.as_bytes()[..at], NotJson, "EOF while parsing"));
    }

    // 2. One to three bits flipped in a byte of the records (not in the spaces between tokens,
    // where a tab for a newline changes nothing): the file is damaged, so it is refused, with
    // whichever message names the damage.
    let records_start = valid.find("\"records\"").unwrap();
    let records_end = valid.find("\"scope\"").unwrap();
    let mut flips = 0;
    while flips < 45 {
        let at = records_start + rng.below(records_end - records_start);
        if valid.as_bytes()[at].is_ascii_whitespace() {
            continue;
        }
        let mut bytes = valid.clone().into_bytes();
        for _ in 0..=rng.below(3) {
            bytes[at] ^= 1 << rng.below(7);
        }
        if bytes == valid.as_bytes() || bytes[at].is_ascii_whitespace() {
            continue;
        }
        flips += 1;
        out.push(Bad { class: "byte flip", bytes, kind: ChecksumMismatch, fragment: String::new() });
    }

    // 3. A required key removed, at every level (the checksum recomputed).
    for key in ["format", "format_version", "exported_at", "app_version", "scope", "records", "checksum"] {
        let mut bundle = one_case();
        bundle.as_object_mut().unwrap().remove(key);
        let kind = match key {
            "format" => NotABundle,
            "format_version" => Malformed,
            _ => Malformed,
        };
        let fragment = match key {
            "format" => "no \"format\"".to_string(),
            "format_version" => "\"format_version\" is wrong".to_string(),
            "records" => "\"records\" is wrong (it must be a list)".to_string(),
            _ => format!("missing field `{key}`"),
        };
        out.push(bad("key removed", pretty(&bundle), kind, fragment));
    }
    for key in ["kind", "id", "revision", "updated_at", "data"] {
        let text = altered(|b| {
            b["records"][0].as_object_mut().unwrap().remove(key);
        });
        out.push(bad("key removed", text, InvalidRecord, format!("missing field `{key}`")));
    }
    for key in
        ["id", "policy_id", "policy_version", "landlord", "category", "description", "resident", "events"]
    {
        let text = altered(|b| {
            b["records"][0]["data"].as_object_mut().unwrap().remove(key);
        });
        out.push(bad("key removed", text, InvalidRecord, format!("missing field `{key}`")));
    }
    out.push(bad(
        "key removed",
        altered(|b| {
            b["records"][0]["data"]["resident"].as_object_mut().unwrap().remove("name");
        }),
        InvalidRecord,
        "\"data.resident\" is wrong (missing field `name`",
    ));
    for key in ["date", "what"] {
        let text = altered(|b| {
            b["records"][0]["data"]["events"][1].as_object_mut().unwrap().remove(key);
        });
        out.push(bad(
            "key removed",
            text,
            InvalidRecord,
            format!("\"data.events[1]\" is wrong (missing field `{key}`"),
        ));
    }

    // 4. A key written twice, at every level: named by its path, whichever value comes last.
    let duplicates: [(&str, &str, &str); 10] = [
        ("\"records\": [", "\"records\": [],\n  \"records\": [", "records"),
        ("\"checksum\": \"", "\"checksum\": \"00\",\n  \"checksum\": \"", "checksum"),
        ("\"format\": ", "\"format\": \"redress-bundle\",\n  \"format\": ", "format"),
        ("\"case_id\": ", "\"case_id\": \"other\",\n    \"case_id\": ", "scope.case_id"),
        ("\"revision\": ", "\"revision\": 7,\n      \"revision\": ", "records[0].revision"),
        ("\"landlord\": ", "\"landlord\": \"<b>x</b>\",\n        \"landlord\": ", "records[0].data.landlord"),
        ("\"name\": ", "\"name\": \"Someone else\",\n          \"name\": ", "records[0].data.resident.name"),
        (
            "\"type\": \"acknowledged\"",
            "\"type\": \"closed\", \"type\": \"acknowledged\"",
            "records[0].data.events[1].what.type",
        ),
        ("\"handler\": ", "\"handler\": \"Amira Khan\", \"handler\": ", "records[0].data.handler"),
        ("\"method\": ", "\"method\": \"phone\", \"method\": ", "records[0].data.resident.contact.method"),
    ];
    for (find, replace, path) in duplicates {
        let text = valid.replacen(find, replace, 1);
        assert_ne!(text, valid, "{find} must be in the file");
        out.push(bad("duplicate key", text, DuplicateKey, format!("\"{path}\" is written twice")));
    }
    // Inside a setting's free-form data too (three-record file).
    let three = pretty(&three_records());
    let text = three.replacen(
        "\"division\": \"scotland\"",
        "\"division\": \"wales\", \"division\": \"scotland\"",
        1,
    );
    assert_ne!(text, three);
    out.push(bad("duplicate key", text, DuplicateKey, "\"records[2].data.division\" is written twice"));

    // 5. Wrong types (the checksum recomputed where the records change).
    let wrong_types: Vec<(&str, Alter, BundleErrorKind, &str)> = vec![
        (
            "format_version",
            Box::new(|b| b["format_version"] = json!("1")),
            Malformed,
            "\"format_version\" is wrong (it must be a whole number)",
        ),
        (
            "format_version",
            Box::new(|b| b["format_version"] = json!(true)),
            Malformed,
            "\"format_version\" is wrong",
        ),
        (
            "exported_at",
            Box::new(|b| b["exported_at"] = json!(20261123)),
            Malformed,
            "\"exported_at\" is wrong (invalid type: integer",
        ),
        (
            "app_version",
            Box::new(|b| b["app_version"] = json!(1)),
            Malformed,
            "\"app_version\" is wrong (invalid type: integer",
        ),
        ("scope", Box::new(|b| b["scope"] = json!("everything")), Malformed, "\"scope\" is wrong"),
        (
            "scope.case_id",
            Box::new(|b| b["scope"]["case_id"] = json!(7)),
            Malformed,
            "\"scope\" is wrong (invalid type: integer `7`, expected a string)",
        ),
        (
            "records",
            Box::new(|b| b["records"] = json!("all")),
            Malformed,
            "\"records\" is wrong (it must be a list)",
        ),
        (
            "records[0]",
            Box::new(|b| b["records"][0] = json!([1])),
            InvalidRecord,
            "Record 1 in this file (of an unknown kind, with no id) is not valid: it is a list, not a record",
        ),
        (
            "revision",
            Box::new(|b| b["records"][0]["revision"] = json!("1")),
            InvalidRecord,
            "\"revision\" is wrong (invalid type: string",
        ),
        (
            "updated_at",
            Box::new(|b| b["records"][0]["updated_at"] = json!(null)),
            InvalidRecord,
            "\"updated_at\" is wrong (invalid type: null",
        ),
        (
            "id",
            Box::new(|b| b["records"][0]["id"] = json!(["x"])),
            InvalidRecord,
            "\"id\" is wrong (invalid type: sequence",
        ),
        (
            "data.events",
            Box::new(|b| b["records"][0]["data"]["events"] = json!({})),
            InvalidRecord,
            "\"data.events\" is wrong (invalid type: map",
        ),
        (
            "data.events[0].date",
            Box::new(|b| b["records"][0]["data"]["events"][0]["date"] = json!(20260906)),
            InvalidRecord,
            "\"data.events[0].date\" is wrong (invalid type: integer",
        ),
        (
            "data.resident",
            Box::new(|b| b["records"][0]["data"]["resident"] = json!("Resident 1")),
            InvalidRecord,
            "\"data.resident\" is wrong (invalid type: string",
        ),
        (
            "data.feedback",
            Box::new(|b| b["records"][0]["data"]["feedback"] = json!(1)),
            InvalidRecord,
            "\"data.feedback\" is wrong",
        ),
        (
            "data.handler",
            Box::new(|b| b["records"][0]["data"]["handler"] = json!(false)),
            InvalidRecord,
            "\"data.handler\" is wrong (invalid type: boolean",
        ),
        (
            "data.description",
            Box::new(|b| b["records"][0]["data"]["description"] = json!({"text": "x"})),
            InvalidRecord,
            "\"data.description\" is wrong (invalid type: map",
        ),
    ];
    for (_, alter, kind, fragment) in wrong_types {
        out.push(bad("wrong type", altered(alter), kind, fragment));
    }
    let mut bundle = one_case();
    bundle["checksum"] = json!(12);
    out.push(bad("wrong type", pretty(&bundle), Malformed, "\"checksum\" is wrong (invalid type: integer"));

    // 6. Huge and odd numbers.
    for (number, fragment) in [
        ("1e308", "\"revision\" is wrong (invalid type: floating point"),
        ("18446744073709551616", "\"revision\" is wrong (invalid type: floating point"),
        ("-1", "\"revision\" is wrong (invalid value: integer `-1`"),
        ("0", "\"revision\" is wrong (it must be 1 or more"),
        ("1.5", "\"revision\" is wrong (invalid type: floating point"),
    ] {
        let text = valid.replacen("\"revision\": 1", &format!("\"revision\": {number}"), 1);
        out.push(bad("odd number", text, InvalidRecord, fragment));
    }
    out.push(bad(
        "odd number",
        valid.replacen("\"revision\": 1", "\"revision\": 1e400", 1),
        NotJson,
        "number out of range",
    ));
    out.push(bad(
        "odd number",
        valid.replacen("\"format_version\": 1", "\"format_version\": 1.5", 1),
        Malformed,
        "\"format_version\" is wrong (it must be a whole number)",
    ));
    out.push(bad(
        "odd number",
        valid.replacen("\"format_version\": 1", "\"format_version\": 1e400", 1),
        NotJson,
        "number out of range",
    ));

    // 7. Deep nesting: a setting's data (the checksum correct) just past the limit and far past
    // serde_json's own, and a whole file that is nothing but nesting.
    for depth in [MAX_DEPTH + 1, 127, 129, 200, 10_000, 100_000] {
        out.push(bad(
            "deep nesting",
            deep_setting(depth),
            TooDeep,
            "Record 1 in this file (a setting, id \"deep\")",
        ));
    }
    for depth in [10_000, 100_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        out.push(bad(
            "deep nesting",
            text,
            TooDeep,
            "more than 100 levels deep, so it is not a file Redress wrote",
        ));
    }
    // Deep inside a case (a field the case's type allows to hold anything has none, so this is
    // read the slow way, which counts depth before the type is checked).
    let text = altered(|b| {
        let mut nested = json!("x");
        for _ in 0..MAX_DEPTH + 5 {
            nested = json!([nested]);
        }
        b["records"][0]["data"]["description"] = nested;
    });
    out.push(bad("deep nesting", text, TooDeep, "Record 1 in this file (a case, id \"case-7-00000\")"));

    // 8. Huge files.
    out.push(bad("huge file", vec![b' '; MAX_BYTES as usize + 1], TooLarge, "limit is 64 MB"));
    let mut padded = valid.clone().into_bytes();
    padded.resize(65 * 1024 * 1024, b' ');
    out.push(bad("huge file", padded, TooLarge, "it is 65 MB"));
    out.push(bad("huge file", vec![b' '; 60 * 1024 * 1024], NotJson, "EOF while parsing"));

    // 9. Not UTF-8.
    let latin1 = valid.replacen("Resident 1", "Resident \u{e9}", 1).replace("\u{e9}", "\u{1}");
    let mut latin1 = latin1.into_bytes();
    let at = latin1.iter().position(|&b| b == 1).unwrap();
    latin1[at] = 0xe9;
    out.push(bad("not UTF-8", latin1, NotJson, "not UTF-8"));
    for bytes in [
        b"{\"format\": \"\x80\"}".to_vec(),
        b"{\"format\": \"\xc0\xaf\"}".to_vec(),
        b"{\"format\": \"\xed\xa0\x80\"}".to_vec(),
        [0xff, 0xfe].iter().copied().chain(valid.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
        vec![0xde, 0xad, 0xbe, 0xef, 0x00, 0xff],
    ] {
        out.push(bad("not UTF-8", bytes, NotJson, "the file is not text (it is not UTF-8)"));
    }
    out.push(bad(
        "not UTF-8",
        valid.replacen("Resident 1", "Resident\u{0}1", 1),
        NotJson,
        "control character",
    ));
    out.push(bad("not UTF-8", valid.replacen("{", "\u{0}{", 1), NotJson, "expected value"));

    // 10. Valid JSON that is not a bundle.
    for (text, fragment) in [
        ("[]", "it holds a list"),
        ("42", "it holds a number"),
        ("\"redress-bundle\"", "it holds a piece of text"),
        ("null", "it holds null"),
        ("true", "it holds a true/false value"),
        ("{}", "a JSON object with no \"format\""),
        ("{\"format\": \"other\", \"records\": []}", "a file of format \"other\""),
        ("{\"format\": 1}", "a JSON object with no \"format\""),
        ("{\"name\": \"My tenancy agreement\", \"pages\": 12}", "a JSON object with no \"format\""),
        ("{\"type\": \"FeatureCollection\", \"features\": []}", "a JSON object with no \"format\""),
    ] {
        out.push(bad("not a bundle", text, NotABundle, fragment));
    }

    // 11. Format versions.
    for (version, kind, fragment) in [
        ("2", NewerVersion, "format version 2; this app reads up to version 1"),
        ("3", NewerVersion, "format version 3"),
        ("999", NewerVersion, "format version 999"),
        ("0", Malformed, "version 0 does not exist"),
        ("-1", Malformed, "\"format_version\" is wrong (it must be a whole number)"),
        ("\"1\"", Malformed, "\"format_version\" is wrong (it must be a whole number)"),
        ("\"2\"", Malformed, "\"format_version\" is wrong (it must be a whole number)"),
        ("null", Malformed, "\"format_version\" is wrong (it must be a whole number)"),
    ] {
        out.push(bad(
            "format version",
            valid.replacen("\"format_version\": 1", &format!("\"format_version\": {version}"), 1),
            kind,
            fragment,
        ));
    }

    // 12. Checksums.
    let checksum = one_case()["checksum"].as_str().unwrap().to_string();
    let off_by_one = {
        let mut digits = checksum.clone().into_bytes();
        digits[10] = if digits[10] == b'0' { b'1' } else { b'0' };
        String::from_utf8(digits).unwrap()
    };
    let stale =
        bundle::export(vec![saved(RecordKind::Setting, "x", json!(1))], Scope::Everything, EXPORTED_AT)
            .checksum;
    for (replacement, kind, fragment) in [
        (
            checksum.to_uppercase(),
            BadChecksum,
            format!("it is \"{}\" (64 characters)", checksum.to_uppercase()),
        ),
        (checksum[..32].to_string(), BadChecksum, "(32 characters)".to_string()),
        (String::new(), BadChecksum, "it is empty".to_string()),
        (format!("{}g", &checksum[..63]), BadChecksum, "(64 characters)".to_string()),
        (format!("{checksum}0"), BadChecksum, "(65 characters)".to_string()),
        (format!(" {}", &checksum[1..]), BadChecksum, "64 lower-case letters and digits".to_string()),
        (off_by_one, ChecksumMismatch, "do not match its checksum".to_string()),
        (stale, ChecksumMismatch, "do not match its checksum".to_string()),
    ] {
        out.push(bad("checksum", valid.replacen(&checksum, &replacement, 1), kind, fragment));
    }

    // 13. Unknown record kinds.
    for kind in ["\"spaceship\"", "\"Case\"", "\"cases\"", "\"\"", "1", "null", "\"__proto__\""] {
        let text = valid.replacen("\"kind\": \"case\"", &format!("\"kind\": {kind}"), 1);
        out.push(bad("unknown kind", text, InvalidRecord, "Record 1 in this file (of an unknown kind, id \"case-7-00000\") is not valid: the field \"kind\" is wrong"));
    }

    // 14. Duplicate ids, and a record id that is not its case's id.
    let mut two = one_case();
    let first = two["records"][0].clone();
    two["records"].as_array_mut().unwrap().push(first);
    rechecksum(&mut two);
    out.push(bad("duplicate id", pretty(&two), InvalidRecord, "Record 2 in this file (a case, id \"case-7-00000\") is not valid: the field \"id\" is wrong (another record of the same kind has this id)"));
    let mut two = three_records();
    two["records"][1]["id"] = two["records"][0]["id"].clone();
    rechecksum(&mut two);
    let id = two["records"][0]["id"].as_str().unwrap().to_string();
    let data_id = case_value(2)["id"].as_str().unwrap().to_string();
    out.push(bad("duplicate id", pretty(&two), IdMismatch, format!("Record 2 in this file is kept under the id \"{id}\", but the case inside it has the id \"{data_id}\"")));
    let text = altered(|b| b["records"][0]["id"] = json!("case-other"));
    out.push(bad(
        "id differs from data id",
        text,
        IdMismatch,
        "kept under the id \"case-other\", but the case inside it has the id \"case-7-00000\"",
    ));
    let mut policy = redress_core::policy::by_id("progress").unwrap().clone();
    policy.id = "progress-edited".into();
    policy.version = "2".into();
    let mut with_policy = one_case();
    with_policy["records"].as_array_mut().unwrap().push(
        serde_json::to_value(saved(
            RecordKind::Policy,
            "progress-edited@1",
            serde_json::to_value(&policy).unwrap(),
        ))
        .unwrap(),
    );
    rechecksum(&mut with_policy);
    out.push(bad(
        "id differs from data id",
        pretty(&with_policy),
        IdMismatch,
        "kept under the id \"progress-edited@1\", but the policy inside it has the id \"progress-edited@2\"",
    ));

    // 15. Dates that are not dates, or not ones Redress can count with.
    let events =
        |b: &mut Value, n: usize, date: &str| b["records"][0]["data"]["events"][n]["date"] = json!(date);
    for (date, fragment) in [
        ("2027-02-30", "\"data.events[0].date\" is wrong (input is out of range"),
        ("2026-13-01", "\"data.events[0].date\" is wrong (input is out of range"),
        ("2026-09-00", "\"data.events[0].date\" is wrong (input is out of range"),
        ("2025-02-29", "\"data.events[0].date\" is wrong (input is out of range"),
        ("31/12/2026", "\"data.events[0].date\" is wrong (input contains invalid characters"),
        ("2026-09-06T25:61", "\"data.events[0].date\" is wrong (trailing input"),
        ("+99999-01-01", "\"data.events[0].date\" is wrong (+99999-01-01 is not a date Redress can count with: check the year (dates must be from 1900 to 2199))"),
        ("0001-01-01", "\"data.events[0].date\" is wrong (0001-01-01 is not a date Redress can count with"),
        ("1899-12-31", "1899-12-31 is not a date Redress can count with"),
    ] {
        out.push(bad("invalid date", altered(|b| events(b, 0, date)), InvalidRecord, fragment));
    }
    out.push(bad(
        "invalid date",
        altered(|b| b["records"][0]["data"]["problem_started"] = json!("0026-07-20")),
        InvalidRecord,
        "\"data.problem_started\" is wrong (0026-07-20 is not a date Redress can count with",
    ));
    out.push(bad(
        "invalid date",
        altered(|b| {
            b["records"][0]["data"]["events"]
                .as_array_mut()
                .unwrap()
                .push(json!({"date": "2026-09-20", "what": {"type": "extended", "new_due": "+20026-10-01"}}))
        }),
        InvalidRecord,
        "\"data.events[2].what.new_due\" is wrong (+20026-10-01 is not a date Redress can count with",
    ));
    for updated_at in ["2026-11-23 25:61", "yesterday", "2026-11-23", ""] {
        out.push(bad(
            "invalid date",
            altered(|b| b["records"][0]["updated_at"] = json!(updated_at)),
            InvalidRecord,
            "\"updated_at\" is wrong (it must be a date and time like 2026-11-23T09:30:00Z)",
        ));
    }
    for exported_at in ["yesterday", "2026-11-23", "23/11/2026 09:30"] {
        out.push(bad("invalid date", altered(|b| b["exported_at"] = json!(exported_at)), Malformed, "\"exported_at\" is wrong (it must be the date and time of the export, like 2026-11-23T09:30:00Z)"));
    }

    // 16. Events out of date order.
    out.push(bad("events out of order", altered(|b| events(b, 1, "2026-09-01")), InvalidRecord, "\"data.events[1].date\" is wrong (it is 2026-09-01, before the event before it (2026-09-06); events must be in date order)"));
    out.push(bad(
        "events out of order",
        altered(|b| b["records"][0]["data"]["events"].as_array_mut().unwrap().reverse()),
        InvalidRecord,
        "\"data.events[1].date\" is wrong (it is 2026-09-06, before the event before it (2026-09-10)",
    ));

    // 17. Unknown fields, at every level.
    for (alter, kind, fragment) in [
        (Box::new(|b: &mut Value| b["colour"] = json!("blue")) as Alter, Malformed, "unknown field `colour`"),
        (
            Box::new(|b: &mut Value| b["__proto__"] = json!({"admin": true})),
            Malformed,
            "unknown field `__proto__`",
        ),
        (Box::new(|b: &mut Value| b["scope"]["extra"] = json!(1)), Malformed, "unknown field `extra`"),
        (
            Box::new(|b: &mut Value| b["records"][0]["__proto__"] = json!({})),
            InvalidRecord,
            "unknown field `__proto__`",
        ),
        (
            Box::new(|b: &mut Value| b["records"][0]["data"]["notes"] = json!("x")),
            InvalidRecord,
            "\"data.notes\" is wrong (unknown field `notes` is not one Redress knows)",
        ),
        (
            Box::new(|b: &mut Value| b["records"][0]["data"]["resident"]["age"] = json!(40)),
            InvalidRecord,
            "\"data.resident.age\" is wrong (unknown field `age` is not one Redress knows)",
        ),
        (
            Box::new(|b: &mut Value| b["records"][0]["data"]["events"][0]["by"] = json!("x")),
            InvalidRecord,
            "\"data.events[0].by\" is wrong (unknown field `by`",
        ),
    ] {
        out.push(bad("unknown field", altered(alter), kind, fragment));
    }

    // 18. Ids that cannot be used (odd but usable ones are accepted: see the test below).
    for (id, fragment) in [
        ("", "\"id\" is wrong (it is empty)"),
        ("   ", "\"id\" is wrong (it is empty)"),
        ("\n\t", "\"id\" is wrong (it is empty)"),
    ] {
        let text = altered(|b| {
            b["records"][0]["id"] = json!(id);
            b["records"][0]["data"]["id"] = json!(id);
            b["scope"]["case_id"] = json!(id);
        });
        out.push(bad("odd id", text, InvalidRecord, fragment));
    }
    let long = "x".repeat(201);
    let text = altered(|b| {
        b["records"][0]["id"] = json!(long);
        b["records"][0]["data"]["id"] = json!(long);
        b["scope"]["case_id"] = json!(long);
    });
    out.push(bad("odd id", text, InvalidRecord, "\"id\" is wrong (it is longer than 200 characters)"));

    // 19. A scope that disagrees with the records.
    out.push(bad("scope", altered(|b| b["scope"]["case_id"] = json!("case-other")), ScopeMismatch, "says it holds one case, \"case-other\", but it holds the case \"case-7-00000\" instead of \"case-other\""));
    out.push(bad(
        "scope",
        altered(|b| b["scope"] = json!({"kind": "some_cases", "case_ids": ["case-7-00000", "case-9"]})),
        ScopeMismatch,
        "says it holds 2 cases, but it does not hold the case \"case-9\"",
    ));
    out.push(bad(
        "scope",
        altered(|b| b["scope"] = json!({"kind": "some_cases", "case_ids": []})),
        ScopeMismatch,
        "says it holds 0 cases, but it also holds the case \"case-7-00000\"",
    ));
    out.push(bad(
        "scope",
        altered(|b| b["scope"] = json!({"kind": "some_cases", "case_ids": ["case-7-00000", "case-7-00000"]})),
        ScopeMismatch,
        "but its list of cases names \"case-7-00000\" twice",
    ));
    let mut with_setting = one_case();
    with_setting["records"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::to_value(saved(RecordKind::Setting, "preferences", json!({}))).unwrap());
    rechecksum(&mut with_setting);
    out.push(bad(
        "scope",
        pretty(&with_setting),
        ScopeMismatch,
        "but it also holds a setting (\"preferences\")",
    ));

    // 20. References to things that do not exist.
    for (alter, fragment) in [
        (
            Box::new(|b: &mut Value| b["records"][0]["data"]["channel"] = json!("pigeon")) as Alter,
            "\"data.channel\" is wrong (unknown variant `pigeon`",
        ),
        (
            Box::new(|b: &mut Value| b["records"][0]["data"]["division"] = json!("mars")),
            "\"data.division\" is wrong (unknown variant `mars`",
        ),
        (
            Box::new(|b: &mut Value| {
                b["records"][0]["data"]["events"][1]["what"]["type"] = json!("teleported")
            }),
            "\"data.events[1].what.type\" is wrong (unknown variant `teleported`",
        ),
        (
            Box::new(|b: &mut Value| {
                b["records"][0]["data"]["resident"]["contact"]["method"] = json!("carrier")
            }),
            "\"data.resident.contact.method\" is wrong (unknown variant `carrier`",
        ),
    ] {
        out.push(bad("unknown reference", altered(alter), InvalidRecord, fragment));
    }
    out
}

/// A bundle whose one record is a setting nested `depth` levels deep, with a correct checksum
/// (built as text: a JSON value that deep could not be written or read by serde_json).
fn deep_setting(depth: usize) -> String {
    let data = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    deep_file("setting", &data)
}

/// A file of one unfinished complaint (a draft: any object) whose data is `depth` levels deep.
fn deep_draft(depth: usize) -> String {
    let data = format!("{{\"d\":{}{}}}", "[".repeat(depth - 1), "]".repeat(depth - 1));
    deep_file("draft", &data)
}

fn deep_file(kind: &str, data: &str) -> String {
    let records = format!(
        r#"[{{"data":{data},"id":"deep","kind":"{kind}","revision":1,"updated_at":"{EXPORTED_AT}"}}]"#
    );
    let checksum: String = bundle::sha256(records.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    format!(
        r#"{{"format":"redress-bundle","format_version":1,"exported_at":"{EXPORTED_AT}","app_version":"0.1.0","scope":{{"kind":"everything"}},"records":{records},"checksum":"{checksum}"}}"#
    )
}

#[test]
fn every_malformed_file_is_refused_with_its_own_message() {
    let corpus = corpus();
    let mut classes: Vec<&str> = corpus.iter().map(|b| b.class).collect();
    classes.dedup();
    assert!(classes.len() >= 20, "{classes:?}");
    assert!(corpus.len() >= 240, "{} files", corpus.len());
    for (n, file) in corpus.iter().enumerate() {
        let error = match bundle::parse(&file.bytes) {
            Ok(_) => panic!("file {n} ({}) was accepted", file.class),
            Err(error) => error,
        };
        let message = error.to_string();
        assert!(message.ends_with("Nothing has been changed."), "file {n} ({}): {message}", file.class);
        if file.class == "byte flip" {
            // Whatever the flip hit, the file is named as damaged or wrong, never accepted.
            assert!(
                matches!(
                    error.kind(),
                    BundleErrorKind::NotJson
                        | BundleErrorKind::Malformed
                        | BundleErrorKind::DuplicateKey
                        | BundleErrorKind::InvalidRecord
                        | BundleErrorKind::ChecksumMismatch
                        | BundleErrorKind::IdMismatch
                        | BundleErrorKind::ScopeMismatch
                ),
                "file {n}: {message}"
            );
            continue;
        }
        assert_eq!(error.kind(), file.kind, "file {n} ({}): {message}", file.class);
        assert!(
            message.contains(&file.fragment),
            "file {n} ({}): {message:?} should contain {:?}",
            file.class,
            file.fragment
        );
    }
}

/// Each class's messages differ from every other class's: a user (or a support person) can tell
/// from the words alone what is wrong.
#[test]
fn each_class_reads_differently() {
    let mut first_by_class: Vec<(&str, String)> = Vec::new();
    for file in corpus() {
        if first_by_class.iter().any(|(class, _)| *class == file.class) || file.class == "byte flip" {
            continue;
        }
        first_by_class.push((file.class, bundle::parse(&file.bytes).unwrap_err().to_string()));
    }
    for (i, (a, message_a)) in first_by_class.iter().enumerate() {
        for (b, message_b) in &first_by_class[i + 1..] {
            assert_ne!(message_a, message_b, "{a} and {b} give the same message");
        }
    }
}

/// What the probe found accepted because it is valid by the format: still accepted, with the
/// same records as the file holds.
#[test]
fn odd_but_valid_files_are_still_accepted() {
    for id in [
        "x".repeat(200),
        "<b>html</b>".into(),
        "../../etc/passwd".into(),
        "two\nlines".into(),
        "a/b?c#d".into(),
        "=HYPERLINK(\"x\")".into(),
    ] {
        let text = altered(|b| {
            b["records"][0]["id"] = json!(id);
            b["records"][0]["data"]["id"] = json!(id);
            b["scope"]["case_id"] = json!(id);
        });
        let parsed = bundle::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{id:?}: {e}"));
        assert_eq!(parsed.records[0].id, id);
    }
    // Optional fields left out, a byte-order mark, another kind, a policy not on this device.
    for text in [
        altered(|b| {
            b["records"][0]["data"].as_object_mut().unwrap().remove("handler");
        }),
        format!("\u{feff}{}", pretty(&one_case())),
        altered(|b| b["records"][0]["data"]["policy_id"] = json!("someone-elses-policy")),
        pretty(&three_records()),
    ] {
        assert!(bundle::parse(text.as_bytes()).is_ok(), "{}", &text[..200.min(text.len())]);
    }
    // The deepest data allowed is accepted, and a record holding it reads back as the store reads it.
    // (In a draft: a setting is now checked as the setting its id names, and none is an array.)
    let text = deep_draft(MAX_DEPTH);
    let incoming = bundle::parse_unverified(text.as_bytes()).unwrap();
    let digest = bundle::sha256(incoming.canonical_records());
    let incoming = incoming.verify(&digest).unwrap();
    let stored = incoming.records[0].to_json();
    let read: Record = serde_json::from_str(&stored).expect("the store can read it back");
    assert_eq!(read.id, "deep");
}

#[test]
fn the_deep_setting_is_named_whichever_way_the_file_is_read() {
    // A field the one-pass read does not know sends the file the slow way, which meets the deep
    // record first: it is still named by its position.
    let text = deep_setting(300).replacen('{', r#"{"extra":1,"#, 1);
    match bundle::parse(text.as_bytes()).unwrap_err() {
        BundleError::TooDeep { index, .. } => assert_eq!(index, Some(0)),
        other => panic!("{other:?}"),
    }
}
