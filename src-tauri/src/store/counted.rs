//! Counted records without keys of their own (requests for a place, support contacts): written
//! by their columns' values, and an import's question how many alike the store holds asked of
//! the same columns, so that the two can never bind different values. Each statement's text is
//! made once: an import asks both for every record of its file.

use crate::error::Result;
use rusqlite::Transaction;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use std::sync::OnceLock;

/// A table of counted records and the columns they are written and compared by.
pub struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    insert: OnceLock<String>,
    alike: OnceLock<String>,
}

impl Table {
    pub const fn new(name: &'static str, columns: &'static [&'static str]) -> Table {
        Table {
            name,
            columns,
            insert: OnceLock::new(),
            alike: OnceLock::new(),
        }
    }

    /// Inserts a row with `values` in the columns' order; returns its id.
    pub fn insert(&self, tx: &Transaction, values: Vec<ToSqlOutput<'_>>) -> Result<i64> {
        let sql = self.insert.get_or_init(|| {
            let placeholders: Vec<String> = (1..=self.columns.len()).map(|i| format!("?{i}")).collect();
            format!(
                "INSERT INTO {} ({}) VALUES ({})",
                self.name,
                self.columns.join(", "),
                placeholders.join(", ")
            )
        });
        tx.prepare_cached(sql)?.execute(rusqlite::params_from_iter(values))?;
        Ok(tx.last_insert_rowid())
    }

    /// How many rows hold `values` in the columns, none (NULL) matching none.
    pub fn alike(&self, tx: &Transaction, values: Vec<ToSqlOutput<'_>>) -> Result<usize> {
        let sql = self.alike.get_or_init(|| {
            let same: Vec<String> = self
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} IS ?{}", i + 1))
                .collect();
            format!("SELECT count(*) FROM {} WHERE {}", self.name, same.join(" AND "))
        });
        let count: i64 = tx
            .prepare_cached(sql)?
            .query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
        Ok(usize::try_from(count).unwrap_or(usize::MAX))
    }
}

/// A text column's value, borrowed.
pub fn text(t: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes()))
}

/// A text column's value, NULL for none.
pub fn text_or_null(t: Option<&str>) -> ToSqlOutput<'_> {
    t.map_or(ToSqlOutput::Owned(Value::Null), text)
}

/// A whole number's value, NULL for none.
pub fn integer(n: Option<i64>) -> ToSqlOutput<'static> {
    ToSqlOutput::Owned(n.map_or(Value::Null, Value::Integer))
}

/// A value made for the row (a date written out, say).
pub fn owned(t: Option<String>) -> ToSqlOutput<'static> {
    ToSqlOutput::Owned(t.map_or(Value::Null, Value::Text))
}
