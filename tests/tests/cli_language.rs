//! `fristad-cli` in English: `--language en` or `FRISTAD_LANGUAGE=en` turn its help, its lines,
//! its prompts and its refusals into English (JSON, files and documents stay as they are), and
//! without them it speaks Swedish as before. Every person and place here is synthetic.

use fristad_tests::{Cli, new_store};

/// Every subcommand, for its `--help`.
const COMMANDS: [&[&str]; 51] = [
    &[],
    &["init"],
    &["verify"],
    &["agreement"],
    &["agreement", "show"],
    &["agreement", "history"],
    &["import"],
    &["export"],
    &["invoice"],
    &["invoice", "run"],
    &["invoice", "list"],
    &["invoice", "show"],
    &["invoice", "credit"],
    &["invoice", "refund"],
    &["invoice", "offset"],
    &["invoice", "export"],
    &["invoice", "reminder"],
    &["invoice", "pay"],
    &["report", "yearly"],
    &["report", "followup"],
    &["report", "period"],
    &["report", "check"],
    &["report", "merge"],
    &["year", "set"],
    &["year", "show"],
    &["support", "add"],
    &["support", "list"],
    &["request", "add"],
    &["request", "decide"],
    &["request", "list"],
    &["support", "strike"],
    &["request", "strike"],
    &["sie", "export"],
    &["logo"],
    &["signing", "certificate"],
    &["signing", "import"],
    &["settings", "show"],
    &["settings", "set"],
    &["account", "add"],
    &["account", "list"],
    &["account", "role"],
    &["account", "disable"],
    &["account", "password"],
    &["retention", "run"],
    &["audit", "verify"],
    &["audit", "show"],
    &["recover"],
    &["demo"],
    &["backup"],
    &["backup", "verify"],
    &["restore"],
];

/// Data that may be Swedish whatever the language: the demo account's password (in `demo`'s
/// help).
const DATA: [&str; 1] = ["demo-lösenord"];

/// A municipality (named without Swedish letters, so that any in a listing are the program's),
/// tariffs, a room and a synthetic placement of a woman and her child in March 2026.
fn import_placement(cli: &Cli, dir: &std::path::Path) {
    let file = serde_json::json!({
        "municipalities": [
            {"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard",
             "acute_clause": false, "address": "Box 2, 123 45 Annanstad", "peppol_id": "0007:2120001579",
             "buyer_reference": "REF-9"}
        ],
        "tariffs": [
            {"valid_from": "2026-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"},
            {"valid_from": "2026-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}
        ],
        "rooms": [{"key": "akut", "name": "Akutrummet", "acute": true, "beds": 3}],
        "placements": [{
            "key": "P1", "municipality": "annan", "reference": "REF 26-1", "acute": false, "room": "akut",
            "violence": "nara_relation", "arrived": "2026-03-01T22:15",
            "stays": [
                {"person": "W1", "name": "Testa Exempelsdotter", "category": "adult", "birth_year": 1990,
                 "in": "2026-03-01T22:15", "out": "2026-03-06T10:00", "destination": "eget_boende"},
                {"person": "C1", "name": "Lilla Exempelsdotter", "category": "child", "birth_year": 2019,
                 "in": "2026-03-02T09:00", "out": "2026-03-06T10:00", "destination": "eget_boende"}
            ]
        }]
    });
    let path = dir.with_extension("json");
    std::fs::write(&path, file.to_string()).unwrap();
    cli.run(&["import", path.to_str().unwrap()]).assert_ok();
}

/// Fails with the offending lines when `text` has Swedish letters outside `DATA`.
#[track_caller]
fn assert_no_swedish(what: &str, text: &str) {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| {
            let mut rest = line.to_string();
            for data in DATA {
                rest = rest.replace(data, "");
            }
            rest.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö'])
        })
        .collect();
    assert!(lines.is_empty(), "Swedish in the English {what}:\n{}", lines.join("\n"));
}

#[test]
fn the_help_of_every_command_is_english_when_asked_and_swedish_otherwise() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let by_option = Cli::with_passphrase(&dir, "x");
    let by_env = Cli::with_passphrase(&dir, "x").env("FRISTAD_LANGUAGE", "en");
    for command in COMMANDS {
        let name = format!("fristad-cli {} --help", command.join(" "));
        for run in [
            by_option.run(&[&["--language", "en"][..], command, &["--help"]].concat()),
            by_env.run(&[command, &["--help"][..]].concat()),
        ] {
            run.assert_ok();
            assert!(run.stdout.contains("Usage:"), "{name}: {}", run.stdout);
            assert_no_swedish(&name, &run.stdout);
        }
        let swedish = by_option.run(&[command, &["--help"][..]].concat());
        swedish.assert_ok();
        assert!(
            swedish.stdout.contains(['å', 'ä', 'ö']),
            "{name} is not Swedish by default: {}",
            swedish.stdout
        );
    }
    let help = by_env.run(&["--help"]).stdout;
    assert!(help.contains("Fristad without the window"), "{help}");
    assert!(help.contains("--data-dir <FOLDER>"), "{help}");
    let help = by_env.run(&["invoice", "export", "--help"]).stdout;
    assert!(help.contains("--month <YYYY-MM>"), "{help}");
    assert!(help.contains("Save the e-invoice (UBL XML) here"), "{help}");
    let help = by_option.run(&["invoice", "export", "--help"]).stdout;
    assert!(help.contains("--month <ÅÅÅÅ-MM>"), "{help}");
    assert!(help.contains("Spara e-fakturan (UBL XML) här"), "{help}");
    // The option is checked like any other.
    by_option
        .run(&["--language", "de", "verify"])
        .assert_refused("invalid value 'de'");
}

