//! bundle: Redress's handover format — one JSON file holding records, with a checksum.
//!
//! Work moves between people (resident → advocate → association, or one member of staff to the
//! next) as a bundle file. This module is pure: it builds bundles for export, validates a whole
//! file before anything is written ([`parse`]), and works out what an import would change
//! ([`preview`]) and exactly which records to write ([`plan`]). The store applies a plan in one
//! transaction. The format is documented in `docs/bundle-format.md`, with a JSON Schema kept in
//! sync by `tests/bundle_schema.rs`.

mod canonical;
mod error;
mod import;
mod strict;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::record::{RawRecord, Record, RecordKind};

pub use canonical::canonical_json;
pub use error::{BundleError, BundleErrorKind, DataProblem};
pub use import::{plan, preview, ConflictChoice, Damaged, ImportPlan, ImportPreview, Renamed};

/// The value of `format` in every bundle.
pub const FORMAT: &str = "redress-bundle";
/// The newest format version this app reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// The largest file import accepts: 64 MiB, far more than 10,000 cases need.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The longest record id accepted.
pub const MAX_ID_CHARS: usize = 200;
/// How deep a record's data may nest lists and objects inside one another. The store reads a
/// record back as one JSON object holding its data, and serde_json reads at most 128 levels, so
/// data nested 127 deep could be saved but never read again. Nothing Redress writes comes near
/// this (a case is about five levels deep); the limit leaves room for the file's own three levels
/// (the bundle, its list of records, the record) under serde_json's.
pub const MAX_DEPTH: usize = 100;

/// What part of the user's data a bundle holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scope {
    /// Everything stored on the device it came from.
    Everything,
    /// Some cases (and nothing else), listed by id.
    SomeCases {
        /// The ids of the cases in the bundle.
        case_ids: Vec<String>,
    },
    /// One case, for handing over a single complaint.
    OneCase {
        /// The id of that case.
        case_id: String,
    },
}

/// One bundle file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always `"redress-bundle"`.
    pub format: String,
    /// The format version; this app reads versions up to [`FORMAT_VERSION`].
    pub format_version: u32,
    /// When it was exported, as an RFC 3339 timestamp.
    pub exported_at: String,
    /// The version of Redress that exported it.
    pub app_version: String,
    /// What part of the data it holds.
    pub scope: Scope,
    /// The records, as stored.
    pub records: Vec<Record>,
    /// SHA-256 (lowercase hex) of the records in canonical form: see [`checksum`].
    pub checksum: String,
}

impl Bundle {
    /// The bundle as indented JSON, ready to download.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a bundle always serialises: its maps have string keys")
    }
}

/// Builds a bundle of `records` exported at `now` (RFC 3339), with its checksum.
/// Records are sorted by kind and id so the same data always gives the same file.
pub fn export(mut records: Vec<Record>, scope: Scope, now: &str) -> Bundle {
    records.sort_by(|a, b| a.key().cmp(&b.key()));
    let checksum = checksum(&records);
    Bundle {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        exported_at: now.to_string(),
        app_version: crate::APP_VERSION.to_string(),
        scope,
        records,
        checksum,
    }
}

/// The name a downloaded bundle gets: `redress-YYYY-MM-DD.json`.
pub fn file_name(date: NaiveDate) -> String {
    format!("redress-{}.json", crate::calendar::iso_date(date))
}

/// SHA-256 over the canonical form of the records ([`canonical_records`]), as lowercase hex.
/// Re-indenting a file or reordering keys does not change it; changing any value does.
pub fn checksum(records: &[Record]) -> String {
    hex(&sha256(&canonical_records(records)))
}

/// The canonical form of the records, which the checksum covers: the records array serialised
/// as compact JSON with object keys in sorted order (serde_json's default map is ordered).
pub fn canonical_records(records: &[Record]) -> Vec<u8> {
    let raw: Vec<RawRecord> = records.iter().map(RawRecord::from_record).collect();
    canonical_raw_records(&raw)
}

