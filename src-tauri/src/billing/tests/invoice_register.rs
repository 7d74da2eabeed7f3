//! The invoice register: its rows, filters and balances against each invoice, and how an
//! invoice's status is shown and printed.

use super::*;

/// The invoice screen's rows and the balances come from one query over all invoices; each row
/// must say what the invoice's own page says, and each filter must choose exactly the invoices
/// of its statuses.
#[test]
fn the_register_rows_agree_with_each_invoice_and_the_filters_choose_by_status() {
    use register::{Filter, Showing, Status};
    let (_dir, mut store) = store();
    store.write(flat_tariffs).unwrap();
    let now = now();
    let mut made = 0;
    for (days_ago, iop) in [(40, true), (35, false), (30, true), (20, false), (10, true)] {
        let intake = Op::Intake {
            days_ago,
            children: 1,
            acute: false,
            iop,
        };
        apply(&mut store, &intake, now - Duration::days(60), &mut made);
    }
    let first_run = clock::swedish_date(now) - Duration::days(40);
    store
        .write(|tx| run::issue(tx, first_run, now - Duration::days(39), "test").map(|i| i.invoices))
        .unwrap();
    store
        .write(|tx| run::issue(tx, clock::swedish_date(now) - Duration::days(1), now, "test").map(|i| i.invoices))
        .unwrap();
    let today = clock::swedish_date(now) + Duration::days(20);
    let all = register::list(store.conn(), today).unwrap();
    assert!(all.len() >= 8, "enough invoices to tell the statuses apart");
    let invoices: Vec<_> = all
        .iter()
        .filter(|e| e.invoice.kind != crate::billing::invoice::Kind::CreditNote)
        .collect();
    let number = |i: usize| invoices[i].invoice.number.clone().unwrap();
    let (paid, partly, credited) = (number(0), number(1), number(2));
    store
        .write(|tx| {
            let total = register::by_number(tx, &paid)?.total;
            crate::billing::payments::pay(tx, &paid, total, clock::swedish_date(now), now, "test")?;
            crate::billing::payments::pay(
                tx,
                &partly,
                Money::from_kronor(100),
                clock::swedish_date(now),
                now,
                "test",
            )?;
            crate::billing::credit::credit(tx, &credited, "test", now, "test").map(|_| ())
        })
        .unwrap();

    let entries = register::list(store.conn(), today).unwrap();
    let statuses: Vec<_> = entries.iter().map(|e| e.status).collect();
    for s in [
        Status::Paid,
        Status::PartlyPaid,
        Status::Credited,
        Status::CreditNote,
        Status::Overdue,
    ] {
        assert!(statuses.contains(&s), "the story has an invoice that is {s:?}");
    }
    let shown = register::rows(store.conn(), &Filter::default(), today, 1000).unwrap();
    assert_eq!(shown.matching, entries.len());
    for (row, e) in shown.rows.iter().zip(&entries) {
        assert_eq!(Some(&row.number), e.invoice.number.as_ref());
        assert_eq!(
            (row.status, row.outstanding, row.total),
            (e.status, e.outstanding, e.invoice.total)
        );
        assert_eq!(
            (&row.buyer_name, row.issued, row.due),
            (&e.invoice.buyer.name, e.invoice.issued, e.invoice.due)
        );
        assert_eq!(
            (&row.municipality, &row.placement),
            (&e.invoice.municipality, &e.invoice.placement)
        );
    }
    let chosen = |showing: Showing, municipality: Option<&str>| -> Vec<String> {
        let filter = Filter {
            year: Some(2026),
            showing,
            municipality: municipality.map(str::to_owned),
        };
        register::rows(store.conn(), &filter, today, 1000)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.number)
            .collect()
    };
    let expected = |keep: &dyn Fn(Status) -> bool, municipality: Option<&str>| -> Vec<String> {
        entries
            .iter()
            .filter(|e| keep(e.status) && municipality.is_none_or(|m| e.invoice.municipality == m))
            .map(|e| e.invoice.number.clone().unwrap())
            .collect()
    };
    let open = |s: Status| matches!(s, Status::Unpaid | Status::PartlyPaid | Status::Overdue);
    assert_eq!(chosen(Showing::Open, None), expected(&open, None));
    assert_eq!(chosen(Showing::Open, Some("boras")), expected(&open, Some("boras")));
    assert_eq!(
        chosen(Showing::Overdue, None),
        expected(&|s| s == Status::Overdue, None)
    );
    assert_eq!(chosen(Showing::Paid, None), expected(&|s| s == Status::Paid, None));
    assert_eq!(
        chosen(Showing::Credited, None),
        expected(&|s| s == Status::Credited, None)
    );
    assert_eq!(
        chosen(Showing::CreditNotes, None),
        expected(&|s| s == Status::CreditNote, None)
    );
    let none = Filter {
        year: Some(1999),
        ..Filter::default()
    };
    assert_eq!(register::rows(store.conn(), &none, today, 1000).unwrap().matching, 0);
    let two = register::rows(store.conn(), &Filter::default(), today, 2).unwrap();
    assert_eq!((two.rows.len(), two.matching), (2, entries.len()));
    assert_eq!(two.rows[0], shown.rows[0]);

    // What each municipality is owed: the open invoices' outstanding amounts, summed by hand.
    for b in register::balances(store.conn(), today).unwrap() {
        let owed: Vec<_> = entries
            .iter()
            .filter(|e| open(e.status) && e.invoice.municipality == b.municipality)
            .collect();
        assert_eq!(b.invoices_unpaid, owed.len());
        assert_eq!(
            b.outstanding.ore(),
            owed.iter().map(|e| e.outstanding.ore()).sum::<i64>()
        );
        let overdue: Vec<_> = owed.iter().filter(|e| e.status == Status::Overdue).collect();
        assert_eq!(b.invoices_overdue, overdue.len());
        assert_eq!(
            b.overdue.ore(),
            overdue.iter().map(|e| e.outstanding.ore()).sum::<i64>()
        );
    }
}

#[test]
fn an_invoices_status_is_shown_in_the_windows_language_and_printed_in_swedish() {
    use crate::text::Lang;
    use register::Status;
    let all = [
        Status::Unpaid,
        Status::PartlyPaid,
        Status::Paid,
        Status::Overdue,
        Status::Credited,
        Status::CreditNote,
    ];
    let sv: Vec<_> = all.iter().map(|s| s.label()).collect();
    assert_eq!(
        sv,
        [
            "Obetald",
            "Delvis betald",
            "Betald",
            "Förfallen",
            "Krediterad",
            "Kreditfaktura"
        ]
    );
    let en: Vec<_> = all.iter().map(|s| s.label_in(Lang::En)).collect();
    assert_eq!(
        en,
        ["Unpaid", "Partly paid", "Paid", "Overdue", "Credited", "Credit note"]
    );
    for s in all {
        assert_eq!(s.state().render(Lang::Sv), s.label().to_lowercase());
        assert_eq!(s.state().render(Lang::En), s.label_in(Lang::En).to_lowercase());
    }
}
