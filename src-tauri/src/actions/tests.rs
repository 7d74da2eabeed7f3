//! The front ends go through the actions: read from the sources, so that a window command or a
//! CLI subcommand that writes the store or the access log by itself fails here, and so does an
//! action name the permission table does not know.

use crate::permissions;
use std::path::{Path, PathBuf};

/// A file of tests only (`tests/`, `*tests.rs`).
fn is_tests(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "tests")
        || path.file_stem().is_some_and(|s| s.to_string_lossy().ends_with("tests"))
}

fn sources(under: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") && !is_tests(&path) {
                let text = std::fs::read_to_string(&path).expect("a source file");
                // What a file's own tests do is not the program's.
                let program = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
                found.push((path, program));
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(under),
        &mut found,
    );
    assert!(!found.is_empty(), "no sources under {under}");
    found
}

/// The front ends: the window's commands and fristad-cli.
fn front_ends() -> Vec<(PathBuf, String)> {
    let mut all = sources("desktop");
    all.extend(sources("bin"));
    all
}

/// The first string literal after each `call` in `text`, within `reach` characters, when it
/// looks like an action's name (the action is each call's first literal).
fn names_after<'a>(text: &'a str, call: &str, reach: usize) -> Vec<&'a str> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices(call) {
        let window = &text[at + call.len()..];
        let end = window.char_indices().nth(reach).map_or(window.len(), |(i, _)| i);
        let mut parts = window[..end].split('"');
        parts.next();
        // A literal is whole when its closing quote is within reach.
        if let (Some(literal), Some(_)) = (parts.next(), parts.next())
            && !literal.is_empty()
            && literal.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            names.push(literal);
        }
    }
    names
}

#[test]
fn no_front_end_writes_the_store_or_the_access_log_but_through_an_action() {
    // `Store::write` takes a closure (a file's `write` takes bytes); the log is written by
    // `audit::record` with an `Event`; a transaction of one's own would be the same thing.
    let forbidden = [
        "audit::record(",
        "Event::new(",
        ".write(|",
        ".transaction(",
        "transaction_with_behavior(",
        ".execute(",
        ".execute_batch(",
    ];
    let mut found = Vec::new();
    for (path, text) in front_ends() {
        for f in forbidden {
            if text.contains(f) {
                found.push(format!("{}: {f}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "written outside crate::actions:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_action_the_front_ends_and_the_core_name_is_in_the_permission_table() {
    let mut unknown = Vec::new();
    let calls = [
        ("logged(", 160),
        (".change(", 60),
        ("may(&who, ", 120),
        ("open_as(", 200),
        ("perform(", 200),
        ("for_person(", 200),
        ("key_holder_did(", 80),
    ];
    for (path, text) in front_ends() {
        for (call, reach) in calls {
            for name in names_after(&text, call, reach) {
                if !permissions::is_known(name) {
                    unknown.push(format!("{}: {name}", path.display()));
                }
            }
        }
    }
    // And every action the core logs by name itself.
    for (path, text) in sources("") {
        for name in names_after(&text, "Event::new(", 80) {
            if !permissions::is_known(name) {
                unknown.push(format!("{}: {name}", path.display()));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "not in permissions::ACTIONS:\n{}",
        unknown.join("\n")
    );
    // The scan itself finds what it looks for.
    let cli = front_ends()
        .into_iter()
        .find(|(p, _)| p.ends_with("invoice.rs"))
        .expect("fristad-cli's invoice commands");
    assert!(names_after(&cli.1, "logged(", 160).contains(&"invoice_issue"));
    assert!(names_after(&cli.1, "may(&who, ", 120).contains(&"invoices_list"));
}

#[test]
fn the_core_keeps_no_language_of_its_own() {
    // The window's language lives in desktop/language.rs; everything else is passed a language.
    let kept: Vec<String> = sources("")
        .into_iter()
        .filter(|(path, _)| !path.components().any(|c| c.as_os_str() == "desktop"))
        .filter(|(_, text)| text.contains("window_language") || text.contains("AtomicU8"))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(
        kept.is_empty(),
        "a language kept outside desktop/:\n{}",
        kept.join("\n")
    );
}

/// SQLCipher's start-up must finish before any second connection is opened (`store::connect`).
#[test]
fn every_connection_is_opened_through_store_connect() {
    let direct: Vec<String> = sources("")
        .into_iter()
        .filter(|(path, text)| !path.ends_with("store/mod.rs") && text.contains("Connection::open"))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(direct.is_empty(), "opened without store::connect: {direct:?}");
}
