//! The invoices' documents (signed PDF and e-invoice): made after the run from the stored
//! invoices, after a crash, on demand, with the access log's head, and after a full disk.

use super::*;

/// Three placements (one with a child) invoiced through 2026-06-14, the first invoice credited.
fn issued_and_credited(store: &mut Store) -> Vec<crate::billing::invoice::Invoice> {
    store.write(flat_tariffs).unwrap();
    for i in 0..3 {
        let g = GenPlacement {
            acute: false,
            iop: i != 1,
            adult: GenStay {
                in_min: (10 + i * 40) * 24 * 60,
                len_min: 45 * 24 * 60,
                ended: i != 2,
            },
            children: if i == 2 {
                vec![(
                    60,
                    GenStay {
                        in_min: 0,
                        len_min: 20 * 24 * 60,
                        ended: true,
                    },
                )]
            } else {
                vec![]
            },
        };
        store
            .write(|tx| placements::save(tx, &input(i as usize, &g), now(), "test"))
            .unwrap();
    }
    let mut issued = store
        .write(|tx| run::issue(tx, NaiveDate::from_ymd_opt(2026, 6, 14).unwrap(), now(), "test").map(|i| i.invoices))
        .unwrap();
    let first = issued[0].number.clone().unwrap();
    issued.push(
        store
            .write(|tx| crate::billing::credit::credit(tx, &first, "test", now(), "test"))
            .unwrap(),
    );
    issued
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn documents_are_made_after_the_run_from_the_stored_invoices_exactly_as_issued() {
    use super::due_documents as due;
    use crate::documents::peppol;
    let (_dir, mut store) = store();
    let issued = issued_and_credited(&mut store);
    let n = issued.len();
    assert!(n >= 4, "{n} invoices");
    // The run and the credit note wrote their invoices and the notes that documents are due.
    assert_eq!(count(&store, "invoice_documents"), 0);
    assert_eq!(due::count(store.conn()).unwrap(), n);

    // Asking for one document makes that one first, and only it.
    let id = register::id_of(store.conn(), issued[1].number.as_deref().unwrap()).unwrap();
    let register::Documents { pdf, e_invoice: ubl } = register::documents(store.conn(), id, now()).unwrap();
    let ubl = ubl.unwrap();
    assert!(pdf.starts_with(b"%PDF") && pdf.windows(10).any(|w| w == b"/ByteRange"));
    assert_eq!(ubl, peppol::render(&issued[1]).unwrap());
    assert_eq!(due::count(store.conn()).unwrap(), n - 1);
    assert_eq!(
        register::documents(store.conn(), id, now()).unwrap(),
        register::Documents {
            pdf,
            e_invoice: Some(ubl)
        },
        "a stored document is given back as stored"
    );

    assert_eq!(due::make_all(store.conn(), now()).unwrap(), n - 1);
    assert_eq!(due::count(store.conn()).unwrap(), 0);
    assert_eq!(count(&store, "invoice_documents"), n as i64);
    assert_eq!(due::make_all(store.conn(), now()).unwrap(), 0);

    // The invoice read back from the store is the one the run issued, to the byte of its PDF
    // and e-invoice: a document made later is the document the run would have made.
    for inv in &issued {
        let id = register::id_of(store.conn(), inv.number.as_deref().unwrap()).unwrap();
        let stored = register::by_id(store.conn(), id).unwrap();
        assert_eq!(&stored, inv);
        let ubl = register::documents(store.conn(), id, now()).unwrap().e_invoice.unwrap();
        assert_eq!(ubl, peppol::render(inv).unwrap());
    }
    let month = register::month_documents(store.conn(), "2026-06", now()).unwrap();
    assert_eq!(month.len(), n);
}

#[test]
fn documents_left_due_by_a_crash_are_made_when_the_store_is_opened() {
    use crate::data_dir::DataDir;
    use crate::setup::{self, KeyChoice};
    use crate::unlock::{self, Unlock};
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::new(root.path().join("data"));
    let pass = crate::secret::Secret::new("en lång testlösenfras".to_owned());
    let created = setup::create(&dir, Some(&organisation()), KeyChoice::Passphrase(pass), "test", now()).unwrap();
    let mut store = created.store;
    store.write(buyers).unwrap();
    let n = issued_and_credited(&mut store).len();
    // The program stops before it has made a single document.
    drop(store);
    let store = unlock::open(&dir, Unlock::RecoveryKey(created.key)).unwrap();
    assert_eq!(super::due_documents::count(store.conn()).unwrap(), 0);
    assert_eq!(count(&store, "invoice_documents"), n as i64);
}

#[test]
fn a_document_made_on_demand_while_its_batch_is_being_made_is_kept_as_it_was_stored() {
    use super::due_documents as due;
    let (_dir, mut store) = store();
    let issued = issued_and_credited(&mut store);
    let batch = due::take(store.conn()).unwrap().expect("documents are due");
    assert_eq!(batch.len(), issued.len());
    let made = batch.make(now()).unwrap();
    // Meanwhile someone opens one of the invoices: it is made and stored at once.
    let id = register::id_of(store.conn(), issued[0].number.as_deref().unwrap()).unwrap();
    let first = register::documents(store.conn(), id, now()).unwrap();
    due::save(store.conn(), made).unwrap();
    assert_eq!(due::count(store.conn()).unwrap(), 0);
    assert_eq!(count(&store, "invoice_documents"), issued.len() as i64);
    assert_eq!(register::documents(store.conn(), id, now()).unwrap(), first);
}

/// Each invoice's PDF notes the access log's head when it was made, under its signature.
#[test]
fn an_invoice_pdf_carries_the_access_logs_head_in_its_metadata() {
    use super::{due_documents as due, issued_documents};
    let (_dir, mut store) = store();
    let issued = issued_and_credited(&mut store);
    store
        .write(|tx| {
            let event = crate::audit::Event::new("test", "invoice_run", crate::audit::Kind::Change);
            crate::audit::record(tx, event, now()).map(|_| ())
        })
        .unwrap();
    let head = crate::store::witness::head(store.conn()).unwrap().unwrap();
    let id = register::id_of(store.conn(), issued[0].number.as_deref().unwrap()).unwrap();
    let pdf = register::documents(store.conn(), id, now()).unwrap().pdf;
    assert_eq!(due::count(store.conn()).unwrap(), issued.len() - 1);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let text = |key: &str| String::from_utf8(info.get(key.as_bytes()).unwrap().as_str().unwrap().to_vec()).unwrap();
    assert_eq!(text(issued_documents::LOG_SEQ_INFO), head.seq.to_string());
    assert_eq!(text(issued_documents::LOG_HASH_INFO), head.hash);
}

/// Issue 19, case 9: the disk fills up after a run is issued. The invoices stay issued and
/// numbered, their documents stay due (none half-stored), and they are made once there is room.
/// A database that may not grow (`max_page_count`) is a full disk to SQLite: the same
/// SQLITE_FULL, at the same places.
#[test]
fn a_full_disk_after_a_run_leaves_its_documents_due_until_there_is_room() {
    use super::due_documents as due;
    let (_dir, mut store) = store();
    let issued = issued_and_credited(&mut store);
    let n = issued.len();
    let pages: i64 = store.conn().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    store
        .conn()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
        .unwrap();
    let err = due::make_all(store.conn(), now()).unwrap_err();
    assert!(
        err.message.contains("Disken där databasen ligger är full"),
        "{}",
        err.message
    );
    assert_eq!(due::count(store.conn()).unwrap(), n, "every document is still due");
    assert_eq!(count(&store, "invoice_documents"), 0, "none half-stored");
    assert_eq!(count(&store, "invoices"), n as i64, "the invoices stay issued");
    // The managers' home screen says so (not staff's), whether or not the full disk left room to
    // keep the notice with its reason.
    use crate::accounts::Role;
    use crate::notices::{DOCUMENTS_NOT_MADE, for_role};
    use crate::text::Lang;
    let notices = |role, being_made| {
        for_role(store.conn(), role, Lang::Sv, being_made, now())
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == DOCUMENTS_NOT_MADE)
            .map(|n| n.detail)
            .collect::<Vec<_>>()
    };
    let shown = notices(Role::Manager, false);
    assert_eq!(shown.len(), 1);
    assert!(shown[0].contains(&format!("{n} utfärdade fakturor")), "{shown:?}");
    assert!(notices(Role::Staff, false).is_empty());

    store
        .conn()
        .query_row("PRAGMA max_page_count = 1073741823", [], |_| Ok(()))
        .unwrap();
    assert_eq!(due::make_all(store.conn(), now()).unwrap(), n);
    assert_eq!(due::count(store.conn()).unwrap(), 0);
    assert_eq!(count(&store, "invoice_documents"), n as i64);
    assert!(notices(Role::Manager, false).is_empty(), "made, and the notice is gone");
}

