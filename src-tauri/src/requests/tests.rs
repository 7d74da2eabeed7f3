use super::*;
use crate::keys::DbKey;
use crate::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 11).unwrap()
}

fn refused(note: &str) -> Request {
    Request::from(&RefusedRequest {
        requested_on: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
        women: 1,
        children: 0,
        note: note.into(),
    })
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
    (dir, store)
}

#[test]
fn two_alike_requests_on_one_day_are_two_and_an_import_again_adds_none() {
    let (_dir, mut store) = store();
    // Two women turned away the same day, nothing noted: two requests.
    store.write(|tx| add(tx, &refused(""), today())).unwrap();
    store.write(|tx| add(tx, &refused(""), today())).unwrap();
    assert_eq!(all(store.conn()).unwrap().len(), 2);
    // The export of those two, imported again: nothing new; a third alike in the file: one more.
    let logged = store
        .write(|tx| {
            let mut importing = Importing::default();
            (0..3)
                .map(|_| importing.import(tx, &refused(""), today()))
                .collect::<Result<Vec<bool>>>()
        })
        .unwrap();
    assert_eq!(logged, vec![false, false, true]);
    assert_eq!(all(store.conn()).unwrap().len(), 3);
}

/// Issue 19, case 8: an import keeps count of alike requests as it goes, in the file and in
/// the store, as they are saved (a note with spaces around it is the note without): the store's
/// two and the file's six alike give six. Twenty thousand alike in one file are twenty thousand.
#[test]
fn an_import_keeps_count_of_alike_requests_in_the_file_and_the_store() {
    let (_dir, mut store) = store();
    store.write(|tx| add(tx, &refused("x"), today())).unwrap();
    store.write(|tx| add(tx, &refused("x"), today())).unwrap();
    let file = [
        refused("x"),
        refused("x"),
        refused(" x"),
        refused("x"),
        refused("x"),
        refused("x"),
    ];
    let import_all = |store: &mut Store, file: &[Request]| {
        store
            .write(|tx| {
                let mut importing = Importing::default();
                file.iter()
                    .map(|r| importing.import(tx, r, today()))
                    .collect::<Result<Vec<bool>>>()
            })
            .unwrap()
    };
    assert_eq!(
        import_all(&mut store, &file),
        vec![false, false, true, true, true, true]
    );
    assert_eq!(all(store.conn()).unwrap().len(), 6);
    assert!(import_all(&mut store, &file).iter().all(|logged| !logged));

    let many = vec![refused("y"); 20_000];
    assert!(import_all(&mut store, &many).iter().all(|logged| *logged));
    assert!(import_all(&mut store, &many).iter().all(|logged| !logged));
    assert_eq!(all(store.conn()).unwrap().len(), 20_006);
}

/// A refusal needs its reason, a reason belongs to a refusal or a referral, a placement to a
/// placed request and must exist; each refused naming its field, and nothing saved.
#[test]
fn an_outcome_s_details_must_fit_the_outcome() {
    let (_dir, mut store) = store();
    let pending = Request {
        outcome: None,
        reason: None,
        from: Asker::SocialServices,
        ..refused("")
    };
    let field = |store: &mut Store, r: Request| store.write(|tx| add(tx, &r, today())).unwrap_err().field;
    let cases = [
        (
            Request {
                reason: None,
                ..refused("")
            },
            "reason",
        ),
        (
            Request {
                reason: Some(Reason::Full),
                ..pending.clone()
            },
            "reason",
        ),
        (
            Request {
                outcome: Some(Outcome::Placed),
                reason: Some(Reason::Security),
                ..pending.clone()
            },
            "reason",
        ),
        (
            Request {
                outcome: Some(Outcome::Placed),
                placement: Some("P404".into()),
                ..pending.clone()
            },
            "placement",
        ),
        (
            Request {
                placement: Some("P1".into()),
                ..refused("")
            },
            "placement",
        ),
        (
            Request {
                adults: 0,
                children: 0,
                ..pending.clone()
            },
            "adults",
        ),
        (
            Request {
                date: today().succ_opt().unwrap(),
                ..pending.clone()
            },
            "date",
        ),
        (
            Request {
                referred_to: "a\u{202e}b".into(),
                ..pending.clone()
            },
            "referred_to",
        ),
    ];
    for (r, expected) in cases {
        assert_eq!(field(&mut store, r).as_deref(), Some(expected));
    }
    assert!(all(store.conn()).unwrap().is_empty());

    // A referral may say why; a pending request gets its outcome once, and only once.
    let id = store.write(|tx| add(tx, &pending, today())).unwrap();
    assert_eq!(
        latest(store.conn(), 0).unwrap().len(),
        1,
        "a pending request is always listed"
    );
    let referral = Decision {
        outcome: Outcome::Referred,
        reason: Some(Reason::TeenageSon),
        referred_to: " Jouren i grannkommunen ".into(),
        placement: None,
    };
    store.write(|tx| decide(tx, id, &referral)).unwrap();
    let decided = &all(store.conn()).unwrap()[0];
    assert_eq!(decided.outcome, Some(Outcome::Referred));
    assert_eq!(decided.reason, Some(Reason::TeenageSon));
    assert_eq!(decided.referred_to, "Jouren i grannkommunen");
    let again = store.write(|tx| decide(tx, id, &referral)).unwrap_err();
    assert_eq!(again.field.as_deref(), Some("outcome"));
    assert!(latest(store.conn(), 0).unwrap().is_empty());
}

/// A request recorded wrongly is struck out, not deleted: kept with why and by whom, listed, in
/// the export and read back by an import as struck, never counted; nor struck twice, nor decided.
#[test]
fn a_request_struck_out_is_kept_listed_and_exported_but_never_counted() {
    let (_dir, mut store) = store();
    let now = crate::clock::parse_time("2026-03-11T09:00").unwrap();
    let id = store.write(|tx| add(tx, &refused(""), today())).unwrap();
    let empty = store.write(|tx| strike(tx, id, "  ", now, "natt")).unwrap_err();
    assert_eq!(empty.field.as_deref(), Some("reason"));
    store.write(|tx| strike(tx, id, "Fel datum", now, "natt")).unwrap();
    let again = store.write(|tx| strike(tx, id, "Igen", now, "natt")).unwrap_err();
    assert_eq!(again.field.as_deref(), Some("id"));
    let d = today();
    assert!(
        between(store.conn(), d - chrono::Duration::days(30), d)
            .unwrap()
            .is_empty()
    );
    let listed = latest(store.conn(), 10).unwrap();
    let struck = listed[0].request.struck.clone().unwrap();
    assert_eq!((struck.by.as_str(), struck.reason.as_str()), ("natt", "Fel datum"));

    // Exported as struck, and read back so by another store, once however often.
    let exported = all(store.conn()).unwrap();
    let (_other_dir, mut other) = self::store();
    for _ in 0..2 {
        other
            .write(|tx| {
                let mut importing = Importing::default();
                exported
                    .iter()
                    .try_for_each(|r| importing.import(tx, r, today()).map(|_| ()))
            })
            .unwrap();
    }
    assert_eq!(all(other.conn()).unwrap(), exported);
    assert!(
        between(other.conn(), d - chrono::Duration::days(30), d)
            .unwrap()
            .is_empty()
    );
}
