//! `kill-writer`: the program that `tests/tests/kill.rs` kills with SIGKILL, again and again.
//!
//! It opens a store through the core, as the window does, and writes in a loop until it
//! is killed. Each write is one user action in one `Store::write` transaction together with its
//! access-log entry, as the window's commands do. Around every write it prints, and flushes:
//!
//! ```text
//! ready                                      the store is open
//! begin r7w3 intake                          a write is about to start (intake, moveout, issue)
//! ack intake r7w3 K7-3 2                     committed: placement K7-3 with 2 stays
//! ack moveout r7w4 K7-1                      committed: everyone in K7-1 has moved out
//! ack issue r7w6 12 2026-0031=F7-5,2026-0032=F7-4
//!                                            committed: invoice run 12 issued these numbers
//!                                            (placements are K… in one story, F… in the other)
//! ```
//!
//! An acknowledgement reaches the pipe only after `commit` has returned, so a killed writer
//! leaves behind everything it acknowledged, plus at most the one write it was in the middle of
//! (when the kill came after that write's commit reached the log, e.g. during its fsync). The
//! write's id (`r7w3`) is the detail of its access-log entry: that is how the test finds which
//! writes a store holds.
//!
//! ```sh
//! FRISTAD_PASSPHRASE=… kill-writer DATA_DIR placements|invoicing|idle RUN
//! ```
//!
//! `idle` is a window left open: the store open and nothing written until a line arrives on
//! stdin, then one intake, and the end (`tests/tests/office_mishaps.rs`); when the line is
//! `stay`, it stays open after the intake until stdin closes.
//!
//! `FRISTAD_RECOVERY_KEY` opens the store with the recovery key instead (no key derivation).
//! Every person it records is synthetic: "Testkvinna 7-3", "Testbarn 7-3-1".

use chrono::{DateTime, Duration, NaiveDate, Utc};
use fristad::audit::{self, Event, Kind};
use fristad::clock;
use fristad::data_dir::DataDir;
use fristad::keys::DbKey;
use fristad::placements::{self, Category, Destination, PlacementInput, StayInput, Violence};
use fristad::secret::Secret;
use fristad::store::Store;
use fristad::unlock::{self, Unlock};
use std::io::Write;

/// Who the access log says made the writes.
pub const ACTOR: &str = "kill-writer";

/// Stops by itself after this many writes, should nobody kill it.
const MAX_WRITES: u64 = 100_000;

/// A small, seeded generator (splitmix64): the choices of a run follow from its number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    // A writer whose reader is gone has nobody to acknowledge to: stop.
    if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
        std::process::exit(3);
    }
}

fn fail(what: &str, e: fristad::Error) -> ! {
    eprintln!("kill-writer: {what}: {}", e.message);
    std::process::exit(1);
}

fn local(t: DateTime<Utc>) -> String {
    clock::to_local_rfc3339(t)
}

fn at_local(date: NaiveDate, hour: u32) -> String {
    format!("{date}T{hour:02}:00")
}

/// A synthetic woman and 0–2 synthetic children, all arriving at `in_at` (and leaving at `out_at`).
fn family(rng: &mut Rng, key: &str, in_at: &str, out_at: Option<&str>) -> Vec<StayInput> {
    let mut stays = vec![StayInput {
        person: Some(format!("{key}-W")),
        name: Some(format!("Testkvinna {}", &key[1..])),
        birth_year: Some(1975 + rng.below(25) as i32),
        category: Category::Adult,
        in_at: in_at.to_owned(),
        out_at: out_at.map(str::to_owned),
        destination: out_at.map(|_| Destination::OwnHome),
        ..StayInput::default()
    }];
    for c in 1..=rng.below(3) {
        stays.push(StayInput {
            person: Some(format!("{key}-C{c}")),
            name: Some(format!("Testbarn {}-{c}", &key[1..])),
            birth_year: Some(2010 + rng.below(15) as i32),
            category: Category::Child,
            in_at: in_at.to_owned(),
            out_at: out_at.map(str::to_owned),
            destination: out_at.map(|_| Destination::OwnHome),
            ..StayInput::default()
        });
    }
    stays
}

fn placement(key: &str, municipality: &str, acute: bool, room: Option<&str>, stays: Vec<StayInput>) -> PlacementInput {
    PlacementInput {
        key: Some(key.to_owned()),
        municipality: municipality.to_owned(),
        reference: format!("TEST {key}"),
        acute,
        room: room.map(str::to_owned),
        violence: Violence::CloseRelationship,
        stays,
        ..PlacementInput::default()
    }
}

struct Writer {
    store: Store,
    run: u64,
    writes: u64,
    rng: Rng,
}

impl Writer {
    fn next_id(&mut self) -> String {
        self.writes += 1;
        if self.writes > MAX_WRITES {
            std::process::exit(0);
        }
        format!("r{}w{}", self.run, self.writes)
    }

    /// A new placement, as *Ny intagning* saves it: the placement, its people and their stays,
    /// and the access-log entry, in one transaction.
    fn intake(&mut self, input: PlacementInput) -> String {
        let id = self.next_id();
        say(&format!("begin {id} intake"));
        let now = clock::now();
        let saved = self
            .store
            .write(|tx| {
                let saved = placements::save(tx, &input, now, ACTOR)?;
                audit::record(
                    tx,
                    Event::new(ACTOR, "intake", Kind::Change)
                        .placement(&saved.key)
                        .detail(&id),
                    now,
                )?;
                Ok(saved)
            })
            .unwrap_or_else(|e| fail("intake", e));
        say(&format!("ack intake {id} {} {}", saved.key, input.stays.len()));
        saved.key
    }