fn hex(digest: &[u8; 32]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bundle without its records, checked before the records are.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Envelope {
    format: String,
    format_version: u32,
    exported_at: String,
    app_version: String,
    scope: Scope,
    checksum: String,
}

/// Validates a whole file and returns the bundle, or the first thing wrong with it.
/// Nothing is written by this function; the caller writes only a valid bundle.
///
/// This is [`parse_unverified`] then [`Unverified::verify`] with the SHA-256 computed here (the
/// browser computes the same digest with its own, much faster, implementation instead), with each
/// record's data then read into a JSON value.
pub fn parse(bytes: &[u8]) -> Result<Bundle, BundleError> {
    let unverified = parse_unverified(bytes)?;
    let digest = sha256(unverified.canonical_records());
    Ok(unverified.verify(&digest)?.into_bundle())
}

/// SHA-256, computed here (the browser has a faster one of its own).
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A valid bundle as read for import: its records keep their data as canonical JSON text, which
/// is how the store writes them, so a large file is never read into JSON values.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The format version the file was written in.
    pub format_version: u32,
    /// When it was exported, as an RFC 3339 timestamp.
    pub exported_at: String,
    /// The version of Redress that exported it.
    pub app_version: String,
    /// What part of the data it holds.
    pub scope: Scope,
    /// The records, in the file's order.
    pub records: Vec<RawRecord>,
    /// The file's checksum (it matched).
    pub checksum: String,
}

impl Incoming {
    /// The day it was exported (in UTC, as the file gives it).
    pub fn exported_on(&self) -> Option<NaiveDate> {
        chrono::DateTime::parse_from_rfc3339(&self.exported_at).ok().map(|t| t.naive_utc().date())
    }

    /// The bundle with each record's data read into a JSON value.
    pub fn into_bundle(self) -> Bundle {
        Bundle {
            format: FORMAT.to_string(),
            format_version: self.format_version,
            exported_at: self.exported_at,
            app_version: self.app_version,
            scope: self.scope,
            records: self.records.iter().map(RawRecord::to_record).collect(),
            checksum: self.checksum,
        }
    }
}

/// A file that has passed every check except its checksum; [`Unverified::verify`] finishes.
#[derive(Debug)]
pub struct Unverified {
    incoming: Incoming,
    canonical: Vec<u8>,
}

impl Unverified {
    /// The bytes the file's checksum must be the SHA-256 of ([`canonical_records`]).
    pub fn canonical_records(&self) -> &[u8] {
        &self.canonical
    }

    /// Finishes the checks, given the SHA-256 of [`Self::canonical_records`]: it must match the
    /// file's checksum, and no two records of a kind may share an id.
    pub fn verify(self, sha256: &[u8; 32]) -> Result<Incoming, BundleError> {
        let Unverified { incoming, .. } = self;
        let checksum = &incoming.checksum;
        if checksum.len() != 64 || !checksum.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(BundleError::BadChecksum { found: incoming.checksum });
        }
        let actual = hex(sha256);
        if actual != incoming.checksum {
            return Err(BundleError::ChecksumMismatch { expected: incoming.checksum, actual });
        }
        let mut seen = std::collections::HashSet::with_capacity(incoming.records.len());
        for (index, record) in incoming.records.iter().enumerate() {
            if !seen.insert(record.key()) {
                return Err(BundleError::InvalidRecord {
                    index,
                    kind: Some(record.kind),
                    id: Some(record.id.clone()),
                    field: "id".into(),
                    reason: "another record of the same kind has this id".into(),
                });
            }
        }
        check_scope(&incoming.scope, &incoming.records)?;
        Ok(incoming)
    }
}

