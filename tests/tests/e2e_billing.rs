//! End-to-end in the real window: the month's invoicing. A preview of what will be issued, then
//! issuing; the invoice in the register; a payment registered. Every person is synthetic.

use fristad_tests::desktop::{Window, no_session, say};
use fristad_tests::{Cli, TEST_PASSWORD};

const PASSPHRASE: &str = "e2e faktura";

#[tokio::test]
async fn preview_issue_see_the_invoice_and_register_a_payment() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat())
        .assert_ok();
    let file = tmp.path().join("march.json");
    std::fs::write(
        &file,
        r#"{"municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
               "acute_clause": true, "address": "Arbetslivsförvaltningen, Box 2, 501 80 Borås",
               "peppol_id": "0007:2120001561", "buyer_reference": "YY123"}],
            "tariffs": [{"valid_from": "2026-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"},
                       {"valid_from": "2026-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}],
            "placements": [{"key": "P1", "municipality": "boras", "acute": true, "reference": "RVE 26-017",
               "violence": "nara_relation", "stays": [
                 {"person": "W1", "name": "Anna", "category": "adult", "birth_year": 1990, "in": "2026-03-28T22:00", "out": "2026-04-03T10:00"},
                 {"person": "C1", "name": "Bo", "category": "child", "birth_year": 2019, "in": "2026-03-28T22:00", "out": "2026-04-03T10:00"}]}]}"#,
    )
    .unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();

    cli.add_account("chef", "Testchef Ett", "admin");
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("chef", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.click("#nav a[data-route='fakturering']").await;
    w.type_into("#f-through", "2026-03-31").await;
    w.click("#preview").await;

    // The preview: one invoice for March, nights from the third, nothing issued yet. (The
    // invoice's own lines are Swedish in either language: the invoice goes to a Swedish
    // municipality.)
    let preview = w
        .wait_for_text("#invoicing-result", say("Förhandsgranskning", "Preview"))
        .await;
    assert!(preview.contains("Dygnsavgift, vuxen W1"), "{preview}");
    assert!(preview.contains("2026-03-30"), "{preview}");
    assert!(preview.contains("5 200,00 kr"), "{preview}");
    assert!(!preview.contains("Anna"), "no resident's name on an invoice");
    w.screenshot("31-invoicing-preview").await;
    assert!(
        cli.run(&["invoice", "list", "--json"]).assert_ok().json()["invoices"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // Issue: a number from the series, and a link to it.
    w.click("#issue").await;
    let issued = w.wait_for_text("#issued", say("Utfärdade", "Issued")).await;
    let number = issued
        .trim_start_matches(say("Utfärdade: ", "Issued: "))
        .trim()
        .to_owned();
    assert!(number.ends_with("-0001"), "{issued}");
    w.screenshot("32-invoicing-issued").await;
    w.click("#issued a").await;

    // The invoice page: unpaid, with its OCR and lines; then a payment of the whole amount.
    w.find("#invoice-screen").await;
    assert_eq!(w.text("#invoice-status").await, say("Obetald", "Unpaid"));
    let page = w.text("#invoice-screen").await;
    assert!(page.contains("RVE 26-017") && page.contains("5050-1055"), "{page}");
    w.screenshot("33-invoice-page").await;

    // "Spara PDF …": the signed document as issued, through the system's save dialog.
    let saved = tmp.path().join("faktura.pdf");
    w.click("#save-pdf").await;
    fristad_tests::desktop::answer_save_dialog(say("Spara fakturan", "Save the invoice"), &saved).await;
    w.wait_for_text("#toast", say("Sparat", "Saved")).await;
    let check = std::process::Command::new("pdfsig").arg(&saved).output().unwrap();
    assert!(String::from_utf8_lossy(&check.stdout).contains("Signature is Valid"));
    w.type_into("#pay-form [name='amount']", "2000").await;
    w.click("#pay-form button[type='submit']").await;
    w.wait_for_text("#invoice-status", say("Delvis betald", "Partly paid"))
        .await;
    w.wait_for_text(
        "#invoice-account",
        say("kvar att betala 3 200,00 kr", "left to pay 3 200,00 kr"),
    )
    .await;
    w.click("#pay-form button[type='submit']").await;
    w.wait_for_text("#invoice-status", say("Betald", "Paid")).await;
    w.screenshot("34-invoice-paid").await;

    // The register lists it as paid; running the same invoicing again issues nothing.
    w.click("#nav a[data-route='fakturor']").await;
    let list = w.wait_for_text("#invoice-list", &number).await;
    assert!(list.contains(say("Betald", "Paid")), "{list}");
    w.screenshot("35-invoice-register").await;
    w.click("#nav a[data-route='fakturering']").await;
    w.type_into("#f-through", "2026-03-31").await;
    w.click("#preview").await;
    w.wait_for_text("#nothing-to-invoice", say("Inget att fakturera", "Nothing to invoice"))
        .await;

    // Tariffs, settings and the signing certificate.
    w.click("#nav a[data-route='taxor']").await;
    w.wait_for_text("#certificate-subject", "Kvinno- och tjejjouren Exempelstad (fakturor)")
        .await;
    w.screenshot("36-tariffs-and-settings").await;
    w.close().await;

    let shown = cli.run(&["invoice", "show", &number, "--json"]).assert_ok().json();
    assert_eq!(shown["status"], "paid");
    assert_eq!(shown["paid"], "5200.00");
}

/// The window's dates are the program's: a form's "today" follows the program's clock (which a
/// test build can be told, FRISTAD_TEST_NOW), not the page's own.
#[tokio::test]
async fn the_window_takes_today_from_the_program() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat())
        .assert_ok();
    cli.add_account("chef", "Testchef Ett", "admin");
    let w = Window::open(
        &dir,
        &[
            ("FRISTAD_PASSPHRASE", PASSPHRASE),
            ("FRISTAD_TEST_NOW", "2031-03-10 09:00"),
        ],
    )
    .await;
    w.sign_in("chef", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.click("#nav a[data-route='fakturor']").await;
    w.find("#month-form").await;
    assert_eq!(w.value("#month-form [name='month']").await, "2031-03");
    w.close().await;
}

/// A change of a municipality's price class asks from when it applies and shows what it will and
/// will not do to the invoices before it is saved; crediting a paid invoice asks why and shows the
/// credit note first, and the credit balance it leaves is taken off the next invoice.
#[tokio::test]
async fn dated_terms_and_crediting_with_care() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat())
        .assert_ok();
    // Annan kommun (standard, 1 950 kr a night): W1 stayed 1–11 March (10 nights, 19 500 kr) and
    // W2 has been here since 1 November (30 nights in November, 58 500 kr). Both are invoiced.
    let file = tmp.path().join("annan.json");
    std::fs::write(
        &file,
        r#"{"municipalities": [{"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard",
               "acute_clause": false, "address": "Box 2, 123 45 Annanstad", "peppol_id": "0007:2120001579", "buyer_reference": "REF-9"}],
            "tariffs": [{"valid_from": "2026-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"}],
            "placements": [
              {"key": "P1", "municipality": "annan", "acute": false, "reference": "Dnr 1", "violence": "nara_relation",
               "stays": [{"person": "W1", "name": "Anna", "category": "adult", "birth_year": 1990, "in": "2026-03-01T12:00", "out": "2026-03-11T10:00"}]},
              {"key": "P2", "municipality": "annan", "acute": false, "reference": "Dnr 2", "violence": "nara_relation",
               "stays": [{"person": "W2", "name": "Berit", "category": "adult", "birth_year": 1985, "in": "2026-11-01T12:00"}]}]}"#,
    )
    .unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    let issued = cli
        .run(&["invoice", "run", "--through", "2026-11-30", "--json"])
        .assert_ok()
        .json();
    let march = issued["invoices"][0]["number"].as_str().unwrap().to_owned();
    let november = issued["invoices"][1]["number"].as_str().unwrap().to_owned();
    cli.run(&["invoice", "pay", &march, "--amount", "19500", "--date", "2026-04-15"])
        .assert_ok();
    cli.add_account("chef", "Testchef Ett", "admin");

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("chef", TEST_PASSWORD).await;
    w.find("#home-screen").await;

    // Annan kommun gets IOP prices. The form asks from when: by default 1 December, the first
    // night not yet invoiced, and nothing invoiced is credited.
    w.click("#nav a[data-route='kommuner']").await;
    w.click("tr[data-key='annan'] button").await;
    w.find("#terms-history li").await;
    w.choose("#f-price_class", "iop").await;
    w.find("#terms-change:not([hidden])").await;
    assert_eq!(w.value("#f-terms_from").await, "2026-12-01");
    let kept = w.wait_for_text("#terms-effect-kept", "2026-11-30").await;
    assert!(kept.contains("2026-12-01"), "{kept}");
    w.wait_for_text("#terms-effect-none", say("ingen kreditfaktura", "no credit note"))
        .await;
    w.scroll_to("#terms-effect").await;
    w.screenshot("37-municipality-terms-from-first-uninvoiced").await;

    // From 1 November instead: that re-prices November, and the form says what the next run will
    // credit (58 500 kr) and invoice again (30 × 1 650 = 49 500 kr), and asks to be told so.
    w.type_into("#f-terms_from", "2026-11-01").await;
    let effect = w.wait_for_text("#terms-effect-documents", &november).await;
    assert!(effect.contains("58 500,00") && effect.contains("49 500,00"), "{effect}");
    w.find("#f-reprice").await;
    w.scroll_to("#terms-effect").await;
    w.screenshot("38-municipality-terms-re-pricing").await;
    // Saved without asking for re-pricing: refused, nothing changed.
    w.type_into("#f-terms_reason", "Nytt IOP-avtal").await;
    w.find("#terms-effect-documents").await;
    w.click("#municipality-form button[type='submit']").await;
    w.wait_for_text(
        "#municipality-form .form-alert, #municipality-form .field-error",
        "2026-11-01",
    )
    .await;
    // The first night not yet invoiced, then: saved.
    w.type_into("#f-terms_from", "2026-12-01").await;
    w.wait_for_text("#terms-effect-none", say("ingen kreditfaktura", "no credit note"))
        .await;
    w.click("#municipality-form button[type='submit']").await;
    w.wait_for_text("#toast", say("Kommunen är sparad", "The municipality has been saved"))
        .await;
    let export = cli.run(&["export", "--json"]).assert_ok().json();
    let change = export["term_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["municipality"] == "annan" && c["from"] == "2026-12-01")
        .cloned()
        .expect("the change from 1 December");
    assert_eq!(
        (change["value"].as_str(), change["reason"].as_str()),
        (Some("iop"), Some("Nytt IOP-avtal"))
    );
    let next = cli
        .run(&["invoice", "run", "--through", "2026-12-07", "--dry-run", "--json"])
        .assert_ok()
        .json();
    assert!(
        next["invoices"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] != "credit_note")
    );

    // A new standard tariff from 1 November (2 000 kr for an adult) would re-price November,
    // already invoiced: the form shows the credit note and the new invoice (30 × 2 000 =
    // 60 000 kr), refuses to save without the tick, and saves with it.
    w.click("#nav a[data-route='taxor']").await;
    w.find("#tariff-form").await;
    w.type_into("#f-valid_from", "2026-11-01").await;
    w.type_into("#f-iop", "1700").await;
    w.type_into("#f-standard", "2000").await;
    w.click("#f-valid_from").await;
    let effect = w.wait_for_text("#tariff-effect-documents", &november).await;
    assert!(effect.contains("58 500,00") && effect.contains("60 000,00"), "{effect}");
    w.scroll_to("#tariff-effect").await;
    w.screenshot("41-tariff-re-pricing").await;
    w.click("#tariff-form button[type='submit']").await;
    w.wait_for_text("#tariff-form [data-error-for='valid_from']", "2026-12-01")
        .await;
    w.click("#f-reprice").await;
    w.click("#tariff-form button[type='submit']").await;
    w.wait_for_text("#toast", say("Taxan är sparad", "The tariff has been saved"))
        .await;
    w.wait_for_text("#tariff-list", "2026-11-01").await;

    // The paid March invoice is credited: the confirmation shows the credit note and that it
    // leaves a credit balance, and asks why.
    w.client_go(&format!("#/faktura/{march}")).await;
    w.find("#invoice-screen").await;
    w.click("#credit-details summary").await;
    w.wait_for_text("#credit-what", "19 500,00").await;
    w.find("#credit-leaves-balance").await;
    w.scroll_to("#credit-form").await;
    w.screenshot("39-credit-confirmation").await;
    w.click("#credit").await;
    w.wait_for_text("#credit-form .field-error", say("varför", "why")).await;
    w.type_into("#f-reason", "Fel kommun").await;
    w.click("#credit").await;
    w.wait_for_text("#invoice-status", say("Kreditfaktura", "Credit note"))
        .await;
    // Back on the March invoice: a credit balance of 19 500 kr, taken off the next invoice.
    w.client_go(&format!("#/faktura/{march}")).await;
    w.wait_for_text("#credit-balance", "19 500,00").await;
    w.click("#offset").await;
    w.find("#offset-requested").await;
    w.scroll_to("#credit-balance").await;
    w.screenshot("40-credit-balance-to-take-off").await;
    w.close().await;
    let shown = cli.run(&["invoice", "show", &march, "--json"]).assert_ok().json();
    assert_eq!(
        (shown["status"].as_str(), shown["offset_requested"].as_bool()),
        (Some("credit_balance"), Some(true))
    );
}
