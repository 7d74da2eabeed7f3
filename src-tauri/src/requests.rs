//! Requests for a place: every one, not only the refused. Who asked (a kind of asker, never a
//! name), how many adults and children, the outcome, a refusal's reason, where they were referred
//! and, for a placed request, its placement. The refusal rate is the shelter's strongest argument
//! when the agreement is renegotiated, so a request is recorded when it comes, at any hour, and its
//! outcome may follow once it is decided.

use crate::error::{Error, Result};
use crate::placements::kinds::kind;
use crate::records;
use crate::store::columns::Stored;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

kind! {
    /// Who asked for the place.
    Asker {
        SocialServices = "socialtjansten";
        Police = "polisen";
        Themselves = "sjalv";
        OtherShelter = "annan_jour";
        Other = "annat";
    } default Other
}

kind! {
    /// What came of a request.
    Outcome {
        Placed = "placerad";
        Refused = "nekad";
        Referred = "hanvisad";
        Withdrawn = "aterkallad";
    } default Refused
}

kind! {
    /// Why a request was refused (or referred elsewhere).
    Reason {
        Full = "fullt";
        Substance = "missbruk";
        Accessibility = "tillganglighet";
        TeenageSon = "tonarsson";
        Security = "sakerhet";
        OutsideTargetGroup = "utanfor_malgrupp";
        Other = "annat";
    } default Other
}

/// One request, as recorded and as the import format writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub date: NaiveDate,
    pub from: Asker,
    pub adults: u32,
    pub children: u32,
    /// None while the request is being decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// Where they were referred: another shelter, a service; never a name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub referred_to: String,
    /// The placement's key, for a placed request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<String>,
    /// E.g. which municipality asked; never a name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Struck out as recorded wrongly: kept, listed, never counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<crate::struck::Struck>,
}

/// A request as the list shows it, with the id its outcome is recorded by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    pub id: i64,
    #[serde(flatten)]
    pub request: Request,
}

/// The outcome of a request recorded after it came.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub outcome: Outcome,
    #[serde(default)]
    pub reason: Option<Reason>,
    #[serde(default)]
    pub referred_to: String,
    #[serde(default)]
    pub placement: Option<String>,
}

/// A request of the refused-request log that came before (import files of release 0.1 and of
/// issue 19 have a `refused_requests` section): read as a request refused because the shelter
/// was full, from someone not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefusedRequest {
    pub requested_on: NaiveDate,
    pub women: u32,
    pub children: u32,
    #[serde(default)]
    pub note: String,
}

impl From<&RefusedRequest> for Request {
    fn from(r: &RefusedRequest) -> Request {
        Request {
            date: r.requested_on,
            from: Asker::Other,
            adults: r.women,
            children: r.children,
            outcome: Some(Outcome::Refused),
            reason: Some(Reason::Full),
            referred_to: String::new(),
            placement: None,
            note: r.note.clone(),
            struck: None,
        }
    }
}

/// The outcome's details checked against the outcome: a refusal needs its reason; a reason only
/// with a refusal or a referral; a placement only with a placed request, and one that exists.
/// Returns the placement's id.
fn checked_decision(
    tx: &Connection,
    outcome: Option<Outcome>,
    reason: Option<Reason>,
    placement: Option<&str>,
) -> Result<Option<i64>> {
    match (outcome, reason) {
        (Some(Outcome::Refused), None) => {
            return Err(Error::invalid("reason", crate::msg!("error.requests.reason_needed")));
        }
        (Some(Outcome::Refused | Outcome::Referred), Some(_)) | (_, None) => {}
        (_, Some(_)) => {
            return Err(Error::invalid(
                "reason",
                crate::msg!("error.requests.reason_not_refused"),
            ));
        }
    }
    let Some(key) = placement.map(str::trim).filter(|k| !k.is_empty()) else {
        return Ok(None);
    };
    if outcome != Some(Outcome::Placed) {
        return Err(Error::invalid(
            "placement",
            crate::msg!("error.requests.placement_not_placed"),
        ));
    }
    let key = records::check_key("placement", key)?;
    tx.prepare_cached("SELECT id FROM placements WHERE key = ?1")?
        .query_row([&key], |r| r.get(0))
        .optional()?
        .map(Some)
        .ok_or_else(|| Error::invalid("placement", crate::msg!("error.requests.no_such_placement", key = key)))
}

