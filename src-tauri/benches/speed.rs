//! Fristad's speed on a store of synthetic shelter data (`demo`), with the baselines that exist
//! in the same run. Run with `make bench` (or `cargo bench -p fristad --no-default-features`).
//!
//! The store is made once and kept in `target/bench-stores/` (its size from FRISTAD_BENCH_YEARS
//! and FRISTAD_BENCH_SCALE, default 20 years at scale 1). BENCHMARKS.md has the latest figures.

use chrono::{Datelike, Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use fristad::data_dir::DataDir;
use fristad::demo::{self, Plan};
use fristad::keys::DbKey;
use fristad::secret::Secret;
use fristad::setup::{self, KeyChoice};
use fristad::statistics::{Span, compute};
use fristad::unlock::{self, Unlock};
use fristad::{billing, clock, documents};
use std::path::PathBuf;

mod word_processor;

const PASSPHRASE: &str = "bänklösenfras";

fn env_u32(name: &str, default: u32) -> u32 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

struct Fixture {
    dir: DataDir,
    key: DbKey,
    plain: PathBuf,
}

/// The demo store (made the first time) and a plain SQLite copy of it for the baseline.
fn fixture() -> Fixture {
    let years = env_u32("FRISTAD_BENCH_YEARS", 20);
    let scale = env_u32("FRISTAD_BENCH_SCALE", 1);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../target/bench-stores/y{years}-s{scale}"));
    let dir = DataDir::new(root.join("data"));
    let key_file = root.join("recovery-key.txt");
    let plain = root.join("plain.db");
    if !key_file.exists() {
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let org = fristad::organisation::OrganisationInput {
            name: "Kvinnojouren Exempelstad (bänk)".into(),
            org_number: "802000-0009".into(),
            address: "Box 1, 123 45 Exempelstad".into(),
            bankgiro: "5050-1055".into(),
            f_skatt: true,
        };
        let choice = KeyChoice::Passphrase(Secret::new(PASSPHRASE.to_owned()));
        let started = std::time::Instant::now();
        let created = setup::create(&dir, Some(&org), choice, "bench", Utc::now()).unwrap();
        let mut store = created.store;
        let made = demo::fill(&mut store, Plan { years, scale, seed: 1 }, "bench", Utc::now()).unwrap();
        eprintln!(
            "bench store: {} placements, {} invoices in {:.1} s",
            made.placements,
            made.invoices,
            started.elapsed().as_secs_f64()
        );
        // The same database without encryption, for the cost of SQLCipher. The store's
        // connection may not create files, so the (empty) file is made first.
        std::fs::File::create(&plain).unwrap();
        store
            .conn()
            .execute_batch(&format!(
                "ATTACH DATABASE '{}' AS plain KEY ''; SELECT sqlcipher_export('plain'); DETACH DATABASE plain;",
                plain.display()
            ))
            .unwrap();
        store.close().unwrap();
        std::fs::write(&key_file, created.key.recovery_text().expose()).unwrap();
    }
    let key = DbKey::parse_recovery(&std::fs::read_to_string(&key_file).unwrap()).unwrap();
    Fixture { dir, key, plain }
}

fn benches(c: &mut Criterion) {
    let f = fixture();
    let store = unlock::open(&f.dir, Unlock::RecoveryKey(f.key.clone())).unwrap();
    let now = Utc::now();
    let last_year = clock::swedish_date(now).year() - 1;
    let span = Span::year(last_year).expect("a year the store covers");

    c.bench_function("yearly report (SQLCipher)", |b| {
        b.iter(|| compute::compute(store.conn(), span, now).unwrap())
    });
    let plain = rusqlite::Connection::open(&f.plain).unwrap();
    c.bench_function("yearly report (plain SQLite)", |b| {
        b.iter(|| compute::compute(&plain, span, now).unwrap())
    });

    // What the home screen and the invoice screen ask for when they open.
    c.bench_function("home screen (who is here, acute clocks)", |b| {
        b.iter(|| fristad::placements::views::now(store.conn(), now, fristad::people::Names::All).unwrap())
    });
    let today = clock::swedish_date(now);
    c.bench_function("invoice screen (newest 500, balances)", |b| {
        b.iter(|| {
            let rows = billing::register::rows(store.conn(), &Default::default(), today, 500).unwrap();
            let balances = billing::register::balances(store.conn(), today).unwrap();
            (rows.matching, balances.len())
        })
    });

    // The month's invoicing run: this month so far (the demo invoiced every earlier month),
    // rolled back after each iteration so that every iteration does the same work.
    let through = clock::swedish_date(now) - Duration::days(1);
    // The same run's decisions alone (which nights, which invoices and credit notes), without
    // making, signing and storing the documents.
    c.bench_function("invoicing run, this month, decided (dry run)", |b| {
        b.iter(|| billing::run::prepare(store.conn(), through, now).unwrap().drafts.len())
    });
    // The run as the user waits for it: its invoices, lines, nights and e-invoices written, the
    // PDFs noted as due.
    c.bench_function("invoicing run, this month", |b| {
        b.iter(|| {
            let tx = store.conn().unchecked_transaction().unwrap();
            let issued = billing::run::issue(&tx, through, now, "bench").unwrap();
            drop(tx);
            issued.invoices.len()
        })
    });
    // The same run and then its documents made, signed and stored, as the window does behind it.
    c.bench_function("invoicing run, this month, and its documents", |b| {
        b.iter(|| {
            let tx = store.conn().unchecked_transaction().unwrap();
            let issued = billing::run::issue(&tx, through, now, "bench").unwrap();
            let made = billing::due_documents::make_all(&tx, now).unwrap();
            drop(tx);
            assert_eq!(made, issued.invoices.len());
            made
        })
    });

    let number: String = store
        .conn()
        .query_row("SELECT number FROM invoices ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let invoice = billing::register::by_number(store.conn(), &number).unwrap();
    let identity = documents::signing::load(store.conn())
        .unwrap()
        .expect("a signing identity");
    c.bench_function("invoice PDF, rendered (not signed)", |b| {
        b.iter(|| documents::invoice_pdf::render(&invoice, None, now))
    });
    c.bench_function("invoice PDF, signed", |b| {
        b.iter(|| {
            let pdf = documents::invoice_pdf::render(&invoice, None, now);
            documents::signing::sign_pdf(&pdf, &identity, &invoice.seller.name, "Faktura", now).unwrap()
        })
    });
    c.bench_function("Peppol XML", |b| {
        b.iter(|| documents::peppol::render(&invoice).unwrap())
    });

    // The baseline for the same invoice: a filled word-processor template converted to PDF by
    // LibreOffice, a new process each time as when an office clicks "export as PDF" per invoice.
    match word_processor::libreoffice() {
        Some(program) => {
            let work = std::env::temp_dir().join(format!("fristad-bench-lo-{}", std::process::id()));
            std::fs::create_dir_all(&work).unwrap();
            let fodt = work.join("faktura.fodt");
            std::fs::write(&fodt, word_processor::template(&invoice)).unwrap();
            let profile = work.join("profile");
            // Once before measuring: LibreOffice makes its profile the first time, as on the
            // office PC once; and the conversion must work.
            word_processor::convert(&program, &fodt, &work, &profile);
            assert!(work.join("faktura.pdf").exists(), "LibreOffice made no PDF");
            let mut group = c.benchmark_group("word-processor baseline");
            group.sample_size(10).sampling_mode(criterion::SamplingMode::Flat);
            group.bench_function("invoice PDF via libreoffice --convert-to pdf", |b| {
                b.iter(|| word_processor::convert(&program, &fodt, &work, &profile))
            });
            group.finish();
            let _ = std::fs::remove_dir_all(&work);
        }
        None => eprintln!(
            "LibreOffice is not installed: the word-processor baseline is skipped (scripts/install-deps.sh bench installs it)"
        ),
    }

    drop(store);
    let mut group = c.benchmark_group("open the store");
    group.sample_size(10);
    group.bench_function("raw key", |b| {
        b.iter(|| unlock::open(&f.dir, Unlock::RecoveryKey(f.key.clone())).unwrap())
    });
    group.bench_function("passphrase", |b| {
        b.iter(|| unlock::open(&f.dir, Unlock::Passphrase(Secret::new(PASSPHRASE.to_owned()))).unwrap())
    });
    group.finish();
}

/// `refused_requests` of an import file: `n` synthetic requests over about 25 years, every
/// tenth alike with another (two women turned away the same day), the way an export writes them.
fn refused_requests(n: usize) -> Vec<fristad::requests::RefusedRequest> {
    let first = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let i = if i % 10 == 9 { i - 1 } else { i };
            fristad::requests::RefusedRequest {
                requested_on: first + Duration::days((i % 9000) as i64),
                women: 1 + (i % 3) as u32,
                children: (i % 4) as u32,
                note: if i % 2 == 0 {
                    String::new()
                } else {
                    format!("Kommun {}", i % 290)
                },
            }
        })
        .collect()
}

