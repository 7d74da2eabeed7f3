//! The support contacts' figures for a period, and their tables: how many contacts, by channel,
//! group and topic, how many different people (by their pseudonymous keys) and how many without
//! one. Computed from the period's contacts only, as every other figure from its records.

use super::export::{Cell, Table};
use super::report::{Label, Row};
use crate::msg;
use crate::support::{Channel, ContactGroup, SupportContact, TakenBy, Topic};
use crate::text::{Lang, Message};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Support {
    pub contacts: u32,
    /// Every channel, with 0 for those not used.
    pub by_channel: BTreeMap<Channel, u32>,
    /// Different people among the contacts with a pseudonymous key.
    pub individuals: u32,
    /// Contacts without a key (each may be someone counted already).
    pub anonymous_contacts: u32,
    pub by_group: BTreeMap<ContactGroup, u32>,
    /// Contacts about each topic (a contact about two counts under both).
    pub by_topic: BTreeMap<Topic, u32>,
    pub minutes: u32,
    pub by_volunteers: u32,
}

fn zeros<T: Ord + Copy>(all: &[T]) -> BTreeMap<T, u32> {
    all.iter().map(|k| (*k, 0)).collect()
}

/// The figures of `contacts` (the period's).
pub fn figures(contacts: &[SupportContact]) -> Support {
    let mut s = Support {
        by_channel: zeros(Channel::ALL),
        by_group: zeros(ContactGroup::ALL),
        by_topic: zeros(Topic::ALL),
        ..Support::default()
    };
    let mut keys = BTreeSet::new();
    for c in contacts {
        s.contacts += 1;
        *s.by_channel.entry(c.channel).or_default() += 1;
        *s.by_group.entry(c.group).or_default() += 1;
        for t in &c.topics {
            *s.by_topic.entry(*t).or_default() += 1;
        }
        match &c.person {
            Some(key) => {
                keys.insert(key.as_str());
            }
            None => s.anonymous_contacts += 1,
        }
        s.minutes += c.minutes.unwrap_or(0);
        s.by_volunteers += u32::from(c.by == TakenBy::Volunteer);
    }
    s.individuals = u32::try_from(keys.len()).unwrap_or(u32::MAX);
    s
}

fn rows<T: Copy + Serialize>(counts: &BTreeMap<T, u32>, label: fn(T) -> Label, key: fn(T) -> &'static str) -> Vec<Row> {
    counts
        .iter()
        .map(|(k, n)| Row {
            key: key(*k).to_owned(),
            label: label(*k),
            count: *n,
        })
        .collect()
}

/// The support contacts' tables, as the yearly report's other tables.
pub fn tables(s: &Support, suppress: bool, lang: Lang) -> Vec<Table> {
    let text = |m: Message| m.render(lang);
    let count_table = |name: &'static str, title: Message, column: Message, rows: Vec<Row>| Table {
        name,
        title: text(title),
        columns: vec![text(column), text(msg!("label.statistics.count"))],
        rows: rows
            .iter()
            .map(|r| vec![Cell::Text(r.label.render(lang)), Cell::Number(f64::from(r.count))])
            .collect(),
        suppress,
    };
    let kv = |label: Message, cell: Cell| vec![Cell::Text(text(label)), cell];
    vec![
        Table {
            name: "stodkontakter",
            title: text(msg!("label.support.title")),
            columns: vec![
                text(msg!("label.statistics.measure")),
                text(msg!("label.statistics.value")),
            ],
            rows: vec![
                kv(msg!("label.support.contacts"), Cell::Number(f64::from(s.contacts))),
                kv(msg!("label.support.individuals"), Cell::People(s.individuals)),
                kv(
                    msg!("label.support.anonymous"),
                    Cell::Number(f64::from(s.anonymous_contacts)),
                ),
                kv(
                    msg!("label.support.by_volunteers"),
                    Cell::Number(f64::from(s.by_volunteers)),
                ),
                kv(
                    msg!("label.support.hours"),
                    Cell::Number((f64::from(s.minutes) / 6.0).round() / 10.0),
                ),
            ],
            suppress,
        },
        count_table(
            "stod_kanal",
            msg!("label.support.by_channel"),
            msg!("label.support.channel"),
            rows(&s.by_channel, Label::Channel, Channel::as_str),
        ),
        count_table(
            "stod_grupp",
            msg!("label.support.by_group"),
            msg!("label.support.group"),
            rows(&s.by_group, Label::ContactGroup, ContactGroup::as_str),
        ),
        count_table(
            "stod_amne",
            msg!("label.support.by_topic"),
            msg!("label.support.topic"),
            rows(&s.by_topic, Label::Topic, Topic::as_str),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(channel: Channel, group: ContactGroup, topics: &[Topic], by: TakenBy, person: Option<&str>) -> SupportContact {
        SupportContact {
            date: "2026-03-01".parse().unwrap(),
            channel,
            group,
            topics: topics.to_vec(),
            minutes: Some(30),
            by,
            person: person.map(str::to_owned),
            struck: None,
        }
    }

    /// Five contacts counted by hand: K1 calls twice and chats once (one person), K2 once, and
    /// one anonymous sms; four by staff, one by a volunteer.
    #[test]
    fn five_contacts_counted_by_hand() {
        use Channel::*;
        use ContactGroup::*;
        use TakenBy::*;
        use Topic::*;
        let contacts = [
            c(Phone, Woman, &[Psychological, Physical], Staff, Some("K1")),
            c(Phone, Woman, &[Psychological], Staff, Some("K1")),
            c(Chat, Woman, &[Digital], Volunteer, Some("K1")),
            c(Phone, Relative, &[Custody], Staff, Some("K2")),
            c(Sms, Girl, &[], Staff, None),
        ];
        let s = figures(&contacts);
        assert_eq!((s.contacts, s.individuals, s.anonymous_contacts), (5, 2, 1));
        assert_eq!(
            (
                s.by_channel[&Phone],
                s.by_channel[&Chat],
                s.by_channel[&Sms],
                s.by_channel[&Email]
            ),
            (3, 1, 1, 0)
        );
        assert_eq!(
            (
                s.by_group[&Woman],
                s.by_group[&Relative],
                s.by_group[&Girl],
                s.by_group[&Man]
            ),
            (3, 1, 1, 0)
        );
        assert_eq!(
            (
                s.by_topic[&Psychological],
                s.by_topic[&Physical],
                s.by_topic[&Digital],
                s.by_topic[&Custody]
            ),
            (2, 1, 1, 1)
        );
        assert_eq!(s.by_topic.values().sum::<u32>(), 5);
        assert_eq!((s.minutes, s.by_volunteers), (150, 1));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["by_channel"]["telefon"], 3);
        assert_eq!(json["by_group"]["narstaende"], 1);
        assert_eq!(json["by_topic"]["vardnad_umgange"], 1);
        let tables = tables(&s, true, Lang::Sv);
        // Two people: shown as "<3" where small counts are suppressed.
        assert_eq!(tables[0].shown().rows[1][1], "<3");
        assert_eq!(tables[1].shown().rows[0], vec!["Telefon".to_owned(), "3".to_owned()]);
    }
}
