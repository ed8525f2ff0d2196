//! canonical: a record's data in canonical form, read straight from a file's text.
//!
//! The checksum covers each record's data as serde_json writes a JSON value: compact, object keys
//! in sorted order, strings escaped serde_json's way, whole numbers as plain digits. Building a
//! JSON value for every record of a large file only to write it out again costs most of an
//! import's time, and a file Redress exported is already in that form apart from its indentation.
//! [`canonical_json`] therefore copies a record's text without the spaces between tokens, and gives
//! up (returns `None`) at anything whose canonical form would differ from the text: keys out of
//! order or repeated, an escape serde_json would write another way, a number with a fraction or
//! exponent, or an integer too long to be sure of. The caller then takes the slow, sure way
//! through a JSON value. Property tests (`tests/properties.rs`) check that the two always agree.
//!
//! Because keys must come in strictly increasing order, a key written twice in one object is
//! never copied here; and the quick copy gives up on anything nested more than
//! [`super::MAX_DEPTH`] deep. The slow way refuses both with a message (`strict.rs`), so neither
//! check costs the quick copy anything but one comparison per list or object.

/// `text` (one JSON value, already checked to be valid JSON) in canonical form, or `None` if this
/// quick copy cannot be sure of it.
pub fn canonical_json(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    // For each object or array being read: for an object, the previous key (a range of `bytes`).
    let mut open: Vec<Container> = Vec::new();
    // Tokens are checked where they stand and copied in runs, up to the next space.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\n' | b'\r' | b'\t' => {
                // Spaces are ASCII, so every run starts and ends on a character boundary.
                out.push_str(&text[copied..i]);
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\n' | b'\r' | b'\t') {
                    i += 1;
                }
                copied = i;
            }
            b'{' | b'[' if open.len() >= super::MAX_DEPTH => return None,
            b'{' => {
                open.push(Container::Object { expecting_key: true, previous_key: None });
                i += 1;
            }
            b'[' => {
                open.push(Container::Array);
                i += 1;
            }
            b'}' | b']' => {
                open.pop()?;
                i += 1;
            }
            b',' => {
                if let Some(Container::Object { expecting_key, .. }) = open.last_mut() {
                    *expecting_key = true;
                }
                i += 1;
            }
            b':' => i += 1,
            b'"' => {
                let end = canonical_string_end(bytes, i)?;
                if let Some(Container::Object { expecting_key: expecting_key @ true, previous_key }) =
                    open.last_mut()
                {
                    let key = i + 1..end - 1;
                    // Keys are compared as serde_json's map orders them (by their bytes), which the
                    // text shows directly only when a key has no escapes.
                    if bytes[key.clone()].contains(&b'\\') {
                        return None;
                    }
                    if let Some(previous) = previous_key.clone() {
                        if bytes[previous] >= bytes[key.clone()] {
                            return None;
                        }
                    }
                    *previous_key = Some(key);
                    *expecting_key = false;
                }
                i = end;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let number = &bytes[start..i];
                let digits = number.strip_prefix(b"-").unwrap_or(number);
                // serde_json reads "-0" as a float, and very long integers as floats too. (A
                // fraction or exponent that follows is refused as the next token.)
                if digits.is_empty() || number == b"-0" || digits.len() > 18 {
                    return None;
                }
            }
            b't' | b'f' | b'n' => {
                let word: &[u8] = match bytes[i] {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                if !bytes[i..].starts_with(word) {
                    return None;
                }
                i += word.len();
            }
            // Anything else, such as the "." or "e" of a number with a fraction or exponent.
            _ => return None,
        }
    }
    if !open.is_empty() {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

enum Container {
    Array,
    Object { expecting_key: bool, previous_key: Option<std::ops::Range<usize>> },
}

/// The index just past the string starting at `bytes[start]` (a quote), if every escape in it is
/// the one serde_json writes; `None` otherwise.
fn canonical_string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        i += bytes[i..].iter().position(|&b| b == b'"' || b == b'\\')?;
        match bytes[i] {
            b'"' => return Some(i + 1),
            b'\\' => {
                match *bytes.get(i + 1)? {
                    b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                    b'u' => {
                        // serde_json writes \u00XX (lowercase hex) only for control characters
                        // that have no short escape.
                        let hex = bytes.get(i + 2..i + 6)?;
                        let code = match hex {
                            [b'0', b'0', high @ (b'0' | b'1'), low @ (b'0'..=b'9' | b'a'..=b'f')] => {
                                (high - b'0') * 16 + (*low as char).to_digit(16)? as u8
                            }
                            _ => return None,
                        };
                        if matches!(code, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) {
                            return None;
                        }
                        i += 6;
                    }
                    _ => return None,
                }
            }
            _ => i += 1,
        }
    }
}
