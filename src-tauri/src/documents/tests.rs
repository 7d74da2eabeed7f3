//! The module graph has no circle between billing and documents: `billing` decides and stores,
//! and calls the renderers and the signing here; `documents` knows of billing only the invoice it
//! renders. A source scan of this folder keeps it so.

use std::path::Path;

/// The places in `text` where the billing module is named other than as `crate::billing::invoice`
/// (the one allowed), by line number.
fn billing_uses_other_than_the_invoice(text: &str) -> Vec<(usize, String)> {
    let allowed = "crate::billing::invoice";
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        let mut offset = 0;
        while let Some(at) = rest.find("billing") {
            let start = offset + at;
            let end = start + "billing".len();
            let before = &line[..start];
            let after = &line[end..];
            let ident = |c: char| c.is_alphanumeric() || c == '_';
            let whole_word = !before.chars().next_back().is_some_and(ident) && !after.chars().next().is_some_and(ident);
            // A path or a `use` of the module (the name after `::`, before `::`, in a `{…}`
            // list, before `;` or `as`). The Peppol identifiers, with single colons, are neither.
            let named = before.ends_with("::")
                || after.starts_with("::")
                || before.trim_end().ends_with(['{', ','])
                || after.trim_start().starts_with([',', ';', '}'])
                || after.trim_start().starts_with("as ");
            let is_allowed = line.get(start.saturating_sub("crate::".len())..).is_some_and(|from| {
                from.starts_with(allowed) && !from[allowed.len()..].chars().next().is_some_and(ident)
            });
            if whole_word && named && !is_allowed {
                found.push((i + 1, line.trim().to_owned()));
            }
            offset = end;
            rest = &line[end..];
        }
    }
    found
}

#[test]
fn documents_name_nothing_of_billing_but_the_invoice() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/documents");
    let mut scanned = 0;
    let mut allowed_seen = 0;
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        scanned += 1;
        allowed_seen += text.matches("crate::billing::invoice").count();
        for (line, code) in billing_uses_other_than_the_invoice(&text) {
            wrong.push(format!("{}:{line}: {code}", path.display()));
        }
    }
    // The scan saw the renderers and their one allowed dependency, so it cannot pass on nothing.
    assert!(
        scanned >= 5 && allowed_seen >= 3,
        "scanned {scanned} files, {allowed_seen} uses of the invoice"
    );
    assert!(
        wrong.is_empty(),
        "documents/ renders and billing/ decides and stores: documents/ may name only \
         crate::billing::invoice (the queue of due documents and the issued documents are in \
         billing/), so that the module graph has no circle. Found:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_scan_finds_every_way_of_naming_billing() {
    // Written with BILLING for the module's name, so that this file passes its own scan.
    let scan = |code: &str| billing_uses_other_than_the_invoice(&code.replace("BILLING", "billing"));
    let caught = |code: &str| !scan(code).is_empty();
    assert!(caught("use crate::BILLING::register::Entry;"));
    assert!(caught("use crate::BILLING::{invoice::Invoice, register};"));
    assert!(caught("use crate::{BILLING::register, error::Result};"));
    assert!(caught("use crate::{error::Result, BILLING};"));
    assert!(caught("use crate::BILLING;"));
    assert!(caught("use crate::BILLING as b;"));
    assert!(caught("use super::super::BILLING::register;"));
    assert!(caught("let e = crate::BILLING::register::entry(conn, id, today)?;"));
    assert!(caught("use crate::BILLING::invoices_extra::X;"));
    assert!(!caught("use crate::BILLING::invoice::{Invoice, Kind};"));
    assert!(!caught(
        "const PROFILE: &str = \"urn:fdc:peppol.eu:2017:poacc:BILLING:01:1.0\";"
    ));
    assert!(!caught("// the BILLING settings"));
    assert!(caught("pub use crate::BILLING::due_documents as due;"));
}
