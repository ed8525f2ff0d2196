//! Property tests of the calendar, the engine and the bundle's canonical form (proptest).

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use redress_core::calendar::{Calendar, Division, Period};
use redress_core::case::{sample_cases, Event, EventKind, Outcome};
use redress_core::engine::{assess, DeadlineKind};
use redress_core::policy;

fn date_in_coverage() -> impl Strategy<Value = NaiveDate> {
    (0u64..3900).prop_map(|n| NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + Days::new(n))
}

fn division() -> impl Strategy<Value = Division> {
    prop_oneof![Just(Division::EnglandAndWales), Just(Division::Scotland), Just(Division::NorthernIreland)]
}

fn event_kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        Just(EventKind::Received),
        Just(EventKind::Acknowledged),
        Just(EventKind::Responded {
            remedy_agreed: None,
            outcome: Outcome::NotUpheld,
            remedy: String::new(),
            compensation_pence: Some(5000),
            points: Vec::new(),
            outstanding_actions: String::new(),
            lessons: String::new()
        }),
        Just(EventKind::Responded {
            remedy_agreed: None,
            outcome: Outcome::Resolved,
            remedy: "Put right at once.".into(),
            compensation_pence: None,
            points: Vec::new(),
            outstanding_actions: String::new(),
            lessons: String::new()
        }),
        Just(EventKind::EscalationRequested),
        Just(EventKind::FormReceived),
        Just(EventKind::HearingArranged),
        Just(EventKind::HearingHeld),
        Just(EventKind::Closed),
        Just(EventKind::ReferredToOmbudsman),
        Just(EventKind::CompensationAccepted),
        Just(EventKind::EscalationRefused { reason: "no service failure".into() }),
        Just(EventKind::Refused { exclusion: "legal_proceedings".into(), reason: String::new() }),
        (0u64..60).prop_map(|n| EventKind::Extended {
            new_due: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + Days::new(n * 7),
            resident_agreed: n % 2 == 0
        }),
    ]
}

