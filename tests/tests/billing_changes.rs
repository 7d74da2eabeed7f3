//! Billing when things change: the calendar moves on, terms change, a record was typed wrong.
//! Each test is one case from issue 18, told as it happened and counted by hand in its comments.
//! The tests' clock reads 2026-12-07 10:00 (fristad_tests::NOW). Every person is synthetic.
//!
//! Tariffs (per night): adult 1 650 kr IOP / 1 950 kr standard; child 950 / 1 150.

use fristad_tests::Cli;
use serde_json::{Value, json};

const BORAS: &str = r#"{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
    "acute_clause": true, "address": "Box 1, 501 80 Borås", "peppol_id": "0007:2120001561", "buyer_reference": "YY123"}"#;
const ANNAN: &str = r#"{"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard",
    "acute_clause": false, "address": "Box 2, 123 45 Annanstad", "peppol_id": "0007:2120001579", "buyer_reference": "REF-9"}"#;

/// A new store with Borås and another municipality, the tariffs, and `placements`.
fn store(tmp: &tempfile::TempDir, placements: Value) -> Cli {
    let cli = Cli::with_passphrase(&tmp.path().join("data"), "x");
    cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat())
        .assert_ok();
    import(
        &cli,
        tmp,
        json!({
            "municipalities": [serde_json::from_str::<Value>(BORAS).unwrap(), serde_json::from_str::<Value>(ANNAN).unwrap()],
            "tariffs": [
                {"valid_from": "2020-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"},
                {"valid_from": "2020-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}
            ],
            "placements": placements
        }),
    );
    cli
}

fn import(cli: &Cli, tmp: &tempfile::TempDir, file: Value) {
    let path = tmp.path().join("import.json");
    std::fs::write(&path, file.to_string()).unwrap();
    cli.run(&["import", path.to_str().unwrap()]).assert_ok();
}

fn run(cli: &Cli, through: &str) -> Vec<Value> {
    cli.run(&["invoice", "run", "--through", through, "--json"])
        .assert_ok()
        .json()["invoices"]
        .as_array()
        .unwrap()
        .clone()
}

fn invoices(cli: &Cli) -> Vec<Value> {
    cli.run(&["invoice", "list", "--json"]).assert_ok().json()["invoices"]
        .as_array()
        .unwrap()
        .clone()
}

/// A standard placement of one woman in `municipality`, from `in` to `out`.
fn woman(key: &str, municipality: &str, acute: bool, person: &str, stay_in: &str, out: Option<&str>) -> Value {
    json!({"key": key, "municipality": municipality, "acute": acute, "reference": "Dnr 1", "violence": "nara_relation",
        "stays": [{"person": person, "name": "Testkvinna", "category": "adult", "birth_year": 1990, "in": stay_in, "out": out}]})
}

