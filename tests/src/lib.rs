//! Helpers for Fristad's black-box tests: running the built programs, the outside checkers,
//! and the real desktop window through WebDriver.
//!
//! The programs are the ones `make test` builds into `target/debug` (override with
//! `FRISTAD_BIN_DIR`). Every person in these tests is synthetic.

pub mod desktop;
pub mod processes;
pub mod sie;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The instant every test takes as "now", in Swedish time: a weekday morning, so that no test
/// run crosses midnight. The programs are told it through `FRISTAD_TEST_NOW` (a build with the
/// `test-clock` feature obeys it: see `fristad::clock::now`), and the tests' own expectations
/// ("today", "last month") are counted from [`now`], so no outcome depends on the real date.
pub const NOW: &str = "2026-12-07T10:00:00+01:00";

/// The tests' clock: [`NOW`] when the test process first asked, running on from there, so that
/// the programs one test starts one after another see time go forward as it really does.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    let start = START.get_or_init(Instant::now);
    let given = chrono::DateTime::parse_from_rfc3339(NOW).expect("NOW is an instant");
    given.with_timezone(&chrono::Utc) + chrono::Duration::from_std(start.elapsed()).unwrap_or_default()
}

/// Today's date in Sweden by the tests' clock.
pub fn today() -> chrono::NaiveDate {
    fristad::clock::swedish_date(now())
}

/// The variable that sets a test build's clock, and its value for a program started now.
pub fn test_clock_env() -> (&'static str, String) {
    (
        "FRISTAD_TEST_NOW",
        now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    )
}

pub fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

/// A program built by `make test`.
pub fn program(name: &str) -> PathBuf {
    let dir = std::env::var_os("FRISTAD_BIN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_dir().join("target/debug"));
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is missing: run `make test` (or `cargo build --bins`) first",
        path.display()
    );
    path
}

/// A tool `scripts/install-deps.sh test` puts under target/tools/.
fn installed_tool(relative: &str) -> PathBuf {
    let path = workspace_dir().join("target/tools").join(relative);
    assert!(
        path.exists(),
        "{} is missing: run scripts/install-deps.sh test",
        path.display()
    );
    path
}

/// axe-core, the accessibility checker the window tests run on every screen.
pub fn axe_core() -> PathBuf {
    installed_tool("axe/node_modules/axe-core/axe.min.js")
}

/// Where tests put what a person should look at: screenshots, PDFs.
pub fn artifacts_dir(kind: &str) -> PathBuf {
    let dir = workspace_dir().join("target/test-artifacts").join(kind);
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

/// The Python with the outside checkers (`scripts/install-deps.sh test` makes it).
pub fn python() -> PathBuf {
    installed_tool("venv/bin/python")
}

/// Runs a Python snippet with arguments; returns its output.
pub fn run_python(code: &str, args: &[&str]) -> Output {
    Command::new(python())
        .arg("-c")
        .arg(code)
        .args(args)
        .output()
        .expect("python runs")
}

/// `fristad-cli init` arguments for a synthetic shelter.
pub const SYNTHETIC_ORG: [&str; 9] = [
    "--org-name",
    "Kvinno- och tjejjouren Exempelstad",
    "--org-number",
    "802000-0009",
    "--address",
    "Box 1, 123 45 Exempelstad",
    "--bankgiro",
    "5050-1055",
    "--f-skatt",
];

/// `fristad-cli` on one data folder, in passphrase mode unless told otherwise.
/// A new store behind `passphrase` in a temporary folder's `data`, with the synthetic
/// organisation: the folder (kept while the first value lives), the data folder, and its CLI.
pub fn new_store(passphrase: &str) -> (tempfile::TempDir, PathBuf, Cli) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, passphrase);
    cli.run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat()).assert_ok();
    (tmp, dir, cli)
}

/// The password of every account the tests make (synthetic, like everything in them).
pub const TEST_PASSWORD: &str = "testlösenord för fönstret";

/// The administrator that `init` makes from the tests' FRISTAD_USER and FRISTAD_PASSWORD, and
/// whom fristad-cli signs in as unless a test says otherwise (with [`TEST_PASSWORD`]).
pub const TEST_ADMIN: &str = "kontoret";

#[derive(Clone)]
pub struct Cli {
    pub data_dir: PathBuf,
    passphrase: Option<String>,
    /// Who fristad-cli signs in as (FRISTAD_USER, FRISTAD_PASSWORD); none: neither is set.
    account: Option<(String, String)>,
    extra_env: Vec<(String, String)>,
}

/// What a command did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.code == 0
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn assert_refused(&self, message_part: &str) -> &Self {
        assert_ne!(self.code, 0, "expected a refusal\nstdout: {}", self.stdout);
        assert!(
            self.stderr.contains(message_part),
            "expected «{message_part}» in stderr: {}",
            self.stderr
        );
        self
    }
}

impl Cli {
    pub fn with_passphrase(data_dir: &Path, passphrase: &str) -> Cli {
        Cli {
            data_dir: data_dir.to_path_buf(),
            passphrase: Some(passphrase.into()),
            account: Some((TEST_ADMIN.into(), TEST_PASSWORD.into())),
            extra_env: Vec::new(),
        }
    }

    /// Keyring mode: `FRISTAD_PASSPHRASE` is removed from the environment.
    pub fn with_keyring(data_dir: &Path) -> Cli {
        Cli {
            data_dir: data_dir.to_path_buf(),
            passphrase: None,
            account: Some((TEST_ADMIN.into(), TEST_PASSWORD.into())),
            extra_env: Vec::new(),
        }
    }

