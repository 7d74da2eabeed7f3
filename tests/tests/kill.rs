//! No lost data: `kill-writer` (tests/src/bin/kill-writer.rs) writes through the core in a loop
//! and is killed with SIGKILL at random moments, hundreds of times. After each kill the store is
//! opened and checked: every acknowledged write is there, whole; nothing is half-saved; at most
//! the one write that was in flight when the kill came is there unacknowledged. `fristad-cli
//! verify` (page HMACs, integrity, foreign keys, the access log's chain) runs every few kills and
//! at the end, and `fristad-cli audit verify` at the end.
//!
//! Two stories, each in its own store:
//! - a loop of intakes (a synthetic woman and 0–2 children) and move-outs;
//! - invoicing: intakes with nights in the past, then invoicing through yesterday, so that kills
//!   land in the middle of issuing (numbers, lines, invoiced nights, signed PDFs). No invoice
//!   number may be lost or used twice, and no night invoiced twice.
//!
//! Size: `FRISTAD_KILLS` kills per story (default 200: the two stories, run side by side, take
//! about a minute and a half in a debug build on two cores).
//! `FRISTAD_KILL_SEED` repeats a run's random choices (the seed is printed; the moment a kill
//! lands also depends on the machine's timing). `FRISTAD_KILL_VERIFY_EVERY` (default 10) is how
//! often `fristad-cli verify` runs. The figures are printed (`-- --nocapture`) and saved in
//! `target/test-artifacts/kill/`. Every person written is synthetic.

use fristad::data_dir::DataDir;
use fristad::keys::DbKey;
use fristad::store::Store;
use fristad::unlock::{self, Unlock};
use fristad_tests::{Cli, SYNTHETIC_ORG, artifacts_dir, program, recovery_key_line};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "lösenfras för dödstestet";
/// The access log's name for the writer (`kill-writer`'s ACTOR).
const ACTOR: &str = "kill-writer";

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not «{v}»")),
        Err(_) => default,
    }
}

/// A small, seeded generator (splitmix64), so that a failing run's choices can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    Placements,
    Invoicing,
}

impl Story {
    fn mode(self) -> &'static str {
        match self {
            Story::Placements => "placements",
            Story::Invoicing => "invoicing",
        }
    }
}

/// What the writer acknowledged: committed, so it must be in the store from then on.
#[derive(Debug, Clone)]
enum Ack {
    Intake { key: String, stays: i64 },
    MoveOut { key: String },
    Issue { run: i64, invoices: Vec<(String, String)> },
}

fn parse_ack(line: &str) -> (String, Ack) {
    let f: Vec<&str> = line.split_whitespace().collect();
    let bad = || -> ! { panic!("unexpected line from kill-writer: {line}") };
    let ack = match f.get(1).copied() {
        Some("intake") if f.len() == 5 => Ack::Intake {
            key: f[3].into(),
            stays: f[4].parse().unwrap_or_else(|_| bad()),
        },
        Some("moveout") if f.len() == 4 => Ack::MoveOut { key: f[3].into() },
        Some("issue") if f.len() == 4 || f.len() == 5 => Ack::Issue {
            run: f[3].parse().unwrap_or_else(|_| bad()),
            invoices: f
                .get(4)
                .map(|list| {
                    list.split(',')
                        .map(|p| {
                            let (n, k) = p.split_once('=').unwrap_or_else(|| bad());
                            (n.to_owned(), k.to_owned())
                        })
                        .collect()
                })
                .unwrap_or_default(),
        },
        _ => bad(),
    };
    (f[2].to_owned(), ack)
}

/// Where a kill landed, as seen from the writer's last line and the store afterwards.
#[derive(Debug, Default)]
struct Landings {
    /// Before the store was open (opening, key derivation, recovery of the previous kill's WAL).
    starting: u64,
    /// During a write that then was not in the store: rolled back.
    inside_write: u64,
    /// At the commit (typically while it waits for fsync, once its frames are in the log) or
    /// just after it, before the acknowledgement reached the pipe: in the store, unacknowledged.
    after_commit: u64,
    /// After an acknowledgement, before the next write began.
    between_writes: u64,
    /// After an invoice run's acknowledgement, while its documents were being made: they are
    /// left due, and opening the store makes them.
    making_documents: u64,
    /// Of `inside_write` and `after_commit`: invoice runs.
    inside_issue: u64,
    issue_at_commit: u64,
}