/// A request checked: someone asked, not in the future, its outcome's details fitting the
/// outcome, its texts short and without hidden characters. Returns it as it is saved (texts
/// trimmed) with its placement's id.
fn checked(tx: &Connection, r: &Request, today: NaiveDate) -> Result<(Request, Option<i64>)> {
    if r.adults.checked_add(r.children).is_none_or(|n| n == 0) {
        return Err(Error::invalid("adults", crate::msg!("error.requests.no_one")));
    }
    if r.adults > 50 || r.children > 50 {
        return Err(Error::invalid("adults", crate::msg!("error.requests.too_many")));
    }
    if r.date > today {
        return Err(Error::invalid("date", crate::msg!("error.care.date_in_future")));
    }
    let placement_id = checked_decision(tx, r.outcome, r.reason, r.placement.as_deref())?;
    let referred_to = records::optional(
        "referred_to",
        crate::msg!("label.requests.referred_to"),
        &r.referred_to,
        200,
    )?;
    let note = records::optional("note", crate::msg!("label.requests.note"), &r.note, 300)?;
    let placement = r
        .placement
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned);
    Ok((
        Request {
            referred_to,
            note,
            placement,
            ..r.clone()
        },
        placement_id,
    ))
}

/// A request's stored values, in the columns' order (`COLUMNS`): bound alike by the insert and
/// by an import's look for alike requests (`store::counted`).
fn values(r: &Request, placement_id: Option<i64>) -> Result<Vec<rusqlite::types::ToSqlOutput<'_>>> {
    use crate::store::counted::{integer, owned, text, text_or_null};
    let (struck_at, struck_by, struck_reason) = crate::struck::Struck::columns(r.struck.as_ref())?;
    Ok(vec![
        owned(Some(r.date.to_string())),
        text(r.from.as_str()),
        integer(Some(i64::from(r.adults))),
        integer(Some(i64::from(r.children))),
        text_or_null(r.outcome.map(Outcome::as_str)),
        text_or_null(r.reason.map(Reason::as_str)),
        text(&r.referred_to),
        integer(placement_id),
        text(&r.note),
        owned(struck_at),
        owned(struck_by),
        owned(struck_reason),
    ])
}

const COLUMNS: [&str; 12] = [
    "date",
    "from_whom",
    "adults",
    "children",
    "outcome",
    "reason",
    "referred_to",
    "placement_id",
    "note",
    "struck_at",
    "struck_by",
    "struck_reason",
];

static TABLE: crate::store::counted::Table = crate::store::counted::Table::new("requests", &COLUMNS);

fn insert(tx: &Transaction, r: &Request, placement_id: Option<i64>) -> Result<i64> {
    TABLE.insert(tx, values(r, placement_id)?)
}

/// Strikes out request `id`, recorded wrongly, with why (see `struck`).
pub fn strike(tx: &Transaction, id: i64, reason: &str, now: DateTime<Utc>, actor: &str) -> Result<()> {
    crate::struck::strike(tx, crate::struck::Table::Requests, id, reason, now, actor)
}

/// Records a request. Two requests alike on the same day are two requests (two women asked),
/// and both count in the statistics. Returns its id.
pub fn add(tx: &Transaction, r: &Request, today: NaiveDate) -> Result<i64> {
    let (r, placement_id) = checked(tx, r, today)?;
    insert(tx, &r, placement_id)
}