/// Whether the records are what the scope says: for one case or some cases, exactly those cases
/// (each once), with nothing else but the policies they were opened under.
fn check_scope(scope: &Scope, records: &[RawRecord]) -> Result<(), BundleError> {
    let listed: Vec<&str> = match scope {
        Scope::Everything => return Ok(()),
        Scope::OneCase { case_id } => vec![case_id.as_str()],
        Scope::SomeCases { case_ids } => case_ids.iter().map(String::as_str).collect(),
    };
    let said = match scope {
        Scope::OneCase { case_id } => format!("one case, \"{case_id}\""),
        _ => format!("{} cases", listed.len()),
    };
    let mismatch = |found: String| Err(BundleError::ScopeMismatch { said: said.clone(), found });
    if let Some(other) = records.iter().find(|r| !matches!(r.kind, RecordKind::Case | RecordKind::Policy)) {
        return mismatch(format!("it also holds {} (\"{}\")", describe_kind(other.kind), other.id));
    }
    let mut wanted: Vec<&str> = listed.clone();
    wanted.sort_unstable();
    if let Some(pair) = wanted.windows(2).find(|pair| pair[0] == pair[1]) {
        return mismatch(format!("its list of cases names \"{}\" twice", pair[0]));
    }
    let mut cases: Vec<&str> =
        records.iter().filter(|r| r.kind == RecordKind::Case).map(|r| r.id.as_str()).collect();
    cases.sort_unstable();
    if cases == wanted {
        return Ok(());
    }
    let missing: Vec<&str> = wanted.iter().filter(|id| cases.binary_search(id).is_err()).copied().collect();
    let extra: Vec<&str> = cases.iter().filter(|id| wanted.binary_search(id).is_err()).copied().collect();
    let the_cases = |ids: &[&str]| {
        let quoted = ids.iter().map(|id| format!("\"{id}\"")).collect::<Vec<_>>().join(", ");
        if ids.len() == 1 {
            format!("the case {quoted}")
        } else {
            format!("the cases {quoted}")
        }
    };
    let found = match (missing.is_empty(), extra.is_empty()) {
        (false, true) => format!("it does not hold {}", the_cases(&missing)),
        (true, false) => format!("it also holds {}", the_cases(&extra)),
        _ => format!(
            "it holds {} instead of {}",
            the_cases(&extra),
            the_cases(&missing).trim_start_matches("the cases ").trim_start_matches("the case ")
        ),
    };
    mismatch(found)
}

fn describe_kind(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Case => "a case",
        RecordKind::Draft => "an unfinished complaint",
        RecordKind::Policy => "a policy",
        RecordKind::Setting => "a setting",
    }
}

/// The checks on the envelope's own fields that its type cannot express.
fn check_exported_at(exported_at: &str) -> Result<(), BundleError> {
    if chrono::DateTime::parse_from_rfc3339(exported_at).is_err() {
        return Err(BundleError::Malformed {
            field: "exported_at".into(),
            reason: "it must be the date and time of the export, like 2026-11-23T09:30:00Z".into(),
        });
    }
    Ok(())
}

/// A bundle file as it is read in one pass: each record's data is left as the file's text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBundle<'a> {
    format: String,
    format_version: u32,
    exported_at: String,
    app_version: String,
    scope: Scope,
    #[serde(borrow)]
    records: Vec<FileRecord<'a>>,
    checksum: String,
}

/// A record as it is read in one pass, its data left as the file's text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRecord<'a> {
    kind: RecordKind,
    id: String,
    revision: u64,
    updated_at: String,
    #[serde(borrow)]
    data: &'a serde_json::value::RawValue,
}