#[derive(Default)]
struct Figures {
    kills: u64,
    acked: u64,
    intakes: u64,
    move_outs: u64,
    issues: u64,
    invoices_acked: u64,
    invoices_in_store: u64,
    landings: Landings,
    /// Kills after which the database had a write-ahead log to recover.
    hot_wal: u64,
    /// Of those, how many the next writer recovered itself (no check opened the store between).
    recovered_by_writer: u64,
    checks: u64,
    verify_runs: u64,
    lost: BTreeSet<String>,
    corrupt: BTreeSet<String>,
}

/// Everything the writers acknowledged so far, and the writes they had begun when killed.
#[derive(Default)]
struct Ledger {
    acked: BTreeMap<String, Ack>,
    /// Begun and never acknowledged, not yet seen in a check.
    in_flight: BTreeSet<String>,
    /// Those of them that were invoice runs.
    in_flight_issues: BTreeSet<String>,
    /// In flight when killed, and found in the store (committed before the acknowledgement).
    committed_unacked: BTreeSet<String>,
}

/// One store, its data folder, and the writer's runs against it.
struct Bench {
    story: Story,
    dir: std::path::PathBuf,
    cli: Cli,
    /// The checks open the store with the recovery key (the writer with the passphrase), which
    /// spares a key derivation per check.
    recovery_key: String,
    rng: Rng,
    ledger: Ledger,
    figures: Figures,
    /// Running averages (seconds): from start to "ready"; from a write's begin to its
    /// acknowledgement (intakes, move-outs); an invoice run, per invoice it issued.
    start_time: f64,
    write_time: f64,
    invoice_time: f64,
    /// Placements acknowledged since the last acknowledged invoice run: the next run's work.
    backlog: u64,
}

/// A new store with two municipalities, tariffs and rooms; returns it and its recovery key.
fn setup(dir: &Path) -> (Cli, String) {
    let cli = Cli::with_passphrase(dir, PASSPHRASE);
    let init = cli.run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat());
    init.assert_ok();
    let recovery_key = recovery_key_line(&init.stdout);
    let file = serde_json::json!({
        "municipalities": [
            {"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
             "acute_clause": true, "address": "Box 1, 501 80 Borås", "peppol_id": "0007:2120001561", "buyer_reference": "YY123"},
            {"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard",
             "acute_clause": false, "address": "Box 2, 123 45 Annanstad", "peppol_id": "0007:2120001579", "buyer_reference": "REF-9"}
        ],
        "tariffs": [
            {"valid_from": "2020-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"},
            {"valid_from": "2020-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}
        ],
        "rooms": [
            {"key": "akut", "name": "Akutrummet", "acute": true, "beds": 3},
            {"key": "r1", "name": "Rum 1", "acute": false, "beds": 4},
            {"key": "r2", "name": "Rum 2", "acute": false, "beds": 4}
        ]
    });
    let path = dir.with_file_name("setup.json");
    std::fs::write(&path, file.to_string()).unwrap();
    cli.run(&["import", path.to_str().unwrap()]).assert_ok();
    (cli, recovery_key)
}

/// One line the writer printed, with when the test read it.
type Line = (Instant, String);

fn spawn_writer(dir: &Path, mode: &str, run: u64) -> (Child, mpsc::Receiver<Line>, std::thread::JoinHandle<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kill-writer"))
        .arg(dir)
        .arg(mode)
        .arg(run.to_string())
        .env("FRISTAD_PASSPHRASE", PASSPHRASE)
        .env(fristad_tests::test_clock_env().0, fristad_tests::test_clock_env().1)
        .env_remove("FRISTAD_RECOVERY_KEY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kill-writer starts");
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::BufReader::new(stderr), &mut s);
        s
    });
    (child, rx, err)
}

/// Runs `sql` and maps each row with `$f`; a query that fails is a finding, not a panic.
macro_rules! rows {
    ($store:expr, $sql:expr, $f:expr) => {{
        let sql: &str = $sql;
        match $store.conn().prepare(sql) {
            Ok(mut stmt) => match stmt.query_map([], $f) {
                Ok(it) => it.collect::<Result<Vec<_>, _>>().map_err(|e| format!("«{sql}»: {e}")),
                Err(e) => Err(format!("«{sql}»: {e}")),
            },
            Err(e) => Err(format!("«{sql}»: {e}")),
        }
    }};
}

