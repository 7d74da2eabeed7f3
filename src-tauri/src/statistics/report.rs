//! What the yearly statistics hold: every figure of the report as values, which the screen, the
//! PDF, the XLSX, the CSV and the JSON render. Computed by `compute.rs`.

use super::Span;
use crate::placements::{Destination, RveDecision, Violence};
use crate::support::{Channel, ContactGroup, Topic};
use crate::text::{Lang, Message};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Individuals {
    pub adults: u32,
    pub children: u32,
    pub total: u32,
    /// Adults by gender: every adult value, 0 where none.
    pub adults_by_gender: std::collections::BTreeMap<crate::people::Gender, u32>,
    /// Children by gender: every child value, 0 where none.
    pub children_by_gender: std::collections::BTreeMap<crate::people::Gender, u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Nights {
    pub adults: u32,
    pub children: u32,
    pub total: u32,
    /// Nights per adult individual in the period.
    pub average_per_adult: f64,
    pub median_per_adult: f64,
    /// Nights of people ready to move out but with no housing to go to (from their day on).
    pub waiting_for_housing: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Placements {
    pub started: u32,
    pub ended: u32,
    pub acute: u32,
    pub acute_beyond_two_nights: u32,
}

/// What a row of a table is called, in either language: the figures are counted once, and each
/// rendering (the screen, the files, fristad-cli's JSON) names them in its own language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Text(Message),
    Violence(Violence),
    Destination(Destination),
    Decision(RveDecision),
    Channel(Channel),
    ContactGroup(ContactGroup),
    Topic(Topic),
}

impl Label {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Label::Text(m) => m.render(lang),
            Label::Violence(v) => v.label_in(lang).to_owned(),
            Label::Destination(d) => d.label_in(lang).to_owned(),
            Label::Decision(d) => d.label_in(lang).to_owned(),
            Label::Channel(c) => c.label_in(lang).to_owned(),
            Label::ContactGroup(g) => g.label_in(lang).to_owned(),
            Label::Topic(t) => t.label_in(lang).to_owned(),
        }
    }
}

impl Serialize for Label {
    /// In Swedish, as all data is (fristad-cli's JSON); what people read is rendered from the
    /// report in their language (`statistics::export`'s tables).
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.render(Lang::Sv))
    }
}

/// A count under a label: one row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub key: String,
    pub label: Label,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MunicipalityRow {
    pub key: String,
    pub name: String,
    pub iop: bool,
    /// Placements with at least one night in the period.
    pub placements: u32,
    pub individuals: u32,
    pub nights: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassRow {
    pub class: String,
    pub label: Label,
    pub municipalities: u32,
    pub placements: u32,
    pub individuals: u32,
    pub nights: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthNights {
    pub month: u32,
    pub adults: u32,
    pub children: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Occupancy {
    pub occupied: u32,
    pub available: u32,
    /// Per cent, one decimal.
    pub rate: f64,
}

impl Occupancy {
    pub(super) fn new(occupied: u32, available: u32) -> Occupancy {
        let rate = if available == 0 {
            0.0
        } else {
            (f64::from(occupied) * 1000.0 / f64::from(available)).round() / 10.0
        };
        Occupancy {
            occupied,
            available,
            rate,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthOccupancy {
    pub month: u32,
    #[serde(flatten)]
    pub occupancy: Occupancy,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Quality {
    pub concern_reports: u32,
    pub lex_sarah_reports: u32,
}

/// Every figure for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: Span,
    pub individuals: Individuals,
    pub nights: Nights,
    pub placements: Placements,
    /// The number of placing municipalities (with a placement with nights in the period).
    pub municipalities: u32,
    pub by_municipality: Vec<MunicipalityRow>,
    pub by_class: Vec<ClassRow>,
    /// Placements with nights in the period, by kind of violence.
    pub by_violence: Vec<Row>,
    /// Individuals by age group at move-in.
    pub by_age: Vec<Row>,
    /// People who moved out in the period, by where they went.
    pub outcomes: Vec<Row>,
    /// Adults by their nights in the period.
    pub length_of_stay: Vec<Row>,
    pub nights_per_month: Vec<MonthNights>,
    pub occupancy: Occupancy,
    pub acute_room_occupancy: Occupancy,
    pub occupancy_per_month: Vec<MonthOccupancy>,
    /// Every request for a place, and what came of it.
    pub requests: super::requests::Requests,
    pub quality: Quality,
    /// What each child in skyddat boende has a right to, and whether it was arranged.
    pub children_rights: super::children::ChildrenRights,
    /// The organisation's year: staff, volunteers, the IVO permit's places and the house against them.
    pub organisation: super::organisation::Organisation,
    /// The support contacts of the open counselling and the jour telephone.
    pub support: super::support::Support,
}