/// `requests` of an import file: `n` synthetic requests over about 25 years, with every outcome
/// and reason, every tenth alike with another.
fn requests(n: usize) -> Vec<fristad::requests::Request> {
    use fristad::requests::{Asker, Outcome, Reason, Request};
    let first = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let i = if i % 10 == 9 { i - 1 } else { i };
            let outcome = [
                None,
                Some(Outcome::Refused),
                Some(Outcome::Referred),
                Some(Outcome::Withdrawn),
            ][i % 4];
            Request {
                date: first + Duration::days((i % 9000) as i64),
                from: Asker::ALL[i % Asker::ALL.len()],
                adults: 1 + (i % 2) as u32,
                children: (i % 4) as u32,
                outcome,
                reason: (outcome == Some(Outcome::Refused)).then(|| Reason::ALL[i % Reason::ALL.len()]),
                referred_to: String::new(),
                placement: None,
                note: String::new(),
                struck: None,
            }
        })
        .collect()
}

/// `support_contacts` of an import file: `n` synthetic contacts, every tenth alike with another.
fn support_contacts(n: usize) -> Vec<fristad::support::SupportContact> {
    use fristad::support::{Channel, ContactGroup, SupportContact, TakenBy, Topic};
    let first = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let i = if i % 10 == 9 { i - 1 } else { i };
            SupportContact {
                date: first + Duration::days((i % 9000) as i64),
                channel: Channel::ALL[i % Channel::ALL.len()],
                group: ContactGroup::ALL[i % ContactGroup::ALL.len()],
                topics: vec![Topic::ALL[i % Topic::ALL.len()]],
                minutes: Some((i % 60) as u32),
                by: TakenBy::ALL[i % 2],
                person: (i % 3 == 0).then(|| format!("K{}", i % 500)),
                struck: None,
            }
        })
        .collect()
}

