//! Invoice runs and numbering: a run before the last one or without a tariff is refused, a run
//! recorded through a day to come, gap-free numbers, and what a later run credits and invoices
//! again when a placement moves to another municipality or an arrival is corrected.

use super::*;

#[test]
fn a_run_before_the_last_one_and_a_missing_tariff_are_refused_and_issue_nothing() {
    let (_dir, mut store) = store();
    let g = GenPlacement {
        acute: false,
        iop: true,
        adult: GenStay {
            in_min: 24 * 60,
            len_min: 10 * 24 * 60,
            ended: true,
        },
        children: vec![],
    };
    store
        .write(|tx| placements::save(tx, &input(0, &g), now(), "test"))
        .unwrap();
    let err = store
        .write(|tx| run::issue(tx, NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(), now(), "test").map(|i| i.invoices))
        .unwrap_err();
    assert!(
        err.message
            .contains("Dygnsavgift saknas för natten 2026-01-02 (W0, vuxen"),
        "{}",
        err.message
    );
    assert_eq!(
        register::list(store.conn(), clock::swedish_date(now())).unwrap().len(),
        0
    );
    assert_eq!(
        run::last_through(store.conn()).unwrap(),
        None,
        "a refused run is not recorded"
    );
    store
        .write(|tx| {
            tariffs::save(
                tx,
                &Tariff {
                    valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    category: Category::Adult,
                    iop: Money::from_kronor(1650),
                    standard: Money::from_kronor(1950),
                },
            )
        })
        .unwrap();
    store
        .write(|tx| run::issue(tx, NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(), now(), "test").map(|i| i.invoices))
        .unwrap();
    let err = store
        .write(|tx| run::issue(tx, NaiveDate::from_ymd_opt(2026, 1, 30).unwrap(), now(), "test").map(|i| i.invoices))
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("through"));
}

#[test]
fn a_run_recorded_through_a_day_to_come_counts_as_made_through_its_own_day() {
    // An earlier release recorded `--through 2027-01-31` run on 2026-06-15 as made through
    // 2027-01-31, and refused every ordinary run after it.
    let (_dir, mut store) = store();
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO invoice_runs (through, run_at, actor) VALUES ('2027-01-31', ?1, 'test')",
                [clock::to_stored(now())],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        run::last_through(store.conn()).unwrap(),
        Some(NaiveDate::from_ymd_opt(2026, 6, 15).unwrap())
    );
    let later = now() + Duration::days(20);
    store
        .write(|tx| run::issue(tx, clock::swedish_date(later) - Duration::days(1), later, "test").map(|i| i.invoices))
        .unwrap();
    let err = store
        .write(|tx| run::issue(tx, clock::swedish_date(now()) + Duration::days(1), now(), "test").map(|i| i.invoices))
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("through"));
}