    /// Signs in as this account instead of [`TEST_ADMIN`].
    pub fn as_user(mut self, username: &str, password: &str) -> Cli {
        self.account = Some((username.into(), password.into()));
        self
    }

    /// Gives fristad-cli no account to sign in as (nor, at `init`, a first administrator).
    pub fn signed_out(mut self) -> Cli {
        self.account = None;
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Cli {
        self.extra_env.push((key.into(), value.into()));
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    /// Imports `tests/fixtures/import-example.json` (a synthetic placement P1: W1 and her child C1).
    pub fn import_example(&self) {
        let fixture = workspace_dir().join("tests/fixtures/import-example.json");
        self.run(&["import", fixture.to_str().unwrap()]).assert_ok();
    }

    /// Adds an account for the window (role: staff, manager or admin) with [`TEST_PASSWORD`].
    pub fn add_account(&self, username: &str, name: &str, role: &str) {
        let mut cli = self.clone();
        cli.extra_env
            .push(("FRISTAD_NEW_PASSWORD".into(), TEST_PASSWORD.into()));
        cli.run(&["account", "add", "--username", username, "--name", name, "--role", role])
            .assert_ok();
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut cmd = Command::new(program("fristad-cli"));
        cmd.arg("--data-dir").arg(&self.data_dir).args(args);
        cmd.env_remove("FRISTAD_PASSPHRASE")
            .env_remove("FRISTAD_DATA_DIR")
            .env_remove("FRISTAD_RECOVERY_KEY")
            .env_remove("FRISTAD_LANGUAGE")
            .env_remove("FRISTAD_USER")
            .env_remove("FRISTAD_PASSWORD");
        if let Some(p) = &self.passphrase {
            cmd.env("FRISTAD_PASSPHRASE", p);
        }
        if let Some((user, password)) = &self.account {
            cmd.env("FRISTAD_USER", user).env("FRISTAD_PASSWORD", password);
        }
        // The tests' clock, unless this test gave the program a time of its own.
        let (clock, at) = test_clock_env();
        cmd.env(clock, at);
        for (k, v) in &self.extra_env {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("fristad-cli starts");
        {
            use std::io::Write;
            let mut input = child.stdin.take().expect("stdin");
            input.write_all(stdin.as_bytes()).expect("stdin written");
        }
        let out = child.wait_with_output().expect("fristad-cli ends");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The recovery key line that `init` prints: sixteen groups of four hex digits.
pub fn recovery_key_line(init_stdout: &str) -> String {
    init_stdout
        .lines()
        .find(|l| {
            let groups: Vec<&str> = l.split(' ').collect();
            groups.len() == 16
                && groups
                    .iter()
                    .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit()))
        })
        .unwrap_or_else(|| panic!("no recovery key line in: {init_stdout}"))
        .to_owned()
}

/// The 64 hex digits of a recovery key however it was grouped.
pub fn recovery_hex(line: &str) -> String {
    line.chars().filter(|c| c.is_ascii_hexdigit()).collect()
}

/// Opens the database with SQLCipher 4 from outside (Python's sqlcipher3) and runs `sql`;
/// returns the first column of every row as text, or the error.
pub fn sqlcipher_query(db: &Path, hex_key: &str, sql: &str) -> Result<Vec<String>, String> {
    let code = r#"
import sys, sqlcipher3
con = sqlcipher3.connect(sys.argv[1])
con.execute("PRAGMA key = \"x'" + sys.argv[2] + "'\"")
try:
    for row in con.execute(sys.argv[3]).fetchall():
        print(row[0])
    con.commit()
except Exception as e:
    print(e, file=sys.stderr)
    sys.exit(3)
"#;
    let out = run_python(code, &[db.to_str().unwrap(), hex_key, sql]);
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Flips one bit of the byte at `offset`.
pub fn flip_byte(path: &Path, offset: usize) {
    let mut bytes = std::fs::read(path).expect("read");
    bytes[offset] ^= 0x01;
    std::fs::write(path, bytes).expect("write");
}

/// Whether `needle` occurs in the file's bytes.
pub fn file_contains(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The next last day for notice that the Borås agreement should show on `today`: periods end
/// on 31 December of 2024, 2027, 2030, …, and notice is due nine months earlier, on 31 March of
/// that year; once a year's deadline has passed, the next one is three years on. Counted here
/// independently of the program.
pub fn boras_notice_deadline(today: chrono::NaiveDate) -> String {
    let mut end_year = 2024;
    while chrono::NaiveDate::from_ymd_opt(end_year, 3, 31).unwrap() < today {
        end_year += 3;
    }
    format!("{end_year}-03-31")
}

/// Runs the official Peppol BIS Billing 3.0 rules (scripts/validate-peppol) on files; returns
/// its report, and whether every file passed with no fatal error.
pub fn validate_peppol(files: &[PathBuf]) -> (bool, String) {
    let out = Command::new(workspace_dir().join("scripts/validate-peppol"))
        .args(files)
        .output()
        .expect("validate-peppol runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), report)
}

/// Saves every invoice and credit note issued this month in a store, PDF and XML, to `dir`;
/// returns the XML files.
pub fn export_this_month(cli: &Cli, dir: &Path) -> Vec<PathBuf> {
    let month = today().format("%Y-%m").to_string();
    cli.run(&["invoice", "export", "--month", &month, "--dir", dir.to_str().unwrap()])
        .assert_ok();
    let mut xml: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    xml.sort();
    xml
}

/// A PDF's text as `pdftotext -layout` reads it (poppler-utils, installed by scripts/install-deps.sh).
pub fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