    /// Everyone in a placement moves out now.
    fn move_out(&mut self, key: &str) {
        let id = self.next_id();
        say(&format!("begin {id} moveout"));
        let now = clock::now();
        self.store
            .write(|tx| {
                placements::move_out(tx, key, &[], &local(now), Destination::RelativesOrFriends, now, ACTOR)?;
                audit::record(
                    tx,
                    Event::new(ACTOR, "move_out", Kind::Change).placement(key).detail(&id),
                    now,
                )
            })
            .unwrap_or_else(|e| fail("move-out", e));
        say(&format!("ack moveout {id} {key}"));
    }

    /// *Fakturera t.o.m. igår*: numbers, lines, invoiced nights, the notes that their documents
    /// are due, and the access-log entry, in one transaction; then the signed documents.
    fn issue(&mut self) {
        let id = self.next_id();
        say(&format!("begin {id} issue"));
        let now = clock::now();
        let through = clock::swedish_date(now) - Duration::days(1);
        let (run_id, issued) = self
            .store
            .write(|tx| {
                let issued = fristad::billing::run::issue(tx, through, now, ACTOR)?.invoices;
                let run_id: i64 = tx.query_row("SELECT max(id) FROM invoice_runs", [], |r| r.get(0))?;
                audit::record(tx, Event::new(ACTOR, "invoice_issue", Kind::Change).detail(&id), now)?;
                Ok((run_id, issued))
            })
            .unwrap_or_else(|e| fail("invoicing", e));
        let numbers: Vec<String> = issued
            .iter()
            .map(|i| {
                format!(
                    "{}={}",
                    i.number.as_deref().unwrap_or("?"),
                    i.placement.as_deref().unwrap_or("-")
                )
            })
            .collect();
        say(&format!("ack issue {id} {run_id} {}", numbers.join(",")));
        // Then its documents, as the window makes them behind the user: a kill here leaves them
        // due, and the store makes them when it is opened again.
        let made =
            fristad::billing::due_documents::make_all(self.store.conn(), now).unwrap_or_else(|e| fail("documents", e));
        say(&format!("made {id} {made}"));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 || !matches!(args[2].as_str(), "placements" | "invoicing" | "idle") {
        eprintln!("usage: kill-writer DATA_DIR placements|invoicing|idle RUN");
        std::process::exit(2);
    }
    let run: u64 = args[3].parse().unwrap_or_else(|_| {
        eprintln!("kill-writer: RUN must be a number");
        std::process::exit(2);
    });
    let dir = DataDir::new(&args[1]);
    let how = match (
        std::env::var("FRISTAD_RECOVERY_KEY"),
        std::env::var("FRISTAD_PASSPHRASE"),
    ) {
        (Ok(k), _) => Unlock::RecoveryKey(DbKey::parse_recovery(&k).unwrap_or_else(|e| fail("recovery key", e))),
        (_, Ok(p)) => Unlock::Passphrase(Secret::new(p)),
        _ => {
            eprintln!("kill-writer: set FRISTAD_PASSPHRASE or FRISTAD_RECOVERY_KEY");
            std::process::exit(2);
        }
    };
    let store = unlock::open(&dir, how).unwrap_or_else(|e| fail("open", e));
    say("ready");
    let mut w = Writer {
        store,
        run,
        writes: 0,
        rng: Rng(run.wrapping_mul(0x2545_F491_4F6C_DD1D)),
    };
    let mut n = 0u64;
    match args[2].as_str() {
        // As an open window that nobody touches: the store open, nothing written, until a line
        // on stdin asks for one intake (a save after a while); then it ends.
        "idle" => {
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
            let key = format!("K{run}-1");
            let in_at = local(clock::now() - Duration::minutes(30));
            let stays = family(&mut w.rng, &key, &in_at, None);
            w.intake(placement(&key, "boras", false, None, stays));
            // «stay»: the save made, the program stays open (to be killed with its WAL unwritten).
            if line.trim() == "stay" {
                let _ = std::io::stdin().read_line(&mut line);
            }
        }
        // Intakes of new placements at any hour of the last day, and now and then everyone in
        // an earlier one of them moving out.
        "placements" => {
            let mut open: Vec<String> = Vec::new();
            loop {
                if !open.is_empty() && w.rng.below(4) == 0 {
                    let key = open.remove(w.rng.below(open.len() as u64) as usize);
                    w.move_out(&key);
                    continue;
                }
                n += 1;
                let key = format!("K{run}-{n}");
                let in_at = local(clock::now() - Duration::minutes(5 + w.rng.below(1440) as i64));
                let stays = family(&mut w.rng, &key, &in_at, None);
                let municipality = if w.rng.below(2) == 0 { "boras" } else { "annan" };
                let acute = w.rng.below(2) == 0;
                let room = ["akut", "r1", "r2"][w.rng.below(3) as usize];
                let key = w.intake(placement(&key, municipality, acute, Some(room), stays));
                open.push(key);
            }
        }
        // One to three placements whose nights are all before today, then invoicing through
        // yesterday: every run issues their invoices (one per placement and month).
        _ => loop {
            let today = clock::swedish_date(clock::now());
            for _ in 0..=w.rng.below(3) {
                n += 1;
                let key = format!("F{run}-{n}");
                let stays = family(
                    &mut w.rng,
                    &key,
                    &at_local(today - Duration::days(4), 12),
                    Some(&at_local(today - Duration::days(1), 10)),
                );
                w.intake(placement(&key, "annan", false, None, stays));
            }
            w.issue();
        },
    }
}
