//! Stories of invoicing through `fristad-cli`, each hand-counted and checked number by number.
//! Tariffs (per night): adult 1 650 kr IOP / 1 950 kr standard; child 950 / 1 150; from
//! 15 May 2026 the adult IOP price is 1 750 kr. Every person is synthetic.

use fristad_tests::Cli;
use serde_json::{Value, json};

fn store(tmp: &tempfile::TempDir, placements: Value) -> Cli {
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, "x");
    cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat())
        .assert_ok();
    let file = json!({
        "municipalities": [
            {"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
             "acute_clause": true, "address": "Box 1, 501 80 Borås", "peppol_id": "0007:2120001561", "buyer_reference": "YY123"},
            {"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard",
             "acute_clause": false, "address": "Box 2, 123 45 Annanstad", "peppol_id": "0007:2120001579", "buyer_reference": "REF-9"}
        ],
        "tariffs": [
            {"valid_from": "2026-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"},
            {"valid_from": "2026-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"},
            {"valid_from": "2026-05-15", "category": "adult", "iop": "1750.00", "standard": "1950.00"}
        ],
        "placements": placements
    });
    let path = tmp.path().join("setup.json");
    std::fs::write(&path, file.to_string()).unwrap();
    cli.run(&["import", path.to_str().unwrap()]).assert_ok();
    cli
}

/// Every e-invoice a story made passes the official Peppol rules.
fn peppol_ok(cli: &Cli, tmp: &tempfile::TempDir) {
    let xml = fristad_tests::export_this_month(cli, &tmp.path().join("documents"));
    assert!(!xml.is_empty());
    let (ok, report) = fristad_tests::validate_peppol(&xml);
    assert!(ok, "{report}");
}

fn run(cli: &Cli, through: &str) -> Vec<Value> {
    cli.run(&["invoice", "run", "--through", through, "--json"])
        .assert_ok()
        .json()["invoices"]
        .as_array()
        .unwrap()
        .clone()
}

