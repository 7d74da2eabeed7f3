//! The real desktop window under test: `tauri-driver` (with WebKitWebDriver) starts the built
//! `fristad` program, and the test drives it through WebDriver like a person would: typing,
//! clicking, reading what is on screen, and saving screenshots for people to look at.
//!
//! Needs a display and a D-Bus session with a keyring: `scripts/with-desktop-session.sh`
//! provides both (`make test` uses it). Without them a window's test fails, unless
//! `FRISTAD_SKIP_SESSION_TESTS=1` says to skip it ([`no_session`]).

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// The language the window is tested in: `FRISTAD_TEST_LANGUAGE=en` for English, Swedish
/// otherwise. `make test` runs the window's tests once in each.
pub fn language() -> &'static str {
    match std::env::var("FRISTAD_TEST_LANGUAGE").as_deref() {
        Ok("en") => "en",
        _ => "sv",
    }
}

/// What the window says in this run's language: the Swedish or the English of a text.
pub fn say<'a>(sv: &'a str, en: &'a str) -> &'a str {
    if language() == "en" { en } else { sv }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("addr")
        .port()
}

fn tauri_driver() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    let path = cargo_home.join("bin/tauri-driver");
    assert!(
        path.exists(),
        "tauri-driver is missing: run scripts/install-deps.sh test"
    );
    path
}

/// Set to `1` by a person who wants the tests that need a display, a D-Bus session with a
/// keyring or a fresh Debian to be skipped where those are missing. Without it such a test fails,
/// so that a test cannot pass by not running. `make test` never sets it.
pub const SKIP_SESSION_TESTS: &str = "FRISTAD_SKIP_SESSION_TESTS";

/// Whether the environment can show a window.
pub fn session_available() -> bool {
    std::env::var_os("DISPLAY").is_some() && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// The name of this test program as `cargo test --test` takes it (`e2e_setup-0a1b…` → `e2e_setup`).
pub fn test_target() -> String {
    let exe = std::env::current_exe().unwrap_or_default();
    let stem = exe
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once('-') {
        Some((name, hash)) if hash.chars().all(|c| c.is_ascii_hexdigit()) => name.to_owned(),
        _ => stem,
    }
}

/// Checks that the environment variables a test needs are set (`needs`: each variable with what
/// it stands for). When all are, returns false and the test runs. When one is missing the test
/// fails, naming what is missing and `how` to run it, unless `FRISTAD_SKIP_SESSION_TESTS=1` says
/// it is to be skipped: then it says so and returns true, and the test returns.
#[track_caller]
pub fn skipped_without(needs: &[(&str, &str)], how: &str) -> bool {
    let missing: Vec<String> = needs
        .iter()
        .filter(|(var, _)| std::env::var_os(var).is_none_or(|v| v.is_empty()))
        .map(|(var, what)| format!("{what} ({var} is not set)"))
        .collect();
    if missing.is_empty() {
        return false;
    }
    let missing = match missing.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => unreachable!("checked above"),
    };
    if std::env::var(SKIP_SESSION_TESTS).as_deref() == Ok("1") {
        eprintln!("skipped, as {SKIP_SESSION_TESTS}=1 asks: this test needs {missing}");
        return true;
    }
    panic!(
        "this test needs {missing}. Run it {how}. To skip such tests on purpose instead, set \
         {SKIP_SESSION_TESTS}=1 (`make test` never does)."
    );
}

/// Whether the window's test is to return because there is no display or D-Bus session and
/// `FRISTAD_SKIP_SESSION_TESTS=1` says to skip it. Without that variable a missing display or
/// session fails the test, saying how to run it: through `scripts/with-desktop-session.sh`.
#[track_caller]
pub fn no_session() -> bool {
    let how = format!(
        "through scripts/with-desktop-session.sh (Xvfb, a private D-Bus session and gnome-keyring), \
         as `make test-desktop` does: scripts/with-desktop-session.sh cargo test -p fristad-tests \
         --test {} -- --test-threads=1",
        test_target()
    );
    skipped_without(
        &[
            ("DISPLAY", "a display"),
            ("DBUS_SESSION_BUS_ADDRESS", "a D-Bus session"),
        ],
        &how,
    )
}

