//! The organisation's year in a report: what a manager entered for it (staff, volunteers, the
//! IVO permit's places) beside what the records say about the house: the most people staying on
//! one night, and the nights with more than the permit allows.

use super::export::{Cell, Table};
use crate::msg;
use crate::organisation_year::OrganisationYear;
use crate::text::{Lang, Message};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Organisation {
    /// Entered for the period's first year; none when not entered.
    pub staff_fte: Option<f64>,
    pub volunteers: Option<u32>,
    pub volunteer_hours: Option<u32>,
    /// The permit's places in force at the period's end.
    pub ivo_places: Option<u32>,
    /// The most people (adults and children) staying on one night of the period.
    pub most_present: u32,
    /// Nights of the period with more people staying than the permit's places.
    pub nights_over_permit: u32,
}

/// The figures from the year's entry, the places in force, and how many stayed each night.
pub fn figures(
    year: Option<&OrganisationYear>,
    ivo_places: Option<u32>,
    per_night: &BTreeMap<NaiveDate, u32>,
) -> Organisation {
    Organisation {
        staff_fte: year.map(OrganisationYear::staff_fte),
        volunteers: year.map(|y| y.volunteers),
        volunteer_hours: year.map(|y| y.volunteer_hours),
        ivo_places,
        most_present: per_night.values().copied().max().unwrap_or(0),
        nights_over_permit: ivo_places.map_or(0, |places| per_night.values().filter(|n| **n > places).count() as u32),
    }
}

pub fn tables(o: &Organisation, suppress: bool, lang: Lang) -> Vec<Table> {
    let text = |m: Message| m.render(lang);
    let or_not = |n: Option<f64>| {
        n.map_or_else(
            || Cell::Text(text(msg!("label.organisation_year.not_recorded"))),
            Cell::Number,
        )
    };
    let kv = |label: Message, cell: Cell| vec![Cell::Text(text(label)), cell];
    vec![Table {
        name: "organisationen",
        title: text(msg!("label.organisation_year.title")),
        columns: vec![
            text(msg!("label.statistics.measure")),
            text(msg!("label.statistics.value")),
        ],
        rows: vec![
            kv(msg!("label.organisation_year.staff_fte"), or_not(o.staff_fte)),
            kv(
                msg!("label.organisation_year.volunteers"),
                or_not(o.volunteers.map(f64::from)),
            ),
            kv(
                msg!("label.organisation_year.volunteer_hours"),
                or_not(o.volunteer_hours.map(f64::from)),
            ),
            kv(
                msg!("label.organisation_year.ivo_places"),
                or_not(o.ivo_places.map(f64::from)),
            ),
            kv(
                msg!("label.organisation_year.most_present"),
                Cell::Number(f64::from(o.most_present)),
            ),
            kv(
                msg!("label.organisation_year.nights_over_permit"),
                Cell::Number(f64::from(o.nights_over_permit)),
            ),
        ],
        suppress,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nights_over_the_permit_are_those_with_more_than_its_places() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let per_night = BTreeMap::from([(d(1), 7), (d(2), 9), (d(3), 8), (d(4), 10)]);
        let o = figures(None, Some(8), &per_night);
        assert_eq!((o.most_present, o.nights_over_permit), (10, 2));
        assert_eq!(o.staff_fte, None);
        assert_eq!(figures(None, None, &per_night).nights_over_permit, 0);
    }
}