#[test]
fn case_1_a_run_into_the_future_is_refused_and_changes_nothing() {
    // Today is 2026-12-07. A woman placed by Annan kommun from 1 November, still here: her nights
    // 1 November – 6 December have passed (36 nights); tomorrow's have not.
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(
        &tmp,
        json!([woman("P1", "annan", false, "W1", "2026-11-01T12:00", None)]),
    );
    cli.run(&[
        "settings",
        "set",
        "--fee-schedule",
        "yearly",
        "--service-fee-from",
        "2026-01-01",
    ])
    .assert_ok();

    // Tomorrow, and next year: refused with a message, nothing written.
    for through in ["2026-12-08", "2027-01-31"] {
        cli.run(&["invoice", "run", "--through", through])
            .assert_refused("t.o.m. i dag (2026-12-07)");
        assert!(invoices(&cli).is_empty(), "nothing is issued by a refused run");
    }

    // The ordinary run through November works: November's 30 nights at 1 950 kr = 58 500 kr, and
    // the year 2026's service fee (550 000 kr, its period began on 1 January) to Borås. Not 2027's.
    let issued = run(&cli, "2026-11-30");
    let placement: Vec<&Value> = issued.iter().filter(|i| i["kind"] == "placement").collect();
    assert_eq!(placement.len(), 1);
    assert_eq!(placement[0]["total"], "58500.00");
    let fees: Vec<&Value> = issued.iter().filter(|i| i["kind"] == "service_fee").collect();
    assert_eq!(fees.len(), 1);
    assert_eq!(fees[0]["period_from"], "2026-01-01");
    assert_eq!(fees[0]["total"], "550000.00");

    // Through today: December's six passed nights (1–6 December) at 1 950 kr = 11 700 kr.
    let issued = run(&cli, "2026-12-07");
    assert_eq!(issued.len(), 1);
    assert_eq!(issued[0]["total"], "11700.00");

    // On New Year's Day the run through 1 January is ordinary, and 2027's fee is due with it.
    let new_year = cli.clone().env("FRISTAD_TEST_NOW", "2027-01-01 09:00");
    let issued = run(&new_year, "2027-01-01");
    let fees: Vec<&Value> = issued.iter().filter(|i| i["kind"] == "service_fee").collect();
    assert_eq!(fees.len(), 1);
    assert_eq!(fees[0]["period_from"], "2027-01-01");
}

/// Kronor from a money string ("45833.00" → 45 833.00 as öre).
fn ore(amount: &Value) -> i64 {
    let text = amount.as_str().unwrap();
    let (whole, frac) = text.split_once('.').unwrap();
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    sign * (whole.trim_start_matches('-').parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap())
}

#[test]
fn case_2_a_monthly_service_fee_adds_up_to_the_years_fee_to_the_krona() {
    // Borås' fee is 700 000 kr a year for 2022–2024 and 550 000 kr from 2025, invoiced monthly.
    // 550 000 / 12 = 45 833,33…: each month's instalment is the fee counted through its month
    // less the fee counted through the month before, each rounded to whole kronor, so January is
    // 45 833 kr, February 45 834 kr (91 667 − 45 833), … and the twelve invoices add up to
    // 550 000 kr (rounding every month alone gave 12 × 45 833 = 549 996 kr).
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(&tmp, json!([]));
    cli.run(&[
        "settings",
        "set",
        "--fee-schedule",
        "monthly",
        "--service-fee-from",
        "2024-01-01",
    ])
    .assert_ok();
    let issued = run(&cli, "2025-12-31");
    assert_eq!(issued.len(), 24);
    for (year, fee) in [("2024", 70_000_000), ("2025", 55_000_000)] {
        let of_year: Vec<&Value> = issued
            .iter()
            .filter(|i| i["period_from"].as_str().unwrap().starts_with(year))
            .collect();
        assert_eq!(of_year.len(), 12);
        assert!(
            of_year.iter().all(|i| i["rounding"] == "0.00"),
            "whole kronor: nothing to round"
        );
        assert_eq!(of_year.iter().map(|i| ore(&i["total"])).sum::<i64>(), fee, "{year}");
    }
    let jan_feb: Vec<&str> = issued[12..14].iter().map(|i| i["total"].as_str().unwrap()).collect();
    assert_eq!(jan_feb, ["45833.00", "45834.00"]);

    // Switching 2025 to quarterly instalments would re-price what is invoiced: a look first
    // shows the twelve monthly instalments credited and 2025's four quarters of 137 500 kr
    // invoiced again (with 2026's four, not yet invoiced, that the next run makes anyway), and
    // saves nothing (the schedule is still monthly).
    let look = cli
        .run(&[
            "settings",
            "set",
            "--fee-schedule",
            "quarterly",
            "--terms-from",
            "2025-01-01",
            "--reprice",
            "--dry-run",
        ])
        .assert_ok()
        .stdout
        .clone();
    assert_eq!(look.matches("Kreditfaktura").count(), 12, "{look}");
    assert_eq!(look.matches("2025 kvartal").count(), 4, "{look}");
    assert_eq!(look.matches("2026 kvartal").count(), 4, "{look}");
    assert_eq!(look.matches("= 137\u{a0}500,00\u{a0}kr").count(), 8, "{look}");
    let shown = cli.run(&["settings", "show", "--json"]).assert_ok().json();
    assert_eq!(shown["service_fee_schedule"], "monthly");
}

