//! Figures for a federation (Unizon, Roks, Socialstyrelsen's surveys): a period's counts with
//! nothing that identifies a person, and several shelters' files added up. This is how figures
//! leave the office computer; personal data never does.
//!
//! A file holds the report's counts by their JSON names (`individuals.adults`,
//! `requests.refused_by_reason.fullt`, `by_age.0-5` …): no keys, no names, no municipality, no
//! month (a month's count of a small shelter can point at one woman). A count of people under 3
//! is written as "<3", whatever the shelter's own setting, since the file is meant to be passed
//! on. Adding files up, a "<3" is 1 or 2, so a sum with one is a range: `{"min": 4, "max": 5}`.

use super::{Report, Span};
use crate::error::{Code, Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

pub const FORMAT: &str = "fristad-federation/1";

/// One figure of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Figure {
    Count(u64),
    /// 1 or 2 people: written "<3".
    Small(Small),
    /// A sum with small counts in it: between `min` and `max`.
    Range {
        min: u64,
        max: u64,
    },
}

/// The "<3" of a small count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Small {
    #[serde(rename = "<3")]
    UnderThree,
}

impl Figure {
    fn bounds(self) -> (u64, u64) {
        match self {
            Figure::Count(n) => (n, n),
            Figure::Small(_) => (1, 2),
            Figure::Range { min, max } => (min, max),
        }
    }

    fn of_bounds(min: u64, max: u64) -> Figure {
        if min == max {
            Figure::Count(min)
        } else {
            Figure::Range { min, max }
        }
    }
}

/// A federation file: one shelter's period, or several added up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederationFile {
    pub format: String,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    /// How many shelters' files are in it.
    pub shelters: u32,
    pub figures: BTreeMap<String, Figure>,
}

/// The report's parts that go into the file. Lists of rows go in by their rows' keys (age
/// groups, kinds of violence, destinations, lengths of stay); fractions (averages, rates) and
/// anything by municipality or month stay home.
const PARTS: &[&str] = &[
    "individuals",
    "nights",
    "placements",
    "municipalities",
    "by_violence",
    "by_age",
    "outcomes",
    "length_of_stay",
    "occupancy",
    "acute_room_occupancy",
    "requests",
    "quality",
    "children_rights",
    "support",
    "organisation",
];

/// Counts of people, written "<3" when 1 or 2.
fn counts_people(name: &str) -> bool {
    [
        "individuals.",
        "placements.",
        "quality.",
        "children_rights.",
        "by_violence.",
        "by_age.",
        "outcomes.",
        "length_of_stay.",
    ]
    .iter()
    .any(|p| name.starts_with(p))
        || matches!(
            name,
            "support.individuals" | "requests.refused_adults" | "requests.refused_children"
        )
}

fn walk(path: &str, value: &Value, out: &mut BTreeMap<String, Figure>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                walk(&format!("{path}.{k}"), v, out);
            }
        }
        Value::Array(rows) => {
            for row in rows {
                if let (Some(key), Some(count)) = (row["key"].as_str(), row["count"].as_u64()) {
                    out.insert(format!("{path}.{key}"), Figure::Count(count));
                }
            }
        }
        Value::Number(n) => {
            if let Some(n) = n.as_u64() {
                out.insert(path.to_owned(), Figure::Count(n));
            }
        }
        _ => {}
    }
}

/// The file of one report.
pub fn file(report: &Report) -> FederationFile {
    let json = serde_json::to_value(report).expect("a report is JSON");
    let mut figures = BTreeMap::new();
    for part in PARTS {
        walk(part, &json[part], &mut figures);
    }
    // Staff in hundredths of a full-time equivalent, so that shelters' staff add up exactly.
    figures.remove("organisation.staff_fte");
    if let Some(fte) = report.organisation.staff_fte {
        figures.insert(
            "organisation.staff_fte_hundredths".into(),
            Figure::Count((fte * 100.0).round() as u64),
        );
    }
    for (name, figure) in figures.iter_mut() {
        if counts_people(name) && matches!(figure, Figure::Count(1 | 2)) {
            *figure = Figure::Small(Small::UnderThree);
        }
    }
    FederationFile {
        format: FORMAT.into(),
        from: report.period.from,
        to: report.period.to,
        shelters: 1,
        figures,
    }
}

/// A file read back: its format checked.
pub fn read(text: &str) -> Result<FederationFile> {
    let f: FederationFile = serde_json::from_str(text)
        .map_err(|_| Error::new(Code::InvalidInput, crate::msg!("error.federation.not_a_file")))?;
    if f.format != FORMAT {
        return Err(Error::new(
            Code::InvalidInput,
            crate::msg!("error.federation.not_a_file"),
        ));
    }
    Ok(f)
}

/// Several files added up. They must be of the same period; a figure one file lacks counts 0
/// there (an older release may not have it).
pub fn merge(files: &[FederationFile]) -> Result<FederationFile> {
    let Some(first) = files.first() else {
        return Err(Error::new(Code::InvalidInput, crate::msg!("error.federation.no_files")));
    };
    let span = Span {
        from: first.from,
        to: first.to,
    };
    if files.iter().any(|f| f.from != span.from || f.to != span.to) {
        return Err(Error::new(
            Code::InvalidInput,
            crate::msg!("error.federation.other_period"),
        ));
    }
    let mut sums: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for f in files {
        for (name, figure) in &f.figures {
            let (lo, hi) = figure.bounds();
            let sum = sums.entry(name.clone()).or_default();
            *sum = (sum.0.saturating_add(lo), sum.1.saturating_add(hi));
        }
    }
    Ok(FederationFile {
        format: FORMAT.into(),
        from: span.from,
        to: span.to,
        shelters: files.iter().map(|f| f.shelters).sum(),
        figures: sums
            .into_iter()
            .map(|(name, (lo, hi))| (name, Figure::of_bounds(lo, hi)))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(figures: &[(&str, Figure)]) -> FederationFile {
        FederationFile {
            format: FORMAT.into(),
            from: "2025-01-01".parse().unwrap(),
            to: "2025-12-31".parse().unwrap(),
            shelters: 1,
            figures: figures.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        }
    }

    #[test]
    fn files_add_up_and_a_small_count_makes_a_range() {
        use Figure::*;
        let a = f(&[("nights.total", Count(100)), ("individuals.children", Count(4))]);
        let b = f(&[
            ("nights.total", Count(20)),
            ("individuals.children", Small(super::Small::UnderThree)),
            ("support.contacts", Count(7)),
        ]);
        let m = merge(&[a.clone(), b]).unwrap();
        assert_eq!(m.shelters, 2);
        assert_eq!(m.figures["nights.total"], Count(120));
        assert_eq!(m.figures["individuals.children"], Range { min: 5, max: 6 });
        assert_eq!(m.figures["support.contacts"], Count(7));
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(
            json["figures"]["individuals.children"],
            serde_json::json!({"min": 5, "max": 6})
        );
        let small = serde_json::to_value(Small(super::Small::UnderThree)).unwrap();
        assert_eq!(small, "<3");
        // Read back as written.
        assert_eq!(read(&serde_json::to_string(&m).unwrap()).unwrap(), m);
        // Another period does not add up with this one.
        let other = FederationFile {
            to: "2025-06-30".parse().unwrap(),
            ..a.clone()
        };
        assert!(merge(&[a, other]).is_err());
        assert!(read("{\"format\": \"x\"}").is_err());
    }
}
