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
    let span = Span::year(last_year);

    c.bench_function("yearly report (SQLCipher)", |b| {
        b.iter(|| compute::compute(store.conn(), span, now).unwrap())
    });
    let plain = rusqlite::Connection::open(&f.plain).unwrap();
    c.bench_function("yearly report (plain SQLite)", |b| {
        b.iter(|| compute::compute(&plain, span, now).unwrap())
    });

    // The month's invoicing run: this month so far (the demo invoiced every earlier month),
    // rolled back after each iteration so that every iteration does the same work.
    let through = clock::swedish_date(now) - Duration::days(1);
    c.bench_function("invoicing run, this month", |b| {
        b.iter(|| {
            let tx = store.conn().unchecked_transaction().unwrap();
            let issued = billing::run::issue(&tx, through, now, "bench").unwrap();
            drop(tx);
            issued.len()
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

criterion_group!(speed, benches);
criterion_main!(speed);
