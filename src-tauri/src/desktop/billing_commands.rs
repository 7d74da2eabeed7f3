//! Commands for invoicing: the run (preview, then issue), the register, one invoice, payments,
//! credit notes, tariffs and the billing settings.

use super::commands::{Saved, store};
use super::language::window_language;
use super::session::Session;
use crate::audit::About;
use crate::billing::held_back::HeldBack;
use crate::billing::invoice::Invoice;
use crate::billing::register::{self, Balance, Entry};
use crate::billing::{due_documents, payments, run};
use crate::clock;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::placements::Category;
use crate::records::date;
use crate::registers::tariffs::{self, Tariff};
use crate::saved_file::Existing;
use crate::settings::{self, Settings};
use crate::text::Message;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use tauri::Manager;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Through {
    through: String,
}

#[derive(Debug, Serialize)]
pub struct Preview {
    invoices: Vec<Invoice>,
    held_back: Vec<HeldBackView>,
    last_through: Option<NaiveDate>,
}

/// A municipality a run holds back, with what is missing in the window's language.
#[derive(Debug, Serialize)]
pub struct HeldBackView {
    #[serde(flatten)]
    held: HeldBack,
    message: String,
}

fn held_back_views(held: Vec<HeldBack>) -> Vec<HeldBackView> {
    held.into_iter()
        .map(|held| HeldBackView {
            message: held.message().render(window_language()),
            held,
        })
        .collect()
}

#[tauri::command(async)]
pub fn invoice_preview(session: tauri::State<'_, Session>, input: Through) -> Result<Preview> {
    let through = date("through", &input.through)?;
    let mut s = session.lock();
    let conn = store(&mut s)?.conn();
    let prepared = run::prepare(conn, through, clock::now())?;
    Ok(Preview {
        invoices: prepared.drafts.into_iter().map(|d| d.invoice).collect(),
        held_back: held_back_views(prepared.held_back),
        last_through: run::last_through(conn)?,
    })
}

#[derive(Debug, Serialize)]
pub struct IssuedView {
    invoices: Vec<Invoice>,
    held_back: Vec<HeldBackView>,
}

#[tauri::command(async)]
pub fn invoice_issue(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: Through) -> Result<IssuedView> {
    let through = date("through", &input.through)?;
    let issued = session.lock().change(
        "invoice_issue",
        |tx, actor| run::issue(tx, through, clock::now(), actor),
        |issued| About::detail(format!("{} fakturor t.o.m. {through}", issued.invoices.len())),
    )?;
    make_due_documents(app);
    Ok(IssuedView {
        invoices: issued.invoices,
        held_back: held_back_views(issued.held_back),
    })
}

/// Makes the documents of what was just issued behind the window, batch by batch, holding the
/// session only to read and to store so that the window stays usable meanwhile. A document asked
/// for before its turn is made at once (`register::documents`); one that cannot be made stays
/// due, asking for it shows why, and the managers' home screen says so.
pub(super) fn make_due_documents(app: tauri::AppHandle) {
    if app.state::<Session>().making_documents.swap(true, Ordering::AcqRel) {
        return;
    }
    std::thread::spawn(move || {
        let session = app.state::<Session>();
        let making = &session.making_documents;
        // Each step takes the session for its own statement only (never across a `match`, whose
        // scrutinee would keep it locked).
        let take = || {
            let s = session.lock();
            s.store.as_ref().map(|st| due_documents::take(st.conn()))
        };
        loop {
            let taken = take();
            let batch = match taken {
                Some(Ok(Some(batch))) => batch,
                Some(Ok(None)) => {
                    making.store(false, Ordering::Release);
                    // A change written while this was finishing found it busy and left its
                    // documents to it.
                    let left = {
                        let s = session.lock();
                        s.store.as_ref().map(|st| due_documents::count(st.conn()))
                    };
                    if matches!(left, Some(Ok(n)) if n > 0) && !making.swap(true, Ordering::AcqRel) {
                        continue;
                    }
                    return;
                }
                // The store is closed, or reading failed: what is left stays due.
                _ => {
                    making.store(false, Ordering::Release);
                    return;
                }
            };
            let saved = match batch.make(clock::now()) {
                Ok(made) => {
                    let s = session.lock();
                    s.store.as_ref().map(|st| due_documents::save(st.conn(), made))
                }
                Err(e) => Some(Err(e)),
            };
            if !matches!(saved, Some(Ok(()))) {
                // What is left stays due; the managers' home screen says why.
                if let Some(Err(e)) = &saved {
                    let s = session.lock();
                    if let Some(st) = s.store.as_ref() {
                        due_documents::could_not_make(st.conn(), e, clock::now());
                    }
                }
                making.store(false, Ordering::Release);
                return;
            }
        }
    });
}