/// Records the outcome of a request that has none yet. An outcome once recorded is not replaced
/// here: a mistaken one is a correction, not a decision.
pub fn decide(tx: &Transaction, id: i64, d: &Decision) -> Result<()> {
    let pending: Option<bool> = tx
        .query_row(
            "SELECT outcome IS NULL AND struck_at IS NULL FROM requests WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match pending {
        None => return Err(Error::invalid("request", crate::msg!("error.requests.no_such_request"))),
        Some(false) => return Err(Error::invalid("outcome", crate::msg!("error.requests.already_decided"))),
        Some(true) => {}
    }
    let placement_id = checked_decision(tx, Some(d.outcome), d.reason, d.placement.as_deref())?;
    let referred_to = records::optional(
        "referred_to",
        crate::msg!("label.requests.referred_to"),
        &d.referred_to,
        200,
    )?;
    tx.execute(
        "UPDATE requests SET outcome = ?2, reason = ?3, referred_to = ?4, placement_id = ?5 WHERE id = ?1",
        params![
            id,
            d.outcome.as_str(),
            d.reason.map(Reason::as_str),
            referred_to,
            placement_id
        ],
    )?;
    Ok(())
}

/// The requests of one import file, recorded one by one in the file's order: the `nth` request
/// of a file alike in every field is recorded only while the store holds fewer than `nth` such,
/// so that the same file imported twice adds nothing the second time and a file with two alike
/// requests gives two. Each costs the same however many came before it (issue 19, case 8): the
/// store's alike requests are counted once per kind, from an index, and then kept count of here.
#[derive(Debug, Default)]
pub struct Importing {
    in_file: HashMap<Request, usize>,
    held: HashMap<Request, usize>,
}

impl Importing {
    /// Returns whether the request was recorded.
    pub fn import(&mut self, tx: &Transaction, r: &Request, today: NaiveDate) -> Result<bool> {
        let (r, placement_id) = checked(tx, r, today)?;
        let nth = {
            let seen = self.in_file.entry(r.clone()).or_default();
            *seen += 1;
            *seen
        };
        let held = match self.held.entry(r.clone()) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(TABLE.alike(tx, values(&r, placement_id)?)?),
        };
        if *held >= nth {
            return Ok(false);
        }
        insert(tx, &r, placement_id)?;
        *held += 1;
        Ok(true)
    }
}

const SELECT: &str = "SELECT r.id, r.date, r.from_whom, r.adults, r.children, r.outcome, r.reason, r.referred_to,
                             p.key, r.note, r.struck_at, r.struck_by, r.struck_reason
                      FROM requests r LEFT JOIN placements p ON p.id = r.placement_id";

fn read(conn: &Connection, tail: &str, args: impl rusqlite::Params) -> Result<Vec<Listed>> {
    let mut stmt = conn.prepare(&format!("{SELECT} {tail}"))?;
    let rows = stmt
        .query_map(args, |row| {
            let s = Stored::new(row, "requests", 0)?;
            Ok(Listed {
                id: s.get(0)?,
                request: Request {
                    date: s.date(1)?,
                    from: s.get(2)?,
                    adults: s.get(3)?,
                    children: s.get(4)?,
                    outcome: s.get(5)?,
                    reason: s.get(6)?,
                    referred_to: s.get(7)?,
                    placement: s.get(8)?,
                    note: s.get(9)?,
                    struck: crate::struck::Struck::read(s.time_opt(10)?, s.get(11)?, s.get(12)?),
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every request, oldest first (as the import format writes them).
pub fn all(conn: &Connection) -> Result<Vec<Request>> {
    Ok(read(conn, "ORDER BY r.date, r.id", [])?
        .into_iter()
        .map(|l| l.request)
        .collect())
}

/// The requests dated within `from..=to` that count (none struck out), oldest first.
pub fn between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Request>> {
    Ok(read(
        conn,
        "WHERE r.date BETWEEN ?1 AND ?2 AND r.struck_at IS NULL ORDER BY r.date, r.id",
        params![from.to_string(), to.to_string()],
    )?
    .into_iter()
    .map(|l| l.request)
    .collect())
}

/// The latest `n` requests and every one still without an outcome (and not struck out), newest
/// first.
pub fn latest(conn: &Connection, n: u32) -> Result<Vec<Listed>> {
    read(
        conn,
        "WHERE (r.outcome IS NULL AND r.struck_at IS NULL) OR r.id IN (SELECT id FROM requests ORDER BY date DESC, id DESC LIMIT ?1)
         ORDER BY r.date DESC, r.id DESC",
        [n],
    )
}

#[cfg(test)]
mod tests;