impl Bench {
    fn new(story: Story, root: &Path, seed: u64) -> Bench {
        let dir = root.join(story.mode()).join("data");
        std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
        let (cli, recovery_key) = setup(&dir);
        Bench {
            story,
            dir,
            cli,
            recovery_key,
            rng: Rng(seed ^ story as u64),
            ledger: Ledger::default(),
            figures: Figures::default(),
            start_time: 0.2,
            write_time: 0.005,
            invoice_time: 0.05,
            backlog: 0,
        }
    }

    fn wal_len(&self) -> u64 {
        std::fs::metadata(self.dir.join("fristad.db-wal")).map_or(0, |m| m.len())
    }

    /// Starts the writer, kills it with SIGKILL at a random moment, and records what it said.
    fn kill_once(&mut self, run: u64) {
        let (mut child, rx, err) = spawn_writer(&self.dir, self.story.mode(), run);
        let started = Instant::now();
        let mut lines: Vec<Line> = Vec::new();
        // One kill in ten while the store is being opened; the others once it is open, after a
        // random time of up to several writes, so that most land inside a transaction.
        if self.rng.unit() < 0.1 {
            std::thread::sleep(Duration::from_secs_f64(self.rng.unit() * self.start_time * 1.2));
        } else {
            let deadline = started + Duration::from_secs(120);
            loop {
                match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(l) => {
                        let ready = l.1 == "ready";
                        if ready {
                            self.start_time = 0.8 * self.start_time + 0.2 * (l.0 - started).as_secs_f64();
                        }
                        lines.push(l);
                        if ready {
                            break;
                        }
                    }
                    Err(_) => {
                        let _ = child.kill();
                        let _ = child.wait();
                        panic!(
                            "kill-writer run {run} did not open the store: {}",
                            err.join().unwrap_or_default()
                        );
                    }
                }
            }
            // Up to a dozen writes; in the invoicing story up to about twice the time of the
            // next invoice run (which grows with the placements not yet invoiced), so that
            // about half the kills land before the run has committed, and runs still complete.
            let span = match self.story {
                Story::Placements => 12.0 * self.write_time,
                Story::Invoicing => 2.0 * (4.0 * self.write_time + (self.backlog + 2) as f64 * self.invoice_time),
            };
            std::thread::sleep(Duration::from_secs_f64(self.rng.unit() * span));
        }
        child.kill().expect("SIGKILL sent");
        let status = child.wait().expect("kill-writer reaped");
        let stderr = err.join().unwrap_or_default();
        assert_eq!(
            status.signal(),
            Some(9),
            "kill-writer run {run} ended by itself ({status}) before it was killed: {stderr}"
        );
        self.figures.kills += 1;
        // The pipe holds everything the writer wrote before it died.
        lines.extend(rx.iter());