/// Every check of a file but its checksum: its size, that it is JSON, a Redress bundle of a
/// version this app reads, and every record. Returns the records with the bytes to hash.
///
/// Almost every file is a valid bundle, so the file is first read in one pass, each record's
/// data checked against its type straight from the text and copied out in canonical form
/// ([`canonical_json`]). Anything that does not fit (not JSON, another format, a newer version,
/// a record that is not a record) is then read again step by step, only to say exactly what is
/// wrong; both ways apply the same checks to every record.
pub fn parse_unverified(bytes: &[u8]) -> Result<Unverified, BundleError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(BundleError::too_large(bytes.len() as u64));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| BundleError::NotJson {
        line: 0,
        column: 0,
        detail: "the file is not text (it is not UTF-8)".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let incoming = match serde_json::from_str::<FileBundle>(text) {
        Ok(file) if file.format == FORMAT && (1..=FORMAT_VERSION).contains(&file.format_version) => {
            check_exported_at(&file.exported_at)?;
            let mut records = Vec::with_capacity(file.records.len());
            for (index, record) in file.records.into_iter().enumerate() {
                records.push(check_file_record(index, record)?);
            }
            Incoming {
                format_version: file.format_version,
                exported_at: file.exported_at,
                app_version: file.app_version,
                scope: file.scope,
                records,
                checksum: file.checksum,
            }
        }
        _ => parse_step_by_step(text)?,
    };
    let canonical = canonical_raw_records(&incoming.records);
    Ok(Unverified { incoming, canonical })
}

/// [`canonical_records`] for records whose data is already canonical text.
fn canonical_raw_records(records: &[RawRecord]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.iter().map(|r| r.data_json().len() + r.id.len() + 96).sum());
    out.push(b'[');
    for (n, record) in records.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        record.write_canonical(&mut out);
    }
    out.push(b']');
    out
}

/// Checks one record read in one pass and copies its data out in canonical form.
fn check_file_record(index: usize, record: FileRecord<'_>) -> Result<RawRecord, BundleError> {
    let FileRecord { kind, id, revision, updated_at, data } = record;
    let invalid = |field: String, reason: String| BundleError::InvalidRecord {
        index,
        kind: Some(kind),
        id: Some(id.clone()),
        field,
        reason,
    };
    check_envelope(&id, revision, &updated_at).map_err(|(field, reason)| invalid(field.into(), reason))?;
    let data = match canonical_json(data.get()) {
        Some(data) => data,
        // Not as Redress writes it (or nested too deeply for the quick copy): the slow, sure way,
        // which also refuses a key written twice.
        None => match strict::value(data.get(), MAX_DEPTH) {
            Ok(value) => serde_json::to_string(&value).expect("a JSON value always serialises"),
            Err(strict::Refusal::Json(e)) => return Err(invalid("data".into(), e.to_string())),
            Err(strict::Refusal::Duplicate { path }) => {
                return Err(BundleError::DuplicateKey {
                    path: join_path(&format!("records[{index}].data"), &path),
                })
            }
            Err(strict::Refusal::TooDeep { .. }) => {
                return Err(BundleError::TooDeep { index: Some(index), kind: Some(kind), id: Some(id) })
            }
        },
    };
    check_data_json(kind, &id, &data).map_err(|problem| problem.into_error(index, kind, &id))?;
    Ok(RawRecord::from_canonical(kind, id, revision, updated_at, data))
}

