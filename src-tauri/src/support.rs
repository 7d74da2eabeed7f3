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

fn insert(tx: &Transaction, c: &SupportContact) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO support_contacts (date, channel, grp, topics, minutes, by_whom, person)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        c.date.to_string(),
        c.channel.as_str(),
        c.group.as_str(),
        topics_text(&c.topics),
        c.minutes,
        c.by.as_str(),
        c.person
    ])?;
    Ok(())
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
            Entry::Vacant(e) => {
                let count: i64 = tx
                    .prepare_cached(
                        "SELECT count(*) FROM support_contacts WHERE date = ?1 AND channel = ?2 AND grp = ?3
                         AND topics = ?4 AND minutes IS ?5 AND by_whom = ?6 AND person IS ?7",
                    )?
                    .query_row(
                        params![
                            c.date.to_string(),
                            c.channel.as_str(),
                            c.group.as_str(),
                            topics_text(&c.topics),
                            c.minutes,
                            c.by.as_str(),
                            c.person
                        ],
                        |r| r.get(0),
                    )?;
                e.insert(usize::try_from(count).unwrap_or(usize::MAX))
            }
        };
        if *held >= nth {
            return Ok(false);
        }
        insert(tx, &c)?;
        *held += 1;
        Ok(true)
    }
}

const SELECT: &str = "SELECT id, date, channel, grp, topics, minutes, by_whom, person FROM support_contacts";

fn read(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<SupportContact>> {
    let mut stmt = conn.prepare(&format!("{SELECT} {filter} ORDER BY date, id"))?;
    let rows = stmt
        .query_map(args, |r| {
            let s = Stored::new(r, "support_contacts", 0)?;
            Ok(SupportContact {
                date: s.date(1)?,
                channel: s.get(2)?,
                group: s.get(3)?,
                topics: s.json(4)?,
                minutes: s.get(5)?,
                by: s.get(6)?,
                person: s.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every contact, oldest first.
pub fn all(conn: &Connection) -> Result<Vec<SupportContact>> {
    read(conn, "", [])
}

/// The contacts from `from` to `to`, both included, oldest first.
pub fn between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<SupportContact>> {
    read(
        conn,
        "WHERE date BETWEEN ?1 AND ?2",
        params![from.to_string(), to.to_string()],
    )
}

/// The latest contacts, newest first, for the window's list.
pub fn latest(conn: &Connection, limit: u32) -> Result<Vec<SupportContact>> {
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
