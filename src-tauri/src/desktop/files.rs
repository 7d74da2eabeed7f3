//! Files the window writes for the user: through the system's save and folder dialogs, and
//! documents opened in the system's PDF viewer for printing. Printed documents go to a private
//! folder inside the data folder, emptied when the program starts and when it closes.

use crate::data_dir::DataDir;
use crate::error::{Code, Error, Result};
use crate::saved_file::Existing;
use std::path::{Path, PathBuf};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

const PRINT_FOLDER: &str = "utskrifter";

/// Asks where to save; `None` when the user cancels.
pub fn save_dialog(
    app: &tauri::AppHandle,
    title: &str,
    file_name: &str,
    filter: (&str, &[&str]),
) -> Result<Option<PathBuf>> {
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .set_file_name(file_name)
        .blocking_save_file();
    chosen
        .map(|p| {
            p.into_path()
                .map_err(|_| Error::new(Code::Io, crate::msg!("error.desktop.save_location")))
        })
        .transpose()
}

/// Asks for a folder; `None` when the user cancels.
pub fn folder_dialog(app: &tauri::AppHandle, title: &str) -> Result<Option<PathBuf>> {
    let chosen = app.dialog().file().set_title(title).blocking_pick_folder();
    chosen
        .map(|p| {
            p.into_path()
                .map_err(|_| Error::new(Code::Io, crate::msg!("error.desktop.folder_unusable")))
        })
        .transpose()
}

/// Asks for a file to open; `None` when the user cancels.
pub fn open_dialog(app: &tauri::AppHandle, title: &str, filter: (&str, &[&str])) -> Result<Option<PathBuf>> {
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file();
    chosen
        .map(|p| {
            p.into_path()
                .map_err(|_| Error::new(Code::Io, crate::msg!("error.desktop.file_unreadable")))
        })
        .transpose()
}

/// Saves a file where the save dialog said. The dialog has asked before replacing a file, so
/// one there is replaced; but never in a data folder, nor over a store or a backup (see
/// [`crate::saved_file`]).
pub fn write(dir: &DataDir, path: &Path, bytes: &[u8]) -> Result<()> {
    crate::saved_file::save(path, dir, Existing::Replace, bytes).map(|_| ())
}

/// The session's data folder (the session is not held afterwards).
pub fn data_dir(session: &super::session::Session) -> DataDir {
    session.lock().dir.clone()
}

/// A document for the PDF viewer, in the program's own folder of printed documents (the same
/// name printed again replaces the earlier copy).
fn write_printed(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::backup::files::write_whole(path, bytes, true)
        .map_err(|e| Error::io(crate::msg!("error.desktop.saving_file"), &e))
}

fn print_folder(dir: &DataDir) -> PathBuf {
    dir.path().join(PRINT_FOLDER)
}

/// Empties the folder of printed documents.
pub fn clear_printed(dir: &DataDir) {
    let _ = std::fs::remove_dir_all(print_folder(dir));
}

/// Opens a document in the system's PDF viewer, whose print dialog is one click away.
pub fn open_for_printing(app: &tauri::AppHandle, dir: &DataDir, file_name: &str, pdf: &[u8]) -> Result<()> {
    let folder = print_folder(dir);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(crate::msg!("error.desktop.creating_print_folder"), &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700));
    }
    let path = folder.join(file_name);
    write_printed(&path, pdf)?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| Error::new(Code::Io, crate::msg!("error.desktop.no_pdf_viewer", reason = e)))
}
