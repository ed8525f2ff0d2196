//! provisions: the numbered provisions of the statutory Complaint Handling Code (2024), as data.
//!
//! `data/code-provisions.json` lists every paragraph with a short paraphrase and how sure its
//! number is (`../shared/reference/code-2024-provisions.md`): a number seen in published sources
//! ([`Confidence::Confirmed`] or [`Confidence::OneSource`]) is cited as a number; one never seen
//! ([`Confidence::Unconfirmed`]) is cited by its section's name. The file is embedded at compile
//! time, never fetched; correcting a number or its mark there changes every citation (the Code
//! profile's clauses, conformance, the self-assessment) with no change to the code.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// How sure the provision's number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confidence {
    /// [V]: seen beside the text in two or more independent sources.
    #[serde(rename = "v")]
    Confirmed,
    /// [V2]: seen in one source.
    #[serde(rename = "v2")]
    OneSource,
    /// [M]: never seen; inferred from its neighbours.
    #[serde(rename = "m")]
    Unconfirmed,
}

/// One section of the Code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub number: u8,
    pub title: String,
}

/// One numbered provision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    /// "6.2".
    pub number: String,
    pub confidence: Confidence,
    /// The part of its section it sits in ("Stage 1", "Stage 2"), if the section has parts.
    #[serde(default)]
    pub part: Option<String>,
    /// A short paraphrase (not the Code's own words).
    pub text: String,
}

impl Provision {
    /// The section number ("6" for "6.2").
    pub fn section_number(&self) -> u8 {
        self.number.split('.').next().and_then(|s| s.parse().ok()).unwrap_or(0)
    }

    /// Whether it may be cited by its number ([V] or [V2]).
    pub fn citable_by_number(&self) -> bool {
        self.confidence != Confidence::Unconfirmed
    }
}

/// The Code's provisions, as the data file holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provisions {
    pub code: String,
    pub source: String,
    pub note: String,
    pub sections: Vec<Section>,
    pub provisions: Vec<Provision>,
}

impl Provisions {
    pub fn get(&self, number: &str) -> Option<&Provision> {
        self.provisions.iter().find(|p| p.number == number)
    }

    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }

    /// How to cite one provision: its number, or (unconfirmed) "section 6 (Complaints stages,
    /// Stage 2)". `None` if there is no such provision.
    pub fn cite_one(&self, number: &str) -> Option<String> {
        let p = self.get(number)?;
        if p.citable_by_number() {
            return Some(p.number.clone());
        }
        let section = p.section_number();
        let title = self.section(section).map_or(String::new(), |s| s.title.clone());
        Some(match &p.part {
            Some(part) => format!("section {section} ({title}, {part})"),
            None => format!("section {section} ({title})"),
        })
    }

    /// How to cite a list of provisions, "6.4; 6.5; 6.15": the confirmed numbers first, joined
    /// by commas, then each unconfirmed one's section once. A part that is not a provision number
    /// is kept as it is.
    pub fn cite(&self, numbers: &str) -> String {
        let mut numbered: Vec<String> = Vec::new();
        let mut named: Vec<String> = Vec::new();
        for token in numbers.split([';', ',']).map(str::trim).filter(|t| !t.is_empty()) {
            match self.get(token) {
                Some(p) if p.citable_by_number() => numbered.push(p.number.clone()),
                Some(_) => {
                    let name = self.cite_one(token).unwrap_or_default();
                    if !named.contains(&name) {
                        named.push(name);
                    }
                }
                None => named.push(token.to_string()),
            }
        }
        let mut out = numbered.join(", ");
        for name in named {
            if !out.is_empty() {
                out.push_str("; ");
            }
            out.push_str(&name);
        }
        out
    }
}

/// The Code's provisions, parsed once from the embedded file.
pub fn provisions() -> &'static Provisions {
    static PROVISIONS: OnceLock<Provisions> = OnceLock::new();
    PROVISIONS.get_or_init(|| {
        serde_json::from_str(include_str!("data/code-provisions.json"))
            .unwrap_or_else(|e| panic!("data/code-provisions.json is invalid: {e}"))
    })
}

/// How to cite `numbers` ("6.2", "6.4; 6.15") under the confidence marks: see [`Provisions::cite`].
pub fn cite(numbers: &str) -> String {
    provisions().cite(numbers)
}

/// Replaces every `clause` in a policy's JSON by its citation (used for the Code's own profile,
/// whose clauses are written as provision numbers).
pub(crate) fn resolve_clauses(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    serde_json::Value::String(s) if key == "clause" => *s = cite(s),
                    _ => resolve_clauses(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(resolve_clauses),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmed_numbers_are_cited_as_numbers_and_unconfirmed_by_section() {
        assert_eq!(cite("6.2"), "6.2");
        assert_eq!(cite("2.4"), "2.4", "[V2] is cited by number");
        assert_eq!(cite("6.14"), "section 6 (Complaints stages, Stage 2)");
        assert_eq!(cite("2.5"), "section 2 (Exclusions)");
        assert_eq!(cite("6.4; 6.5; 6.15; 6.16"), "6.4, 6.5; section 6 (Complaints stages, Stage 2)");
        assert_eq!(cite("Our own words"), "Our own words");
    }
}