#[test]
fn case_4_the_free_dygn_are_the_first_two_nights_someone_spent_in_billing_and_statistics_alike() {
    // Borås places a woman acutely; the placement is recorded as arriving at 22:00 on 1 March,
    // but she moves in at 01:00 on 2 March and leaves on 4 March: two nights (2 and 3 March).
    // Both are the placement's first two nights at the shelter, so both are free under the IOP
    // acute clause: nothing to invoice. The statistics say the same: not beyond two dygn.
    let tmp = tempfile::tempdir().unwrap();
    let mut p = woman("P1", "boras", true, "W1", "2026-03-02T01:00", Some("2026-03-04T10:00"));
    p["arrived"] = json!("2026-03-01T22:00");
    let cli = store(&tmp, json!([p]));
    assert!(run(&cli, "2026-03-31").is_empty(), "no night beyond the two free ones");
    let report = cli
        .run(&["report", "yearly", "--year", "2026", "--json"])
        .assert_ok()
        .json();
    assert_eq!(report["placements"]["acute"], 1);
    assert_eq!(report["placements"]["acute_beyond_two_nights"], 0);

    // Had she stayed one night more (out on 5 March), 4 March would be her first charged night:
    // one night at the IOP price, 1 650 kr; and the statistics count it as beyond two dygn.
    let tmp = tempfile::tempdir().unwrap();
    let mut p = woman("P1", "boras", true, "W1", "2026-03-02T01:00", Some("2026-03-05T10:00"));
    p["arrived"] = json!("2026-03-01T22:00");
    let cli = store(&tmp, json!([p]));
    let issued = run(&cli, "2026-03-31");
    assert_eq!(issued.len(), 1);
    assert_eq!(issued[0]["lines"][0]["from"], "2026-03-04");
    assert_eq!(issued[0]["lines"][0]["nights"], 1);
    assert_eq!(issued[0]["total"], "1650.00");
    let report = cli
        .run(&["report", "yearly", "--year", "2026", "--json"])
        .assert_ok()
        .json();
    assert_eq!(report["placements"]["acute_beyond_two_nights"], 1);
}

