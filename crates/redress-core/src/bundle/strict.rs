//! strict: JSON text read into a value the slow, sure way, refusing two things serde_json lets
//! through: a key written twice in one object (serde_json keeps the last one, so a hand-edited
//! duplicate would be lost without a word), and lists or objects nested deeper than the store
//! can read back.
//!
//! Only the slow paths come here: a file Redress wrote is copied by [`super::canonical_json`],
//! whose keys must be in strictly increasing order (so none can repeat) and whose depth is
//! counted as it goes. Building the value costs what `serde_json::from_str` costs; a repeated key
//! is noticed when it is inserted, and the path to a problem is put together only on the way out
//! of a refused file.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why text was refused.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// Not JSON at all (or a number out of range).
    Json(serde_json::Error),
    /// A key appears twice in one object; `path` names the second one, as `records[0].data.x`.
    Duplicate { path: String },
    /// Lists or objects nested more than the limit; `path` is where the limit was passed.
    TooDeep { path: String },
}

/// `text` as a JSON value, refusing a repeated key or nesting deeper than `max_depth` (the number
/// of lists and objects inside one another, counting the outermost).
pub(crate) fn value(text: &str, max_depth: usize) -> Result<Value, Refusal> {
    let state = State { max_depth, problem: RefCell::new(None), path: RefCell::new(Vec::new()) };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let result = Node { depth: 0, state: &state }.deserialize(&mut deserializer).and_then(|value| {
        deserializer.end()?;
        Ok(value)
    });
    match (result, state.problem.into_inner()) {
        (Ok(value), _) => Ok(value),
        (Err(_), Some(problem)) => {
            let mut segments = state.path.into_inner();
            segments.reverse();
            let path = render(&segments);
            Err(match problem {
                Problem::Duplicate => Refusal::Duplicate { path },
                Problem::TooDeep => Refusal::TooDeep { path },
            })
        }
        (Err(e), None) => Err(Refusal::Json(e)),
    }
}

enum Problem {
    Duplicate,
    TooDeep,
}

/// A step on the way to a value: a key of an object or a position in a list.
pub(crate) enum Segment {
    Key(String),
    Index(usize),
}

/// `records[0].data.landlord`: keys joined by dots, positions in brackets.
pub(crate) fn render(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

struct State {
    max_depth: usize,
    /// Set by the level that found the problem; the levels above then add their step to `path`
    /// (innermost first) as the error passes through them.
    problem: RefCell<Option<Problem>>,
    path: RefCell<Vec<Segment>>,
}

impl State {
    fn refuse<E: de::Error>(&self, problem: Problem, at: Option<Segment>) -> E {
        *self.problem.borrow_mut() = Some(problem);
        self.path.borrow_mut().extend(at);
        E::custom("refused")
    }

    /// Adds `segment` to the path if the error passing through is one of ours.
    fn passing<E>(&self, segment: impl FnOnce() -> Segment, error: E) -> E {
        if self.problem.borrow().is_some() {
            self.path.borrow_mut().push(segment());
        }
        error
    }
}

/// One value, `depth` lists or objects down.
#[derive(Clone, Copy)]
struct Node<'a> {
    depth: usize,
    state: &'a State,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // As serde_json's own value does.
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.inside()?;
        let mut items = Vec::new();
        while let Some(item) =
            seq.next_element_seed(inner).map_err(|e| self.state.passing(|| Segment::Index(items.len()), e))?
        {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let inner = self.inside()?;
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(self.state.refuse(Problem::Duplicate, Some(Segment::Key(key))));
            }
            let value = access
                .next_value_seed(inner)
                .map_err(|e| self.state.passing(|| Segment::Key(key.clone()), e))?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

impl Node<'_> {
    /// The node for what is inside this list or object, or a refusal if that is one level too many.
    fn inside<E: de::Error>(self) -> Result<Self, E> {
        let depth = self.depth + 1;
        if depth > self.state.max_depth {
            return Err(self.state.refuse(Problem::TooDeep, None));
        }
        Ok(Node { depth, state: self.state })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of(text: &str) -> String {
        match value(text, 10) {
            Err(Refusal::Duplicate { path }) => format!("duplicate {path}"),
            Err(Refusal::TooDeep { path }) => format!("deep {path}"),
            Err(Refusal::Json(e)) => format!("json {e}"),
            Ok(v) => format!("ok {v}"),
        }
    }

    #[test]
    fn a_repeated_key_is_named_by_its_path() {
        assert_eq!(path_of(r#"{"a": 1, "a": 2}"#), "duplicate a");
        assert_eq!(
            path_of(r#"{"records": [{"x": 1}, {"data": {"k": [0, {"y": 1, "y": 1}]}}]}"#),
            "duplicate records[1].data.k[1].y"
        );
        assert_eq!(path_of(r#"[{"a": 1}, {"a": 1}]"#), r#"ok [{"a":1},{"a":1}]"#);
    }

    #[test]
    fn depth_counts_lists_and_objects() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(value(&nested(10), 10).is_ok());
        assert_eq!(path_of(&nested(11)), format!("deep {}", "[0]".repeat(10)));
        assert_eq!(
            path_of(r#"{"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": {"j": {}}}}}}}}}}}"#),
            "deep a.b.c.d.e.f.g.h.i.j"
        );
        // Far deeper than serde_json's own limit: refused at the limit, without recursing further.
        assert!(matches!(value(&nested(100_000), 10), Err(Refusal::TooDeep { .. })));
    }

    #[test]
    fn it_reads_what_serde_json_reads() {
        let text = r#"{"b": [1, -2, 3.5, 1e3, true, null, "x\u00e9"], "a": {"c": 18446744073709551615}}"#;
        assert_eq!(value(text, 10).unwrap(), serde_json::from_str::<Value>(text).unwrap());
        assert!(matches!(value(r#"{"a": 1"#, 10), Err(Refusal::Json(_))));
        assert!(matches!(value(r#"[1e400]"#, 10), Err(Refusal::Json(_))));
        assert!(matches!(value(r#"[1] x"#, 10), Err(Refusal::Json(_))));
    }
}