/// A failure that leaves room to write is kept with its reason until the documents are made.
#[test]
fn documents_that_cannot_be_made_are_a_notice_with_the_reason_until_they_are_made() {
    use super::due_documents as due;
    use crate::accounts::Role;
    use crate::notices::{DOCUMENTS_NOT_MADE, for_role};
    use crate::text::Lang;
    let (_dir, mut store) = store();
    let issued = issued_and_credited(&mut store);
    // Due and nothing noted: waiting, unless the window is making them right now.
    let waiting = for_role(store.conn(), Role::Manager, Lang::En, false, now()).unwrap();
    assert!(waiting[0].detail.contains("not made yet"), "{waiting:?}");
    assert!(
        for_role(store.conn(), Role::Manager, Lang::En, true, now())
            .unwrap()
            .is_empty()
    );
    let why = crate::Error::new(crate::Code::Database, crate::msg!("error.database.full"));
    due::could_not_make(store.conn(), &why, now());
    let shown: Vec<String> = for_role(store.conn(), Role::Manager, Lang::En, false, now())
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == DOCUMENTS_NOT_MADE)
        .map(|n| n.detail)
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains(&why.in_lang(Lang::En)), "{shown:?}");
    assert!(
        shown[0].contains(&format!("{} issued invoices", issued.len())),
        "{shown:?}"
    );
    due::make_all(store.conn(), now()).unwrap();
    assert!(
        for_role(store.conn(), Role::Manager, Lang::En, false, now())
            .unwrap()
            .is_empty()
    );
}