#[test]
fn case_7_the_rounding_never_drifts_across_corrections() {
    // Annan kommun pays 1 650,50 kr a night for an adult (a tariff with öre). A woman stays
    // 1–4 March (out on the 4th): three nights, 4 951,50 kr, asked as 4 952 kr (rounding +0,50).
    // Her move-out is then corrected to the 5th: one more night, 1 650,50 kr. Rounded alone it
    // would be 1 651 kr, and the placement's four nights (6 602,00 kr) would be asked as
    // 6 603 kr. Carried forward, the new invoice is round(6 602,00) − 4 952 = 1 650 kr
    // (rounding −0,50): 6 602 kr in all.
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(&tmp, json!([]));
    let tariff = json!([{"valid_from": "2026-01-01", "category": "adult", "iop": "1650.50", "standard": "1650.50"}]);
    let stay = |out: &str| json!({"tariffs": tariff, "placements": [woman("P1", "annan", false, "W1", "2026-03-01T12:00", Some(out))]});
    import(&cli, &tmp, stay("2026-03-04T10:00"));
    let first = run(&cli, "2026-03-31");
    assert_eq!(first.len(), 1);
    assert_eq!(
        (
            first[0]["lines_total"].as_str(),
            first[0]["rounding"].as_str(),
            first[0]["total"].as_str()
        ),
        (Some("4951.50"), Some("0.50"), Some("4952.00"))
    );
    import(&cli, &tmp, stay("2026-03-05T10:00"));
    let correction = run(&cli, "2026-03-31");
    assert_eq!(correction.len(), 1);
    assert_eq!(
        (
            correction[0]["lines_total"].as_str(),
            correction[0]["rounding"].as_str(),
            correction[0]["total"].as_str()
        ),
        (Some("1650.50"), Some("-0.50"), Some("1650.00"))
    );
    let asked: i64 = invoices(&cli).iter().map(|i| ore(&i["total"])).sum();
    assert_eq!(asked, 660_200);

    // Moved back to the 4th: the credit note for the 4 March night brings what is asked to
    // round(4 951,50) = 4 952 kr again: a credit note of 1 650 kr.
    import(&cli, &tmp, stay("2026-03-04T10:00"));
    let credit = run(&cli, "2026-03-31");
    assert_eq!(credit.len(), 1);
    assert_eq!(credit[0]["kind"], "credit_note");
    assert_eq!(credit[0]["total"], "1650.00");
    // The e-invoices carry their roundings, and pass the official rules.
    let xml = fristad_tests::export_this_month(&cli, &tmp.path().join("documents"));
    assert_eq!(xml.len(), 3);
    let (ok, report) = fristad_tests::validate_peppol(&xml);
    assert!(ok, "{report}");
}

