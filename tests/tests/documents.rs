//! The invoice documents as their readers get them: the PDF (legal content, embedded font,
//! signature checked by poppler and by pyHanko) and the Peppol e-invoice (the official rules).
//! Every person is synthetic.

use fristad_tests::{Cli, artifacts_dir, export_this_month, python, validate_peppol};
use serde_json::json;
use std::path::Path;
use std::process::Command;

fn shelter(tmp: &Path) -> Cli {
    let cli = Cli::with_passphrase(&tmp.join("data"), "x");
    cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat())
        .assert_ok();
    let file = json!({
        "municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
            "acute_clause": true, "address": "Arbetslivsförvaltningen, Box 2, 501 80 Borås",
            "peppol_id": "0007:2120001561", "buyer_reference": "YY123"}],
        // A price with öre, so that the total is rounded.
        "tariffs": [{"valid_from": "2026-01-01", "category": "adult", "iop": "1650.25", "standard": "1950.00"},
                    {"valid_from": "2026-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}],
        "placements": [{"key": "P1", "municipality": "boras", "acute": true, "reference": "RVE 26-017", "violence": "nara_relation",
            "stays": [
                {"person": "W1", "name": "Annika", "category": "adult", "birth_year": 1990, "personal_number": "19900101-0017",
                 "in": "2026-03-28T22:00", "out": "2026-04-03T10:00"},
                {"person": "C1", "name": "Bosse", "category": "child", "birth_year": 2019, "in": "2026-03-28T22:00", "out": "2026-04-03T10:00"}]}]
    });
    let path = tmp.join("setup.json");
    std::fs::write(&path, file.to_string()).unwrap();
    cli.run(&["import", path.to_str().unwrap()]).assert_ok();
    cli
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_invoice_pdf_carries_the_legal_content_an_embedded_font_and_no_resident() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = shelter(tmp.path());
    // The organisation's logo goes on its documents; only a PNG image is taken.
    let not_png = tmp.path().join("logo.ico");
    std::fs::write(&not_png, b"\x00\x00\x01\x00 not a png").unwrap();
    cli.run(&["logo", not_png.to_str().unwrap()]).assert_refused("PNG-bild");
    let logo = fristad_tests::workspace_dir().join("icons/128x128.png");
    cli.run(&["logo", logo.to_str().unwrap()]).assert_ok();
    let run = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    let inv = &run["invoices"][0];
    let number = inv["number"].as_str().unwrap();
    let pdf = tmp.path().join("invoice.pdf");
    let xml = tmp.path().join("invoice.xml");
    cli.run(&[
        "invoice",
        "export",
        number,
        "--pdf",
        pdf.to_str().unwrap(),
        "--xml",
        xml.to_str().unwrap(),
    ])
    .assert_ok();

    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let due = inv["due"].as_str().unwrap();
    let issued = inv["issued"].as_str().unwrap();
    let ocr = inv["ocr"].as_str().unwrap();
    for item in [
        "FAKTURA",
        number,
        "Fakturadatum",
        issued,
        "Förfallodatum",
        due,
        // Seller: name, address, organisation number, F-skatt, bankgiro.
        "Kvinno- och tjejjouren Exempelstad",
        "123 45",
        "Exempelstad",
        "802000-0009",
        "Godkänd för F-skatt",
        "5050-1055",
        // Buyer: name, address, organisation number, reference.
        "Borås Stad",
        "Arbetslivsförvaltningen",
        "501 80",
        "212000-1561",
        "Er referens",
        "YY123",
        "RVE 26-017",
        // What was delivered: period, nights, unit price, amount.
        "Dygnsavgift, vuxen W1",
        "2026-03-30 – 2026-03-31",
        "2 nätter",
        "1 650,25 kr",
        "3 300,50 kr",
        "1 900,00 kr",
        // VAT exemption, rounding, total, OCR.
        "Undantag från skatteplikt",
        "Öresavrundning",
        "0,50 kr",
        "5 201,00 kr",
        "OCR-nummer",
        ocr,
    ] {
        assert!(text.contains(item), "«{item}» is not on the invoice:\n{text}");
    }
    for private in ["Annika", "Bosse", "19900101", "900101-0017"] {
        assert!(!text.contains(private), "«{private}» on an invoice");
        assert!(!String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).contains(private));
        assert!(
            !std::fs::read_to_string(&xml).unwrap().contains(private),
            "«{private}» in the e-invoice"
        );
    }
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("DejaVuSans"), "{fonts}");
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes yes yes ")),
        "every font embedded and subset:\n{fonts}"
    );
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains(&format!("Title:           Faktura {number}")), "{info}");
    // The access log's head when the invoice was made, under the signature: its last entry
    // then was the run that issued it.
    let custom = tool("pdfinfo", &["-custom", pdf.to_str().unwrap()]);
    let log = cli
        .run(&["audit", "show", "--json", "--limit", "20"])
        .assert_ok()
        .json();
    let entries = log.as_array().unwrap();
    let run_entry = entries.iter().find(|e| e["action"] == "invoice_issue").unwrap();
    let seq_line = format!("FristadLogSeq:   {}", run_entry["seq"]);
    assert!(custom.contains(&seq_line), "{custom}");
    let hash = custom
        .lines()
        .find_map(|l| l.strip_prefix("FristadLogHash:"))
        .unwrap_or_else(|| panic!("no log hash: {custom}"))
        .trim();
    assert!(
        hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{custom}"
    );
    let images = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert!(
        images.lines().any(|l| l.contains(" image ") && l.contains("128   128")),
        "the logo:\n{images}"
    );
    assert!(!info.contains("Annika"));

    // For people to look at.
    let png = artifacts_dir("pdf").join("invoice");
    tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            "-singlefile",
            pdf.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
    let (ok, report) = validate_peppol(std::slice::from_ref(&xml));
    assert!(ok, "{report}");
}