proptest! {
    #[test]
    fn a_working_day_due_date_is_a_working_day(from in date_in_coverage(), n in 1u32..80, division in division()) {
        let calendar = Calendar::builtin(division);
        let due = calendar.add(from, Period::working_days(n)).date;
        prop_assert!(calendar.is_working_day(due), "{} + {} = {}", from, n, due);
        prop_assert!(due > from);
        // The convention (docs/calendar.md): day 1 is the first working day after the trigger,
        // whatever day the trigger is, so exactly n working days lie after it up to the due date.
        prop_assert_eq!(calendar.working_days_between(from, due), n, "{} + {} = {}", from, n, due);
    }

    #[test]
    fn a_trigger_on_a_non_working_day_counts_like_the_day_before_it(from in date_in_coverage(), n in 0u32..60, division in division()) {
        // The trigger's own day is never counted, so a Saturday, Sunday or bank holiday gives the
        // same due date as the day before it (for n > 0).
        let calendar = Calendar::builtin(division);
        prop_assume!(!calendar.is_working_day(from));
        let before = from.pred_opt().unwrap();
        let n = n + 1;
        prop_assert_eq!(
            calendar.add(from, Period::working_days(n)).date,
            calendar.add(before, Period::working_days(n)).date
        );
    }

    #[test]
    fn zero_working_days_is_the_trigger_itself(from in date_in_coverage(), division in division()) {
        prop_assert_eq!(Calendar::builtin(division).add(from, Period::working_days(0)).date, from);
    }

    #[test]
    fn a_later_event_never_gives_an_earlier_due_date(a in date_in_coverage(), gap in 0u64..40, n in 0u32..60) {
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let b = a + Days::new(gap);
        for period in [Period::working_days(n), Period::calendar_days(n), Period::months(n % 13)] {
            prop_assert!(calendar.add(a, period).date <= calendar.add(b, period).date);
        }
    }

    #[test]
    fn adding_a_holiday_never_moves_a_due_date_earlier(from in date_in_coverage(), extra in date_in_coverage(), n in 1u32..60) {
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let before = calendar.add(from, Period::working_days(n)).date;
        let after = calendar.with_extra_holiday(extra).add(from, Period::working_days(n)).date;
        prop_assert!(after >= before);
        prop_assert!(after != extra);
    }

    #[test]
    fn a_later_acknowledgement_never_gives_an_earlier_response_date(received in 0u64..300, delay in 0u64..10, extra in 1u64..10) {
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Days::new(received);
        for p in policy::builtin() {
            let respond_due = |ack: u64| {
                let mut case = sample_cases(1, 1).remove(0);
                case.policy_id = p.id.clone();
                case.events = vec![Event::new(start, EventKind::Received), Event::new(start + Days::new(ack), EventKind::Acknowledged)];
                let a = assess(p, &case, &calendar, start + Days::new(90)).unwrap();
                a.deadlines.iter().find(|d| d.kind == DeadlineKind::Respond).map(|d| d.due)
            };
            prop_assert!(respond_due(delay) <= respond_due(delay + extra), "policy {}", p.id);
        }
    }

    #[test]
    fn any_sequence_of_events_assesses_or_gives_a_typed_error(
        kinds in proptest::collection::vec(event_kind(), 0..12),
        offsets in proptest::collection::vec(0u64..30, 12),
        shuffle in any::<bool>(),
        which in 0usize..6,
    ) {
        let p = &policy::builtin()[which];
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let mut day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let mut case = sample_cases(1, 3).remove(0);
        case.policy_id = p.id.clone();
        case.events = kinds.iter().zip(&offsets).map(|(kind, off)| {
            day = if shuffle && off % 5 == 0 { day - Days::new(*off) } else { day + Days::new(*off) };
            Event::new(day, kind.clone())
        }).collect();
        match assess(p, &case, &calendar, NaiveDate::from_ymd_opt(2027, 6, 1).unwrap()) {
            Ok(a) => {
                for d in &a.deadlines {
                    if d.kind != DeadlineKind::ReferToOmbudsman && d.kind != DeadlineKind::AcceptCompensation {
                        prop_assert!(d.due >= d.counted_from);
                    }
                    // A stage the policy moves on by itself is never left overdue: once its
                    // answer is late, the complaint is at the next stage (ForHousing 2), and a
                    // quick fix is no duty at all (Tuntum's Stage Zero).
                    let stage = p.stages.iter().find(|s| s.id == d.stage).unwrap();
                    if stage.auto_escalation.iter().any(|r| r.when.is_some()) && d.kind == DeadlineKind::Respond {
                        prop_assert!(!d.is_overdue(), "{} overdue under {}: {:?}", d.id, p.id, case.events);
                    }
                }
                // Every stage reached is listed, in order, and the current one is the last.
                prop_assert_eq!(a.stages.last().map(|v| v.index), a.current_stage.as_ref().map(|s| s.index));
                prop_assert!(a.stages.windows(2).all(|w| w[0].index < w[1].index && w[0].first_event <= w[1].first_event));
            }
            Err(e) => {
                let index = e.event_index().expect("sequence errors name the event");
                prop_assert!(index < case.events.len());
                let named = format!("Event {}", index + 1);
                prop_assert!(e.to_string().contains(&named));
            }
        }
    }
}

/// Any JSON value: strings with quotes, backslashes, control characters and non-ASCII letters;
/// whole numbers of every size; fractions; nested lists and objects.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let text = "[a-z\"\\\\\u{0}-\u{1f}\u{7f}é—€😀 ]{0,8}";
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        text.prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(text, inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// How [`written_by_hand`] writes a value.
#[derive(Debug, Clone, Copy)]
struct Style {
    /// Object keys in reverse order.
    reverse: bool,
    /// Every character of strings as \uXXXX, in uppercase (Some(true)) or lowercase hex.
    escape: Option<bool>,
    /// Each object's first field written twice (JSON readers keep the last).
    repeat_first: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), proptest::option::of(any::<bool>()), any::<bool>())
        .prop_map(|(reverse, escape, repeat_first)| Style { reverse, escape, repeat_first })
}