/// Reads a file that did not fit the bundle's types in one pass, one part at a time, to find
/// the first thing wrong with it and name it; returns the bundle if nothing is (a file the
/// one-pass read refuses for a reason that does not matter, such as a repeated key).
fn parse_step_by_step(text: &str) -> Result<Incoming, BundleError> {
    // The file's own three levels (the bundle, its records, a record) above each record's data.
    let value = strict::value(text, MAX_DEPTH + 3).map_err(|refusal| match refusal {
        strict::Refusal::Json(e) => {
            BundleError::NotJson { line: e.line(), column: e.column(), detail: e.to_string() }
        }
        strict::Refusal::Duplicate { path } => BundleError::DuplicateKey { path },
        strict::Refusal::TooDeep { path } => {
            BundleError::TooDeep { index: record_index(&path), kind: None, id: None }
        }
    })?;
    let mut object = match value {
        serde_json::Value::Object(object) => object,
        other => return Err(BundleError::NotABundle { found: describe(&other) }),
    };
    match object.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(BundleError::NotABundle { found: format!("a file of format \"{other}\"") })
        }
        None => return Err(BundleError::NotABundle { found: "a JSON object with no \"format\"".into() }),
    }
    let version = object.get("format_version").and_then(|v| v.as_u64()).ok_or_else(|| {
        BundleError::Malformed { field: "format_version".into(), reason: "it must be a whole number".into() }
    })?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(BundleError::NewerVersion { found: version, supported: FORMAT_VERSION });
    }
    if version == 0 {
        return Err(BundleError::Malformed {
            field: "format_version".into(),
            reason: "version 0 does not exist; the first version is 1".into(),
        });
    }
    let raw_records = match object.remove("records") {
        Some(serde_json::Value::Array(records)) => records,
        _ => {
            return Err(BundleError::Malformed {
                field: "records".into(),
                reason: "it must be a list".into(),
            })
        }
    };
    let envelope: Envelope =
        serde_path_to_error::deserialize(serde_json::Value::Object(object)).map_err(|e| {
            BundleError::Malformed {
                field: e.path().to_string(),
                reason: plain_reason(e.inner().to_string()),
            }
        })?;
    check_exported_at(&envelope.exported_at)?;
    // Records one by one (moving each out of the parsed file, not copying it), so an invalid
    // record is named precisely.
    let mut records = Vec::with_capacity(raw_records.len());
    for (index, raw) in raw_records.into_iter().enumerate() {
        let record = RawRecord::from_record(&check_record(index, raw)?);
        check_data_json(record.kind, &record.id, record.data_json())
            .map_err(|problem| problem.into_error(index, record.kind, &record.id))?;
        records.push(record);
    }
    Ok(Incoming {
        format_version: envelope.format_version,
        exported_at: envelope.exported_at,
        app_version: envelope.app_version,
        scope: envelope.scope,
        records,
        checksum: envelope.checksum,
    })
}

/// serde's reason, shortened where it is long and says nothing the path does not: an unknown
/// field's message lists every field the type has.
fn plain_reason(reason: String) -> String {
    match reason.split_once(", expected one of") {
        Some((unknown, _)) if unknown.starts_with("unknown field") => {
            format!("{unknown} is not one Redress knows")
        }
        _ => reason,
    }
}

/// The position of the record a path such as `records[3].data[0]` is inside, if it is in one.
fn record_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("records[")?;
    let (index, after) = rest.split_once(']')?;
    after.starts_with(".data").then(|| index.parse().ok()).flatten()
}

fn describe(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".into(),
        serde_json::Value::Bool(_) => "a true/false value".into(),
        serde_json::Value::Number(_) => "a number".into(),
        serde_json::Value::String(_) => "a piece of text".into(),
        serde_json::Value::Array(_) => "a list".into(),
        serde_json::Value::Object(_) => "a JSON object".into(),
    }
}

/// Checks one raw record: its envelope (kind, id, revision, ...), then [`check_fields`].
fn check_record(index: usize, raw: serde_json::Value) -> Result<Record, BundleError> {
    if !raw.is_object() {
        return Err(BundleError::InvalidRecord {
            index,
            kind: None,
            id: None,
            field: String::new(),
            reason: format!(
                "it is {}, not a record (a JSON object with its kind, id, revision, updated_at and data)",
                describe(&raw)
            ),
        });
    }
    let kind_hint = raw.get("kind").and_then(|k| serde_json::from_value(k.clone()).ok());
    let id_hint = raw.get("id").and_then(|i| i.as_str()).map(str::to_string);
    // The envelope is read with field-path tracking, which costs time for every value it walks
    // through; `data` (nearly all of a record) is set aside first and checked on its own.
    let mut raw = raw;
    let data = raw.as_object_mut().and_then(|o| {
        let data = o.remove("data")?;
        o.insert("data".into(), serde_json::Value::Null);
        Some(data)
    });
    let mut record: Record =
        serde_path_to_error::deserialize(raw).map_err(|e| BundleError::InvalidRecord {
            index,
            kind: kind_hint,
            id: id_hint,
            field: e.path().to_string(),
            reason: plain_reason(e.inner().to_string()),
        })?;
    if let Some(data) = data {
        record.data = data;
    }
    check_fields(index, &record)?;
    Ok(record)
}