#[test]
fn the_signature_is_valid_for_poppler_and_pyhanko_and_broken_by_one_changed_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = shelter(tmp.path());
    let run = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    let number = run["invoices"][0]["number"].as_str().unwrap().to_owned();
    let pdf = tmp.path().join("signed.pdf");
    cli.run(&["invoice", "export", &number, "--pdf", pdf.to_str().unwrap()])
        .assert_ok();
    let cert = tmp.path().join("cert.pem");
    cli.run(&["signing", "certificate", "--out", cert.to_str().unwrap()])
        .assert_ok();

    let poppler = tool("pdfsig", &[pdf.to_str().unwrap()]);
    assert!(poppler.contains("Signature is Valid"), "{poppler}");
    assert!(poppler.contains("Total document signed"), "{poppler}");
    let pyhanko = |file: &Path| {
        Command::new(python().parent().unwrap().join("pyhanko"))
            .args([
                "sign",
                "validate",
                "--no-revocation-check",
                "--trust-replace",
                "--trust",
            ])
            .arg(&cert)
            .arg("--executive-summary")
            .arg(file)
            .output()
            .unwrap()
    };
    let valid = pyhanko(&pdf);
    assert!(
        valid.status.success(),
        "{}{}",
        String::from_utf8_lossy(&valid.stdout),
        String::from_utf8_lossy(&valid.stderr)
    );
    assert!(
        String::from_utf8_lossy(&valid.stdout).contains(":VALID"),
        "{}",
        String::from_utf8_lossy(&valid.stdout)
    );

    // One byte of the signed content changed: both refuse it.
    let mut bytes = std::fs::read(&pdf).unwrap();
    let at = bytes
        .windows(6)
        .position(|w| w == b"/Title")
        .expect("the document info")
        + 8;
    bytes[at] ^= 0x01;
    let tampered = tmp.path().join("tampered.pdf");
    std::fs::write(&tampered, &bytes).unwrap();
    let poppler = tool("pdfsig", &[tampered.to_str().unwrap()]);
    assert!(!poppler.contains("Signature is Valid"), "{poppler}");
    let invalid = pyhanko(&tampered);
    assert!(!invalid.status.success() || !String::from_utf8_lossy(&invalid.stdout).contains(":VALID"));

    // The stored document is the same every time it is exported.
    let again = tmp.path().join("again.pdf");
    cli.run(&["invoice", "export", &number, "--pdf", again.to_str().unwrap()])
        .assert_ok();
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&pdf).unwrap());
}