/// `value` written the way another tool might.
fn written_by_hand(value: &serde_json::Value, style: Style) -> String {
    use serde_json::Value;
    let string = |s: &str| match style.escape {
        Some(upper) => {
            let units: String = s
                .encode_utf16()
                .map(|u| if upper { format!("\\u{u:04X}") } else { format!("\\u{u:04x}") })
                .collect();
            format!("\"{units}\"")
        }
        None => serde_json::to_string(s).unwrap(),
    };
    match value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|v| written_by_hand(v, style)).collect();
            format!("[ {} ]", items.join(" , "))
        }
        Value::Object(map) => {
            let mut fields: Vec<String> =
                map.iter().map(|(k, v)| format!("{} : {}", string(k), written_by_hand(v, style))).collect();
            if style.reverse {
                fields.reverse();
            }
            if let (true, Some((key, _))) = (style.repeat_first, map.iter().next()) {
                fields.insert(0, format!("{}: null", string(key)));
            }
            format!("{{\n  {}\n}}", fields.join(",\n  "))
        }
        Value::String(s) => string(s),
        other => other.to_string(),
    }
}

proptest! {
    /// The quick copy agrees with writing the value out whenever it gives an answer, and for a
    /// file Redress itself wrote (whole numbers only) it always gives one.
    #[test]
    fn canonical_json_agrees_with_serde_json(value in json_value(), style in style()) {
        use redress_core::bundle::canonical_json;
        let canonical = serde_json::to_string(&value).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        for text in [canonical.clone(), pretty.clone(), written_by_hand(&value, style)] {
            let reread: serde_json::Value = serde_json::from_str(&text).unwrap();
            let expected = serde_json::to_string(&reread).unwrap();
            if let Some(quick) = canonical_json(&text) {
                prop_assert_eq!(quick, expected, "from {}", text);
            }
        }
        if quick_copy_applies(&value) {
            prop_assert_eq!(canonical_json(&pretty), Some(canonical));
        }
    }

    /// Strings written with every escape JSON allows.
    #[test]
    fn canonical_json_agrees_on_strings(strings in proptest::collection::vec(written_string(), 0..4)) {
        check_canonical_json(&format!("[{}]", strings.join(", ")))?;
    }

    /// Object keys that sort differently escaped and unescaped, in any order, sometimes repeated.
    #[test]
    fn canonical_json_agrees_on_keys(keys in proptest::collection::vec("[ A\"\\\\\n\u{1}é]{1,2}", 0..4)) {
        let fields: Vec<String> =
            keys.iter().enumerate().map(|(n, k)| format!("{}: {n}", serde_json::to_string(k).unwrap())).collect();
        check_canonical_json(&format!("{{{}}}", fields.join(", ")))?;
    }

    /// Numbers of any length, as another tool might write them.
    #[test]
    fn canonical_json_agrees_on_numbers(number in "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?") {
        check_canonical_json(&format!("[{number}]"))?;
    }
}

/// A short JSON string of characters that sort differently escaped and unescaped, each written
/// as itself (where JSON allows), with its short escape, or as \uXXXX in either case.
fn written_string() -> impl Strategy<Value = String> {
    let char_written = (
        prop::sample::select(vec![' ', 'A', 'a', '"', '\\', '/', '\n', '\r', '\u{1}', '\u{1f}', 'é']),
        0u8..4,
    )
        .prop_map(|(c, how)| {
            let short = match c {
                '"' => Some("\\\"".to_string()),
                '\\' => Some("\\\\".to_string()),
                '/' => Some("\\/".to_string()),
                '\n' => Some("\\n".to_string()),
                '\r' => Some("\\r".to_string()),
                _ => None,
            };
            let plain_allowed = !matches!(c, '"' | '\\') && c >= ' ';
            match how {
                0 if plain_allowed => c.to_string(),
                1 if short.is_some() => short.unwrap(),
                2 => format!("\\u{:04X}", c as u32),
                _ => format!("\\u{:04x}", c as u32),
            }
        });
    proptest::collection::vec(char_written, 0..3).prop_map(|chars| format!("\"{}\"", chars.concat()))
}

