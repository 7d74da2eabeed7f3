//! Requests refused for lack of space: the date and how many women and children were turned
//! away. Counts only: no names, nothing that identifies anyone.

use crate::error::{Error, Result};
use crate::records;
use crate::store::columns::Stored;
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefusedRequest {
    pub requested_on: NaiveDate,
    pub women: u32,
    pub children: u32,
    /// E.g. which municipality asked; never a name.
    #[serde(default)]
    pub note: String,
}

/// Logs a refused request. Two requests alike in every field on the same day are two requests
/// (two women turned away), and both count in the statistics.
pub fn add(tx: &Transaction, r: &RefusedRequest, today: NaiveDate) -> Result<()> {
    let note = checked(r, today)?;
    insert(tx, r, &note)
}

/// The refused requests of one import file, logged one by one in the file's order. Each costs the
/// same however many came before it (issue 19, case 8): the file's requests are counted as they
/// come, and the store's alike requests once per kind, from an index (migration 17), and then
/// kept count of here.
#[derive(Debug, Default)]
pub struct Importing {
    /// How many of the file's requests so far said exactly this.
    in_file: HashMap<RefusedRequest, usize>,
    /// How many requests alike as stored (date, women, children, the note as saved) the store
    /// holds now, for the kinds met so far.
    held: HashMap<(NaiveDate, u32, u32, String), usize>,
}

impl Importing {
    /// Logs a refused request read from an import file, where it is the `nth` (from 1) of the
    /// file's requests alike in every field. It is logged only when the store holds fewer than
    /// `nth` such requests, so that the same file imported again changes nothing and a file with
    /// two alike requests gives two. Returns whether it was logged.
    pub fn import(&mut self, tx: &Transaction, r: &RefusedRequest, today: NaiveDate) -> Result<bool> {
        let nth = {
            let seen = self.in_file.entry(r.clone()).or_default();
            *seen += 1;
            *seen
        };
        let note = checked(r, today)?;
        let held = match self.held.entry((r.requested_on, r.women, r.children, note.clone())) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let count: i64 = tx
                    .prepare_cached(
                        "SELECT count(*) FROM refused_requests
                         WHERE requested_on = ?1 AND women = ?2 AND children = ?3 AND note = ?4",
                    )?
                    .query_row(params![r.requested_on.to_string(), r.women, r.children, note], |row| {
                        row.get(0)
                    })?;
                e.insert(usize::try_from(count).unwrap_or(usize::MAX))
            }
        };
        if *held >= nth {
            return Ok(false);
        }
        insert(tx, r, &note)?;
        *held += 1;
        Ok(true)
    }
}

fn checked(r: &RefusedRequest, today: NaiveDate) -> Result<String> {
    if r.women + r.children == 0 {
        return Err(Error::invalid("women", crate::msg!("error.requests.no_one")));
    }
    if r.requested_on > today {
        return Err(Error::invalid("requested_on", crate::msg!("error.care.date_in_future")));
    }
    records::optional("note", crate::msg!("label.requests.note"), &r.note, 300)
}

fn insert(tx: &Transaction, r: &RefusedRequest, note: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO refused_requests (requested_on, women, children, note) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![r.requested_on.to_string(), r.women, r.children, note])?;
    Ok(())
}

pub fn all(conn: &Connection) -> Result<Vec<RefusedRequest>> {
    let mut stmt = conn.prepare(
        "SELECT id, requested_on, women, children, note FROM refused_requests ORDER BY requested_on DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let s = Stored::new(r, "refused_requests", 0)?;
            Ok(RefusedRequest {
                requested_on: s.date(1)?,
                women: s.get(2)?,
                children: s.get(3)?,
                note: s.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::Store;

    fn request(note: &str) -> RefusedRequest {
        RefusedRequest {
            requested_on: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
            women: 1,
            children: 0,
            note: note.into(),
        }
    }

    #[test]
    fn two_alike_requests_on_one_day_are_two_and_an_import_again_adds_none() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 11).unwrap();
        // Two women turned away the same day, nothing noted: two requests.
        store.write(|tx| add(tx, &request(""), today)).unwrap();
        store.write(|tx| add(tx, &request(""), today)).unwrap();
        assert_eq!(all(store.conn()).unwrap().len(), 2);
        // The export of those two, imported again: nothing new; a third alike in the file: one more.
        let logged = store
            .write(|tx| {
                let mut importing = Importing::default();
                (0..3)
                    .map(|_| importing.import(tx, &request(""), today))
                    .collect::<Result<Vec<bool>>>()
            })
            .unwrap();
        assert_eq!(logged, vec![false, false, true]);
        assert_eq!(all(store.conn()).unwrap().len(), 3);
    }

    /// Issue 19, case 8: an import keeps count of alike requests as it goes, in the file and in
    /// the store, as looking each up did before: the store's two and the file's five alike give
    /// five, and one whose note saves alike (spaces around it) counts with the store's requests
    /// but not with the file's. Twenty thousand alike in one file are twenty thousand.
    #[test]
    fn an_import_keeps_count_of_alike_requests_in_the_file_and_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 11).unwrap();
        store.write(|tx| add(tx, &request("x"), today)).unwrap();
        store.write(|tx| add(tx, &request("x"), today)).unwrap();
        let file = [
            request("x"),
            request("x"),
            request(" x"),
            request("x"),
            request("x"),
            request("x"),
        ];
        let import_all = |store: &mut Store, file: &[RefusedRequest]| {
            store
                .write(|tx| {
                    let mut importing = Importing::default();
                    file.iter()
                        .map(|r| importing.import(tx, r, today))
                        .collect::<Result<Vec<bool>>>()
                })
                .unwrap()
        };
        assert_eq!(
            import_all(&mut store, &file),
            vec![false, false, false, true, true, true]
        );
        assert_eq!(all(store.conn()).unwrap().len(), 5);
        assert!(import_all(&mut store, &file).iter().all(|logged| !logged));

        let many = vec![request("y"); 20_000];
        assert!(import_all(&mut store, &many).iter().all(|logged| *logged));
        assert!(import_all(&mut store, &many).iter().all(|logged| !logged));
        assert_eq!(all(store.conn()).unwrap().len(), 20_005);
    }
}