        let mut last_begin: Option<(String, Instant)> = None;
        let mut issue_begun: Option<String> = None;
        let mut making = false;
        let mut ready = false;
        let average = |avg: &mut f64, x: f64| *avg = 0.8 * *avg + 0.2 * x;
        for (at, line) in &lines {
            if line == "ready" {
                ready = true;
            } else if let Some(rest) = line.strip_prefix("begin ") {
                let (id, kind) = rest.split_once(' ').unwrap_or((rest, ""));
                last_begin = Some((id.to_owned(), *at));
                if kind == "issue" {
                    issue_begun = Some(id.to_owned());
                }
            } else if line.starts_with("made ") {
                making = false;
            } else if line.starts_with("ack ") {
                let (id, ack) = parse_ack(line);
                making = matches!(ack, Ack::Issue { .. });
                let Some((begun, begun_at)) = last_begin.take() else {
                    panic!("acknowledgement without its begin: {line}");
                };
                assert_eq!(begun, id, "acknowledgement of another write than the one begun");
                let took = (*at - begun_at).as_secs_f64();
                self.figures.acked += 1;
                match &ack {
                    Ack::Intake { .. } => {
                        self.figures.intakes += 1;
                        self.backlog += 1;
                        average(&mut self.write_time, took);
                    }
                    Ack::MoveOut { .. } => {
                        self.figures.move_outs += 1;
                        average(&mut self.write_time, took);
                    }
                    Ack::Issue { invoices, .. } => {
                        self.figures.issues += 1;
                        self.figures.invoices_acked += invoices.len() as u64;
                        self.backlog = 0;
                        average(&mut self.invoice_time, took / invoices.len().max(1) as f64);
                    }
                }
                self.ledger.acked.insert(id, ack);
            } else {
                panic!("unexpected line from kill-writer: {line}");
            }
        }
        let last_begin = last_begin.map(|(id, _)| id);
        match (ready, last_begin) {
            (false, _) => self.figures.landings.starting += 1,
            // Classified at the next check: in the store or not.
            (true, Some(id)) => {
                if issue_begun.as_ref() == Some(&id) {
                    self.ledger.in_flight_issues.insert(id.clone());
                }
                self.ledger.in_flight.insert(id);
            }
            (true, None) if making => self.figures.landings.making_documents += 1,
            (true, None) => self.figures.landings.between_writes += 1,
        }
    }

    /// Opens the store as the program does and checks everything the writers acknowledged.
    fn check(&mut self) -> Result<(), String> {
        self.figures.checks += 1;
        let key = DbKey::parse_recovery(&self.recovery_key).expect("recovery key");
        let store = unlock::open(&DataDir::new(&self.dir), Unlock::RecoveryKey(key))
            .map_err(|e| format!("the store does not open after a kill: {}", e.message))?;
        let chain = fristad::audit::verify(store.conn()).map_err(|e| e.message)?;
        if !chain.is_ok() {
            return Err(format!("access log: {:?}", chain.problem));
        }
        // Every write the writers made, in commit order: its access-log entry names it.
        let log = rows!(
            store,
            &format!("SELECT seq, detail, action, placement FROM access_log WHERE username = '{ACTOR}' ORDER BY seq"),
            |r| Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?
            ))
        )?;
        let mut present: HashMap<String, (i64, String, Option<String>)> = HashMap::new();
        for (seq, id, action, placement) in log {
            if present.insert(id.clone(), (seq, action, placement)).is_some() {
                return Err(format!("write {id} is in the access log twice"));
            }
        }
        for (id, ack) in &self.ledger.acked {
            let Some((_, action, placement)) = present.get(id) else {
                self.figures.lost.insert(format!("{id} ({ack:?})"));
                continue;
            };
            let (want_action, want_placement) = match ack {
                Ack::Intake { key, .. } => ("intake", Some(key)),
                Ack::MoveOut { key } => ("move_out", Some(key)),
                Ack::Issue { .. } => ("invoice_issue", None),
            };
            if action != want_action || placement.as_ref() != want_placement {
                return Err(format!(
                    "write {id} is logged as {action} {placement:?}, acknowledged as {ack:?}"
                ));
            }
        }
        for id in present.keys() {
            if self.ledger.acked.contains_key(id) || self.ledger.committed_unacked.contains(id) {
                continue;
            }
            if self.ledger.in_flight.remove(id) {
                self.ledger.committed_unacked.insert(id.clone());
                self.figures.landings.after_commit += 1;
            } else {
                return Err(format!("write {id} is in the store but was never begun by a writer"));
            }
        }
        // The writes in flight when their writer was killed that are not in the store were
        // rolled back; they stay absent, since no writer runs them again.
        self.figures.landings.inside_write += self.ledger.in_flight.len() as u64;
        self.figures.landings.inside_issue += self
            .ledger
            .in_flight
            .intersection(&self.ledger.in_flight_issues)
            .count() as u64;
        self.figures.landings.issue_at_commit += self
            .ledger
            .in_flight_issues
            .iter()
            .filter(|id| !self.ledger.in_flight.contains(*id))
            .count() as u64;
        self.ledger.in_flight.clear();
        self.ledger.in_flight_issues.clear();

        self.check_placements(&store, &present)?;
        if self.story == Story::Invoicing {
            self.check_invoices(&store, &present)?;
        }
        if !self.figures.lost.is_empty() {
            return Err(format!("lost: {:?}", self.figures.lost));
        }
        Ok(())
    }

    /// Every placement has its stays, one adult, and its access-log entry; a move-out is whole.
    fn check_placements(
        &self,
        store: &Store,
        present: &HashMap<String, (i64, String, Option<String>)>,
    ) -> Result<(), String> {
        let placements = rows!(
            store,
            "SELECT p.key, count(s.id), coalesce(sum(s.category = 'adult'), 0), coalesce(sum(s.out_at IS NOT NULL), 0)
             FROM placements p LEFT JOIN stays s ON s.placement_id = p.id GROUP BY p.id",
            |r| Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?
            ))
        )?;
        let by_key: HashMap<&str, (i64, i64, i64)> = placements
            .iter()
            .map(|(k, s, a, o)| (k.as_str(), (*s, *a, *o)))
            .collect();
        let mut intakes: HashMap<&str, &str> = HashMap::new();
        let mut moved: BTreeSet<&str> = BTreeSet::new();
        for (id, (_, action, placement)) in present {
            let key = placement.as_deref().unwrap_or("");
            match action.as_str() {
                "intake" => {
                    intakes.insert(key, id);
                }
                "move_out" => {
                    moved.insert(key);
                }
                _ => {}
            }
        }
        for (key, (stays, adults, out)) in &by_key {
            let Some(id) = intakes.get(key) else {
                return Err(format!("placement {key} is saved without its access-log entry"));
            };
            if *stays < 1 || *adults != 1 {
                return Err(format!("placement {key} is half-saved: {stays} stays, {adults} adults"));
            }
            if let Some(Ack::Intake { stays: acked, .. }) = self.ledger.acked.get(*id)
                && acked != stays
            {
                return Err(format!("placement {key} has {stays} stays, {acked} were acknowledged"));
            }
            let want_out = match self.story {
                Story::Placements if moved.contains(key) => *stays,
                Story::Placements => 0,
                // Invoicing's placements are recorded with their move-out.
                Story::Invoicing => *stays,
            };
            if *out != want_out {
                return Err(format!(
                    "placement {key}: {out} of {stays} stays have moved out, expected {want_out}"
                ));
            }
        }
        for key in intakes.keys().chain(moved.iter()) {
            if !by_key.contains_key(key) {
                return Err(format!("the access log records placement {key}, which is not saved"));
            }
        }
        Ok(())
    }

    /// Invoice numbers per year are 1..n without gaps or duplicates and follow the runs in
    /// order; every acknowledged invoice is there, whole, with its documents (those a kill left
    /// due are made when the store is opened, before this check); no night is
    /// invoiced twice; every placement saved before a run is invoiced by it, and none after.
    fn check_invoices(
        &mut self,
        store: &Store,
        present: &HashMap<String, (i64, String, Option<String>)>,
    ) -> Result<(), String> {
        let invoices = rows!(
            store,
            "SELECT i.number, i.year, i.seq, i.kind, coalesce(p.key, ''), coalesce(i.run_id, 0), i.lines_total_ore,
                    (SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id),
                    (SELECT coalesce(sum(l.amount_ore), 0) FROM invoice_lines l WHERE l.invoice_id = i.id),
                    (SELECT count(*) FROM invoice_documents d WHERE d.invoice_id = i.id AND length(d.pdf) > 1000 AND length(d.ubl) > 100)
             FROM invoices i LEFT JOIN placements p ON p.id = i.placement_id ORDER BY i.year, i.seq",
            |r| Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                (r.get::<_, i64>(6)?, r.get::<_, i64>(7)?, r.get::<_, i64>(8)?, r.get::<_, i64>(9)?)
            ))
        )?;
        self.figures.invoices_in_store = invoices.len() as u64;
        let mut by_number: HashMap<&str, (&str, i64)> = HashMap::new();
        let mut expected: HashMap<i64, i64> = HashMap::new();
        let mut last_run = 0;
        for (number, year, seq, kind, placement, run, (total, lines, sum, docs)) in &invoices {
            let next = expected.entry(*year).or_insert(1);
            if *seq != *next {
                return Err(format!(
                    "invoice number {year}-{next:04} is missing or used twice (found {number})"
                ));
            }
            *next += 1;
            if *number != format!("{year}-{seq:04}") {
                return Err(format!("invoice {number} has sequence number {seq}"));
            }
            if kind != "placement" || placement.is_empty() {
                return Err(format!("invoice {number} is a {kind} for «{placement}»"));
            }
            if *run < last_run {
                return Err(format!(
                    "invoice {number} of run {run} numbered after one of run {last_run}"
                ));
            }
            last_run = *run;
            if *lines < 1 || sum != total || *docs != 1 {
                return Err(format!(
                    "invoice {number} is half-saved: {lines} lines summing to {sum} öre of {total}, {docs} documents"
                ));
            }
            by_number.insert(number, (placement, *run));
        }
        let runs = rows!(store, "SELECT id FROM invoice_runs ORDER BY id", |r| r.get::<_, i64>(0))?;
        let logged_runs = present.values().filter(|(_, a, _)| a == "invoice_issue").count();
        if runs.len() != logged_runs {
            return Err(format!(
                "{} invoice runs saved, {logged_runs} in the access log",
                runs.len()
            ));
        }
        for (id, ack) in &self.ledger.acked {
            if let Ack::Issue { run, invoices } = ack {
                if !runs.contains(run) {
                    self.figures.lost.insert(format!("invoice run {run} ({id})"));
                }
                for (number, placement) in invoices {
                    match by_number.get(number.as_str()) {
                        Some((p, r)) if *p == placement.as_str() && *r == *run => {}
                        other => {
                            self.figures.lost.insert(format!(
                                "invoice {number} for {placement} in run {run} ({id}); found {other:?}"
                            ));
                        }
                    }
                }
            }
        }
        let twice = rows!(
            store,
            "SELECT stay_id || ' ' || night FROM invoiced_nights WHERE credited_by_line_id IS NULL
             GROUP BY stay_id, night HAVING count(*) > 1",
            |r| r.get::<_, String>(0)
        )?;
        if !twice.is_empty() {
            return Err(format!("nights invoiced twice: {twice:?}"));
        }
        // Commit order is the access log's order: a placement saved before the last run that
        // committed has all three of its nights invoiced (for each person), one after it none.
        let last_issue = present
            .values()
            .filter(|(_, a, _)| a == "invoice_issue")
            .map(|(seq, _, _)| *seq)
            .max()
            .unwrap_or(0);
        let nights = rows!(
            store,
            "SELECT p.key, count(DISTINCT s.id),
                    (SELECT count(*) FROM invoiced_nights n JOIN stays s2 ON s2.id = n.stay_id
                     WHERE s2.placement_id = p.id AND n.credited_by_line_id IS NULL)
             FROM placements p JOIN stays s ON s.placement_id = p.id GROUP BY p.id",
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        )?;
        let intake_seq: HashMap<&str, i64> = present
            .values()
            .filter(|(_, a, _)| a == "intake")
            .filter_map(|(seq, _, p)| p.as_deref().map(|p| (p, *seq)))
            .collect();
        for (key, stays, invoiced) in &nights {
            let want = if intake_seq.get(key.as_str()).copied().unwrap_or(i64::MAX) < last_issue {
                3 * stays
            } else {
                0
            };
            if *invoiced != want {
                return Err(format!(
                    "placement {key}: {invoiced} nights invoiced, {want} expected ({stays} people, 3 nights each)"
                ));
            }
        }
        Ok(())
    }

    fn verify(&mut self) -> Result<(), String> {
        self.figures.verify_runs += 1;
        let run = self.cli.run(&["verify"]);
        if run.ok() {
            Ok(())
        } else {
            Err(format!("fristad-cli verify failed: {}{}", run.stdout, run.stderr))
        }
    }

    fn run(&mut self, kills: u64, verify_every: u64) -> Result<(), String> {
        // The store's open connection (a check) checkpoints the log and removes it when it
        // closes; one kill in four is left for the next writer to recover by itself.
        let mut unchecked = false;
        let mut verified_at = 0;
        for k in 1..=kills {
            self.kill_once(k);
            if self.wal_len() > 0 {
                self.figures.hot_wal += 1;
                if unchecked {
                    self.figures.recovered_by_writer += 1;
                }
            }
            unchecked = k < kills && self.rng.unit() < 0.25;
            if unchecked {
                continue;
            }
            self.check()?;
            if k - verified_at >= verify_every {
                self.verify()?;
                verified_at = k;
            }
        }
        self.verify()?;
        let audit = self.cli.run(&["audit", "verify"]);
        if !audit.ok() {
            return Err(format!(
                "fristad-cli audit verify failed: {}{}",
                audit.stdout, audit.stderr
            ));
        }
        Ok(())
    }
}

