//! For staff who use only the keyboard or need the window larger (WCAG 2.1 AA): every control is
//! reached with Tab in the order it is read, each shows where the focus is, the help of a screen
//! opens with F1, and at 200 % zoom every screen still fits the window's width (no sideways
//! scrolling). axe-core checks each screen on the way (`Window::screenshot`).

use fantoccini::key::Key;
use fristad_tests::desktop::{DEMO_USER, Window, language, no_session, open_demo, say};
use serde_json::Value;

/// The menu's screens, by route and by the id of the screen's section.
const SCREENS: [(&str, &str); 15] = [
    ("hem", "home-screen"),
    ("intag", "intake-screen"),
    ("placeringar", "placements-screen"),
    ("rum", "rooms-screen"),
    ("personer", "people-screen"),
    ("fakturering", "invoicing-screen"),
    ("fakturor", "invoices-screen"),
    ("statistik", "statistics-screen"),
    ("kommuner", "municipalities-screen"),
    ("taxor", "tariffs-screen"),
    ("stod", "support-screen"),
    ("forfragningar", "requests-screen"),
    ("avtal", "agreement-screen"),
    ("logg", "access-log-screen"),
    ("konton", "accounts-screen"),
];

/// What has the keyboard focus: its text (or label), and whether a focus ring is drawn around it.
const FOCUSED: &str = "const el = document.activeElement;
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
  return { tag: el.tagName.toLowerCase(), text: (el.textContent || label || el.name || '').trim(),
           route: el.dataset ? el.dataset.route || null : null, ring };";

