//! The individuals by gender, as a table of the yearly report: adults and children each under
//! their own values (issue 22).

use super::export::{Cell, Table};
use super::report::Individuals;
use crate::msg;
use crate::text::{Lang, Message};

/// One table: each gender with its adults and its children ("–" where the value is not one of
/// the group's).
pub fn tables(i: &Individuals, suppress: bool, lang: Lang) -> Vec<Table> {
    let text = |m: Message| m.render(lang);
    let mut genders: Vec<_> = i
        .adults_by_gender
        .keys()
        .chain(i.children_by_gender.keys())
        .copied()
        .collect();
    genders.sort();
    genders.dedup();
    let cell = |n: Option<&u32>| n.map_or(Cell::Text("–".into()), |n| Cell::People(*n));
    vec![Table {
        name: "kon",
        title: text(msg!("label.statistics.by_gender")),
        columns: vec![
            text(msg!("label.statistics.gender")),
            text(msg!("label.statistics.adults")),
            text(msg!("label.statistics.children")),
        ],
        rows: genders
            .into_iter()
            .map(|g| {
                vec![
                    Cell::Text(g.label_in(lang).to_owned()),
                    cell(i.adults_by_gender.get(&g)),
                    cell(i.children_by_gender.get(&g)),
                ]
            })
            .collect(),
        suppress,
    }]
}