#[test]
fn invoice_numbers_are_gap_free_and_never_reused() {
    let (_dir, mut store) = store();
    store
        .write(|tx| {
            flat_tariffs(tx)?;
            Ok(())
        })
        .unwrap();
    for i in 0..3 {
        let g = GenPlacement {
            acute: false,
            iop: true,
            adult: GenStay {
                in_min: (10 + i * 40) * 24 * 60,
                len_min: 45 * 24 * 60,
                ended: true,
            },
            children: vec![],
        };
        store
            .write(|tx| placements::save(tx, &input(i as usize, &g), now(), "test"))
            .unwrap();
    }
    store
        .write(|tx| run::issue(tx, NaiveDate::from_ymd_opt(2026, 6, 14).unwrap(), now(), "test").map(|i| i.invoices))
        .unwrap();
    let first = register::list(store.conn(), clock::swedish_date(now())).unwrap()[0]
        .invoice
        .number
        .clone()
        .unwrap();
    store
        .write(|tx| crate::billing::credit::credit(tx, &first, "test", now(), "test"))
        .unwrap();
    let err = store
        .write(|tx| crate::billing::credit::credit(tx, &first, "test", now(), "test"))
        .unwrap_err();
    assert!(err.message.contains("redan helt krediterad"), "{}", err.message);
    let mut numbers: Vec<String> = register::list(store.conn(), clock::swedish_date(now()))
        .unwrap()
        .into_iter()
        .filter_map(|e| e.invoice.number)
        .collect();
    numbers.sort();
    let year = clock::swedish_date(now()).format("%Y").to_string();
    let expected: Vec<String> = (1..=numbers.len()).map(|n| format!("{year}-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[test]
fn a_placement_moved_to_another_municipality_after_invoicing_is_credited_and_invoiced_to_the_right_one() {
    let (_dir, mut store) = store();
    store
        .write(|tx| {
            flat_tariffs(tx)?;
            municipalities::save(
                tx,
                &Municipality {
                    key: "iop2".into(),
                    name: "Annan IOP-kommun".into(),
                    org_number: "212000-1587".into(),
                    address: "Box 3, 123 45 Iopstad".into(),
                    peppol_id: "0007:2120001587".into(),
                    price_class: PriceClass::Iop,
                    acute_clause: true,
                    buyer_reference: "REF-2".into(),
                    terms_from: None,
                },
                &Default::default(),
                "test",
                now(),
            )?;
            Ok(())
        })
        .unwrap();
    let g = GenPlacement {
        acute: false,
        iop: true,
        adult: GenStay {
            in_min: 24 * 60,
            len_min: 10 * 24 * 60,
            ended: true,
        },
        children: vec![],
    };
    store
        .write(|tx| placements::save(tx, &input(0, &g), now(), "test"))
        .unwrap();
    let first = store
        .write(|tx| run::issue(tx, NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(), now(), "test").map(|i| i.invoices))
        .unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].municipality, "boras");
    let mut moved = input(0, &g);
    moved.municipality = "iop2".into();
    store.write(|tx| placements::save(tx, &moved, now(), "test")).unwrap();
    let fix = store
        .write(|tx| run::issue(tx, NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(), now(), "test").map(|i| i.invoices))
        .unwrap();
    assert_eq!(fix.len(), 2);
    assert_eq!(
        (fix[0].kind, fix[0].municipality.as_str()),
        (crate::billing::invoice::Kind::CreditNote, "boras")
    );
    assert_eq!(
        (fix[1].kind, fix[1].municipality.as_str()),
        (crate::billing::invoice::Kind::Placement, "iop2")
    );
    assert_eq!(fix[0].total, fix[1].total, "the same nights at the same price");
}

/// Nights invoiced, then the only arrival corrected to after them: nobody was there by the run's
/// end, yet the run must look at the placement to credit what it invoiced.
#[test]
fn an_arrival_corrected_to_after_the_invoiced_nights_is_still_credited() {
    let (_dir, mut store) = store();
    store
        .write(|tx| {
            for c in [Category::Adult, Category::Child] {
                tariffs::save(
                    tx,
                    &Tariff {
                        valid_from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                        category: c,
                        iop: Money::from_kronor(900),
                        standard: Money::from_kronor(1100),
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    let now = parse_time("2026-03-01 12:00").unwrap();
    let mut made = 0;
    let intake = Op::Intake {
        days_ago: 10,
        children: 0,
        acute: false,
        iop: true,
    };
    apply(&mut store, &intake, now, &mut made);
    let yesterday = clock::swedish_date(now) - Duration::days(1);
    let issued = store
        .write(|tx| run::issue(tx, yesterday, now, "test").map(|i| i.invoices))
        .unwrap();
    assert_eq!(issued.len(), 1, "the nights so far are invoiced");
    let later = Op::Arrival {
        placement: 0,
        stay: 0,
        hours_ago: 2,
    };
    apply(&mut store, &later, now, &mut made);
    let narrow = run::prepare_in(store.conn(), yesterday, now, run::Scope::Unsettled)
        .unwrap()
        .0
        .drafts;
    let full = run::prepare_in(store.conn(), yesterday, now, run::Scope::Everything)
        .unwrap()
        .0
        .drafts;
    assert_eq!(full.len(), 1, "a credit note for the nights she was not there");
    assert_eq!(
        narrow.into_iter().map(|d| d.invoice).collect::<Vec<_>>(),
        full.into_iter().map(|d| d.invoice).collect::<Vec<_>>()
    );
}
