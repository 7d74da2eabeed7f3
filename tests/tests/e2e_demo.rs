//! The window on a demo store (`make run DEMO=1`): a living shelter after signing in as demo.

use fristad_tests::desktop::{DEMO_USER, no_session, open_demo, say};
use std::time::Instant;

#[tokio::test]
async fn the_demo_store_opens_a_populated_window() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let w = open_demo(&tmp.path().join("demo"), 2, 3).await;
    w.sign_in(DEMO_USER.0, DEMO_USER.1).await;
    w.find("#home-screen").await;
    w.screenshot("71-demo-home").await;
    w.click("#nav a[data-route='placeringar']").await;
    assert!(
        w.table_rows("#placements-screen table").await.len() > 30,
        "placements are listed"
    );
    w.click("#nav a[data-route='fakturor']").await;
    assert!(w.table_rows("#invoice-list").await.len() > 100, "invoices are listed");
    w.screenshot("72-demo-invoices").await;
    // The filters ask the program: this year's unpaid invoices only, and the count says so.
    let all = w.text("#invoice-count").await;
    let year = fristad_tests::today().format("%Y").to_string();
    w.choose("#f-year", &year).await;
    w.choose("#f-showing", "open").await;
    let count = w.wait_for_text("#invoice-count", say("faktur", "invoice")).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut statuses: Vec<String> = Vec::new();
    while std::time::Instant::now() < deadline {
        let value = w
            .client
            .execute(
                "return [...document.querySelectorAll('#invoice-list tbody tr')].map(r => r.dataset.status)",
                vec![],
            )
            .await
            .unwrap();
        statuses = serde_json::from_value(value).unwrap();
        if statuses
            .iter()
            .all(|s| ["unpaid", "partly_paid", "overdue"].contains(&s.as_str()))
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        !statuses.is_empty()
            && statuses
                .iter()
                .all(|s| ["unpaid", "partly_paid", "overdue"].contains(&s.as_str())),
        "this year's unpaid invoices, and only they: {statuses:?}"
    );
    assert_ne!(
        all,
        w.text("#invoice-count").await,
        "the count follows the filters ({count})"
    );
    w.screenshot("72b-demo-invoices-unpaid").await;
    w.click("#nav a[data-route='statistik']").await;
    w.wait_for_text("#key-figures", say("Boendenätter", "Nights stayed"))
        .await;
    w.screenshot("73-demo-statistics").await;
    w.close().await;
}

/// Start-up and memory in the real window, measured and written down, never asserted on time:
/// from starting `fristad` to the sign-in form, from pressing "Logga in" to the home screen with
/// its figures, and the memory of the program with its WebKit processes, on the home screen and
/// after the heaviest screens. `make measure` runs this on the release build with a 20-year store
/// (FRISTAD_MEASURE_YEARS); the figures land in target/test-artifacts/measurements/.
#[tokio::test]
async fn start_up_and_memory_are_measured() {
    if no_session() {
        return;
    }
    let years: u32 = std::env::var("FRISTAD_MEASURE_YEARS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let tmp = tempfile::tempdir().unwrap();
    let w = open_demo(&tmp.path().join("demo"), years, 1).await;
    w.find("#sign-in-screen #f-username").await;
    let to_sign_in = w.launched.elapsed();
    w.type_into("#f-username", DEMO_USER.0).await;
    w.type_into("#f-password", DEMO_USER.1).await;
    let pressed = Instant::now();
    w.click("#sign-in-form button[type='submit']").await;
    w.find("#home-screen #present").await;
    let to_home = pressed.elapsed();
    let home_memory = w.program_memory();

    w.click("#nav a[data-route='fakturor']").await;
    w.find("#invoice-list").await;
    w.click("#nav a[data-route='statistik']").await;
    w.wait_for_text("#key-figures", say("Boendenätter", "Nights stayed"))
        .await;
    w.click("#nav a[data-route='placeringar']").await;
    w.find("#placements-screen table").await;
    let used_memory = w.program_memory();
    w.close().await;

    let mib = |b: u64| (b as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0;
    let total = |m: &[(String, u64, u64)]| m.iter().fold((0, 0), |(r, p), (_, rss, pss)| (r + rss, p + pss));
    let each = |m: &[(String, u64, u64)]| -> Vec<serde_json::Value> {
        m.iter()
            .map(|(name, rss, pss)| serde_json::json!({ "process": name, "rss_mib": mib(*rss), "pss_mib": mib(*pss) }))
            .collect()
    };
    let ((rss_home, pss_home), (rss_used, pss_used)) = (total(&home_memory), total(&used_memory));
    let build = if fristad_tests::program("fristad").starts_with(fristad_tests::workspace_dir().join("target/release"))
    {
        "release"
    } else {
        "debug"
    };
    let figures = serde_json::json!({
        "build": build,
        "years": years,
        "start_to_sign_in_ms": to_sign_in.as_millis(),
        "sign_in_to_home_ms": to_home.as_millis(),
        "start_to_usable_home_ms": (to_sign_in + to_home).as_millis(),
        "memory_home_rss_mib": mib(rss_home),
        "memory_home_pss_mib": mib(pss_home),
        "memory_after_screens_rss_mib": mib(rss_used),
        "memory_after_screens_pss_mib": mib(pss_used),
        "processes_home": each(&home_memory),
        "processes_after_screens": each(&used_memory),
    });
    eprintln!("start-up and memory: {figures:#}");
    let out = fristad_tests::artifacts_dir("measurements").join(format!("startup-{build}-{years}y.json"));
    std::fs::write(out, serde_json::to_string_pretty(&figures).unwrap()).unwrap();
    assert!(pss_home > 0 && pss_used > 0, "the program's memory could be read");
}
