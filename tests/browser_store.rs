//! Browser tests of the store, in headless Chromium (wasm-bindgen-test): round-trips, revisions,
//! migration from schema version 1, and transactions that fail leaving nothing behind. Also the
//! browser's SHA-256, which checks an imported file, and imported records written as text.
//! Each test uses its own database name so they never see each other's data.
#![cfg(target_arch = "wasm32")]

use redress::record::{RawRecord, Record, RecordKind};
use redress::store::{create_v1_fixture, in_flight, Db, StoreError, SCHEMA_VERSION};
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique(name: &str) -> String {
    format!("test-{name}-{}", js_sys::Math::random().to_string().replace('.', ""))
}

fn counts(list: Vec<(RecordKind, u32)>) -> [u32; 4] {
    let mut out = [0; 4];
    for (kind, n) in list {
        out[RecordKind::ALL.iter().position(|k| *k == kind).unwrap()] = n;
    }
    out
}

/// When the page goes (`pagehide`), a transaction still running is aborted, so that WebKit does
/// not keep it open for ever behind the next page's (`store::in_flight`): a write whose commit had
/// not begun stores nothing and says so, and nothing is left counted as in flight.
#[wasm_bindgen_test]
async fn leaving_the_page_aborts_what_is_in_flight_and_stores_nothing_half_done() {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    let db = Db::open_named(&unique("pagehide")).await.unwrap();
    let kept = db.save(Record::new(RecordKind::Case, "kept", json!({"n": 1}))).await.unwrap();
    assert_eq!(in_flight::count(), 0, "a finished save is not in flight");

    // Begun, and waiting for its read of the stored revision: not yet committing.
    let mut save = std::pin::pin!(db.save(Record::new(RecordKind::Case, "going", json!({"n": 2}))));
    assert!(save.as_mut().poll(&mut Context::from_waker(Waker::noop())) == Poll::Pending);
    assert_eq!(in_flight::count(), 1);

    let window = web_sys::window().unwrap();
    window.dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();

    let error = save.await.expect_err("a write aborted before its commit is refused");
    assert!(!error.user_message().is_empty());
    assert_eq!(in_flight::count(), 0);
    assert_eq!(db.get(RecordKind::Case, "going").await.unwrap(), None, "nothing of the aborted write");
    assert_eq!(db.get(RecordKind::Case, "kept").await.unwrap(), Some(kept), "what was saved before stays");
    // Nothing is in flight now, so there is nothing to abort; the connection still works.
    assert_eq!(in_flight::abort_all(), 0);
    db.save(Record::new(RecordKind::Case, "after", json!({"n": 3}))).await.unwrap();
}

#[wasm_bindgen_test]
async fn every_kind_round_trips_exactly() {
    let db = Db::open_named(&unique("round-trip")).await.unwrap();
    let data = json!({"words": "Damp in the “back” bedroom — since March", "n": 12345678901u64, "nested": {"z": [1, null, true]}});
    for kind in RecordKind::ALL {
        let saved = db.save(Record::new(kind, "one", data.clone())).await.unwrap();
        assert_eq!(saved.revision, 1);
        assert!(chrono::DateTime::parse_from_rfc3339(&saved.updated_at).is_ok(), "{}", saved.updated_at);
        let loaded = db.get(kind, "one").await.unwrap().expect("stored");
        assert_eq!(loaded, saved);
    }
    assert_eq!(counts(db.counts().await.unwrap()), [1, 1, 1, 1]);
    assert_eq!(db.all().await.unwrap().records.len(), 4);
    assert_eq!(db.list(RecordKind::Draft).await.unwrap().len(), 1);
    assert_eq!(db.get(RecordKind::Case, "missing").await.unwrap(), None);
}

/// An import writes records as the file's text ([`RawRecord`]); they read back as records, and
/// revisions are checked as for any write.
#[wasm_bindgen_test]
async fn imported_text_is_stored_as_records_are() {
    let db = Db::open_named(&unique("raw")).await.unwrap();
    let data = json!({"words": "Mould — “again”", "n": 7, "list": [{"b": 1, "a": null}]});
    let incoming = RawRecord::from_record(&Record::new(RecordKind::Case, "c1", data.clone()));
    let saved = db.write_all(vec![incoming.clone()]).await.unwrap();
    assert_eq!((saved[0].revision, saved[0].data_json()), (1, incoming.data_json()));
    let loaded = db.get(RecordKind::Case, "c1").await.unwrap().expect("stored");
    assert_eq!((loaded.revision, &loaded.data, &loaded.updated_at), (1, &data, &saved[0].updated_at));
    // Writing it again as new (revision 0) is refused: it exists now, at revision 1.
    let error = db.write_all(vec![incoming]).await.unwrap_err();
    assert!(matches!(error, StoreError::Conflict { stored_revision: 1, .. }), "{error:?}");
    assert_eq!(db.get(RecordKind::Case, "c1").await.unwrap(), Some(loaded));
}