#[test]
fn case_5_one_municipalitys_missing_details_never_stop_the_others() {
    // Three municipalities place a woman each in March (1–11 March, ten nights, not acute):
    // - Borås Stad, a large recipient whose address is only "501 80 Borås" and which has no
    //   Peppol id yet: its invoice is issued, as a signed PDF without an e-invoice;
    // - Annan kommun, complete: issued with its e-invoice;
    // - Tredje kommun, with "Box 3" as its address (no postcode or town) and no reference:
    //   held back, and the run says so; nothing is numbered for it.
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(&tmp, json!([]));
    let march =
        |key: &str, m: &str, person: &str| woman(key, m, false, person, "2026-03-01T12:00", Some("2026-03-11T10:00"));
    import(
        &cli,
        &tmp,
        json!({
            "municipalities": [
                {"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
                 "acute_clause": true, "address": "501 80 Borås", "peppol_id": "", "buyer_reference": "YY123"},
                {"key": "tredje", "name": "Tredje kommun", "org_number": "212000-1587", "price_class": "standard",
                 "acute_clause": false, "address": "Box 3", "peppol_id": "0007:2120001587", "buyer_reference": ""},
                {"key": "ulricehamn", "name": "Ulricehamns kommun", "org_number": "212000-1595", "price_class": "standard",
                 "acute_clause": false, "address": "523 86 Ulricehamn", "peppol_id": "0007:2120001595", "buyer_reference": "U-7"}
            ],
            "placements": [march("P1", "boras", "W1"), march("P2", "annan", "W2"), march("P3", "tredje", "W3"),
                march("P4", "ulricehamn", "W4")]
        }),
    );
    let out = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    let issued = out["invoices"].as_array().unwrap();
    // Borås: 10 nights × 1 650 = 16 500 kr; Annan and Ulricehamn (another large recipient, with
    // a Peppol id): 10 × 1 950 = 19 500 kr each; numbers 1–3.
    let summary: Vec<(&str, &str, &str)> = issued
        .iter()
        .map(|i| {
            (
                i["municipality"].as_str().unwrap(),
                i["number"].as_str().unwrap(),
                i["total"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("boras", "2026-0001", "16500.00"),
            ("annan", "2026-0002", "19500.00"),
            ("ulricehamn", "2026-0003", "19500.00")
        ]
    );
    // The e-invoices made (Annan's and Ulricehamn's, whose address has no street) pass the rules.
    let xml = fristad_tests::export_this_month(&cli, &tmp.path().join("documents"));
    assert_eq!(xml.len(), 2);
    let (ok, report) = fristad_tests::validate_peppol(&xml);
    assert!(ok, "{report}");
    let held = out["held_back"].as_array().unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["municipality"], "tredje");
    assert_eq!(held[0]["missing"], json!(["address", "buyer_reference"]));
    assert_eq!(held[0]["placements"], json!(["P3"]));
    assert_eq!(held[0]["invoices"], 1);
    let message = held[0]["message"].as_str().unwrap();
    assert!(
        message.contains("Tredje kommun") && message.contains("postnummer och ort"),
        "{message}"
    );
    assert!(message.contains("inget nummer har tagits"), "{message}");

    // The text run says the same on stderr, naming only what is missing.
    let dry = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--dry-run"])
        .assert_ok()
        .stderr
        .clone();
    assert!(
        dry.contains("Tredje kommun (tredje)") && !dry.contains("Borås"),
        "{dry}"
    );

    // Borås' invoice has its signed PDF and no e-invoice; asking for one says why.
    let show = cli.run(&["invoice", "show", "2026-0001", "--json"]).assert_ok().json();
    assert_eq!(show["e_invoice"], false);
    let pdf = tmp.path().join("boras.pdf");
    cli.run(&["invoice", "export", "2026-0001", "--pdf", pdf.to_str().unwrap()])
        .assert_ok();
    let text = String::from_utf8(
        std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(text.contains("501 80") && text.contains("Borås"), "{text}");
    let xml = tmp.path().join("boras.xml");
    cli.run(&["invoice", "export", "2026-0001", "--xml", xml.to_str().unwrap()])
        .assert_refused("saknar Peppol-id");
    assert!(!xml.exists());
    assert_eq!(
        cli.run(&["invoice", "show", "2026-0002", "--json"]).assert_ok().json()["e_invoice"],
        true
    );

    // Tredje kommun's details are completed: the next run (through the same day) issues its
    // invoice, 10 × 1 950 = 19 500 kr, as number 4.
    import(
        &cli,
        &tmp,
        json!({"municipalities": [{"key": "tredje", "name": "Tredje kommun", "org_number": "212000-1587",
            "price_class": "standard", "acute_clause": false, "address": "Box 3, 123 45 Tredjestad",
            "peppol_id": "0007:2120001587", "buyer_reference": "T-1"}]}),
    );
    let out = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    assert_eq!(out["held_back"], json!([]));
    let issued = out["invoices"].as_array().unwrap();
    assert_eq!(issued.len(), 1);
    assert_eq!(
        (issued[0]["number"].as_str(), issued[0]["total"].as_str()),
        (Some("2026-0004"), Some("19500.00"))
    );
}

#[test]
fn case_3_a_change_of_terms_applies_from_a_date_and_never_re_prices_what_was_invoiced_unless_asked() {
    // Annan kommun (standard price, 1 950 kr a night) places a woman from 1 September. Runs
    // through September and October invoice 30 × 1 950 = 58 500 kr and 31 × 1 950 = 60 450 kr.
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(
        &tmp,
        json!([woman("P1", "annan", false, "W1", "2026-09-01T12:00", None)]),
    );
    let totals = |issued: &[Value]| -> Vec<(String, String)> {
        issued
            .iter()
            .map(|i| {
                (
                    i["kind"].as_str().unwrap().to_owned(),
                    i["total"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(
        totals(&run(&cli, "2026-09-30")),
        [("placement".to_owned(), "58500.00".to_owned())]
    );
    assert_eq!(
        totals(&run(&cli, "2026-10-31")),
        [("placement".to_owned(), "60450.00".to_owned())]
    );

    // Annan kommun gets IOP prices (re-imported with price class iop, no date): from the first
    // night not yet invoiced, 1 November. The next run credits nothing and invoices November at
    // 30 × 1 650 = 49 500 kr.
    let mut annan: Value = serde_json::from_str(ANNAN).unwrap();
    annan["price_class"] = json!("iop");
    import(&cli, &tmp, json!({"municipalities": [annan.clone()]}));
    assert_eq!(
        totals(&run(&cli, "2026-11-30")),
        [("placement".to_owned(), "49500.00".to_owned())]
    );

    // The acute clause and the way nights are counted change the same way: from the first night
    // not yet invoiced (1 December), nothing credited. (Not acute: the clause prices nothing.)
    annan["acute_clause"] = json!(true);
    import(&cli, &tmp, json!({"municipalities": [annan.clone()]}));
    cli.run(&[
        "settings",
        "set",
        "--night-counting",
        "started_days",
        "--reason",
        "Nytt avtal",
    ])
    .assert_ok();
    let shown = cli.run(&["settings", "show", "--json"]).assert_ok().json();
    assert_eq!(shown["night_counting"], "started_days");
    let change = shown["terms"]["changes"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (change["term"].as_str(), change["from"].as_str()),
        (Some("night_counting"), Some("2026-12-01"))
    );
    assert_eq!(change["reason"], "Nytt avtal");
    // A date inside what is invoiced is refused unless re-pricing is asked for.
    cli.run(&[
        "settings",
        "set",
        "--night-counting",
        "midnights",
        "--terms-from",
        "2026-10-01",
    ])
    .assert_refused("redan är fakturerade");
    // Asked for, it can first be looked at. Counting by started days from 1 October changes no
    // invoiced night here (she came at noon: each day begun has the date of each midnight), so
    // the look shows nothing to credit; and nothing is saved by it.
    let look = cli
        .run(&[
            "settings",
            "set",
            "--night-counting",
            "started_days",
            "--terms-from",
            "2026-10-01",
            "--reprice",
            "--dry-run",
        ])
        .assert_ok()
        .stdout
        .clone();
    assert_eq!(look.matches("Kreditfaktura").count(), 0, "{look}");
    assert!(look.contains("Inget att fakturera"), "{look}");
    let shown = cli.run(&["settings", "show", "--json"]).assert_ok().json();
    let last = shown["terms"]["changes"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["from"], "2026-12-01");
    // Through today: December counted by started days. She came at 12:00 summer time, so her
    // days begin at 11:00 in winter; at 10:00 on 7 December the days begun in December are those
    // of 1–6 December: 6 × 1 650 = 9 900 kr, nothing credited.
    assert_eq!(
        totals(&run(&cli, "2026-12-07")),
        [("placement".to_owned(), "9900.00".to_owned())]
    );

    // The manager asks for October to be re-priced at IOP prices too (a date before what is
    // invoiced, stated): the next run credits October's invoice (60 450 kr) and invoices October
    // again at 31 × 1 650 = 51 150 kr.
    annan["terms_from"] = json!("2026-10-01");
    import(&cli, &tmp, json!({"municipalities": [annan]}));
    let issued = run(&cli, "2026-12-07");
    assert_eq!(
        totals(&issued),
        [
            ("credit_note".to_owned(), "60450.00".to_owned()),
            ("placement".to_owned(), "51150.00".to_owned())
        ]
    );
    assert_eq!(issued[1]["period_from"], "2026-10-01");

    // The export keeps every change with its date, and its import into an empty store gives the
    // same terms.
    let export = cli.run(&["export", "--json"]).assert_ok().json();
    let changes: Vec<(String, Option<String>, String)> = export["term_changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["municipality"] == "annan")
        .map(|c| {
            (
                c["term"].as_str().unwrap().to_owned(),
                c["from"].as_str().map(str::to_owned),
                c["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let t = |term: &str, from: Option<&str>, value: &str| (term.to_owned(), from.map(str::to_owned), value.to_owned());
    assert_eq!(
        changes,
        [
            t("price_class", None, "standard"),
            t("acute_clause", None, "false"),
            t("price_class", Some("2026-10-01"), "iop"),
            // The last file stated both terms from 1 October: the clause too (it prices nothing
            // here, nobody was placed acutely).
            t("acute_clause", Some("2026-10-01"), "true"),
            t("price_class", Some("2026-11-01"), "iop"),
            t("acute_clause", Some("2026-12-01"), "true"),
        ]
    );
}

#[test]
fn case_6_crediting_asks_why_and_a_paid_invoices_credit_balance_is_refunded_or_taken_off_the_next() {
    // Annan kommun: W1 stays 1–11 March (10 nights × 1 950 = 19 500 kr), invoiced and paid in
    // full. It turns out another municipality should have paid: the invoice is credited.
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(
        &tmp,
        json!([woman(
            "P1",
            "annan",
            false,
            "W1",
            "2026-03-01T12:00",
            Some("2026-03-11T10:00")
        )]),
    );
    let issued = run(&cli, "2026-03-31");
    let number = issued[0]["number"].as_str().unwrap().to_owned();
    cli.run(&["invoice", "pay", &number, "--amount", "19500", "--date", "2026-04-20"])
        .assert_ok();

    // No reason, no credit note (clap refuses the missing option, naming it).
    cli.run(&["invoice", "credit", &number]).assert_refused("--reason");
    cli.run(&["invoice", "credit", &number, "--reason", "  "])
        .assert_refused("varför fakturan krediteras");
    // The dry run shows what would be credited and issues nothing.
    let dry = cli
        .run(&[
            "invoice",
            "credit",
            &number,
            "--reason",
            "Fel kommun",
            "--dry-run",
            "--json",
        ])
        .assert_ok()
        .json();
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["invoices"][0]["total"], "19500.00");
    assert_eq!(invoices(&cli).len(), 1);

    // Credited: the credit note takes back 19 500 kr, and since 19 500 kr was paid, the invoice
    // now holds a credit balance of 19 500 kr, which the register shows for the municipality.
    let note = cli
        .run(&["invoice", "credit", &number, "--reason", "Fel kommun", "--json"])
        .assert_ok()
        .json()["invoices"][0]
        .clone();
    assert_eq!(note["total"], "19500.00");
    let shown = cli.run(&["invoice", "show", &number, "--json"]).assert_ok().json();
    assert_eq!(
        (shown["status"].as_str(), shown["credit_balance"].as_str()),
        (Some("credit_balance"), Some("19500.00"))
    );
    assert_eq!(shown["outstanding"], "0.00");
    let note_shown = cli
        .run(&["invoice", "show", note["number"].as_str().unwrap(), "--json"])
        .assert_ok()
        .json();
    assert_eq!(note_shown["credit_reason"], "Fel kommun");
    let list = cli.run(&["invoice", "list", "--json"]).assert_ok().json();
    let annan = list["balances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["municipality"] == "annan")
        .unwrap()
        .clone();
    assert_eq!(
        (annan["credit"].as_str(), annan["outstanding"].as_str()),
        (Some("19500.00"), Some("0.00"))
    );
    // The access log keeps who credited it.
    let log = cli.run(&["audit", "show", "--json"]).assert_ok().stdout.clone();
    assert!(log.contains("invoice_credit"), "{log}");

    // 5 000 kr is paid back; more than is left is refused.
    let after = cli
        .run(&[
            "invoice",
            "refund",
            &number,
            "--amount",
            "5000",
            "--date",
            "2026-05-02",
            "--json",
        ])
        .assert_ok()
        .json();
    assert_eq!(after["credit_balance"], "14500.00");
    cli.run(&[
        "invoice",
        "refund",
        &number,
        "--amount",
        "20000",
        "--date",
        "2026-05-02",
    ])
    .assert_refused("mer än tillgodohavandet");

    // The rest (14 500 kr) is taken off the next invoice to Annan kommun: W2's 20 nights in
    // April (1–21 April) × 1 950 = 39 000 kr, of which 14 500 kr is already paid: 24 500 kr to pay.
    // (The placement itself is corrected to Borås, which the same run invoices for March:
    // 10 × 1 650 = 16 500 kr, nothing taken off it.)
    cli.run(&["invoice", "offset", &number]).assert_ok();
    import(
        &cli,
        &tmp,
        json!({"placements": [
            woman("P1", "boras", false, "W1", "2026-03-01T12:00", Some("2026-03-11T10:00")),
            woman("P2", "annan", false, "W2", "2026-04-01T12:00", Some("2026-04-21T10:00"))]}),
    );
    let april = run(&cli, "2026-04-30");
    assert_eq!(april.len(), 2);
    assert_eq!(
        (april[0]["municipality"].as_str(), april[0]["total"].as_str()),
        (Some("boras"), Some("16500.00"))
    );
    assert!(april[0].get("prepaid").is_none());
    assert_eq!(
        (april[1]["municipality"].as_str(), april[1]["total"].as_str()),
        (Some("annan"), Some("39000.00"))
    );
    assert_eq!(april[1]["prepaid"], json!([{"from": number, "amount": "14500.00"}]));
    let next = april[1]["number"].as_str().unwrap().to_owned();
    let next_shown = cli.run(&["invoice", "show", &next, "--json"]).assert_ok().json();
    assert_eq!(next_shown["outstanding"], "24500.00");
    let settled = cli.run(&["invoice", "show", &number, "--json"]).assert_ok().json();
    assert_eq!(
        (settled["status"].as_str(), settled["credit_balance"].as_str()),
        (Some("credited"), Some("0.00"))
    );
    assert_eq!(settled["settlements"].as_array().unwrap().len(), 2);
    // Shown on that invoice: its PDF says what is taken off and what is to pay, and its
    // e-invoice carries it as already paid and passes the official rules.
    let pdf = tmp.path().join("next.pdf");
    let xml = tmp.path().join("next.xml");
    cli.run(&[
        "invoice",
        "export",
        &next,
        "--pdf",
        pdf.to_str().unwrap(),
        "--xml",
        xml.to_str().unwrap(),
    ])
    .assert_ok();
    let text = String::from_utf8(
        std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        text.contains(&format!("Avgår: tillgodo från faktura {number}")),
        "{text}"
    );
    assert!(text.contains("24 500,00"), "{text}");
    let ubl = std::fs::read_to_string(&xml).unwrap();
    assert!(
        ubl.contains(">14500.00</cbc:PrepaidAmount>") && ubl.contains(">24500.00</cbc:PayableAmount>"),
        "{ubl}"
    );
    let (ok, report) = fristad_tests::validate_peppol(&[xml]);
    assert!(ok, "{report}");

    // The accounts: the refund is a verification of its own that pays 5 000 kr back from the
    // bank against the receivable; every verification balances, and the receivable of this
    // buyer comes to what is still to pay (24 500 kr).
    let sie = tmp.path().join("2026.se");
    cli.run(&[
        "sie",
        "export",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        sie.to_str().unwrap(),
    ])
    .assert_ok();
    let file = fristad_tests::sie::parse(&std::fs::read(&sie).unwrap()).unwrap();
    assert!(file.verifications.iter().all(|v| v.balance() == 0));
    let refund = file
        .verifications
        .iter()
        .find(|v| v.text.starts_with("Återbetalning"))
        .unwrap();
    assert_eq!(
        refund.transactions,
        [("1510".to_owned(), 500_000), ("1930".to_owned(), -500_000)]
    );
    let receivable: i64 = file
        .verifications
        .iter()
        .filter(|v| !v.text.contains("Borås"))
        .flat_map(|v| v.transactions.iter())
        .filter(|(account, _)| account == "1510")
        .map(|(_, a)| a)
        .sum();
    assert_eq!(receivable, 2_450_000);
}
