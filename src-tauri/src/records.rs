//! Small rules shared by every register: record keys and required text.

use crate::error::{Error, Result};
use crate::msg;
use crate::text::Message;

/// A record's key as files and screens name it (`boras`, `P1`, `W1`): 1–40 letters, digits,
/// `-`, `_` or `.`. Keys are what imports match on, so they never contain spaces.
pub fn check_key(field: &str, text: &str) -> Result<String> {
    let key = text.trim();
    let ok = !key.is_empty()
        && key.chars().count() <= 40
        && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        return Err(Error::invalid(field, msg!("error.records.key")));
    }
    Ok(key.to_owned())
}

/// Required text, trimmed, at most `max` characters. `label` (a `msg!`) names the text in
/// the messages: «Ange {label}.»
pub fn required(field: &str, label: Message, text: &str, max: usize) -> Result<String> {
    if text.trim().is_empty() {
        return Err(Error::invalid(field, msg!("error.records.required", label = label)));
    }
    optional(field, label, text, max)
}

/// Whether a character has no place in text people type: control characters other than line
/// breaks and tabs (NUL among them), and the invisible marks that make text run the other way
/// (so that a name could be shown as something else than it is).
fn hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Optional text, trimmed, at most `max` characters, with nothing hidden in it.
pub fn optional(field: &str, label: Message, text: &str, max: usize) -> Result<String> {
    let t = text.trim();
    if t.chars().any(hidden) {
        return Err(Error::invalid(
            field,
            msg!("error.records.hidden_characters", label = label.capitalised()),
        ));
    }
    if t.chars().count() > max {
        return Err(Error::invalid(
            field,
            msg!("error.records.too_long", label = label.capitalised(), max = max),
        ));
    }
    Ok(t.to_owned())
}

/// A date typed as `ÅÅÅÅ-MM-DD`, read with a Swedish message naming the field.
pub fn date(field: &str, text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, msg!("error.records.date")))
}

/// A new pseudonymous key: a letter for the kind and six characters that are easy to read
/// aloud and copy (no 0/O or 1/I), drawn at random so that it says nothing about the person.
pub fn generate_key(prefix: char) -> Result<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).map_err(|e| Error::new(crate::Code::Io, msg!("error.records.random", reason = e)))?;
    let tail: String = bytes
        .iter()
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect();
    Ok(format!("{prefix}-{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_plain_words() {
        assert_eq!(check_key("key", " P1 ").unwrap(), "P1");
        assert_eq!(check_key("key", "boras").unwrap(), "boras");
        for bad in ["", "två ord", "a/b", &"x".repeat(41)] {
            assert_eq!(
                check_key("key", bad).unwrap_err().field.as_deref(),
                Some("key"),
                "{bad}"
            );
        }
        let generated = generate_key('K').unwrap();
        // A name with NUL or a right-to-left override in it is refused, naming the field.
        for bad in ["Ann\u{0}a", "Anna \u{202e}nossraK", "\u{2066}Anna"] {
            let e = required("name", msg!("label.people.name"), bad, 60).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("name"));
            assert!(!e.message.contains("Ann"), "{}", e.message);
        }
        assert!(optional("body", msg!("label.journal.body"), "rad ett\nrad två\tflik", 100).is_ok());
        assert_eq!(generated.len(), 8);
        assert!(check_key("key", &generated).is_ok());
    }
}