/// The X window of the system's dialog titled `title`, once it is open and drawn.
async fn dialog(title: &str) -> String {
    let deadline = Instant::now() + WAIT;
    let window = loop {
        let found = Command::new("xdotool")
            .args(["search", "--name", title])
            .output()
            .expect("xdotool runs");
        if let Some(id) = String::from_utf8_lossy(&found.stdout).lines().next() {
            break id.to_owned();
        }
        assert!(Instant::now() < deadline, "the dialog «{title}» did not open");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // Let the dialog finish drawing and take the keyboard focus.
    tokio::time::sleep(Duration::from_millis(500)).await;
    xdotool(&["windowfocus", "--sync", &window]);
    window
}

fn xdotool(args: &[&str]) {
    let ok = Command::new("xdotool")
        .args(args)
        .status()
        .expect("xdotool runs")
        .success();
    assert!(ok, "xdotool {args:?}");
}

/// Answers the system's (GTK) save dialog titled `title` by typing `path` and pressing Enter,
/// as a person would. Needs `xdotool`.
pub async fn answer_save_dialog(title: &str, path: &Path) {
    dialog(title).await;
    xdotool(&["key", "--clearmodifiers", "ctrl+a"]);
    xdotool(&["type", "--delay", "5", path.to_str().expect("a UTF-8 path")]);
    xdotool(&["key", "Return"]);
}

/// Answers the system's (GTK) open-file dialog titled `title`: Ctrl+L for the location, the
/// path, Enter. Needs `xdotool`.
pub async fn answer_open_dialog(title: &str, path: &Path) {
    dialog(title).await;
    xdotool(&["key", "--clearmodifiers", "ctrl+l"]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    xdotool(&["key", "--clearmodifiers", "ctrl+a"]);
    xdotool(&["type", "--delay", "20", path.to_str().expect("a UTF-8 path")]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    xdotool(&["key", "Return"]);
}

/// The passphrase the tests' demo stores are made with, and the demo's window account
/// (`fristad-cli demo` adds it).
pub const DEMO_PASSPHRASE: &str = "demo-lösenfras";
pub const DEMO_USER: (&str, &str) = ("demo", "demo-lösenord");

/// A demo store (`fristad-cli demo --years YEARS --seed SEED`) made in `dir`, then opened in the
/// window, which shows its sign-in screen.
pub async fn open_demo(dir: &Path, years: u32, seed: u32) -> Window {
    crate::Cli::with_passphrase(dir, DEMO_PASSPHRASE)
        .run(&["demo", "--years", &years.to_string(), "--seed", &seed.to_string()])
        .assert_ok();
    Window::open(dir, &[("FRISTAD_PASSPHRASE", DEMO_PASSPHRASE)]).await
}

pub struct Window {
    driver: Child,
    pub client: Client,
    shots: PathBuf,
    /// When the WebDriver session was asked for, which is when `fristad` is started.
    pub launched: Instant,
}

impl Window {
    /// Starts `fristad --data-dir DIR` in a window, with `env` added to its environment.
    pub async fn open(data_dir: &Path, env: &[(&str, &str)]) -> Window {
        // Now and then WebKitWebDriver drops the new session's request before the window is up
        // (the answer is cut off: "IncompleteMessage"); a program that cannot start fails all
        // three tries.
        let mut attempt = 1;
        let (driver, client, launched) = loop {
            let (mut driver, port) = Self::driver(env);
            let launched = Instant::now();
            match Self::session(port, data_dir).await {
                Ok(client) => break (driver, client, launched),
                Err(e) if attempt < 3 => {
                    eprintln!("no WebDriver session (try {attempt}): {e:?}; trying again");
                    let _ = Command::new("kill")
                        .args(["-KILL", "--", &format!("-{}", driver.id())])
                        .status();
                    let _ = driver.wait();
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("a WebDriver session with the fristad window: {e:?}"),
            }
        };
        let w = Window {
            driver,
            client,
            shots: crate::artifacts_dir("screenshots"),
            launched,
        };
        w.speak(language()).await;
        w
    }

    /// tauri-driver on a free port, listening, with the tests' clock and `env`.
    fn driver(env: &[(&str, &str)]) -> (std::process::Child, u16) {
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new(tauri_driver());
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env_remove("FRISTAD_PASSPHRASE")
            .env_remove("FRISTAD_DATA_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // The tests' clock, unless this test gave the window a time of its own.
        let (clock, at) = crate::test_clock_env();
        cmd.env(clock, at);
        for (k, v) in env {
            cmd.env(k, v);
        }
        // Its own process group, so that the WebDriver server and the program it starts go with it.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let driver = cmd.spawn().expect("tauri-driver starts");
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
        (driver, port)
    }

    /// A WebDriver session that starts `fristad --data-dir DIR`.
    async fn session(port: u16, data_dir: &Path) -> Result<Client, fantoccini::error::NewSessionError> {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": crate::program("fristad"),
                "args": ["--data-dir", data_dir],
            }),
        );
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
    }

    /// Makes the window speak `lang` as a person would have chosen it earlier at the foot of a
    /// screen (the choice is this computer's, kept between starts): set, then drawn again.
    async fn speak(&self, lang: &str) {
        self.find("#language").await;
        let script = format!(
            "if (localStorage.getItem('fristad-language') === {lang:?}) return false; \
             localStorage.setItem('fristad-language', {lang:?}); window.location.reload(); return true"
        );
        let reloaded = self.client.execute(&script, vec![]).await.expect("page answers");
        if reloaded == serde_json::Value::Bool(true) {
            let deadline = Instant::now() + WAIT;
            loop {
                let now = self
                    .client
                    .execute(
                        "return document.readyState === 'complete' && !!document.getElementById('language') \
                         && document.documentElement.lang",
                        vec![],
                    )
                    .await;
                if now.is_ok_and(|v| v == lang) {
                    break;
                }
                assert!(Instant::now() < deadline, "the window did not change to {lang}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }

    /// The memory of the running program, process by process: `fristad` and the WebKit
    /// processes it started (the page and the network process), each as (name, resident bytes,
    /// proportional bytes). The proportional figure (PSS) shares each library page among the
    /// processes that map it, so summing it does not count the shared parts twice.
    pub fn program_memory(&self) -> Vec<(String, u64, u64)> {
        let processes = crate::processes::all();
        let below_driver = crate::processes::descendants(&processes, self.driver.id());
        let program = below_driver
            .iter()
            .copied()
            .find(|pid| processes.get(pid).is_some_and(|p| p.name == "fristad"))
            .expect("fristad is running");
        let mut tree = vec![program];
        tree.extend(crate::processes::descendants(&processes, program));
        tree.iter()
            .map(|pid| {
                let (rss, pss) = crate::processes::memory(*pid);
                (processes[pid].name.clone(), rss, pss)
            })
            .collect()
    }

    /// The element once it is on screen.
    pub async fn find(&self, css: &str) -> Element {
        self.find_by(Locator::Css(css), css).await
    }

    async fn find_by(&self, locator: Locator<'_>, what: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(locator)
            .await
            .unwrap_or_else(|e| panic!("{what} did not appear: {e}"))
    }

    /// Waits until the element's text contains `part`; returns the whole text.
    pub async fn wait_for_text(&self, css: &str, part: &str) -> String {
        self.wait_for_text_within(css, part, WAIT).await
    }

    /// As `wait_for_text`, for things that take longer (the idle lock).
    pub async fn wait_for_text_within(&self, css: &str, part: &str, wait: Duration) -> String {
        self.wait_for_text_that(css, &format!("«{part}»"), wait, |text| text.contains(part))
            .await
    }

    /// Waits until the element's text passes `check` (`what` says what is awaited), reading it
    /// afresh each time: a page that re-renders replaces the element under a test.
    pub async fn wait_for_text_that(
        &self,
        css: &str,
        what: &str,
        wait: Duration,
        check: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + wait;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = el.text().await
                && check(&text)
            {
                return text;
            }
            assert!(Instant::now() < deadline, "{css} never showed {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    /// The current value of a form field.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
    }

    /// The cells of a table's body rows, as text (WebKit's element text runs cells together).
    pub async fn table_rows(&self, css: &str) -> Vec<Vec<String>> {
        self.find(css).await;
        let script = format!(
            "return [...document.querySelectorAll({:?})].map(r => [...r.cells].map(c => c.textContent.trim()))",
            format!("{css} tbody tr")
        );
        let value = self.client.execute(&script, vec![]).await.expect("table rows");
        serde_json::from_value(value).expect("rows of strings")
    }

    /// Chooses the option with `value` in the select `css`.
    pub async fn choose(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value='{value}']")).await;
    }

    /// Clicks the element found by an XPath expression (for finding by visible text).
    pub async fn click_xpath(&self, xpath: &str) {
        let el = self.find_by(Locator::XPath(xpath), xpath).await;
        el.click().await.unwrap_or_else(|e| panic!("clicking {xpath}: {e:?}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        el.clear().await.expect("clear");
        // WebDriver refuses to type nothing; an empty text only empties the field.
        if !text.is_empty() {
            el.send_keys(text).await.expect("typing");
        }
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Scrolls the element into view, for a screenshot of it.
    pub async fn scroll_to(&self, css: &str) {
        let el = self.find(css).await;
        let arg = serde_json::to_value(&el).expect("element as JSON");
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
            .await
            .expect("scroll");
    }

    /// Saves what the window shows now as `target/test-artifacts/screenshots/NAME.png`, after
    /// checking it with axe-core (`check_accessibility`): every screen the suite looks at is
    /// also checked for accessibility.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        self.check_accessibility(name).await;
        // The frame after a DOM change can lag behind it; give the compositor a moment.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        let path = match language() {
            "sv" => self.shots.join(format!("{name}.png")),
            other => self.shots.join(format!("{name}-{other}.png")),
        };
        std::fs::write(&path, png).expect("screenshot saved");
        path
    }

    /// Runs axe-core's WCAG 2.1 A and AA rules on what the window shows now and fails on any
    /// serious or critical violation, naming the rule and the elements. axe-core is put into the
    /// page by WebDriver, only here (the program itself carries nothing of it).
    pub async fn check_accessibility(&self, screen: &str) {
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object'", vec![])
            .await
            .expect("page answers");
        if loaded != serde_json::Value::Bool(true) {
            let source = std::fs::read_to_string(crate::axe_core()).expect("axe-core");
            self.client
                .execute(&format!("{source}\nreturn true;"), vec![])
                .await
                .expect("axe-core loads in the page");
        }
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {
                   runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                   resultTypes: ['violations'],
                 }).then((r) => done(r.violations
                   .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                   .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 5)
                     .map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '))
                     .join(' | ')}`)),
                   (e) => done([`axe-core failed: ${e}`]));",
                vec![],
            )
            .await
            .expect("axe-core ran");
        let mut violations: Vec<String> = serde_json::from_value(found).expect("a list");
        // axe-core no longer checks ids, but a repeated id can tie a label to the wrong field.
        let repeated = self
            .client
            .execute(
                "const seen = new Map();
                 for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
                 return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}×)`);",
                vec![],
            )
            .await
            .expect("ids read");
        let repeated: Vec<String> = serde_json::from_value(repeated).expect("a list");
        if !repeated.is_empty() {
            violations.push(format!("repeated ids: {}", repeated.join(", ")));
        }
        assert!(
            violations.is_empty(),
            "accessibility on «{screen}»:\n{}",
            violations.join("\n")
        );
    }

    /// Goes to an address inside the program (`#/fakturering`), as typing it would.
    pub async fn client_go(&self, hash: &str) {
        self.client
            .execute("location.hash = arguments[0]", vec![hash.into()])
            .await
            .expect("address changed");
    }

    /// Ctrl and a letter, as the keyboard sends it to the page.
    pub async fn press_ctrl(&self, letter: char) {
        let script = "window.dispatchEvent(new KeyboardEvent('keydown', \
            { key: arguments[0], ctrlKey: true, bubbles: true, cancelable: true }))";
        self.client
            .execute(script, vec![letter.to_string().into()])
            .await
            .expect("key sent");
    }

    /// Everything the page shows as text.
    pub async fn page_text(&self) -> String {
        let value = self
            .client
            .execute("return document.body.innerText", vec![])
            .await
            .expect("page text");
        value.as_str().unwrap_or_default().to_owned()
    }

    /// Signs in on the sign-in screen and waits until it is gone.
    pub async fn sign_in(&self, username: &str, password: &str) {
        self.find("#sign-in-screen").await;
        self.type_into("#f-username", username).await;
        self.type_into("#f-password", password).await;
        self.click("#sign-in-form button[type='submit']").await;
        let deadline = Instant::now() + WAIT;
        while self.client.find(Locator::Css("#sign-in-screen")).await.is_ok() {
            assert!(Instant::now() < deadline, "still on the sign-in screen");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Makes the store's first account (an administrator) on the screen that asks for it.
    pub async fn create_first_account(&self, name: &str, username: &str, password: &str) {
        self.find("#first-account-screen").await;
        self.type_into("#f-display_name", name).await;
        self.type_into("#f-username", username).await;
        self.type_into("#f-password", password).await;
        self.type_into("#f-password_repeat", password).await;
        self.click("#first-account-form button[type='submit']").await;
    }

    /// Calls a command of the program directly, as a page script could, bypassing the screens.
    /// Returns the value, or the error the program answered with.
    pub async fn invoke(
        &self,
        command: &str,
        input: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        let input = (!input.is_null()).then_some(input);
        self.invoke_raw(command, input).await
    }

    /// As `invoke`, with `input` sent exactly as given (`None`: no `input` argument at all).
    pub async fn invoke_raw(
        &self,
        command: &str,
        input: Option<serde_json::Value>,
    ) -> Result<serde_json::Value, serde_json::Value> {
        let script = "const [command, args, done] = arguments; \
            window.__TAURI__.core.invoke(command, args) \
              .then((value) => done({ ok: value === undefined ? null : value }), \
                    (error) => done({ err: typeof error === 'object' && error !== null ? error : { message: String(error) } }));";
        let args = match input {
            Some(v) => serde_json::json!({ "input": v }),
            None => serde_json::json!({}),
        };
        let out = self
            .client
            .execute_async(script, vec![command.into(), args])
            .await
            .expect("script runs");
        match out.get("err") {
            Some(e) => Err(e.clone()),
            None => Ok(out.get("ok").cloned().unwrap_or(serde_json::Value::Null)),
        }
    }

    /// Closes the window the way its close button does, so the program ends normally (and does
    /// what it does at exit), then ends the WebDriver session.
    pub async fn close_as_user(self) {
        let _ = self
            .client
            .execute("window.__TAURI__.window.getCurrentWindow().close()", vec![])
            .await;
        let deadline = Instant::now() + WAIT;
        while self.client.execute("return 1", vec![]).await.is_ok() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.close().await;
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        // Dropping ends the processes.
    }
}

impl Drop for Window {
    /// Also when a test fails half-way: tauri-driver, WebKitWebDriver and the program all end.
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
    }
}