/// How far the page reaches past the window's right edge, and the innermost elements that do.
const WIDER_THAN_WINDOW: &str = "const root = document.documentElement;
  const edge = root.clientWidth;
  const past = [...document.querySelectorAll('main *')]
    .filter((el) => el.getBoundingClientRect().right > edge + 1)
    .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > edge + 1))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`);
  return { by: root.scrollWidth - edge, what: past.join(', ') };";

/// A key pressed where the keyboard focus is, as a person would.
async fn press(w: &Window, key: Key) {
    let active = w.client.active_element().await.expect("something has the focus");
    active.send_keys(&key.to_string()).await.expect("key sent");
}

async fn tab(w: &Window) -> Value {
    press(w, Key::Tab).await;
    w.client.execute(FOCUSED, vec![]).await.expect("focus read")
}

/// Whether the screen's help is open (null when the screen has none).
async fn help_open(w: &Window) -> Value {
    w.client
        .execute("return document.getElementById('screen-help')?.open ?? null", vec![])
        .await
        .unwrap()
}

#[tokio::test]
async fn by_keyboard_alone_and_at_200_percent() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let w = open_demo(&tmp.path().join("demo"), 1, 11).await;
    w.sign_in(DEMO_USER.0, DEMO_USER.1).await;
    w.find("#home-screen").await;

    // From the top of the page, Tab goes first to «Hoppa till innehållet», then through the menu
    // in the order it is shown, and every stop shows a focus ring.
    w.client
        .execute("document.activeElement.blur(); document.body.focus();", vec![])
        .await
        .unwrap();
    let mut stops = Vec::new();
    for _ in 0..24 {
        stops.push(tab(&w).await);
    }
    assert_eq!(
        stops[0]["text"],
        say("Hoppa till innehållet", "Skip to content"),
        "{stops:?}"
    );
    for stop in &stops {
        assert_eq!(stop["ring"], true, "no visible focus on {stop}");
    }
    let routes: Vec<&str> = stops.iter().filter_map(|s| s["route"].as_str()).collect();
    let menu: Vec<&str> = SCREENS.iter().map(|(route, _)| *route).collect();
    assert_eq!(routes, menu, "the menu in its order, each once");

    // Enter on a menu item opens its screen and puts the focus on its heading.
    let items = w.client.find_all(fantoccini::Locator::Css("#nav a")).await.unwrap();
    items[2].send_keys(&Key::Enter.to_string()).await.unwrap();
    w.find("#placements-screen").await;
    let focused = w.client.execute(FOCUSED, vec![]).await.unwrap();
    assert_eq!(focused["tag"], "h1", "{focused}");

    // F1 opens the screen's help and moves the focus to it; F1 again closes it.
    press(&w, Key::F1).await;
    assert_eq!(help_open(&w).await, true, "F1 opens the help");
    w.screenshot("80-help-open").await;
    press(&w, Key::F1).await;
    assert_eq!(help_open(&w).await, false, "F1 again closes it");

    // Ctrl and plus five times: 200 %. The window is then 600 CSS pixels wide, and every screen
    // fits it without sideways scrolling.
    for _ in 0..5 {
        w.press_ctrl('+').await;
    }
    let wide = w.client.execute("return window.innerWidth", vec![]).await.unwrap();
    assert!(wide.as_f64().unwrap() <= 620.0, "200 % zoom: {wide} CSS pixels wide");
    let mut sideways = Vec::new();
    let mut titles = Vec::new();
    for (route, screen) in SCREENS {
        w.client_go(&format!("#/{route}")).await;
        w.find(&format!("#{screen}")).await;
        let overflow = w.client.execute(WIDER_THAN_WINDOW, vec![]).await.unwrap();
        titles.push(w.text(&format!("#{screen} h1")).await);
        w.screenshot(&format!("81-zoom-200-{route}")).await;
        if overflow["by"].as_f64().unwrap() > 1.0 {
            sideways.push(format!("«{route}» by {} px: {}", overflow["by"], overflow["what"]));
        }
    }
    assert!(sideways.is_empty(), "sideways scrolling at 200 %: {sideways:?}");
    // Back to 100 % for the next test in this session (the level is kept between starts).
    w.press_ctrl('0').await;

    // The other language (English, or Swedish when this run is in English) is a setting of this
    // computer, at the foot of every screen: the window is drawn again in it, help included, and
    // axe-core checks it; then back.
    let (this, other) = if language() == "en" { ("en", "sv") } else { ("sv", "en") };
    let then = |sv: &'static str, en: &'static str| if other == "en" { en } else { sv };
    w.client_go("#/hem").await;
    w.find("#home-screen").await;
    w.choose("#language", other).await;
    w.wait_for_text("#nav a[data-route='hem']", then("Översikt", "Overview"))
        .await;
    w.find("#home-screen").await;
    let lang = w
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .unwrap();
    assert_eq!(lang, other);
    w.wait_for_text("#screen-help summary", then("Om", "About")).await;
    w.screenshot("82-home-in-the-other-language").await;
    // Every menu screen in the other language: its heading is no longer the one it had, and it
    // passes axe-core with the page's `lang` changed.
    for ((route, screen), before) in SCREENS.iter().zip(&titles) {
        w.client_go(&format!("#/{route}")).await;
        let title = w.text(&format!("#{screen} h1")).await;
        assert!(
            title != *before || title == "Administration",
            "«{route}» still says «{title}» in {other}"
        );
        w.screenshot(&format!("83-other-language-{route}")).await;
    }
    // The program's own lists follow (how she came, on the intake screen).
    w.client_go("#/intag").await;
    w.find("#intake-screen").await;
    let options = w
        .client
        .execute("return document.getElementById('intake-screen').textContent", vec![])
        .await
        .unwrap();
    assert!(
        options
            .as_str()
            .unwrap()
            .contains(then("Via polisen", "Through the police")),
        "the program's lists in {other}"
    );
    // A message from the program itself: locked, then a wrong password.
    w.click("#lock-button").await;
    w.find("#sign-in-screen").await;
    w.type_into("#f-username", DEMO_USER.0).await;
    w.type_into("#f-password", "not the password").await;
    w.click("#sign-in-form button[type='submit']").await;
    w.wait_for_text(
        "#sign-in-form",
        then("Fel användarnamn eller lösenord.", "Wrong user name or password."),
    )
    .await;
    w.screenshot("84-other-language-sign-in-refused").await;
    w.sign_in(DEMO_USER.0, DEMO_USER.1).await;
    w.find("#intake-screen").await;
    w.choose("#language", this).await;
    w.wait_for_text("#nav a[data-route='hem']", say("Översikt", "Overview"))
        .await;
    w.close().await;
}
