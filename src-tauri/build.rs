// The bundled SQLCipher exports `sqlite3_*` symbols; without this, WebKit and libsoup in the
// window would run against them instead of the system SQLite. Keep them private to the program.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    }
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