#[test]
fn every_invoice_and_credit_note_passes_the_peppol_rules_and_a_month_exports_to_a_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = shelter(tmp.path());
    cli.run(&["invoice", "run", "--through", "2026-04-30"]).assert_ok();
    let first = cli.run(&["invoice", "list", "--json"]).assert_ok().json()["invoices"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    cli.run(&["invoice", "credit", &first, "--reason", "Fel kommun"])
        .assert_ok();
    let out = tmp.path().join("month");
    let xml = export_this_month(&cli, &out);
    assert_eq!(xml.len(), 3, "two invoices and a credit note");
    assert!(
        out.join(format!(
            "kreditfaktura-{}.pdf",
            cli.run(&["invoice", "list", "--json"]).json()["invoices"][0]["number"]
                .as_str()
                .unwrap()
        ))
        .exists()
    );
    let credit = std::fs::read_to_string(xml.iter().find(|p| p.to_string_lossy().contains("kredit")).unwrap()).unwrap();
    assert!(
        credit.contains("<CreditNote") && credit.contains(&format!("<cbc:ID>{first}</cbc:ID>")),
        "{credit}"
    );
    let (ok, report) = validate_peppol(&xml);
    assert!(ok, "{report}");
    assert!(report.contains("0 fatal"), "{report}");
}

#[test]
fn a_buyer_lacking_what_the_invoice_needs_is_held_back_before_a_number_is_taken() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = shelter(tmp.path());
    let fix = tmp.path().join("no-reference.json");
    std::fs::write(
        &fix,
        json!({"municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561",
        "price_class": "iop", "acute_clause": true, "address": "Arbetslivsförvaltningen, Box 2, 501 80 Borås",
        "peppol_id": "0007:2120001561", "buyer_reference": ""}]})
        .to_string(),
    )
    .unwrap();
    cli.run(&["import", fix.to_str().unwrap()]).assert_ok();
    // Held back, saying why: nothing issued, and the run is not an error for the others.
    let held = cli
        .run(&["invoice", "run", "--through", "2026-03-31"])
        .assert_ok()
        .stderr
        .clone();
    assert!(held.contains("ingen referens (YY-kod)"), "{held}");
    let fix2 = tmp.path().join("no-address.json");
    std::fs::write(&fix2, json!({"municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561",
        "price_class": "iop", "acute_clause": true, "address": "Borås", "peppol_id": "0007:2120001561", "buyer_reference": "YY123"}]}).to_string()).unwrap();
    cli.run(&["import", fix2.to_str().unwrap()]).assert_ok();
    let held = cli
        .run(&["invoice", "run", "--through", "2026-03-31"])
        .assert_ok()
        .stderr
        .clone();
    assert!(held.contains("postnummer och ort"), "{held}");
    assert!(
        cli.run(&["invoice", "list", "--json"]).json()["invoices"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Fixed, the first number is still the first of the series.
    let good = tmp.path().join("good.json");
    std::fs::write(&good, json!({"municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561",
        "price_class": "iop", "acute_clause": true, "address": "Box 2, 501 80 Borås", "peppol_id": "0007:2120001561", "buyer_reference": "YY123"}]}).to_string()).unwrap();
    cli.run(&["import", good.to_str().unwrap()]).assert_ok();
    let run = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    assert!(run["invoices"][0]["number"].as_str().unwrap().ends_with("-0001"));
}