/// The checks on a record that its type cannot express: a usable id, a saved revision, a real
/// timestamp, and data of the shape its kind requires.
fn check_fields(index: usize, record: &Record) -> Result<(), BundleError> {
    let invalid = |field: String, reason: String| BundleError::InvalidRecord {
        index,
        kind: Some(record.kind),
        id: Some(record.id.clone()),
        field,
        reason,
    };
    check_envelope(&record.id, record.revision, &record.updated_at)
        .map_err(|(field, reason)| invalid(field.into(), reason))?;
    validate_record_data(record.kind, &record.id, &record.data)
        .map_err(|p| invalid(join_path("data", &p.field), p.reason))
}

/// The checks on a record's fields other than its data: the field and why, if one is wrong.
fn check_envelope(id: &str, revision: u64, updated_at: &str) -> Result<(), (&'static str, String)> {
    if id.trim().is_empty() {
        return Err(("id", "it is empty".into()));
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(("id", format!("it is longer than {MAX_ID_CHARS} characters")));
    }
    if revision == 0 {
        return Err(("revision", "it must be 1 or more for a saved record".into()));
    }
    if chrono::DateTime::parse_from_rfc3339(updated_at).is_err() {
        return Err(("updated_at", "it must be a date and time like 2026-11-23T09:30:00Z".into()));
    }
    Ok(())
}

fn join_path(prefix: &str, rest: &str) -> String {
    if rest.is_empty() || rest == "." {
        prefix.to_string()
    } else if rest.starts_with('[') {
        format!("{prefix}{rest}")
    } else {
        format!("{prefix}.{rest}")
    }
}

/// The one place a record's `data` is checked against the type its kind requires
/// (`check_data_json` checks text the same way, and comes here to name a field that does not
/// fit). A setting's type depends on its id, so it is checked by [`validate_record_data`].
fn validate_data(kind: RecordKind, data: &serde_json::Value) -> Result<(), DataProblem> {
    match kind {
        RecordKind::Case => typed::<crate::case::Case>(data),
        RecordKind::Policy => typed::<crate::policy::Policy>(data),
        RecordKind::Draft => object(data),
        RecordKind::Setting => Ok(()),
    }
}

/// [`validate_data`] for the record `id`: a setting is checked as the setting its id names
/// (`settings::check_setting`), and an id that names no setting is refused.
pub fn validate_record_data(kind: RecordKind, id: &str, data: &serde_json::Value) -> Result<(), DataProblem> {
    match kind {
        RecordKind::Setting => {
            crate::settings::check_setting(id, data).map_err(|(field, reason)| DataProblem { field, reason })
        }
        other => validate_data(other, data),
    }
}

/// What is wrong with a record's data, found by [`check_data_json`].
enum RecordProblem {
    /// A field that does not fit its type, or a date that cannot be right.
    Field(DataProblem),
    /// The case's or policy's own id is not the record's id (for a policy, `<id>@<version>`).
    IdMismatch { data_id: String },
}

impl RecordProblem {
    fn into_error(self, index: usize, kind: RecordKind, id: &str) -> BundleError {
        match self {
            RecordProblem::Field(p) => BundleError::InvalidRecord {
                index,
                kind: Some(kind),
                id: Some(id.to_string()),
                field: join_path("data", &p.field),
                reason: p.reason,
            },
            RecordProblem::IdMismatch { data_id } => {
                BundleError::IdMismatch { index, kind, id: id.to_string(), data_id }
            }
        }
    }
}