fn report(bench: &Bench, seed: u64, elapsed: Duration) -> String {
    let f = &bench.figures;
    let l = &f.landings;
    let mut s = format!(
        "kill test, {} story: seed {seed}, {} kills (SIGKILL) in {:.0} s\n",
        bench.story.mode(),
        f.kills,
        elapsed.as_secs_f64()
    );
    s += &format!(
        "  writes acknowledged: {} ({} intakes, {} move-outs, {} invoice runs with {} invoices)\n",
        f.acked, f.intakes, f.move_outs, f.issues, f.invoices_acked
    );
    s += &format!(
        "  kills landed: {} while opening the store, {} inside a write (rolled back), {} at its commit \
         (saved, not yet acknowledged), {} while making a run's documents (made when the store was \
         opened again), {} between writes\n",
        l.starting, l.inside_write, l.after_commit, l.making_documents, l.between_writes
    );
    if bench.story == Story::Invoicing {
        s += &format!(
            "  invoices in the store: {} (numbers checked 1..{} for gaps and duplicates)\n",
            f.invoices_in_store, f.invoices_in_store
        );
        s += &format!(
            "  kills in the middle of an invoice run: {} rolled back whole, {} at its commit (saved whole)\n",
            l.inside_issue, l.issue_at_commit
        );
    }
    s += &format!(
        "  write-ahead log left to recover: {} kills ({} recovered by the next writer, the rest by the check)\n",
        f.hot_wal, f.recovered_by_writer
    );
    s += &format!(
        "  checks of every acknowledged write: {}; fristad-cli verify: {} runs; fristad-cli audit verify at the end\n",
        f.checks, f.verify_runs
    );
    s += &format!("  lost: {}, corrupt: {}\n", f.lost.len(), f.corrupt.len());
    s
}