/// A store at fixed dates, through the library: invoices issued on 1 April 2026 are overdue by June.
fn store_at_fixed_dates(tmp: &Path) -> fristad::store::Store {
    use fristad::setup::{KeyChoice, create};
    let t = |s: &str| fristad::clock::parse_time(s).unwrap();
    let dir = fristad::data_dir::DataDir::new(tmp.join("fixed"));
    let org = fristad::organisation::OrganisationInput {
        name: "Kvinno- och tjejjouren Exempelstad".into(),
        org_number: "802000-0009".into(),
        address: "Box 1, 123 45 Exempelstad".into(),
        bankgiro: "5050-1055".into(),
        f_skatt: true,
    };
    let mut store = create(
        &dir,
        Some(&org),
        KeyChoice::Passphrase(fristad::secret::Secret::new("x".into())),
        "test",
        t("2026-01-01 08:00"),
    )
    .unwrap()
    .store;
    let file: fristad::exchange::Exchange = serde_json::from_value(json!({
        "municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
            "acute_clause": true, "address": "Box 2, 501 80 Borås", "peppol_id": "0007:2120001561", "buyer_reference": "YY123"}],
        "tariffs": [{"valid_from": "2026-01-01", "category": "adult", "iop": "1650.25", "standard": "1950.00"},
                    {"valid_from": "2026-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}],
        "placements": [{"key": "P1", "municipality": "boras", "acute": true, "reference": "RVE 26-017", "violence": "nara_relation",
            "stays": [{"person": "W1", "name": "Annika", "category": "adult", "birth_year": 1990, "in": "2026-03-10T22:00", "out": "2026-03-20T10:00"}]}]
    }))
    .unwrap();
    fristad::exchange::import(
        &mut store,
        &file,
        t("2026-03-31 12:00"),
        "test",
        fristad::text::Lang::Sv,
    )
    .unwrap();
    store
}

#[test]
fn an_overdue_invoice_gets_a_signed_reminder_and_the_month_goes_to_the_accountant_as_balanced_sie() {
    use fristad::billing::{credit, payments, reminder, run, sie};
    let t = |s: &str| fristad::clock::parse_time(s).unwrap();
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut store = store_at_fixed_dates(tmp.path());
    // Issued 1 April: 8 billable nights (12–19 March) at 1 650,25 kr = 13 202,00 kr; due 1 May.
    let issued = store
        .write(|tx| run::issue(tx, d("2026-03-31"), t("2026-04-01 09:00"), "test").map(|i| i.invoices))
        .unwrap();
    let number = issued[0].number.clone().unwrap();
    assert_eq!(issued[0].total.to_decimal(), "13202.00");
    store
        .write(|tx| {
            payments::pay(
                tx,
                &number,
                fristad::money::Money::from_kronor(5000),
                d("2026-04-20"),
                t("2026-04-20 10:00"),
                "test",
            )
        })
        .unwrap();

    // Not yet due: no reminder. Overdue on 1 June: a reminder for what remains.
    let err = store
        .write(|tx| reminder::reminder(tx, &number, t("2026-04-21 10:00")))
        .unwrap_err();
    assert!(err.message.contains("inte förfallen"), "{}", err.message);
    let pdf = store
        .write(|tx| reminder::reminder(tx, &number, t("2026-06-01 10:00")))
        .unwrap();
    let path = tmp.path().join("reminder.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    for item in [
        "PÅMINNELSE",
        "Påminnelse om faktura",
        &number,
        "2026-04-01",
        "2026-05-01",
        "8 202,00 kr",
        "5050-1055",
        &issued[0].ocr,
        "2026-06-11",
    ] {
        assert!(text.contains(item), "«{item}» is not on the reminder:\n{text}");
    }
    assert!(!text.contains("Annika"));
    assert!(tool("pdfsig", &[path.to_str().unwrap()]).contains("Signature is Valid"));
    tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            "-singlefile",
            path.to_str().unwrap(),
            artifacts_dir("pdf").join("reminder").to_str().unwrap(),
        ],
    );

    // A credit note for the whole invoice, then the SIE file of April–June.
    store
        .write(|tx| credit::credit(tx, &number, "Fel månad", t("2026-06-02 10:00"), "test"))
        .unwrap();
    let bytes = sie::export(store.conn(), d("2026-04-01"), d("2026-06-30"), t("2026-07-01 08:00")).unwrap();
    std::fs::write(artifacts_dir("sie").join("april-june.se"), &bytes).unwrap();
    let file = fristad_tests::sie::parse(&bytes).unwrap();
    assert_eq!(file.items["#FORMAT"][0], vec!["PC8"]);
    assert_eq!(file.items["#SIETYP"][0], vec!["4"]);
    assert_eq!(file.items["#ORGNR"][0], vec!["802000-0009"]);
    assert_eq!(file.items["#FNAMN"][0], vec!["Kvinno- och tjejjouren Exempelstad"]);
    assert_eq!(
        file.verifications.len(),
        3,
        "the invoice, the credit note and the payment"
    );
    for v in &file.verifications {
        assert_eq!(
            v.balance(),
            0,
            "verification {} {} does not balance",
            v.series,
            v.number
        );
        for (account, _) in &v.transactions {
            assert!(file.accounts.contains_key(account), "account {account} is not declared");
        }
    }
    let invoice = &file.verifications[0];
    assert_eq!(invoice.date, "20260401");
    assert_eq!(
        invoice.transactions,
        vec![("1510".into(), 1_320_200), ("3004".into(), -1_320_200)]
    );
    let credit_note = &file.verifications[1];
    assert_eq!(
        credit_note.transactions,
        vec![("1510".into(), -1_320_200), ("3004".into(), 1_320_200)]
    );
    let payment = &file.verifications[2];
    assert_eq!((payment.series.as_str(), payment.date.as_str()), ("B", "20260420"));
    assert_eq!(
        payment.transactions,
        vec![("1930".into(), 500_000), ("1510".into(), -500_000)]
    );
    assert!(
        file.accounts["3740"].contains("Öresavrundning"),
        "åäö survive code page 437"
    );
}