/// [`validate_data`] for data held as JSON text (always valid JSON), and what a type cannot say:
/// a case's id is its record's id and its dates can be right; a policy's record is
/// `<id>@<version>`. Text that fits is checked without building a JSON value; text that does not
/// is read into one to name the field.
fn check_data_json(kind: RecordKind, id: &str, data: &str) -> Result<(), RecordProblem> {
    let fits = match kind {
        RecordKind::Case => match serde_json::from_str::<crate::case::Case>(data) {
            Ok(case) => {
                if case.id != id {
                    return Err(RecordProblem::IdMismatch { data_id: case.id });
                }
                if let Some((field, reason)) = case.date_problem() {
                    return Err(RecordProblem::Field(DataProblem { field, reason }));
                }
                true
            }
            Err(_) => false,
        },
        RecordKind::Policy => match serde_json::from_str::<crate::policy::Policy>(data) {
            Ok(policy) => {
                let key = crate::register::setup::policy_record_id(&policy);
                if key != id {
                    return Err(RecordProblem::IdMismatch { data_id: key });
                }
                true
            }
            Err(_) => false,
        },
        RecordKind::Draft => data.trim_start().starts_with('{'),
        // Settings are few and small: read into a value and checked as the setting their id names.
        RecordKind::Setting => serde_json::from_str::<serde_json::Value>(data)
            .is_ok_and(|value| crate::settings::check_setting(id, &value).is_ok()),
    };
    if fits {
        return Ok(());
    }
    let value: serde_json::Value = serde_json::from_str(data)
        .map_err(|e| RecordProblem::Field(DataProblem { field: String::new(), reason: e.to_string() }))?;
    validate_record_data(kind, id, &value).map_err(RecordProblem::Field)?;
    // The type said the text did not fit, and the value says it does: cannot happen, but if it
    // did, refusing is the safe answer.
    Err(RecordProblem::Field(DataProblem { field: String::new(), reason: "it could not be read".into() }))
}

fn object(data: &serde_json::Value) -> Result<(), DataProblem> {
    if data.is_object() {
        Ok(())
    } else {
        Err(DataProblem {
            field: String::new(),
            reason: format!("it must be a JSON object, not {}", describe(data)),
        })
    }
}

/// Deserialises `data` as `T`, reporting the path of the first field that does not fit.
///
/// Almost every record fits, so it is first read without tracking field paths (which costs
/// time for every value); only a record that does not fit is read again to name the field.
pub fn typed<T: serde::de::DeserializeOwned>(data: &serde_json::Value) -> Result<(), DataProblem> {
    if T::deserialize(data).is_ok() {
        return Ok(());
    }
    serde_path_to_error::deserialize::<_, T>(data)
        .map(|_| ())
        .map_err(|e| DataProblem { field: e.path().to_string(), reason: plain_reason(e.inner().to_string()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        items: Vec<Item>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        count: u32,
    }

    #[test]
    fn typed_names_the_field_that_does_not_fit() {
        let problem =
            typed::<Sample>(&json!({"name": "x", "items": [{"count": 1}, {"count": "two"}]})).unwrap_err();
        assert_eq!(problem.field, "items[1].count");
        assert!(problem.reason.contains("invalid type"), "{}", problem.reason);
        assert!(typed::<Sample>(&json!({"name": "x", "items": []})).is_ok());
    }

    #[test]
    fn the_checksum_is_over_sorted_keys() {
        use crate::record::RecordKind;
        let records = vec![Record {
            kind: RecordKind::Case,
            id: "c".into(),
            revision: 2,
            updated_at: "2026-11-23T09:30:00Z".into(),
            data: json!({"z": 1, "a": {"y": [true, null], "b": "é “x”"}}),
        }];
        let via_value = serde_json::to_string(&serde_json::to_value(&records).unwrap()).unwrap();
        assert!(via_value.starts_with(r#"[{"data":{"a":{"b":"#), "{via_value}");
        assert_eq!(canonical_records(&records), via_value.as_bytes());
        let expected: String =
            Sha256::digest(via_value.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(checksum(&records), expected);
    }

    #[test]
    fn join_path_reads_naturally() {
        assert_eq!(join_path("data", "."), "data");
        assert_eq!(join_path("data", "events[2].date"), "data.events[2].date");
        assert_eq!(join_path("data", "[0]"), "data[0]");
    }
}
