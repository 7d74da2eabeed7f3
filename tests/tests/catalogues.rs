//! The window's message catalogues (ui/locales/*.js): Swedish and English have the same keys and
//! the same `{placeholders}`, every key the code asks for exists, none is left unused, and a part
//! of the window that has a catalogue holds no Swedish text of its own any more.

use fristad_tests::workspace_dir;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Catalogue = BTreeMap<String, BTreeMap<String, String>>;

/// A catalogue module: comment lines, then `export const TEXT = {JSON};`.
fn catalogue(path: &Path) -> Catalogue {
    let source = std::fs::read_to_string(path).unwrap();
    let body = source
        .split_once("export const TEXT = ")
        .unwrap_or_else(|| panic!("{}: no `export const TEXT = `", path.display()))
        .1
        .trim_end()
        .trim_end_matches(';');
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        match rest[start..].find('}') {
            Some(end) => {
                found.insert(rest[start + 1..start + end].to_owned());
                rest = &rest[start + end + 1..];
            }
            None => break,
        }
    }
    found
}

/// The UI's own code files (not the catalogues, not the help texts).
fn code_files() -> Vec<PathBuf> {
    let ui = workspace_dir().join("ui");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&ui)
        .unwrap()
        .chain(std::fs::read_dir(ui.join("screens")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .filter(|p| p.file_name().unwrap() != "help.js")
        .collect();
    files.sort();
    files
}

/// The keys a code file asks its translator for: `t('key'` (always a literal key).
fn keys_used(source: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (i, _) in source.match_indices("t('") {
        let before = source[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let rest = &source[i + 3..];
        if let Some(end) = rest.find('\'') {
            used.insert(rest[..end].to_owned());
        }
    }
    used
}

/// String literals in code that hold Swedish letters: texts that belong in a catalogue.
fn swedish_literals(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//") && !l.trim_start().starts_with('*'))
        .filter(|l| l.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']))
        .map(|l| l.trim().to_owned())
        .collect()
}

#[test]
fn swedish_and_english_say_the_same_things_and_every_key_is_there() {
    let locales = workspace_dir().join("ui/locales");
    let mut problems = Vec::new();
    let mut with_catalogue = BTreeSet::new();
    for entry in std::fs::read_dir(&locales).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = catalogue(&path);
        let (Some(sv), Some(en)) = (text.get("sv"), text.get("en")) else {
            problems.push(format!("{name}: needs both sv and en"));
            continue;
        };
        for key in sv.keys().filter(|k| !en.contains_key(*k)) {
            problems.push(format!("{name}: «{key}» has no English"));
        }
        for key in en.keys().filter(|k| !sv.contains_key(*k)) {
            problems.push(format!("{name}: «{key}» has no Swedish"));
        }
        for (key, text) in sv {
            if let Some(english) = en.get(key)
                && placeholders(text) != placeholders(english)
            {
                problems.push(format!("{name}: «{key}» has other placeholders in English"));
            }
        }
        // The code that uses this catalogue: the files importing it.
        let mut used = BTreeSet::new();
        for file in code_files() {
            let source = std::fs::read_to_string(&file).unwrap();
            if source.contains(&format!("locales/{name}'")) {
                used.extend(keys_used(&source));
                with_catalogue.insert(file);
            }
        }
        if name == "app.js" {
            // The frame's markup names its texts by key (`data-i18n="…"`); app.js fills them in.
            let html = std::fs::read_to_string(workspace_dir().join("ui/index.html")).unwrap();
            for (i, _) in html.match_indices("data-i18n") {
                let rest = &html[i..];
                if let Some(start) = rest.find("=\"") {
                    let value = &rest[start + 2..];
                    used.insert(value[..value.find('"').unwrap()].to_owned());
                }
            }
        }
        for key in used.iter().filter(|k| !sv.contains_key(*k)) {
            problems.push(format!("{name}: «{key}» is used but not in the catalogue"));
        }
        for key in sv.keys().filter(|k| !used.contains(*k)) {
            problems.push(format!("{name}: «{key}» is never used"));
        }
    }
    // A file with a catalogue keeps no Swedish text of its own; the others are still to do.
    let mut still_swedish = Vec::new();
    for file in code_files() {
        let source = std::fs::read_to_string(&file).unwrap();
        let literals = swedish_literals(&source);
        let name = file.strip_prefix(workspace_dir()).unwrap().display().to_string();
        if with_catalogue.contains(&file) {
            for line in literals {
                problems.push(format!("{name}: Swedish text outside the catalogue: {line}"));
            }
        } else if !literals.is_empty() {
            still_swedish.push(format!("{name} ({} lines)", literals.len()));
        }
    }
    let html = std::fs::read_to_string(workspace_dir().join("ui/index.html")).unwrap();
    for line in swedish_literals(&html) {
        problems.push(format!("ui/index.html: Swedish text in the markup: {line}"));
    }
    if !still_swedish.is_empty() {
        eprintln!("not yet in catalogues: {}", still_swedish.join(", "));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
