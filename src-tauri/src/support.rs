//! Support contacts of the open counselling and the jour's telephone, chat, sms and e-mail: the
//! second of the jour's three activities. Recorded in seconds and counted, never named: a date,
//! how, who called (a group, not a person), what it was about, how long, and whether staff or a
//! volunteer took it. An optional pseudonymous key (never a name) lets someone who calls again
//! count once among the individuals.

use crate::error::{Error, Result};
use crate::placements::kinds::kind;
use crate::records;
use crate::store::columns::Stored;
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

kind! {
    /// How the contact was made.
    Channel {
        Phone = "telefon";
        Chat = "chatt";
        Sms = "sms";
        Email = "mejl";
        Visit = "besok";
        Conversation = "samtal";
        Group = "grupp";
    } default Phone
}

kind! {
    /// Who made contact, as a group.
    ContactGroup {
        Woman = "kvinna";
        Girl = "tjej";
        Man = "man";
        Trans = "transperson";
        Relative = "narstaende";
        Professional = "yrkesperson";
        Unknown = "okand";
    } default Unknown
}

kind! {
    /// What a contact was about (several may be).
    Topic {
        Physical = "fysiskt_vald";
        Psychological = "psykiskt_vald";
        Sexual = "sexuellt_vald";
        Economic = "ekonomiskt_vald";
        Digital = "digitalt_vald";
        Honour = "hedersrelaterat";
        Custody = "vardnad_umgange";
        Housing = "boende";
        Other = "annat";
    } default Other
}

kind! {
    /// Who took the contact.
    TakenBy {
        Staff = "personal";
        Volunteer = "volontar";
    } default Staff
}

/// One support contact, as recorded and as the import format writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportContact {
    pub date: NaiveDate,
    pub channel: Channel,
    pub group: ContactGroup,
    #[serde(default)]
    pub topics: Vec<Topic>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    pub by: TakenBy,
    /// A pseudonymous key the jour gives someone who calls again; never a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// Struck out as recorded wrongly: kept, listed, never counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<crate::struck::Struck>,
}

/// A contact as the list shows it, with the id it is struck out by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    pub id: i64,
    #[serde(flatten)]
    pub contact: SupportContact,
}

/// A contact checked: not in the future, at most a day long, its topics once each and in order,
/// its key (if any) a key.
fn checked(c: &SupportContact, today: NaiveDate) -> Result<SupportContact> {
    if c.date > today {
        return Err(Error::invalid("date", crate::msg!("error.care.date_in_future")));
    }
    if c.minutes.is_some_and(|m| m > 24 * 60) {
        return Err(Error::invalid("minutes", crate::msg!("error.support.minutes")));
    }
    let person = match c.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(records::check_key("person", p)?),
        None => None,
    };
    let mut topics = c.topics.clone();
    topics.sort();
    topics.dedup();
    Ok(SupportContact {
        topics,
        person,
        ..c.clone()
    })
}

fn topics_text(topics: &[Topic]) -> String {
    serde_json::to_string(topics).expect("identifiers")
}

/// A contact's stored values, in the columns' order (`COLUMNS`): bound alike by the insert and
/// by an import's look for alike contacts (`store::counted`).
fn values(c: &SupportContact) -> Result<Vec<rusqlite::types::ToSqlOutput<'_>>> {
    use crate::store::counted::{integer, owned, text, text_or_null};
    let (struck_at, struck_by, struck_reason) = crate::struck::Struck::columns(c.struck.as_ref())?;
    Ok(vec![
        owned(Some(c.date.to_string())),
        text(c.channel.as_str()),
        text(c.group.as_str()),
        owned(Some(topics_text(&c.topics))),
        integer(c.minutes.map(i64::from)),
        text(c.by.as_str()),
        text_or_null(c.person.as_deref()),
        owned(struck_at),
        owned(struck_by),
        owned(struck_reason),
    ])
}

const COLUMNS: [&str; 10] = [
    "date",
    "channel",
    "grp",
    "topics",
    "minutes",
    "by_whom",
    "person",
    "struck_at",
    "struck_by",
    "struck_reason",
];

static TABLE: crate::store::counted::Table = crate::store::counted::Table::new("support_contacts", &COLUMNS);

fn insert(tx: &Transaction, c: &SupportContact) -> Result<()> {
    TABLE.insert(tx, values(c)?)?;
    Ok(())
}

/// Strikes out contact `id`, recorded wrongly, with why (see `struck`).
pub fn strike(tx: &Transaction, id: i64, reason: &str, now: chrono::DateTime<chrono::Utc>, actor: &str) -> Result<()> {
    crate::struck::strike(tx, crate::struck::Table::SupportContacts, id, reason, now, actor)
}

/// Records a contact. Two contacts alike on the same day are two contacts.
pub fn add(tx: &Transaction, c: &SupportContact, today: NaiveDate) -> Result<SupportContact> {
    let c = checked(c, today)?;
    insert(tx, &c)?;
    Ok(c)
}

