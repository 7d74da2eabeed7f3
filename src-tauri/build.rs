// The bundled SQLCipher exports `sqlite3_*` symbols; without this, WebKit and libsoup in the
// window would run against them instead of the system SQLite. Keep them private to the program.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    }
    catalogues();
    #[cfg(feature = "desktop")]
    desktop();
}

#[cfg(feature = "desktop")]
fn desktop() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&include!("src/desktop/command_names.in"))),
    )
    .expect("tauri-build");
}

/// The program's text catalogues, one JSON file per part in locales/<lang>/, joined into one
/// JSON array per language for `text.rs` to include (src/text.rs checks and merges them).
fn catalogues() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    for lang in ["sv", "en"] {
        let dir = std::path::Path::new("locales").join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("locales/<lang>/")
            .map(|e| e.expect("a catalogue file").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        let mut joined = String::from("[");
        for (i, file) in files.iter().enumerate() {
            println!("cargo:rerun-if-changed={}", file.display());
            if i > 0 {
                joined.push(',');
            }
            joined.push_str(&std::fs::read_to_string(file).expect("a catalogue file"));
        }
        joined.push(']');
        std::fs::write(out.join(format!("{lang}.json")), joined).expect("the joined catalogue");
    }
}