/// (person, from, to, nights, unit price, amount) of each line.
fn lines(invoice: &Value) -> Vec<(String, String, String, u64, String, String)> {
    invoice["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["person"].as_str().unwrap_or("").to_owned(),
                l["from"].as_str().unwrap().to_owned(),
                l["to"].as_str().unwrap().to_owned(),
                l["nights"].as_u64().unwrap(),
                l["unit_price"].as_str().unwrap().to_owned(),
                l["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn line(
    p: &str,
    from: &str,
    to: &str,
    n: u64,
    price: &str,
    amount: &str,
) -> (String, String, String, u64, String, String) {
    (p.into(), from.into(), to.into(), n, price.into(), amount.into())
}

fn today() -> chrono::NaiveDate {
    fristad_tests::today()
}

fn acute(key: &str, municipality: &str, stays: Value) -> Value {
    json!({"key": key, "municipality": municipality, "acute": true, "reference": "RVE 26-017", "violence": "nara_relation", "stays": stays})
}

#[test]
fn an_acute_boras_placement_over_a_month_boundary_is_free_for_two_nights_then_at_iop_prices() {
    // In Saturday 28 March 22:00, out Friday 3 April 10:00: nights 28 March – 2 April (six).
    // Nights 1–2 (28, 29 March) are covered by the service fee; 30–31 March go on March's
    // invoice, 1–2 April on April's.
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(
        &tmp,
        json!([acute(
            "P1",
            "boras",
            json!([
                {"person": "W1", "name": "Annika", "category": "adult", "birth_year": 1990, "in": "2026-03-28T22:00", "out": "2026-04-03T10:00"},
                {"person": "C1", "name": "Bosse", "category": "child", "birth_year": 2019, "in": "2026-03-28T22:00", "out": "2026-04-03T10:00"}
            ])
        )]),
    );
    let march = run(&cli, "2026-03-31");
    assert_eq!(march.len(), 1);
    let inv = &march[0];
    assert_eq!(inv["kind"], "placement");
    assert_eq!(inv["municipality"], "boras");
    assert_eq!(inv["placement"], "P1");
    assert_eq!(inv["buyer_reference"], "YY123");
    assert_eq!(inv["placement_reference"], "RVE 26-017");
    assert_eq!(
        lines(inv),
        vec![
            line("W1", "2026-03-30", "2026-03-31", 2, "1650.00", "3300.00"),
            line("C1", "2026-03-30", "2026-03-31", 2, "950.00", "1900.00"),
        ]
    );
    assert_eq!(inv["total"], "5200.00");
    assert_eq!(inv["issued"], today().to_string());
    assert_eq!(inv["due"], (today() + chrono::Duration::days(30)).to_string());
    let number = inv["number"].as_str().unwrap().to_owned();
    let ocr = inv["ocr"].as_str().unwrap();
    assert!(
        fristad::luhn::is_valid(ocr) && ocr.starts_with(&number.replace('-', "")),
        "{ocr}"
    );
    for n in ["Annika", "Bosse"] {
        assert!(!inv.to_string().contains(n), "a resident's name on an invoice");
    }

    // Running the same invoicing again creates nothing.
    assert!(run(&cli, "2026-03-31").is_empty());
    let april = run(&cli, "2026-04-30");
    assert_eq!(april.len(), 1);
    assert_eq!(
        lines(&april[0]),
        vec![
            line("W1", "2026-04-01", "2026-04-02", 2, "1650.00", "3300.00"),
            line("C1", "2026-04-01", "2026-04-02", 2, "950.00", "1900.00"),
        ]
    );
    assert_eq!(
        april[0]["final_invoice"], true,
        "the move-out's invoice takes what remains"
    );
    assert!(run(&cli, "2026-05-31").is_empty());
    peppol_ok(&cli, &tmp);
}

#[test]
fn a_municipality_without_the_acute_clause_pays_from_the_first_night_at_standard_prices() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(
        &tmp,
        json!([acute(
            "P1",
            "annan",
            json!([
                {"person": "W1", "name": "Anna", "category": "adult", "birth_year": 1990, "in": "2026-03-28T22:00", "out": "2026-04-03T10:00"},
                {"person": "C1", "name": "Bo", "category": "child", "birth_year": 2019, "in": "2026-03-28T22:00", "out": "2026-04-03T10:00"}
            ])
        )]),
    );
    let invoices = run(&cli, "2026-04-30");
    assert_eq!(invoices.len(), 2);
    assert_eq!(
        lines(&invoices[0]),
        vec![
            line("W1", "2026-03-28", "2026-03-31", 4, "1950.00", "7800.00"),
            line("C1", "2026-03-28", "2026-03-31", 4, "1150.00", "4600.00"),
        ]
    );
    assert_eq!(invoices[0]["total"], "12400.00");
    assert_eq!(invoices[0]["buyer_reference"], "REF-9");
    assert_eq!(
        lines(&invoices[1]),
        vec![
            line("W1", "2026-04-01", "2026-04-02", 2, "1950.00", "3900.00"),
            line("C1", "2026-04-01", "2026-04-02", 2, "1150.00", "2300.00"),
        ]
    );
    assert_eq!(invoices[1]["total"], "6200.00");
    peppol_ok(&cli, &tmp);
}

#[test]
fn a_price_change_mid_stay_splits_the_line() {
    // Not acute, Borås: 10–19 May are ten nights; the adult price changes on the 15th.
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(
        &tmp,
        json!([{"key": "P1", "municipality": "boras", "acute": false, "reference": "BoU 26-2",
        "violence": "heder", "stays": [
            {"person": "W1", "name": "Anna", "category": "adult", "birth_year": 1990, "in": "2026-05-10T14:00", "out": "2026-05-20T09:00"}
        ]}]),
    );
    let invoices = run(&cli, "2026-05-31");
    assert_eq!(
        lines(&invoices[0]),
        vec![
            line("W1", "2026-05-10", "2026-05-14", 5, "1650.00", "8250.00"),
            line("W1", "2026-05-15", "2026-05-19", 5, "1750.00", "8750.00"),
        ]
    );
    assert_eq!(invoices[0]["total"], "17000.00");
    peppol_ok(&cli, &tmp);
}

#[test]
fn a_child_arriving_later_pays_from_the_placements_third_night_and_a_later_correction_is_credited() {
    // The woman arrives 1 June 20:00 and the child the next morning; both leave 6 June.
    // Placement nights 1–2 are 1 and 2 June: the woman pays 3–5 June (at the adult price from
    // 15 May, 1 750 kr), and the child 3–4 June: her own first night (2 June) is the placement's
    // second.
    let tmp = tempfile::tempdir().unwrap();
    let placement = |w_out: &str| {
        acute(
            "P1",
            "boras",
            json!([
                {"person": "W1", "name": "Anna", "category": "adult", "birth_year": 1990, "in": "2026-06-01T20:00", "out": w_out},
                {"person": "C1", "name": "Bo", "category": "child", "birth_year": 2019, "in": "2026-06-02T09:00", "out": "2026-06-05T10:00"}
            ]),
        )
    };
    let cli = store(&tmp, json!([placement("2026-06-06T10:00")]));
    let invoices = run(&cli, "2026-06-30");
    assert_eq!(
        lines(&invoices[0]),
        vec![
            line("W1", "2026-06-03", "2026-06-05", 3, "1750.00", "5250.00"),
            line("C1", "2026-06-03", "2026-06-04", 2, "950.00", "1900.00"),
        ]
    );
    assert_eq!(invoices[0]["total"], "7150.00");
    let original = invoices[0]["number"].as_str().unwrap().to_owned();

    // Afterwards the woman's move-out is corrected to 5 June: her night of 5 June is no longer
    // billable. The next run credits it, and invoices nothing new.
    let fix = tmp.path().join("fix.json");
    std::fs::write(&fix, json!({"placements": [placement("2026-06-05T10:00")]}).to_string()).unwrap();
    cli.run(&["import", fix.to_str().unwrap()]).assert_ok();
    let corrections = run(&cli, "2026-06-30");
    assert_eq!(corrections.len(), 1);
    let credit = &corrections[0];
    assert_eq!(credit["kind"], "credit_note");
    assert_eq!(credit["credits"], original.as_str());
    assert_eq!(
        lines(credit),
        vec![line("W1", "2026-06-05", "2026-06-05", 1, "1750.00", "1750.00")]
    );
    assert!(run(&cli, "2026-06-30").is_empty(), "the books now match the records");

    // What the municipality owes: 7 150 − 1 750.
    let shown = cli.run(&["invoice", "show", &original, "--json"]).assert_ok().json();
    assert_eq!(shown["credited"], "1750.00");
    assert_eq!(shown["outstanding"], "5400.00");
    assert_eq!(shown["credit_notes"][0], credit["number"]);

    // Payments: partial, then the rest; more than is owed, or to an unknown invoice, is refused.
    cli.run(&[
        "invoice",
        "pay",
        &original,
        "--amount",
        "5400,01",
        "--date",
        "2026-07-01",
    ])
    .assert_refused("mer än vad som är kvar");
    cli.run(&["invoice", "pay", "2099-0001", "--amount", "10", "--date", "2026-07-01"])
        .assert_refused("ingen faktura med det numret");
    cli.run(&["invoice", "pay", &original, "--amount", "2000", "--date", "2026-07-01"])
        .assert_ok();
    let partly = cli.run(&["invoice", "show", &original, "--json"]).assert_ok().json();
    assert_eq!(partly["outstanding"], "3400.00");
    let paid = cli
        .run(&[
            "invoice",
            "pay",
            &original,
            "--amount",
            "3400.00",
            "--date",
            "2026-07-02",
            "--json",
        ])
        .assert_ok()
        .json();
    assert_eq!(paid["status"], "paid");
    assert_eq!(paid["outstanding"], "0.00");

    // Crediting more than was invoiced is refused once nothing is left.
    let credit_number = credit["number"].as_str().unwrap();
    cli.run(&["invoice", "credit", credit_number, "--reason", "Fel"])
        .assert_refused("kreditfaktura kan inte krediteras");
}

#[test]
fn the_service_fee_is_invoiced_in_quarterly_instalments_that_add_up_to_the_year() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(&tmp, json!([]));
    // Nothing until the shelter says from when Fristad invoices the service fee.
    assert!(run(&cli, "2026-03-31").is_empty());
    cli.run(&[
        "settings",
        "set",
        "--service-fee-from",
        "2026-01-01",
        "--fee-schedule",
        "quarterly",
    ])
    .assert_ok();
    let q1 = run(&cli, "2026-03-31");
    assert_eq!(q1.len(), 1);
    assert_eq!(q1[0]["kind"], "service_fee");
    assert_eq!(q1[0]["municipality"], "boras");
    assert_eq!(q1[0]["lines"][0]["from"], "2026-01-01");
    assert_eq!(q1[0]["lines"][0]["to"], "2026-03-31");
    assert_eq!(q1[0]["total"], "137500.00");
    // Through today (2026-12-07): the fourth quarter has begun, nothing of 2027 has.
    let rest = run(&cli, &today().to_string());
    assert_eq!(rest.len(), 3);
    let year: Vec<&Value> = q1.iter().chain(rest.iter()).collect();
    let totals: Vec<&str> = year.iter().map(|i| i["total"].as_str().unwrap()).collect();
    assert_eq!(totals, ["137500.00"; 4]);
    let sum: i64 = year
        .iter()
        .map(|i| {
            fristad::money::Money::parse_kronor(i["total"].as_str().unwrap())
                .unwrap()
                .ore()
        })
        .sum();
    assert_eq!(sum, 55_000_000, "the instalments add up to 550 000 kr exactly");
    assert!(run(&cli, &today().to_string()).is_empty());

    // The register lists them all, with what is owed per municipality.
    let list = cli.run(&["invoice", "list", "--json"]).assert_ok().json();
    assert_eq!(list["invoices"].as_array().unwrap().len(), 4);
    assert_eq!(list["balances"][0]["outstanding"], "550000.00");
    peppol_ok(&cli, &tmp);
}

#[test]
fn a_missing_tariff_stops_the_run_naming_the_night_and_nothing_is_issued() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(
        &tmp,
        json!([{"key": "P1", "municipality": "boras", "acute": false, "reference": "X 1",
        "violence": "annat", "stays": [
            {"person": "W1", "name": "Anna", "category": "adult", "birth_year": 1990, "in": "2025-12-30T14:00", "out": "2026-01-02T09:00"}
        ]}]),
    );
    let run = cli.run(&["invoice", "run", "--through", "2026-01-31"]);
    run.assert_refused("Dygnsavgift saknas för natten 2025-12-30 (W1, vuxen");
    assert!(
        cli.run(&["invoice", "list", "--json"]).assert_ok().json()["invoices"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // A run date before the last run is refused too.
    cli.run(&["invoice", "run", "--through", "2025-12-29"]).assert_ok();
    cli.run(&["invoice", "run", "--through", "2025-12-28"])
        .assert_refused("redan gjorts t.o.m. 2025-12-29");
}
