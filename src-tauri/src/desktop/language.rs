//! The window's language: the one place that keeps it. The window says it (`set_language`), and
//! what the program sends the window (labels, and the messages of errors) is rendered in it here;
//! the core takes a language wherever it words something, and keeps none.

use crate::error::Error;
use crate::text::Lang;
use serde::Serialize;
use std::sync::atomic::{AtomicU8, Ordering};

static WINDOW: AtomicU8 = AtomicU8::new(0);

/// The language of the window (one per program: the office's one screen).
pub fn set_window_language(lang: Lang) {
    WINDOW.store(lang as u8, Ordering::Relaxed);
}

/// The window's language; Swedish until the window says otherwise.
pub fn window_language() -> Lang {
    match WINDOW.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Sv,
    }
}

impl Serialize for Error {
    /// As the window reads it: `{code, message, field}`, the message in the window's language.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Error", 3)?;
        out.serialize_field("code", &self.code)?;
        out.serialize_field("message", &self.in_lang(window_language()))?;
        if let Some(field) = &self.field {
            out.serialize_field("field", field)?;
        }
        out.end()
    }
}
