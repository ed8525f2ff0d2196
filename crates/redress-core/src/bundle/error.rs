//! error: every way a bundle file can be wrong, each with a plain-English message that says what
//! is wrong and what to do.

use crate::record::RecordKind;

/// A problem with one record's `data`: the path of the field inside it and why it does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataProblem {
    /// The path inside `data`, such as `events[2].date`; empty for `data` itself.
    pub field: String,
    /// Why it does not fit.
    pub reason: String,
}

/// A stable, machine-readable name for each class of bad file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleErrorKind {
    TooLarge,
    NotJson,
    NotABundle,
    NewerVersion,
    Malformed,
    ChecksumMismatch,
    InvalidRecord,
    DuplicateKey,
    TooDeep,
    IdMismatch,
    BadChecksum,
    ScopeMismatch,
}

/// Why a file cannot be imported. Nothing has been written when one of these is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BundleError {
    #[error(
        "This file is too large to import: it is {} and the limit is {}. Check that you chose a Redress file. \
         Nothing has been changed.",
        megabytes(*size),
        megabytes(*limit)
    )]
    TooLarge { size: u64, limit: u64 },

    #[error(
        "This is not a Redress file: it is not valid JSON ({detail}). It may be damaged or a different kind of \
         file. Choose the .json file Redress downloaded. Nothing has been changed."
    )]
    NotJson { line: usize, column: usize, detail: String },

    #[error(
        "This is not a Redress bundle: it holds {found}, not records exported by Redress. Choose a file made with \
         \"Download all my data\". Nothing has been changed."
    )]
    NotABundle { found: String },

    #[error(
        "This file was made by a newer version of Redress (format version {found}; this app reads up to version \
         {supported}). Updating Redress (reload the page, or ask whoever gave you the link) will let you import it. \
         Nothing has been changed."
    )]
    NewerVersion { found: u64, supported: u32 },

    #[error(
        "This Redress file is incomplete or damaged: the field \"{field}\" is wrong ({reason}). Ask for the file \
         again. Nothing has been changed."
    )]
    Malformed { field: String, reason: String },

    #[error(
        "This file has been changed or damaged since it was exported: its contents do not match its checksum. Ask \
         whoever sent it to export it again and send the new file unchanged. Nothing has been changed."
    )]
    ChecksumMismatch { expected: String, actual: String },

    #[error(
        "Record {} in this file ({}) is not valid: {}. Ask for a corrected file. Nothing has been changed.",
        index + 1,
        describe_record(*kind, id.as_deref()),
        what_is_wrong(field, reason)
    )]
    InvalidRecord {
        index: usize,
        kind: Option<RecordKind>,
        id: Option<String>,
        field: String,
        reason: String,
    },

    #[error(
        "This file cannot be imported: \"{path}\" is written twice in it, so Redress cannot tell which one is \
         meant. The file has been edited since Redress exported it. Ask for the file again, or if you edited it \
         yourself, remove one of the two. Nothing has been changed."
    )]
    DuplicateKey { path: String },

    #[error("{}", too_deep(*index, *kind, id.as_deref()))]
    TooDeep { index: Option<usize>, kind: Option<RecordKind>, id: Option<String> },

    #[error(
        "Record {} in this file is kept under the id \"{id}\", but the {} inside it has the id \"{data_id}\". \
         Both ids must be the same, or two records would share one reference. Ask for a corrected file. Nothing \
         has been changed.",
        index + 1,
        kind.singular()
    )]
    IdMismatch { index: usize, kind: RecordKind, id: String, data_id: String },

    #[error(
        "This file's checksum is not written as Redress writes it (64 lower-case letters and digits, 0-9 and \
         a-f); it is {}. The file was not made by Redress, or it was edited. Ask for the file to be downloaded \
         from Redress again. Nothing has been changed.",
        describe_checksum(found)
    )]
    BadChecksum { found: String },

    #[error(
        "This file says it holds {said}, but {found}. It was edited, or written by another program. \
         Ask for the file again. Nothing has been changed."
    )]
    ScopeMismatch { said: String, found: String },
}

impl BundleError {
    /// The error for a file of `size` bytes, over [`super::MAX_BYTES`]. The UI checks the size
    /// before reading the file, and [`super::parse`] checks it again.
    pub fn too_large(size: u64) -> BundleError {
        BundleError::TooLarge { size, limit: super::MAX_BYTES }
    }

    /// The class of problem, for tests and for choosing what to show.
    pub fn kind(&self) -> BundleErrorKind {
        match self {
            BundleError::TooLarge { .. } => BundleErrorKind::TooLarge,
            BundleError::NotJson { .. } => BundleErrorKind::NotJson,
            BundleError::NotABundle { .. } => BundleErrorKind::NotABundle,
            BundleError::NewerVersion { .. } => BundleErrorKind::NewerVersion,
            BundleError::Malformed { .. } => BundleErrorKind::Malformed,
            BundleError::ChecksumMismatch { .. } => BundleErrorKind::ChecksumMismatch,
            BundleError::InvalidRecord { .. } => BundleErrorKind::InvalidRecord,
            BundleError::DuplicateKey { .. } => BundleErrorKind::DuplicateKey,
            BundleError::TooDeep { .. } => BundleErrorKind::TooDeep,
            BundleError::IdMismatch { .. } => BundleErrorKind::IdMismatch,
            BundleError::BadChecksum { .. } => BundleErrorKind::BadChecksum,
            BundleError::ScopeMismatch { .. } => BundleErrorKind::ScopeMismatch,
        }
    }
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

fn too_deep(index: Option<usize>, kind: Option<RecordKind>, id: Option<&str>) -> String {
    let limit = super::MAX_DEPTH;
    match index {
        Some(index) => format!(
            "Record {} in this file ({}) cannot be imported: it has lists or objects inside one another more than \
             {limit} levels deep. Redress could not read it back once saved, and nothing Redress writes is nested so \
             deeply. Ask for a corrected file. Nothing has been changed.",
            index + 1,
            describe_record(kind, id)
        ),
        None => format!(
            "This file cannot be imported: it has lists or objects inside one another more than {limit} levels \
             deep, so it is not a file Redress wrote. Choose the .json file Redress downloaded. Nothing has been \
             changed."
        ),
    }
}

fn what_is_wrong(field: &str, reason: &str) -> String {
    if field.is_empty() {
        reason.to_string()
    } else {
        format!("the field \"{field}\" is wrong ({reason})")
    }
}

fn describe_checksum(found: &str) -> String {
    if found.is_empty() {
        return "empty".into();
    }
    let shown: String = found.chars().take(70).collect();
    let more = if found.chars().count() > 70 { "…" } else { "" };
    format!("\"{shown}{more}\" ({} characters)", found.chars().count())
}

fn describe_record(kind: Option<RecordKind>, id: Option<&str>) -> String {
    let kind = match kind {
        Some(RecordKind::Case) => "a case",
        Some(RecordKind::Draft) => "an unfinished complaint",
        Some(RecordKind::Policy) => "a policy",
        Some(RecordKind::Setting) => "a setting",
        None => "of an unknown kind",
    };
    match id {
        Some(id) if !id.is_empty() => format!("{kind}, id \"{id}\""),
        _ => format!("{kind}, with no id"),
    }
}