/// Issue 19, case 8: an import's time grows with the number of its records, not with its square.
/// Each iteration imports into a new, empty store (made outside the measurement). The refused
/// requests of old files, every request and the support contacts.
fn imports(c: &mut Criterion) {
    import_group(c, "import refused requests", |n| fristad::exchange::Exchange {
        refused_requests: refused_requests(n),
        ..Default::default()
    });
    import_group(c, "import requests", |n| fristad::exchange::Exchange {
        requests: requests(n),
        ..Default::default()
    });
    import_group(c, "import support contacts", |n| fristad::exchange::Exchange {
        support_contacts: support_contacts(n),
        ..Default::default()
    });
}

fn import_group(c: &mut Criterion, name: &str, file_of: fn(usize) -> fristad::exchange::Exchange) {
    let mut group = c.benchmark_group(name);
    group.sample_size(10).sampling_mode(criterion::SamplingMode::Flat);
    for n in [1_000, 10_000, 50_000] {
        let file = file_of(n);
        group.throughput(criterion::Throughput::Elements(n as u64));
        group.bench_function(criterion::BenchmarkId::from_parameter(n), |b| {
            b.iter_batched(
                || {
                    let tmp = tempfile::tempdir().unwrap();
                    let dir = DataDir::new(tmp.path().join("data"));
                    let choice = KeyChoice::Passphrase(Secret::new(PASSPHRASE.to_owned()));
                    let store = setup::create(&dir, None, choice, "bench", Utc::now()).unwrap().store;
                    (tmp, store)
                },
                |(tmp, mut store)| {
                    let changes =
                        fristad::exchange::import(&mut store, &file, Utc::now(), "bench", fristad::text::Lang::Sv)
                            .unwrap();
                    assert_eq!(changes.total(), n);
                    (tmp, store)
                },
                criterion::BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group! {
    name = speed;
    // 20 samples: at a federation's size some iterations take seconds, and a median of 20 is
    // steady enough for the targets.
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_group!(import, imports);
criterion_main!(import, speed);
