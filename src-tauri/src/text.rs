//! Texts the program itself shows, in Swedish and English, from the catalogues in
//! src-tauri/locales/ (flat JSON: key → text). So far the labels of the fixed lists; the
//! program's messages and the documents' headings are still Swedish in the code.
//!
//! Swedish is what documents, reports and fristad-cli use; the window asks for its language.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

static SV: &str = include_str!("../locales/sv.json");
static EN: &str = include_str!("../locales/en.json");

fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static TABLES: OnceLock<[HashMap<String, String>; 2]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        // Checked by the tests below: a broken catalogue never reaches a build that is shipped.
        let read = |json: &str| serde_json::from_str(json).expect("a catalogue in src-tauri/locales/");
        [read(SV), read(EN)]
    });
    match lang {
        Lang::Sv => &tables[0],
        Lang::En => &tables[1],
    }
}

/// The text for `key` in `lang`; Swedish when English lacks it, the key itself when both do
/// (a programming error the tests catch).
pub fn text(lang: Lang, key: &'static str) -> &'static str {
    catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::Sv).get(key))
        .map(String::as_str)
        .unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys_and_no_empty_text() {
        let (sv, en) = (catalogue(Lang::Sv), catalogue(Lang::En));
        let mut sv_keys: Vec<_> = sv.keys().collect();
        let mut en_keys: Vec<_> = en.keys().collect();
        sv_keys.sort();
        en_keys.sort();
        assert_eq!(sv_keys, en_keys);
        assert!(sv.values().chain(en.values()).all(|t| !t.trim().is_empty()));
    }
}