#[test]
fn the_organisations_own_certificate_is_imported_from_pkcs12_and_a_wrong_password_stores_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = shelter(tmp.path());
    let key = tmp.path().join("key.pem");
    let cert = tmp.path().join("cert.pem");
    let p12 = tmp.path().join("org.p12");
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl").args(args).output().expect("openssl runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "30",
        "-subj",
        "/CN=Testjouren e-legitimation/O=Testjouren/C=SE",
        "-keyout",
        key.to_str().unwrap(),
        "-out",
        cert.to_str().unwrap(),
    ]);
    openssl(&[
        "pkcs12",
        "-export",
        "-inkey",
        key.to_str().unwrap(),
        "-in",
        cert.to_str().unwrap(),
        "-out",
        p12.to_str().unwrap(),
        "-passout",
        "pass:rätt lösen",
    ]);

    let before = tmp.path().join("before.pem");
    cli.run(&["signing", "certificate", "--out", before.to_str().unwrap()])
        .assert_ok();
    let wrong = Cli::with_passphrase(&tmp.path().join("data"), "x").env("FRISTAD_P12_PASSWORD", "fel");
    wrong
        .run(&["signing", "import", p12.to_str().unwrap()])
        .assert_refused("fel lösenord");
    std::fs::write(tmp.path().join("junk.p12"), b"not a key store").unwrap();
    wrong
        .run(&["signing", "import", tmp.path().join("junk.p12").to_str().unwrap()])
        .assert_refused("Ingenting har sparats");
    let unchanged = tmp.path().join("unchanged.pem");
    cli.run(&["signing", "certificate", "--out", unchanged.to_str().unwrap()])
        .assert_ok();
    assert_eq!(
        std::fs::read(&before).unwrap(),
        std::fs::read(&unchanged).unwrap(),
        "a refused import stores nothing"
    );

    let right = Cli::with_passphrase(&tmp.path().join("data"), "x").env("FRISTAD_P12_PASSWORD", "rätt lösen");
    right.run(&["signing", "import", p12.to_str().unwrap()]).assert_ok();
    let run = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    let pdf = tmp.path().join("signed.pdf");
    cli.run(&[
        "invoice",
        "export",
        run["invoices"][0]["number"].as_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ])
    .assert_ok();
    let report = tool("pdfsig", &[pdf.to_str().unwrap()]);
    assert!(
        report.contains("Testjouren e-legitimation") && report.contains("Signature is Valid"),
        "{report}"
    );
}
