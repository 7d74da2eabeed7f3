//! Reading stored values: dates, instants, amounts, the fixed lists' identifiers and JSON, each
//! in the one form the program writes it (dates `YYYY-MM-DD`, instants RFC 3339 in UTC as
//! `clock::to_stored` writes them, money whole öre, a list's value by its identifier).
//!
//! A value that does not read is a damaged database: a `DamagedDatabase` error that names the
//! table, the column and the row, never the value (it could be personal data), and never a
//! default in its place. Read a row through [`Stored`], which knows the row's table and id:
//!
//! ```ignore
//! stmt.query_map([], |r| {
//!     let s = Stored::new(r, "payments", 0)?; // the id is column 0
//!     Ok(Payment { paid_on: s.date(1)?, amount: s.get(2)? })
//! })
//! ```
//!
//! Money and the fixed lists convert by `FromSql` of their own (`money.rs`, [`stored_as_text`]);
//! rusqlite's `chrono` feature is not used, because it writes instants in another form than the
//! store holds (`2026-12-07 09:00:00+00:00`, not `2026-12-07T09:00:00Z`), and SQL compares them
//! as text.

use crate::error::{Code, Error};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, Type, ValueRef};

/// A stored value that does not read as what it should be: where it is, not what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub table: &'static str,
    pub column: String,
    pub row: i64,
}

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "damaged value in {}.{}, row {}", self.table, self.column, self.row)
    }
}

impl std::error::Error for Damaged {}

impl From<&Damaged> for Error {
    fn from(d: &Damaged) -> Self {
        Error::new(
            Code::DamagedDatabase,
            crate::msg!(
                "error.store.damaged_value",
                table = d.table,
                column = d.column,
                row = d.row
            ),
        )
    }
}

/// The damaged value a rusqlite error carries, if it came from [`Stored`].
pub(crate) fn damaged_in(err: &rusqlite::Error) -> Option<&Damaged> {
    match err {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.downcast_ref::<Damaged>(),
        _ => None,
    }
}

/// Whether a rusqlite error says that a stored value did not convert (its message may quote the
/// value, so it is never shown).
pub(crate) fn is_conversion(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::InvalidColumnType(..)
    )
}

/// A row of `table` being read, with its id, so that a damaged value in it can be named.
pub struct Stored<'a, 'r> {
    row: &'a Row<'r>,
    table: &'static str,
    id: i64,
}

impl<'a, 'r> Stored<'a, 'r> {
    /// `row`, read from `table`, whose id (`INTEGER PRIMARY KEY`) is in column `id`.
    pub fn new(row: &'a Row<'r>, table: &'static str, id: usize) -> rusqlite::Result<Self> {
        Ok(Stored {
            row,
            table,
            id: row.get(id)?,
        })
    }

    fn damaged(&self, i: usize) -> rusqlite::Error {
        let column = self.row.as_ref().column_name(i).unwrap_or("?").to_owned();
        let d = Damaged {
            table: self.table,
            column,
            row: self.id,
        };
        rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(d))
    }

    /// Column `i`, converted by its `FromSql` (money, a fixed list, text, a number).
    pub fn get<T: FromSql>(&self, i: usize) -> rusqlite::Result<T> {
        self.row.get(i).map_err(|e| {
            if is_conversion(&e) && damaged_in(&e).is_none() {
                self.damaged(i)
            } else {
                e
            }
        })
    }

    /// A date (`YYYY-MM-DD`).
    pub fn date(&self, i: usize) -> rusqlite::Result<NaiveDate> {
        Ok(self.get::<Day>(i)?.0)
    }

    pub fn date_opt(&self, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
        Ok(self.get::<Option<Day>>(i)?.map(|d| d.0))
    }

    /// An instant (RFC 3339).
    pub fn time(&self, i: usize) -> rusqlite::Result<DateTime<Utc>> {
        Ok(self.get::<Instant>(i)?.0)
    }

    pub fn time_opt(&self, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
        Ok(self.get::<Option<Instant>>(i)?.map(|t| t.0))
    }

    /// A value stored as JSON text.
    pub fn json<T: serde::de::DeserializeOwned>(&self, i: usize) -> rusqlite::Result<T> {
        self.with(i, |text: String| serde_json::from_str(&text).ok())
    }

    /// Column `i` read as `S` and then made a `T` by `read`, which says `None` for a value
    /// that is not what the column holds.
    pub fn with<S: FromSql, T>(&self, i: usize, read: impl FnOnce(S) -> Option<T>) -> rusqlite::Result<T> {
        read(self.get(i)?).ok_or_else(|| self.damaged(i))
    }
}

/// A date as stored.
struct Day(NaiveDate);

impl FromSql for Day {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        NaiveDate::parse_from_str(value.as_str()?, "%Y-%m-%d")
            .map(Day)
            .map_err(|_| FromSqlError::InvalidType)
    }
}

/// An instant as stored.
struct Instant(DateTime<Utc>);

impl FromSql for Instant {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        DateTime::parse_from_rfc3339(value.as_str()?)
            .map(|t| Instant(t.with_timezone(&Utc)))
            .map_err(|_| FromSqlError::InvalidType)
    }
}

/// `FromSql` for fixed lists stored by their identifier: each type named has `as_str(self)` and
/// `from_id(&str) -> Option<Self>`. An identifier the program does not know is a damaged value
/// (a newer program's store is refused before anything is read).
macro_rules! stored_as_text {
    ($($t:ty),+ $(,)?) => {$(
        impl rusqlite::types::FromSql for $t {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                <$t>::from_id(value.as_str()?).ok_or(rusqlite::types::FromSqlError::InvalidType)
            }
        }

        impl rusqlite::types::ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }
    )+};
}
pub(crate) use stored_as_text;

#[cfg(test)]
mod tests;