/// At most this many invoices are listed at once; the filters choose among the rest.
const REGISTER_ROWS: usize = 500;

#[derive(Debug, Serialize)]
pub struct Register {
    #[serde(flatten)]
    invoices: register::Rows,
    limit: usize,
    years: Vec<i32>,
    municipalities: Vec<(String, String)>,
    balances: Vec<Balance>,
    last_through: Option<NaiveDate>,
}

/// An invoice's account with its status in the window's language.
pub(super) fn shown(mut e: Entry) -> Entry {
    e.status_label = e.status.label_in(window_language());
    e
}

#[tauri::command(async)]
pub fn invoices_list(session: tauri::State<'_, Session>, input: register::Filter) -> Result<Register> {
    let mut s = session.lock();
    let conn = store(&mut s)?.conn();
    let today = clock::swedish_date(clock::now());
    let mut invoices = register::rows(conn, &input, today, REGISTER_ROWS)?;
    for row in &mut invoices.rows {
        row.status_label = row.status.label_in(window_language());
    }
    Ok(Register {
        invoices,
        limit: REGISTER_ROWS,
        years: register::years(conn)?,
        municipalities: crate::registers::municipalities::list(conn)?
            .into_iter()
            .map(|m| (m.key, m.name))
            .collect(),
        balances: register::balances(conn, today)?,
        last_through: run::last_through(conn)?,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Number {
    pub(super) number: String,
}

#[tauri::command(async)]
pub fn invoice_view(session: tauri::State<'_, Session>, input: Number) -> Result<Entry> {
    let mut s = session.lock();
    let conn = store(&mut s)?.conn();
    register::entry(
        conn,
        register::id_of(conn, &input.number)?,
        clock::swedish_date(clock::now()),
    )
    .map(shown)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayInput {
    number: String,
    amount: String,
    date: String,
}

#[tauri::command(async)]
pub fn invoice_pay(session: tauri::State<'_, Session>, input: PayInput) -> Result<Entry> {
    let amount = Money::read_kronor(&input.amount).map_err(|m| Error::invalid("amount", m))?;
    let paid_on = date("date", &input.date)?;
    let mut s = session.lock();
    s.change(
        "invoice_pay",
        |tx, actor| payments::pay(tx, &input.number, amount, paid_on, clock::now(), actor),
        |_| About::detail(format!("faktura {}", input.number)),
    )
    .map(shown)
}

#[derive(Debug, Serialize)]
pub struct BillingSettings {
    settings: Settings,
    terms: crate::terms::BillingTerms,
    tariffs: Vec<Tariff>,
}

#[tauri::command(async)]
pub fn billing_settings(session: tauri::State<'_, Session>) -> Result<BillingSettings> {
    let mut s = session.lock();
    let conn = store(&mut s)?.conn();
    Ok(BillingSettings {
        settings: settings::load(conn)?,
        terms: crate::terms::billing_terms(conn)?,
        tariffs: tariffs::list(conn)?,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsInput {
    payment_terms_days: u32,
    round_totals: bool,
    vat_exemption_text: String,
    night_counting: settings::NightCounting,
    service_fee_schedule: settings::FeeSchedule,
    /// From when a changed night counting or schedule applies ("": the first not yet invoiced).
    terms_from: String,
    /// Why they change (needed only when they do).
    terms_reason: String,
    service_fee_from: String,
    accounts: settings::Accounts,
    suppress_small_cells: bool,
    idle_lock_minutes: u32,
    retention: settings::Retention,
    clipboard_clear_seconds: u32,
}

#[tauri::command(async)]
pub fn save_billing_settings(session: tauri::State<'_, Session>, input: SettingsInput) -> Result<bool> {
    let mut s = session.lock();
    let before = settings::load(store(&mut s)?.conn())?;
    let terms = crate::terms::Changing {
        night_counting: Some(input.night_counting),
        fee_schedule: Some(input.service_fee_schedule),
        from: match input.terms_from.trim() {
            "" => None,
            t => Some(date("terms_from", t)?),
        },
        reason: input.terms_reason,
        ..Default::default()
    };
    let value = Settings {
        payment_terms_days: input.payment_terms_days,
        round_totals: input.round_totals,
        vat_exemption_text: input.vat_exemption_text.trim().to_owned(),
        service_fee_from: match input.service_fee_from.trim() {
            "" => None,
            t => Some(date("service_fee_from", t)?),
        },
        accounts: input.accounts,
        suppress_small_cells: input.suppress_small_cells,
        idle_lock_minutes: input.idle_lock_minutes,
        retention: input.retention,
        clipboard_clear_seconds: input.clipboard_clear_seconds,
        // Backups have their own screen; this form leaves them as they are.
        backup: before.backup.clone(),
        ..before
    };
    s.change(
        "save_billing_settings",
        |tx, actor| {
            let now = clock::now();
            let terms = crate::terms::change_billing(tx, &terms, actor, now)?;
            Ok(settings::save(tx, &value, actor, now)? || terms)
        },
        |_| About::nothing(),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TariffInput {
    valid_from: String,
    category: Category,
    iop: String,
    standard: String,
    /// A tariff from a date before the first night not yet invoiced re-prices invoiced nights:
    /// only when asked, after the preview.
    #[serde(default)]
    reprice: bool,
}

impl TariffInput {
    fn tariff(&self) -> Result<Tariff> {
        Ok(Tariff {
            valid_from: date("valid_from", &self.valid_from)?,
            category: self.category,
            iop: Money::read_kronor(&self.iop).map_err(|m| Error::invalid("iop", m))?,
            standard: Money::read_kronor(&self.standard).map_err(|m| Error::invalid("standard", m))?,
        })
    }
}

/// Saves a tariff; one dated before the first night not yet invoiced only when re-pricing is asked.
fn save_dated_tariff(tx: &rusqlite::Transaction, tariff: &Tariff, reprice: bool) -> Result<bool> {
    if let Some(first) = crate::terms::first_uninvoiced_night(tx, None)?
        && tariff.valid_from < first
        && !reprice
    {
        return Err(Error::invalid(
            "valid_from",
            crate::msg!("error.terms.reprices", from = tariff.valid_from, first = first),
        ));
    }
    tariffs::save(tx, tariff)
}

/// What saving a tariff would make the next run credit and invoice. Nothing is saved.
#[tauri::command(async)]
pub fn tariff_change_preview(
    session: tauri::State<'_, Session>,
    input: TariffInput,
) -> Result<crate::billing::change_effect::Effect> {
    let tariff = input.tariff()?;
    let mut s = session.lock();
    crate::billing::change_effect::of(store(&mut s)?.conn(), |tx| tariffs::save(tx, &tariff), clock::now())
}

#[tauri::command(async)]
pub fn save_tariff(session: tauri::State<'_, Session>, input: TariffInput) -> Result<bool> {
    let tariff = input.tariff()?;
    let mut s = session.lock();
    s.change(
        "save_tariff",
        |tx, _| save_dated_tariff(tx, &tariff, input.reprice),
        |_| About::nothing(),
    )
}

/// A text for the window (a dialog's title, a file type), in its language.
fn window(text: Message) -> String {
    text.render(window_language())
}

/// The stored documents of an invoice, its buyer's name, and a file name without personal data.
fn stored(session: &Session, number: &str) -> Result<(String, register::Documents, String)> {
    let mut s = session.lock();
    let conn = store(&mut s)?.conn();
    let id = register::id_of(conn, number)?;
    let invoice = register::by_id(conn, id)?;
    let documents = register::documents(conn, id, clock::now())?;
    let name = register::file_name(invoice.kind, invoice.number.as_deref().unwrap_or(""));
    Ok((name, documents, invoice.buyer.name))
}

#[tauri::command(async)]
pub fn invoice_print(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: Number) -> Result<()> {
    let (name, documents, _) = stored(&session, &input.number)?;
    let dir = session.lock().dir.clone();
    super::files::open_for_printing(&app, &dir, &format!("{name}.pdf"), &documents.pdf)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Format {
    Pdf,
    Xml,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveInvoice {
    number: String,
    format: Format,
}

#[tauri::command(async)]
pub fn invoice_save(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: SaveInvoice) -> Result<Saved> {
    let (name, documents, buyer) = stored(&session, &input.number)?;
    let (bytes, ext, filter) = match input.format {
        Format::Pdf => (documents.pdf, "pdf", "PDF".to_owned()),
        Format::Xml => (
            documents
                .e_invoice
                .ok_or_else(|| Error::invalid("format", crate::msg!("error.documents.peppol_missing", name = buyer)))?
                .into_bytes(),
            "xml",
            window(crate::msg!("notice.billing.e_invoice_filter")),
        ),
    };
    let title = window(crate::msg!("notice.billing.save_invoice"));
    match super::files::save_dialog(&app, &title, &format!("{name}.{ext}"), (&filter, &[ext]))? {
        Some(path) => super::files::write(&super::files::data_dir(&session), &path, &bytes).map(|_| Saved::file(&path)),
        None => Ok(Saved::cancelled()),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Month {
    month: String,
}

#[tauri::command(async)]
pub fn invoices_save_month(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: Month) -> Result<Saved> {
    let files = {
        let mut s = session.lock();
        register::month_documents(store(&mut s)?.conn(), input.month.trim(), clock::now())?
    };
    if files.is_empty() {
        return Err(Error::invalid(
            "month",
            crate::msg!("error.billing.none_issued_in_month", month = input.month.trim()),
        ));
    }
    let Some(dir) = super::files::folder_dialog(&app, &window(crate::msg!("notice.billing.month_folder")))? else {
        return Ok(Saved::cancelled());
    };
    // A folder has no dialog asking before a file is replaced: files already there stay.
    let saved: Vec<(PathBuf, &[u8])> = files
        .iter()
        .flat_map(|(name, documents)| documents.files(name))
        .map(|(file, bytes)| (dir.join(file), bytes))
        .collect();
    crate::saved_file::save_all(&saved, &super::files::data_dir(&session), Existing::Keep)?;
    Ok(Saved::file(&dir))
}

#[tauri::command(async)]
pub fn invoice_reminder(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: Number) -> Result<Saved> {
    let pdf = {
        let mut s = session.lock();
        s.change(
            "invoice_reminder",
            |tx, _| crate::billing::reminder::reminder(tx, &input.number, clock::now()),
            |_| About::detail(format!("faktura {}", input.number)),
        )?
    };
    let name = format!("paminnelse-{}.pdf", input.number.trim());
    let title = window(crate::msg!("notice.billing.save_reminder"));
    match super::files::save_dialog(&app, &title, &name, ("PDF", &["pdf"]))? {
        Some(path) => super::files::write(&super::files::data_dir(&session), &path, &pdf).map(|_| Saved::file(&path)),
        None => Ok(Saved::cancelled()),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    from: String,
    to: String,
}

#[tauri::command(async)]
pub fn sie_save(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: Period) -> Result<Saved> {
    let from = date("from", &input.from)?;
    let to = date("to", &input.to)?;
    let bytes = {
        let mut s = session.lock();
        crate::billing::sie::export(store(&mut s)?.conn(), from, to, clock::now())?
    };
    match super::files::save_dialog(
        &app,
        &window(crate::msg!("notice.billing.save_sie")),
        &format!("fristad-{from}-{to}.se"),
        ("SIE 4", &["se", "si"]),
    )? {
        Some(path) => super::files::write(&super::files::data_dir(&session), &path, &bytes).map(|_| Saved::file(&path)),
        None => Ok(Saved::cancelled()),
    }
}

#[tauri::command(async)]
pub fn signing_info(session: tauri::State<'_, Session>) -> Result<Option<crate::documents::signing::Summary>> {
    let mut s = session.lock();
    crate::documents::signing::summary(store(&mut s)?.conn())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportCertificate {
    password: String,
}

#[tauri::command(async)]
pub fn signing_import(
    app: tauri::AppHandle,
    session: tauri::State<'_, Session>,
    input: ImportCertificate,
) -> Result<Saved> {
    let title = window(crate::msg!("notice.billing.choose_certificate"));
    let Some(path) = super::files::open_dialog(&app, &title, ("PKCS#12", &["p12", "pfx"]))? else {
        return Ok(Saved::cancelled());
    };
    let data = std::fs::read(&path).map_err(|e| Error::io(crate::msg!("error.billing.reading_file"), &e))?;
    let identity =
        crate::documents::signing::SigningIdentity::from_pkcs12(&data, &crate::secret::Secret::new(input.password))?;
    let mut s = session.lock();
    s.change(
        "signing_import",
        |tx, _| crate::documents::signing::import(tx, &identity, clock::now()),
        |_| About::nothing(),
    )?;
    Ok(Saved::file(&path))
}

#[tauri::command(async)]
pub fn logo_choose(app: tauri::AppHandle, session: tauri::State<'_, Session>) -> Result<Saved> {
    let title = window(crate::msg!("notice.billing.choose_logo"));
    let filter = window(crate::msg!("notice.billing.png_filter"));
    let Some(path) = super::files::open_dialog(&app, &title, (&filter, &["png"]))? else {
        return Ok(Saved::cancelled());
    };
    let png = std::fs::read(&path).map_err(|e| Error::io(crate::msg!("error.billing.reading_picture"), &e))?;
    let mut s = session.lock();
    s.change(
        "logo_choose",
        |tx, _| crate::organisation::set_logo(tx, Some(&png), clock::now()),
        |_| About::nothing(),
    )?;
    Ok(Saved::file(&path))
}

#[tauri::command(async)]
pub fn logo_remove(session: tauri::State<'_, Session>) -> Result<()> {
    let mut s = session.lock();
    s.change(
        "logo_remove",
        |tx, _| crate::organisation::set_logo(tx, None, clock::now()),
        |_| About::nothing(),
    )
}