#[wasm_bindgen_test]
async fn a_save_from_a_stale_revision_is_refused_and_the_newer_one_kept() {
    let name = unique("conflict");
    let first = Db::open_named(&name).await.unwrap();
    let second = Db::open_named(&name).await.unwrap();
    let v1 = first
        .save(Record::new(RecordKind::Setting, "preferences", json!({"division": "scotland"})))
        .await
        .unwrap();
    let seen_by_second = second.get(RecordKind::Setting, "preferences").await.unwrap().unwrap();
    let v2 = first.save(Record { data: json!({"division": "northern-ireland"}), ..v1 }).await.unwrap();
    assert_eq!(v2.revision, 2);

    let stale = Record { data: json!({"division": "england-and-wales"}), ..seen_by_second };
    let error = second.save(stale).await.unwrap_err();
    assert_eq!(
        error,
        StoreError::Conflict { kind: RecordKind::Setting, id: "preferences".into(), stored_revision: 2 }
    );
    assert!(error.user_message().contains("another tab"), "{}", error.user_message());
    let stored = second.get(RecordKind::Setting, "preferences").await.unwrap().unwrap();
    assert_eq!(stored, v2);

    // A new record may not take an existing id either.
    let clash = first.save(Record::new(RecordKind::Setting, "preferences", json!({}))).await.unwrap_err();
    assert!(matches!(clash, StoreError::Conflict { stored_revision: 2, .. }), "{clash:?}");
}

#[wasm_bindgen_test]
async fn a_failed_write_all_leaves_the_database_unchanged() {
    let db = Db::open_named(&unique("all-or-nothing")).await.unwrap();
    let kept = db.save(Record::new(RecordKind::Case, "kept", json!({"v": 1}))).await.unwrap();
    let before = db.all().await.unwrap();

    // Three good records and one that conflicts (it claims revision 7 of "kept").
    let batch = vec![
        Record::new(RecordKind::Case, "new-1", json!({"v": 1})),
        Record::new(RecordKind::Draft, "new-2", json!({"v": 2})),
        Record { revision: 7, data: json!({"v": 99}), ..kept.clone() },
        Record::new(RecordKind::Setting, "new-3", json!({"v": 3})),
    ];
    let error = db.write_all(batch).await.unwrap_err();
    assert!(matches!(error, StoreError::Conflict { stored_revision: 1, .. }), "{error:?}");
    assert_eq!(db.all().await.unwrap(), before);

    // A large batch takes the other path (one read of each store) and is also all or nothing.
    let mut big: Vec<Record> =
        (0..40).map(|i| Record::new(RecordKind::Case, format!("bulk-{i}"), json!({"i": i}))).collect();
    big.push(Record::new(RecordKind::Case, "kept", json!({"v": 2})));
    assert!(db.write_all(big.clone()).await.is_err());
    assert_eq!(db.all().await.unwrap(), before);

    // Without the conflicting record it all goes in, in one go.
    big.pop();
    assert_eq!(db.write_all(big).await.unwrap().len(), 40);
    assert_eq!(counts(db.counts().await.unwrap()), [41, 0, 0, 0]);
}

#[wasm_bindgen_test]
async fn delete_checks_the_revision_and_clear_everything_empties_every_store() {
    let db = Db::open_named(&unique("delete")).await.unwrap();
    let saved = db.save(Record::new(RecordKind::Draft, "d", json!({}))).await.unwrap();
    assert!(matches!(db.delete(RecordKind::Draft, "d", 5).await, Err(StoreError::Conflict { .. })));
    db.delete(RecordKind::Draft, "d", saved.revision).await.unwrap();
    assert!(matches!(db.delete(RecordKind::Draft, "d", 1).await, Err(StoreError::NotFound { .. })));

    for kind in RecordKind::ALL {
        db.save(Record::new(kind, "x", json!({"k": 1}))).await.unwrap();
    }
    db.clear_everything().await.unwrap();
    assert_eq!(counts(db.counts().await.unwrap()), [0, 0, 0, 0]);
}

