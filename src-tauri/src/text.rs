//! Texts the program itself shows, in Swedish and English, from the catalogues in
//! src-tauri/locales/<lang>/*.json (flat JSON objects: key → text with `{name}` placeholders;
//! one file per part of the program, joined by build.rs).
//!
//! Swedish is what documents, logs, stored data and JSON use. Whoever shows a text chooses its
//! language and passes it in (`Message::render`, `…::label_in`): fristad-cli its `--language`,
//! the window its own choice, which only `desktop/` keeps. The core holds no language of its own.

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

static SV: &str = include_str!(concat!(env!("OUT_DIR"), "/sv.json"));
static EN: &str = include_str!(concat!(env!("OUT_DIR"), "/en.json"));

/// Each catalogue file of a language, as read.
fn files(lang: Lang) -> Vec<HashMap<String, String>> {
    // Checked by the tests below: a broken catalogue never reaches a build that is shipped.
    serde_json::from_str(match lang {
        Lang::Sv => SV,
        Lang::En => EN,
    })
    .expect("the catalogues in src-tauri/locales/")
}

fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static TABLES: OnceLock<[HashMap<String, String>; 2]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| [Lang::Sv, Lang::En].map(|l| files(l).into_iter().flatten().collect()));
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

/// A text from the catalogues with its values, kept so that it can be shown in either
/// language. Made with `msg!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// A value put into a message: plain text (a number, a date, a key), or another catalogue
/// text (a field's label, a reason) rendered in the same language as the message around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Message(Message),
    /// A label that begins the sentence it is put into.
    Capitalised(Message),
}

impl<T: std::fmt::Display> From<T> for Arg {
    fn from(value: T) -> Self {
        Arg::Text(value.to_string())
    }
}

impl From<&Message> for Arg {
    fn from(m: &Message) -> Self {
        Arg::Message(m.clone())
    }
}

impl From<&Arg> for Arg {
    fn from(a: &Arg) -> Self {
        a.clone()
    }
}

impl Message {
    pub fn render(&self, lang: Lang) -> String {
        // One pass over the text: a value that itself holds «{…}» (a name typed that way) is
        // put in as it is, never filled in again.
        let template = text(lang, self.key);
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                self.args
                    .iter()
                    .find(|(name, _)| *name == &after[..close])
                    .map(|a| (close, a))
            });
            match value {
                Some((close, (_, value))) => {
                    match value {
                        Arg::Text(t) => out.push_str(t),
                        Arg::Message(m) => out.push_str(&m.render(lang)),
                        Arg::Capitalised(m) => out.push_str(&capitalised(&m.render(lang))),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// This message as the first words of another's sentence.
    pub fn capitalised(self) -> Arg {
        Arg::Capitalised(self)
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `msg!("error.part.what", name = value, …)`: a catalogue text with its values; a value is
/// anything that can be shown as text, or another `msg!` (rendered in the same language).
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::text::Message {
            key: $key,
            // By reference, as `format!` takes its values: nothing is moved into a message.
            args: vec![$((stringify!($name), $crate::text::Arg::from(&$value))),*],
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_keys_and_placeholders_and_no_key_twice() {
        for lang in [Lang::Sv, Lang::En] {
            let total: usize = files(lang).iter().map(HashMap::len).sum();
            assert_eq!(total, catalogue(lang).len(), "a key in two files of {lang:?}");
        }
        let (sv, en) = (catalogue(Lang::Sv), catalogue(Lang::En));
        let mut problems = Vec::new();
        for (key, text) in sv {
            match en.get(key) {
                None => problems.push(format!("{key}: no English")),
                Some(english) if placeholders(text) != placeholders(english) => {
                    problems.push(format!("{key}: other placeholders in English"))
                }
                Some(english) if english.trim().is_empty() || text.trim().is_empty() => {
                    problems.push(format!("{key}: empty"))
                }
                _ => {}
            }
        }
        problems.extend(
            en.keys()
                .filter(|k| !sv.contains_key(*k))
                .map(|k| format!("{k}: no Swedish")),
        );
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Every `msg!` in the program names a key in the catalogues and gives exactly the values
    /// its text has places for; every key of a message is used somewhere.
    #[test]
    fn every_message_the_program_makes_is_in_the_catalogues() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut sources = Vec::new();
        let mut dirs = vec![src];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("text.rs") {
                    sources.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let sv = catalogue(Lang::Sv);
        let mut problems = Vec::new();
        let mut used = BTreeSet::new();
        for source in &sources {
            for (i, _) in source.match_indices("msg!(") {
                let Some(call) = source[i + 5..].trim_start().strip_prefix('"') else {
                    continue; // the macro's own definition
                };
                let key = &call[..call.find('"').unwrap()];
                used.insert(key.to_owned());
                // The call's own text up to its closing parenthesis, nesting counted.
                let mut depth = 1;
                let end = call
                    .char_indices()
                    .find(|&(_, c)| {
                        match c {
                            '(' => depth += 1,
                            ')' => depth -= 1,
                            _ => {}
                        }
                        depth == 0
                    })
                    .map(|(j, _)| j)
                    .unwrap();
                let mut given = BTreeSet::new();
                let mut level = 0;
                for (j, c) in call[..end].char_indices() {
                    match c {
                        '(' | '[' | '{' => level += 1,
                        ')' | ']' | '}' => level -= 1,
                        ',' if level == 0 => {
                            let arg = call[j + 1..end].trim_start();
                            if let Some((name, _)) = arg.split_once('=') {
                                given.insert(name.trim().to_owned());
                            }
                        }
                        _ => {}
                    }
                }
                match sv.get(key) {
                    None => problems.push(format!("{key}: not in the catalogues")),
                    Some(text) if placeholders(text) != given => {
                        problems.push(format!("{key}: places {:?}, values {given:?}", placeholders(text)))
                    }
                    _ => {}
                }
            }
        }
        // Keys chosen at run time from a table: the program's lists (`kind.`) and the actions'
        // names (`action.`); their own tests check that each has its text.
        for key in sv
            .keys()
            .filter(|k| !k.starts_with("kind.") && !k.starts_with("action.") && !used.contains(*k))
        {
            problems.push(format!("{key}: never used"));
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_message_is_rendered_in_either_language_with_its_values() {
        let m = Message {
            key: "kind.Destination.okant",
            args: vec![],
        };
        assert_eq!(m.render(Lang::Sv), "Okänt");
        assert_eq!(m.render(Lang::En), "Unknown");
    }

    #[test]
    fn a_value_that_looks_like_a_placeholder_is_put_in_as_it_is() {
        let m = crate::msg!("error.records.too_long", label = "{max}", max = 40);
        assert_eq!(m.render(Lang::Sv), "{max} får vara högst 40 tecken.");
    }

    #[test]
    fn a_label_inside_a_message_follows_its_language_and_can_begin_the_sentence() {
        let m = crate::msg!("error.records.required", label = crate::msg!("label.journal.author"));
        assert_eq!(m.render(Lang::Sv), "Ange din signatur.");
        assert_eq!(m.render(Lang::En), "Enter your signature.");
        let m = crate::msg!(
            "error.records.too_long",
            label = crate::msg!("label.journal.author").capitalised(),
            max = 40
        );
        assert_eq!(m.render(Lang::Sv), "Din signatur får vara högst 40 tecken.");
        assert_eq!(m.render(Lang::En), "Your signature may be at most 40 characters.");
    }
}