/// The quick copy of `text` is either refused or what serde_json writes for it.
fn check_canonical_json(text: &str) -> Result<(), TestCaseError> {
    let reread: serde_json::Value = serde_json::from_str(text).unwrap();
    if let Some(quick) = redress_core::bundle::canonical_json(text) {
        prop_assert_eq!(quick, serde_json::to_string(&reread).unwrap(), "from {}", text);
    }
    Ok(())
}

/// Whether a value is one the quick copy must handle: no fractions, no whole numbers of 19 digits
/// or more, and no key that needs an escape (what Redress itself writes).
fn quick_copy_applies(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    let short = |n: u64| n < 10u64.pow(18);
    match value {
        Value::Number(n) => {
            n.as_u64().map(short).or_else(|| n.as_i64().map(|i| short(i.unsigned_abs()))).unwrap_or(false)
        }
        Value::Array(items) => items.iter().all(quick_copy_applies),
        Value::Object(map) => {
            map.keys().all(|k| !k.contains(|c: char| c == '"' || c == '\\' || c < ' '))
                && map.values().all(quick_copy_applies)
        }
        _ => true,
    }
}

/// A valid file of three records (two cases and a setting), as text and as a JSON value.
fn valid_bundle() -> (String, serde_json::Value) {
    use redress_core::bundle::{self, Scope};
    use redress_core::record::{Record, RecordKind};
    let record = |kind, id: &str, data| Record {
        kind,
        id: id.into(),
        revision: 1,
        updated_at: "2026-11-23T09:30:00Z".into(),
        data,
    };
    let mut records: Vec<Record> = sample_cases(2, 11)
        .into_iter()
        .map(|case| record(RecordKind::Case, &case.id.clone(), serde_json::to_value(case).unwrap()))
        .collect();
    records.push(record(RecordKind::Setting, "preferences", serde_json::json!({"division": "scotland"})));
    let bundle = bundle::export(records, Scope::Everything, "2026-11-23T09:30:00Z");
    (bundle.to_json_pretty(), serde_json::to_value(&bundle).unwrap())
}

/// What a file that was accepted must be: every record readable back as the store reads it,
/// each case's id its record's id, and exporting the records again gives a file that is accepted
/// with the same records.
fn accepted_as_valid(bytes: &[u8]) -> Result<(), TestCaseError> {
    use redress_core::bundle::{self, Scope};
    use redress_core::record::{RawRecord, Record, RecordKind};
    let Ok(parsed) = bundle::parse(bytes) else { return Ok(()) };
    for record in &parsed.records {
        let stored = RawRecord::from_record(record).to_json();
        let read: Result<Record, _> = serde_json::from_str(&stored);
        prop_assert!(read.is_ok(), "the store could not read back {}", record.id);
        if record.kind == RecordKind::Case {
            let case: redress_core::case::Case = serde_json::from_value(record.data.clone()).unwrap();
            prop_assert_eq!(&case.id, &record.id);
            prop_assert!(case.date_problem().is_none());
        }
    }
    let again = bundle::export(parsed.records.clone(), Scope::Everything, "2026-11-23T09:30:00Z");
    let reparsed = bundle::parse(again.to_json_pretty().as_bytes());
    prop_assert!(reparsed.is_ok(), "its records exported again were refused: {:?}", reparsed.err());
    prop_assert_eq!(reparsed.unwrap().records, parsed.records);
    Ok(())
}