#[wasm_bindgen_test]
async fn a_version_1_database_migrates_with_nothing_lost() {
    assert_eq!(SCHEMA_VERSION, 2);
    let name = unique("v1");
    let case = json!({"id": "c-1", "description": "The boiler has not worked since 3 March."});
    create_v1_fixture(
        &name,
        &[
            (RecordKind::Case, "c-1", case.clone()),
            (RecordKind::Case, "c-2", json!({"id": "c-2"})),
            (RecordKind::Draft, "draft", json!({"step": 3})),
            (RecordKind::Setting, "preferences", json!({"division": "scotland"})),
        ],
    )
    .await
    .unwrap();

    let db = Db::open_named(&name).await.unwrap();
    assert_eq!(counts(db.counts().await.unwrap()), [2, 1, 0, 1]);
    let migrated = db.get(RecordKind::Case, "c-1").await.unwrap().unwrap();
    assert_eq!(migrated.data, case);
    assert_eq!(migrated.revision, 1);
    assert!(chrono::DateTime::parse_from_rfc3339(&migrated.updated_at).is_ok());
    // The new store exists and works, and migrated records save normally.
    db.save(Record::new(RecordKind::Policy, "mine", json!({}))).await.unwrap();
    db.save(migrated).await.unwrap();
    db.close();

    // Opening again does not migrate twice.
    let again = Db::open_named(&name).await.unwrap();
    assert_eq!(again.get(RecordKind::Case, "c-1").await.unwrap().unwrap().revision, 2);
    assert_eq!(again.get(RecordKind::Setting, "preferences").await.unwrap().unwrap().revision, 1);
}

#[wasm_bindgen_test]
async fn another_tab_upgrading_closes_this_connection_with_a_clear_error() {
    let name = unique("version-change");
    let db = Db::open_named(&name).await.unwrap();
    db.save(Record::new(RecordKind::Setting, "s", json!({}))).await.unwrap();
    // A newer version of the app in another tab opens the database at version 3. This
    // connection closes itself instead of blocking that upgrade.
    let newer = indexed_db_futures::database::Database::open(name.as_str())
        .with_version(SCHEMA_VERSION + 1)
        .await
        .expect("the upgrade is not blocked by the older connection");
    let error = db.counts().await.unwrap_err();
    assert_eq!(error, StoreError::VersionChanged);
    assert!(error.user_message().contains("Reload this page"), "{}", error.user_message());
    newer.close();
}

#[wasm_bindgen_test]
async fn the_browsers_sha256_agrees_with_ours() {
    // Empty, one byte, across the 64-byte block boundary, and a large non-ASCII text.
    let long = "Damp in the “back” bedroom — £40. ".repeat(40_000);
    for data in [&b""[..], b"a", &[7u8; 55], &[7u8; 64], &[7u8; 65], long.as_bytes()] {
        let browser = redress::ui::browser::sha256(data).await.expect("Chromium on loopback has WebCrypto");
        assert_eq!(browser, redress::bundle::sha256(data), "{} bytes", data.len());
    }
}

/// A stored record that cannot be read back (data nested deeper than serde_json reads, as an
/// import before the depth check could leave) is set aside and named by `all`, with everything
/// else read; a save can still replace it, and it can be deleted.
#[wasm_bindgen_test]
async fn an_unreadable_record_is_named_and_the_rest_still_read() {
    let db = Db::open_named(&unique("unreadable")).await.unwrap();
    db.save(Record::new(RecordKind::Case, "good", json!({"a": 1}))).await.unwrap();
    db.save(Record::new(RecordKind::Setting, "preferences", json!({"division": "scotland"}))).await.unwrap();
    let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
    let text = format!(
        r#"{{"kind":"setting","id":"deep","revision":3,"updated_at":"2026-11-23T09:30:00Z","data":{deep}}}"#
    );
    db.put_text_unchecked(RecordKind::Setting, "deep", &text).await.unwrap();

    let everything = db.all().await.unwrap();
    let ids: Vec<&str> = everything.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["good", "preferences"]);
    assert_eq!(everything.unreadable.len(), 1);
    let bad = &everything.unreadable[0];
    assert_eq!((bad.kind, bad.id.as_str(), bad.revision), (RecordKind::Setting, "deep", Some(3)));
    assert!(bad.detail.contains("recursion limit"), "{}", bad.detail);
    // Reading it alone still says it cannot be read.
    assert!(matches!(db.get(RecordKind::Setting, "deep").await, Err(StoreError::Corrupt { .. })));

    // A write that names its revision replaces it (as an import's "replace mine" does).
    let mut fixed = Record::new(RecordKind::Setting, "deep", json!({"fixed": true}));
    fixed.revision = 3;
    assert_eq!(db.save(fixed).await.unwrap().revision, 4);
    assert!(db.all().await.unwrap().unreadable.is_empty());

    // And one can be deleted by its revision.
    db.put_text_unchecked(RecordKind::Setting, "deep2", &text.replace("\"deep\"", "\"deep2\""))
        .await
        .unwrap();
    db.delete(RecordKind::Setting, "deep2", 3).await.unwrap();
    assert_eq!(db.all().await.unwrap().records.len(), 3);
}

