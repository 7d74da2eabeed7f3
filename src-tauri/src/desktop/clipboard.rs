//! Copying the recovery key to the clipboard, and taking it off again.
//!
//! The page cannot empty the clipboard later by itself (WebKit allows writing to it only right
//! after a click), so the program does both: it puts the key there, serves it for the set number
//! of seconds, and then empties the clipboard, unless something else was copied meanwhile.

use crate::error::{Code, Error, Result};
use crate::secret::Secret;
use std::time::Duration;

fn unavailable(e: arboard::Error) -> Error {
    Error::new(Code::Io, crate::msg!("error.desktop.clipboard", reason = e))
}

/// Puts `text` on the clipboard and empties it after `clear_after`.
pub fn copy_then_clear(text: Secret<String>, clear_after: Duration) -> Result<()> {
    let mut clipboard = arboard::Clipboard::new().map_err(unavailable)?;
    set(&mut clipboard, text.expose())?;
    // The clipboard object must live while it serves the key (X11 and Wayland ask its owner).
    std::thread::spawn(move || {
        std::thread::sleep(clear_after);
        let still_ours = clipboard.get_text().is_ok_and(|now| now == *text.expose());
        if still_ours {
            let _ = clipboard.clear();
        }
    });
    Ok(())
}

#[cfg(target_os = "linux")]
fn set(clipboard: &mut arboard::Clipboard, text: &str) -> Result<()> {
    use arboard::SetExtLinux;
    clipboard.set().exclude_from_history().text(text).map_err(unavailable)
}

#[cfg(target_os = "windows")]
fn set(clipboard: &mut arboard::Clipboard, text: &str) -> Result<()> {
    use arboard::SetExtWindows;
    clipboard.set().exclude_from_history().text(text).map_err(unavailable)
}

#[cfg(not(any(target_os = "linux", target_os = "windows")))]
fn set(clipboard: &mut arboard::Clipboard, text: &str) -> Result<()> {
    clipboard.set_text(text).map_err(unavailable)
}