fn story(story: Story) {
    let kills = env_number("FRISTAD_KILLS", 200);
    let verify_every = env_number("FRISTAD_KILL_VERIFY_EVERY", 10).max(1);
    let seed = env_number(
        "FRISTAD_KILL_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            % 1_000_000_007,
    );
    // Before anything can fail, so that a failure can be repeated.
    eprintln!("kill test, {} story: FRISTAD_KILL_SEED={seed}", story.mode());
    // fristad-cli must exist before the clock starts.
    program("fristad-cli");
    let tmp = tempfile::tempdir().unwrap();
    let mut bench = Bench::new(story, tmp.path(), seed);
    let started = Instant::now();
    let outcome = bench.run(kills, verify_every);
    // A loss is counted as lost; anything else that failed is counted as corrupt.
    if let Err(problem) = &outcome
        && (bench.figures.lost.is_empty() || !problem.starts_with("lost"))
    {
        bench.figures.corrupt.insert(problem.clone());
    }
    let text = report(&bench, seed, started.elapsed());
    print!("{text}");
    std::fs::write(artifacts_dir("kill").join(format!("{}.txt", story.mode())), &text).unwrap();
    if let Err(problem) = outcome {
        // Keep the store for a person to look at.
        let kept = artifacts_dir("kill").join(format!("{}-store-seed-{seed}", story.mode()));
        let _ = std::fs::remove_dir_all(&kept);
        std::fs::create_dir_all(&kept).unwrap();
        for entry in std::fs::read_dir(&bench.dir).unwrap().flatten() {
            let _ = std::fs::copy(entry.path(), kept.join(entry.file_name()));
        }
        panic!("{problem}\n{text}store kept in {}", kept.display());
    }
    assert!(
        bench.figures.lost.is_empty() && bench.figures.corrupt.is_empty(),
        "{text}"
    );
    assert_eq!(bench.figures.kills, kills);
}

#[test]
fn sigkill_during_a_loop_of_intakes_and_move_outs_loses_no_acknowledged_write() {
    story(Story::Placements);
}

#[test]
fn sigkill_during_invoicing_loses_no_invoice_and_uses_no_number_twice() {
    story(Story::Invoicing);
}