#[test]
fn a_wrong_passphrase_is_refused_in_english_when_asked() {
    let (_tmp, dir, _) = new_store("rätt lösenfras");
    let wrong = Cli::with_passphrase(&dir, "fel lösenfras");
    for run in [
        wrong.run(&["--language", "en", "verify"]),
        wrong.run(&["agreement", "show", "--language=en"]),
        wrong.clone().env("FRISTAD_LANGUAGE", "en").run(&["verify"]),
        wrong.clone().env("FRISTAD_LANGUAGE", "EN").run(&["audit", "verify"]),
    ] {
        run.assert_refused("error: Wrong passphrase. The database is unchanged; try again.");
        assert_no_swedish("refusal", &run.stderr);
    }
    wrong.run(&["verify"]).assert_refused("fel: Fel lösenfras");
    // The option wins over the environment, as clap has it.
    wrong
        .clone()
        .env("FRISTAD_LANGUAGE", "en")
        .run(&["--language", "sv", "verify"])
        .assert_refused("fel: Fel lösenfras");
    // The program's own refusals too.
    let (_tmp, dir, cli) = new_store("x");
    let english = cli.clone().env("FRISTAD_LANGUAGE", "en");
    english
        .run(&["settings", "set", "--night-counting", "ibland"])
        .assert_refused("error: That is not a valid value for --night-counting.");
    english
        .run(&["settings", "set", "--round-totals", "kanske"])
        .assert_refused("enter yes or no");
    english
        .run(&["account", "add", "--username", "u", "--name", "N", "--role", "boss"])
        .assert_refused("Unknown role. Choose staff, manager or admin.");
    Cli::with_keyring(&dir)
        .env("FRISTAD_LANGUAGE", "en")
        .run(&["verify"])
        .assert_refused("error: The database is protected with a passphrase.");
}

#[test]
fn lines_and_listings_are_english_when_asked_and_json_is_the_same() {
    let (_tmp, dir, cli) = new_store("x");
    import_placement(&cli, &dir);
    cli.add_account("anna.admin", "Testa Exempelsdotter", "admin");
    cli.add_account("sam.staff", "Sam Exempel", "staff");
    cli.run(&["account", "disable", "--username", "sam.staff"]).assert_ok();
    cli.run(&["invoice", "run", "--through", "2026-03-31"]).assert_ok();
    let english = cli.clone().env("FRISTAD_LANGUAGE", "en");

    let accounts = english.run(&["account", "list"]);
    accounts.assert_ok();
    assert!(accounts.stdout.contains("Administrator"), "{}", accounts.stdout);
    assert!(accounts.stdout.contains("Staff"), "{}", accounts.stdout);
    assert!(accounts.stdout.contains("(disabled)"), "{}", accounts.stdout);
    assert_no_swedish("account list", &accounts.stdout);
    let swedish = cli.run(&["account", "list"]);
    assert!(swedish.stdout.contains("Administratör"), "{}", swedish.stdout);
    assert!(swedish.stdout.contains("(avstängt)"), "{}", swedish.stdout);

    let invoices = english.run(&["invoice", "list"]);
    invoices.assert_ok();
    assert!(invoices.stdout.contains("Placement  "), "{}", invoices.stdout);
    assert!(invoices.stdout.contains("Annan kommun"), "{}", invoices.stdout);
    assert!(invoices.stdout.contains("  due "), "{}", invoices.stdout);
    assert_no_swedish("invoice list", &invoices.stdout);
    let swedish = cli.run(&["invoice", "list"]);
    assert!(swedish.stdout.contains("  förfaller "), "{}", swedish.stdout);
    assert_eq!(
        swedish.stdout.lines().count(),
        invoices.stdout.lines().count(),
        "{}",
        swedish.stdout
    );

    for (args, english_part) in [
        (&["verify"][..], "The database is whole"),
        (&["audit", "verify"][..], "The access log is whole"),
        (&["agreement", "show"][..], "Last day to give notice"),
        (&["retention", "preview"][..], "Removed by a run today"),
        (
            &["settings", "set", "--payment-terms-days", "30"][..],
            "Nothing changed.",
        ),
    ] {
        let run = english.run(args);
        run.assert_ok();
        assert!(run.stdout.contains(english_part), "{args:?}: {}", run.stdout);
        // The agreement's own title and terms are data, in the language they were written in.
        if args[0] != "agreement" {
            assert_no_swedish(&args.join(" "), &run.stdout);
        }
    }

    // JSON is data: the same in both languages.
    for args in [
        &["invoice", "list", "--json"][..],
        &["account", "list", "--json"],
        &["verify", "--json"],
    ] {
        assert_eq!(
            english.run(args).assert_ok().stdout,
            cli.run(args).assert_ok().stdout,
            "{args:?}"
        );
    }
}

#[test]
fn a_password_asked_for_in_english() {
    let (_tmp, _dir, cli) = new_store("x");
    // Without FRISTAD_NEW_PASSWORD and without a terminal, the program says how to give it.
    cli.env("FRISTAD_LANGUAGE", "en")
        .run(&["account", "add", "--username", "u", "--name", "N", "--role", "staff"])
        .assert_refused("error: Set the password in FRISTAD_NEW_PASSWORD or run the command in a terminal.");
}