/// The contacts of one import file, as `requests::Importing` does for refused requests: the
/// `nth` contact of a file alike in every field is added only while the store holds fewer than
/// `nth` such, so the same file imported twice adds nothing the second time.
#[derive(Debug, Default)]
pub struct Importing {
    in_file: HashMap<SupportContact, usize>,
    held: HashMap<SupportContact, usize>,
}

impl Importing {
    /// Returns whether the contact was added.
    pub fn import(&mut self, tx: &Transaction, c: &SupportContact, today: NaiveDate) -> Result<bool> {
        let c = checked(c, today)?;
        let nth = {
            let seen = self.in_file.entry(c.clone()).or_default();
            *seen += 1;
            *seen
        };
        let held = match self.held.entry(c.clone()) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(TABLE.alike(tx, values(&c)?)?),
        };
        if *held >= nth {
            return Ok(false);
        }
        insert(tx, &c)?;
        *held += 1;
        Ok(true)
    }
}

const SELECT: &str = "SELECT id, date, channel, grp, topics, minutes, by_whom, person, struck_at, struck_by,
                      struck_reason FROM support_contacts";

fn read(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Listed>> {
    let mut stmt = conn.prepare(&format!("{SELECT} {filter} ORDER BY date, id"))?;
    let rows = stmt
        .query_map(args, |r| {
            let s = Stored::new(r, "support_contacts", 0)?;
            Ok(Listed {
                id: s.get(0)?,
                contact: SupportContact {
                    date: s.date(1)?,
                    channel: s.get(2)?,
                    group: s.get(3)?,
                    topics: s.json(4)?,
                    minutes: s.get(5)?,
                    by: s.get(6)?,
                    person: s.get(7)?,
                    struck: crate::struck::Struck::read(s.time_opt(8)?, s.get(9)?, s.get(10)?),
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn contacts(listed: Vec<Listed>) -> Vec<SupportContact> {
    listed.into_iter().map(|l| l.contact).collect()
}

/// Every contact, the struck out too, oldest first (as the import format writes them).
pub fn all(conn: &Connection) -> Result<Vec<SupportContact>> {
    Ok(contacts(read(conn, "", [])?))
}

/// The contacts from `from` to `to`, both included, that count (none struck out), oldest first.
pub fn between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<SupportContact>> {
    Ok(contacts(read(
        conn,
        "WHERE date BETWEEN ?1 AND ?2 AND struck_at IS NULL",
        params![from.to_string(), to.to_string()],
    )?))
}

/// The latest contacts, newest first, for the window's list.
pub fn latest(conn: &Connection, limit: u32) -> Result<Vec<Listed>> {
    let mut all = read(
        conn,
        "WHERE id IN (SELECT id FROM support_contacts ORDER BY date DESC, id DESC LIMIT ?1)",
        [limit],
    )?;
    all.reverse();
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::Store;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn contact(date: &str, person: Option<&str>) -> SupportContact {
        SupportContact {
            date: d(date),
            channel: Channel::Phone,
            group: ContactGroup::Woman,
            topics: vec![Topic::Psychological, Topic::Physical, Topic::Psychological],
            minutes: Some(20),
            by: TakenBy::Staff,
            person: person.map(str::to_owned),
            struck: None,
        }
    }

    #[test]
    fn a_contact_is_checked_kept_as_given_and_imported_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let today = d("2026-03-10");
        fn store_refusal(store: &mut Store, c: &SupportContact, today: NaiveDate) -> String {
            store
                .write(|tx| add(tx, c, today))
                .unwrap_err()
                .field
                .unwrap_or_default()
        }
        assert_eq!(store_refusal(&mut store, &contact("2026-03-11", None), today), "date");
        let long = SupportContact {
            minutes: Some(24 * 60 + 1),
            ..contact("2026-03-01", None)
        };
        assert_eq!(store_refusal(&mut store, &long, today), "minutes");
        let named = contact("2026-03-01", Some("Anna Andersson"));
        assert_eq!(store_refusal(&mut store, &named, today), "person");

        let saved = store
            .write(|tx| add(tx, &contact("2026-03-01", Some("K1")), today))
            .unwrap();
        assert_eq!(saved.topics, vec![Topic::Physical, Topic::Psychological]);
        assert_eq!(all(store.conn()).unwrap(), vec![saved.clone()]);

        // A file with the stored contact and another alike adds one; the same file again, none.
        let file = [contact("2026-03-01", Some("K1")), contact("2026-03-01", Some("K1"))];
        let import = |store: &mut Store| {
            store
                .write(|tx| {
                    let mut importing = Importing::default();
                    file.iter()
                        .map(|c| importing.import(tx, c, today))
                        .collect::<Result<Vec<bool>>>()
                })
                .unwrap()
        };
        assert_eq!(import(&mut store), vec![false, true]);
        assert_eq!(import(&mut store), vec![false, false]);
        assert_eq!(
            between(store.conn(), d("2026-03-01"), d("2026-03-01")).unwrap().len(),
            2
        );
        assert!(
            between(store.conn(), d("2026-03-02"), d("2026-03-31"))
                .unwrap()
                .is_empty()
        );
    }
}