// The typed layer (`store::typed`): records read and written as their Rust types, through the
// store's own revision checks; what cannot be read is named, never dropped, and never changed.

#[wasm_bindgen_test]
async fn typed_records_round_trip_with_the_revision_check() {
    use redress::case::{sample_cases, Case};
    use redress::settings::Stored;
    let db = Db::open_named(&unique("typed")).await.unwrap();
    let case = sample_cases(1, 3).remove(0);
    let saved = db.write(Stored::new(case.id.clone(), case.clone())).await.unwrap();
    assert_eq!((saved.revision, &saved.value), (1, &case));
    assert_eq!(db.read::<Case>(&case.id).await.unwrap(), Some(saved.clone()));
    assert_eq!(db.read::<Case>("missing").await.unwrap(), None);
    // A second save from the same read is refused, and the first stays.
    let again = db.write(saved.with(case.clone())).await.unwrap();
    assert_eq!(again.revision, 2);
    let stale = db.write(saved.clone()).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict { stored_revision: 2, .. }), "{stale:?}");
    assert!(db.remove(&saved).await.is_err(), "a stale delete is refused too");
    db.remove(&again).await.unwrap();
    assert_eq!(db.read::<Case>(&case.id).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_record_that_is_not_its_type_is_named_and_left_as_it_is() {
    use redress::case::{sample_cases, Case};
    use redress::settings::{Preferences, Stored};
    let db = Db::open_named(&unique("typed-unreadable")).await.unwrap();
    let case = sample_cases(1, 4).remove(0);
    db.write(Stored::new(case.id.clone(), case.clone())).await.unwrap();
    let bad = r#"{"kind":"case","id":"broken","revision":3,"updated_at":"2026-11-23T09:30:00Z","data":{"landlord":7}}"#;
    db.put_text_unchecked(RecordKind::Case, "broken", bad).await.unwrap();

    let listing = db.read_all::<Case>().await.unwrap();
    assert_eq!(listing.kept.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), [case.id.as_str()]);
    assert_eq!(listing.unreadable.len(), 1);
    assert_eq!((listing.unreadable[0].id.as_str(), listing.unreadable[0].revision), ("broken", Some(3)));
    match db.read::<Case>("broken").await.unwrap_err() {
        StoreError::Unreadable(u) => assert_eq!((u.kind, u.id.as_str()), (RecordKind::Case, "broken")),
        other => panic!("expected Unreadable, got {other:?}"),
    }
    // Reading changed nothing.
    let kept = db.get(RecordKind::Case, "broken").await.unwrap().expect("still stored");
    assert_eq!((kept.revision, &kept.data), (3, &json!({"landlord": 7})));

    // A setting that cannot be read gives its default at the damaged record's revision, so saving
    // replaces it, and only a save does.
    let damaged = r#"{"kind":"setting","id":"preferences","revision":5,"updated_at":"2026-11-23T09:30:00Z","data":{"division":"atlantis"}}"#;
    db.put_text_unchecked(RecordKind::Setting, "preferences", damaged).await.unwrap();
    let read = db.setting_or_default::<Preferences>().await.unwrap();
    assert_eq!((read.stored.revision, read.stored.value), (5, Preferences::default()));
    assert_eq!(read.unreadable.as_ref().map(|u| u.id.as_str()), Some("preferences"));
    let saved = db.write(read.stored).await.unwrap();
    assert_eq!(saved.revision, 6);
    assert_eq!(db.setting::<Preferences>().await.unwrap(), Some(saved));
}

/// Pages that ask for the app's database at the same moment (on the first visit: the page, the
/// reminders and the backup banner) share one opening and one connection, rather than racing two
/// openings through the first upgrade.
#[wasm_bindgen_test]
async fn pages_asking_for_the_database_at_once_share_one_connection() {
    let (first, second) = futures::join!(redress::ui::db::db(), redress::ui::db::db());
    let (first, second) = (first.expect("opens"), second.expect("opens"));
    assert!(std::rc::Rc::ptr_eq(&first, &second), "two connections were opened");
    let later = redress::ui::db::db().await.expect("opens");
    assert!(std::rc::Rc::ptr_eq(&first, &later), "a later call opened another connection");
}