/// One change to a file's bytes, as damage or a careless edit would make it.
#[derive(Debug, Clone)]
enum ByteEdit {
    Flip { at: prop::sample::Index, bit: u8 },
    Delete { at: prop::sample::Index, len: usize },
    Insert { at: prop::sample::Index, bytes: Vec<u8> },
    Repeat { at: prop::sample::Index, len: usize },
    Truncate { at: prop::sample::Index },
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let index = any::<prop::sample::Index>();
    let significant =
        prop::sample::select(b"{}[]\":,\\ \n0123456789-.eE+truefalsnul\x00\x80\xff\xc3".to_vec());
    prop_oneof![
        (index.clone(), 0u8..8).prop_map(|(at, bit)| ByteEdit::Flip { at, bit }),
        (index.clone(), 1usize..40).prop_map(|(at, len)| ByteEdit::Delete { at, len }),
        (index.clone(), proptest::collection::vec(significant, 1..4))
            .prop_map(|(at, bytes)| ByteEdit::Insert { at, bytes }),
        (index.clone(), 1usize..200).prop_map(|(at, len)| ByteEdit::Repeat { at, len }),
        index.prop_map(|at| ByteEdit::Truncate { at }),
    ]
}

fn apply(mut bytes: Vec<u8>, edit: &ByteEdit) -> Vec<u8> {
    if bytes.is_empty() {
        return bytes;
    }
    match edit {
        ByteEdit::Flip { at, bit } => {
            let i = at.index(bytes.len());
            bytes[i] ^= 1 << bit;
        }
        ByteEdit::Delete { at, len } => {
            let i = at.index(bytes.len());
            bytes.drain(i..(i + len).min(bytes.len()));
        }
        ByteEdit::Insert { at, bytes: new } => {
            let i = at.index(bytes.len());
            bytes.splice(i..i, new.iter().copied());
        }
        ByteEdit::Repeat { at, len } => {
            let i = at.index(bytes.len());
            let slice = bytes[i..(i + len).min(bytes.len())].to_vec();
            bytes.splice(i..i, slice);
        }
        ByteEdit::Truncate { at } => bytes.truncate(at.index(bytes.len())),
    }
    bytes
}

/// Every path to a value inside `value`, as JSON pointers.
fn pointers(value: &serde_json::Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match value {
        serde_json::Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                pointers(item, format!("{here}/{n}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                pointers(item, format!("{here}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Damage to the bytes of a valid file (up to three edits): refused, or accepted as valid.
    /// Never a panic (a panic fails the test).
    #[test]
    fn a_damaged_file_is_refused_or_valid(edits in proptest::collection::vec(byte_edit(), 1..4)) {
        let (text, _) = valid_bundle();
        let mut bytes = text.into_bytes();
        for edit in &edits {
            bytes = apply(bytes, edit);
        }
        accepted_as_valid(&bytes)?;
    }

    /// Any part of a valid file replaced by any JSON value, with the checksum made to match, so
    /// every check after it is reached: refused, or accepted as valid.
    #[test]
    fn an_edited_file_with_a_matching_checksum_is_refused_or_valid(
        at in any::<prop::sample::Index>(),
        replacement in json_value(),
    ) {
        let (_, mut bundle) = valid_bundle();
        let mut all = Vec::new();
        pointers(&bundle, String::new(), &mut all);
        let pointer = &all[at.index(all.len())];
        match bundle.pointer_mut(pointer) {
            Some(target) => *target = replacement,
            None => unreachable!("every pointer was taken from the value"),
        }
        if bundle.get("records").is_some() {
            let canonical = serde_json::to_string(&bundle["records"]).unwrap();
            let digest = redress_core::bundle::sha256(canonical.as_bytes());
            bundle["checksum"] = serde_json::json!(digest.iter().map(|b| format!("{b:02x}")).collect::<String>());
        }
        accepted_as_valid(serde_json::to_string_pretty(&bundle).unwrap().as_bytes())?;
    }
}
