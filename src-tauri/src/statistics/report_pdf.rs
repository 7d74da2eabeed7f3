//! The statistics as PDF reports for a board's verksamhetsberättelse and for the follow-up with
//! the municipality: a cover with the key figures (and the previous year), charts drawn as vector
//! graphics, and the tables; in Swedish, or in the window's language when saved from the window
//! (the report is the shelter's own); small counts of people shown as "<3" (a setting).

use super::compute::Report;
use super::export::{self, Cell, Table};
use super::followup::FollowUp;
use crate::documents::pdf::{A4_WIDTH, Face, Pdf};
use crate::msg;
use crate::text::Lang;
use chrono::{DateTime, Utc};

const LEFT: f32 = 20.0;
const RIGHT: f32 = A4_WIDTH - 20.0;
const BOTTOM: f32 = 270.0;
/// A colour as red, green, blue from 0 to 1.
type Rgb = (f32, f32, f32);
/// One series of a bar chart: its name in the legend, its colour and its values.
type Series = (String, Rgb, Vec<Cell>);

const ADULTS: Rgb = (0.15, 0.33, 0.36);
const CHILDREN: Rgb = (0.91, 0.67, 0.35);

fn cover(pdf: &mut Pdf, title: &str, subtitle: &str, org: &str, now: DateTime<Utc>, suppress: bool, lang: Lang) -> f32 {
    pdf.fill_rgb(0.0, 0.0, A4_WIDTH, 8.0, ADULTS);
    pdf.text(LEFT, 30.0, 22.0, Face::Bold, title);
    pdf.text(LEFT, 39.0, 13.0, Face::Regular, subtitle);
    pdf.text(LEFT, 47.0, 11.0, Face::Regular, org);
    let mut note = msg!("notice.statistics.compiled", date = crate::clock::swedish_date(now)).render(lang);
    if suppress {
        note.push(' ');
        note.push_str(&msg!("notice.statistics.suppressed").render(lang));
    }
    pdf.paragraph(LEFT, 55.0, RIGHT - LEFT, 9.0, Face::Regular, &note) + 6.0
}

/// A table with its title; a new page when it does not fit. Returns the baseline below it.
fn table(pdf: &mut Pdf, mut y: f32, t: &Table) -> f32 {
    let height = 14.0 + 5.5 * t.rows.len() as f32;
    if y + height > BOTTOM {
        pdf.new_page();
        y = 25.0;
    }
    pdf.text(LEFT, y, 12.0, Face::Bold, &t.title);
    y += 7.0;
    let n = t.columns.len();
    let first = if n <= 2 { 120.0 } else { 70.0 };
    let step = if n > 1 {
        (RIGHT - LEFT - first) / (n - 1) as f32
    } else {
        0.0
    };
    let x_right = |c: usize| LEFT + first + step * c as f32;
    pdf.rect(LEFT, y - 4.2, RIGHT - LEFT, 6.0, Some(0.92), None);
    for (c, name) in t.columns.iter().enumerate() {
        if c == 0 {
            pdf.text(LEFT + 1.5, y, 9.0, Face::Bold, name);
        } else {
            pdf.text_right(x_right(c) - 1.5, y, 9.0, Face::Bold, name);
        }
    }
    y += 5.5;
    for row in &t.rows {
        for (c, cell) in row.iter().enumerate() {
            let text = cell.shown(t.suppress);
            if c == 0 {
                pdf.text(LEFT + 1.5, y, 9.5, Face::Regular, &text);
            } else {
                pdf.text_right(x_right(c) - 1.5, y, 9.5, Face::Regular, &text);
            }
        }
        pdf.hline(LEFT, RIGHT, y + 1.6, 0.3, 0.85);
        y += 5.5;
    }
    y + 6.0
}

/// The top of a chart's scale: four round ticks (1, 2 or 5 × a power of ten) that reach `max`.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 4.0;
    }
    let wanted = max / 4.0;
    let magnitude = 10f64.powf(wanted.log10().floor());
    let tick = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|s| s * magnitude)
        .find(|t| *t >= wanted)
        .unwrap_or(10.0 * magnitude);
    tick * 4.0
}

fn tick_label(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}").replace('.', ",")
    }
}

/// A bar chart, bars grouped per category, one colour per series; values above the bars (as the
/// tables show them). Returns the baseline below it.
#[allow(clippy::too_many_arguments)]
fn bars(
    pdf: &mut Pdf,
    y: f32,
    title: &str,
    unit: &str,
    categories: &[String],
    series: &[Series],
    suppress: bool,
) -> f32 {
    let (x0, w, h) = (LEFT + 12.0, RIGHT - LEFT - 12.0, 45.0);
    pdf.text(LEFT, y, 11.0, Face::Bold, title);
    let top = y + 6.0;
    let value = |c: &Cell| match c {
        Cell::People(n) => f64::from(*n),
        Cell::Number(x) => *x,
        Cell::Text(_) => 0.0,
    };
    let max = nice_max(
        series
            .iter()
            .flat_map(|(_, _, v)| v.iter().map(value))
            .fold(0.0, f64::max),
    );
    for i in 0..=4 {
        let gy = top + h - h * i as f32 / 4.0;
        pdf.hline(x0, x0 + w, gy, 0.3, if i == 0 { 0.3 } else { 0.85 });
        let label = max * f64::from(i) / 4.0;
        pdf.text_right(x0 - 1.5, gy + 1.2, 7.0, Face::Regular, &tick_label(label));
    }
    pdf.text(LEFT, top - 1.5, 7.0, Face::Regular, unit);
    let group = w / categories.len().max(1) as f32;
    let bar = (group * 0.8) / series.len().max(1) as f32;
    for (ci, cat) in categories.iter().enumerate() {
        let gx = x0 + group * ci as f32 + group * 0.1;
        for (si, (_, rgb, values)) in series.iter().enumerate() {
            let v = values.get(ci).map(value).unwrap_or(0.0);
            // A hidden small count is drawn as tall as the largest it could be, in grey, so that
            // the bar does not tell what the label hides.
            let hidden = suppress && matches!(values.get(ci), Some(Cell::People(n)) if (1..3).contains(n));
            let (v_drawn, colour) = if hidden { (2.0, (0.75, 0.75, 0.75)) } else { (v, *rgb) };
            let bh = (v_drawn / max) as f32 * h;
            let bx = gx + bar * si as f32;
            if bh > 0.0 {
                pdf.fill_rgb(bx, top + h - bh, bar * 0.92, bh, colour);
            }
            if let Some(c) = values.get(ci)
                && v > 0.0
            {
                pdf.text_center(
                    bx + bar * 0.46,
                    top + h - bh - 1.2,
                    6.5,
                    Face::Regular,
                    &c.shown(suppress),
                );
            }
        }
        // Many categories get smaller names, so that neighbours' names do not run together.
        let size = if group < 24.0 { 6.0 } else { 7.5 };
        pdf.text_center(gx + group * 0.4, top + h + 4.0, size, Face::Regular, cat);
    }
    let mut lx = x0;
    if series.len() > 1 {
        for (label, rgb, _) in series {
            pdf.fill_rgb(lx, top + h + 7.0, 3.0, 3.0, *rgb);
            pdf.text(lx + 4.5, top + h + 9.6, 8.0, Face::Regular, label);
            lx += 35.0;
        }
    }
    top + h + 18.0
}

fn short_month(m: u32, lang: Lang) -> String {
    export::month_name(m, lang).chars().take(3).collect()
}

/// The yearly report: cover with key figures against the previous year, four charts, the tables.
pub fn yearly(r: &Report, previous: &Report, org: &str, suppress: bool, now: DateTime<Utc>, lang: Lang) -> Vec<u8> {
    let text = |m: crate::text::Message| m.render(lang);
    let year = r.period.name();
    let before = previous.period.name();
    let mut pdf = Pdf::new(&text(msg!("label.statistics.pdf_yearly_title", year = &year)), now);
    let mut y = cover(
        &mut pdf,
        &text(msg!("label.statistics.yearly_heading", year = &year)),
        &text(msg!("label.statistics.yearly_subtitle")),
        org,
        now,
        suppress,
        lang,
    );

    let ours = export::key_figures(r, lang);
    let theirs = export::key_figures(previous, lang);
    let key = Table {
        name: "nyckeltal",
        title: text(msg!("label.statistics.key_figures")),
        columns: vec![text(msg!("label.statistics.measure")), year.clone(), before],
        rows: ours
            .iter()
            .zip(&theirs)
            .map(|(a, b)| vec![a[0].clone(), a[1].clone(), b[1].clone()])
            .collect(),
        suppress,
    };
    table(&mut pdf, y, &key);

    pdf.new_page();
    y = 25.0;
    let months: Vec<String> = r.nights_per_month.iter().map(|m| short_month(m.month, lang)).collect();
    y = bars(
        &mut pdf,
        y,
        &text(msg!("label.statistics.nights_per_month")),
        &text(msg!("label.statistics.unit_nights")),
        &months,
        &[
            (
                text(msg!("label.statistics.adults")),
                ADULTS,
                r.nights_per_month
                    .iter()
                    .map(|m| Cell::Number(f64::from(m.adults)))
                    .collect(),
            ),
            (
                text(msg!("label.statistics.children")),
                CHILDREN,
                r.nights_per_month
                    .iter()
                    .map(|m| Cell::Number(f64::from(m.children)))
                    .collect(),
            ),
        ],
        suppress,
    );
    y = bars(
        &mut pdf,
        y,
        &text(msg!("label.statistics.by_class_chart")),
        &text(msg!("label.statistics.unit_count")),
        &r.by_class
            .iter()
            .map(|c| {
                if c.class == "iop" {
                    text(msg!("label.statistics.iop_municipality"))
                } else {
                    text(msg!("label.statistics.class_other"))
                }
            })
            .collect::<Vec<_>>(),
        &[
            (
                text(msg!("label.statistics.placements")),
                ADULTS,
                r.by_class.iter().map(|c| Cell::People(c.placements)).collect(),
            ),
            (
                text(msg!("label.statistics.individuals_column")),
                CHILDREN,
                r.by_class.iter().map(|c| Cell::People(c.individuals)).collect(),
            ),
        ],
        suppress,
    );
    y = bars(
        &mut pdf,
        y,
        &text(msg!("label.statistics.length_chart")),
        &text(msg!("label.statistics.unit_adults")),
        &r.length_of_stay.iter().map(|l| l.key.clone()).collect::<Vec<_>>(),
        &[(
            text(msg!("label.statistics.adults")),
            ADULTS,
            r.length_of_stay.iter().map(|l| Cell::People(l.count)).collect(),
        )],
        suppress,
    );
    let occupancy_months: Vec<String> = r
        .occupancy_per_month
        .iter()
        .map(|m| short_month(m.month, lang))
        .collect();
    bars(
        &mut pdf,
        y,
        &text(msg!("label.statistics.occupancy_chart")),
        &text(msg!("label.statistics.unit_percent")),
        &occupancy_months,
        &[(
            text(msg!("label.statistics.occupancy")),
            ADULTS,
            r.occupancy_per_month
                .iter()
                .map(|m| Cell::Number(m.occupancy.rate))
                .collect(),
        )],
        suppress,
    );

    // The other activities, against the year before.
    pdf.new_page();
    y = 25.0;
    let both =
        |this: Vec<Cell>, before: Vec<Cell>| [(year.clone(), ADULTS, this), (previous.period.name(), CHILDREN, before)];
    let channels: Vec<String> = r
        .support
        .by_channel
        .keys()
        .map(|c| c.label_in(lang).to_owned())
        .collect();
    let per_channel = |x: &Report| {
        x.support
            .by_channel
            .values()
            .map(|n| Cell::Number(f64::from(*n)))
            .collect::<Vec<_>>()
    };
    y = bars(
        &mut pdf,
        y,
        &text(msg!("label.support.by_channel")),
        &text(msg!("label.statistics.unit_count")),
        &channels,
        &both(per_channel(r), per_channel(previous)),
        suppress,
    );
    let reasons: Vec<String> = r
        .requests
        .refused_by_reason
        .keys()
        .map(|k| k.label_in(lang).to_owned())
        .collect();
    let per_reason = |x: &Report| {
        x.requests
            .refused_by_reason
            .values()
            .map(|n| Cell::Number(f64::from(*n)))
            .collect::<Vec<_>>()
    };
    bars(
        &mut pdf,
        y,
        &text(msg!("label.requests.by_reason")),
        &text(msg!("label.statistics.unit_count")),
        &reasons,
        &both(per_reason(r), per_reason(previous)),
        suppress,
    );

    // The tables, by activity: the protected housing, the support, the requests, the
    // kvalitetsbilaga and the organisation.
    let mut quality = vec![Table {
        name: "kvalitet",
        title: text(msg!("label.statistics.quality_title")),
        columns: vec![
            text(msg!("label.statistics.measure")),
            text(msg!("label.statistics.count")),
        ],
        rows: vec![
            vec![
                Cell::Text(text(msg!("label.statistics.concern_reports"))),
                Cell::People(r.quality.concern_reports),
            ],
            vec![
                Cell::Text(text(msg!("label.statistics.lex_sarah_reports"))),
                Cell::People(r.quality.lex_sarah_reports),
            ],
        ],
        suppress,
    }];
    let mut sections: Vec<(String, Vec<Table>)> = vec![
        (text(msg!("label.statistics.section_housing")), Vec::new()),
        (text(msg!("label.statistics.section_support")), Vec::new()),
        (text(msg!("label.statistics.section_requests")), Vec::new()),
        (text(msg!("label.statistics.section_quality")), Vec::new()),
        (text(msg!("label.statistics.section_organisation")), Vec::new()),
    ];
    for t in export::yearly_tables(r, suppress, lang)
        .into_iter()
        .skip(1)
        .filter(|t| !t.name.ends_with("manad"))
    {
        let section = match t.name {
            n if n.starts_with("stod") => 1,
            "forfragningar" | "nekade_skal" | "forfragningar_fran" => 2,
            "barnens_rattigheter" => 3,
            "organisationen" => 4,
            _ => 0,
        };
        sections[section].1.push(t);
    }
    sections[3].1.append(&mut quality);
    pdf.new_page();
    y = 25.0;
    for (heading, tables) in &sections {
        if y > 25.0 && y + 40.0 > BOTTOM {
            pdf.new_page();
            y = 25.0;
        }
        pdf.fill_rgb(LEFT, y - 5.5, 2.0, 7.0, ADULTS);
        pdf.text(LEFT + 4.0, y, 15.0, Face::Bold, heading);
        y += 10.0;
        for t in tables {
            y = table(&mut pdf, y, t);
        }
    }
    pdf.finish()
}

/// The half-year follow-up of acute placements.
pub fn follow_up(f: &FollowUp, org: &str, suppress: bool, now: DateTime<Utc>, lang: Lang) -> Vec<u8> {
    let half = if f.period.from.format("%m").to_string() == "01" {
        1
    } else {
        2
    };
    let year = f.period.from.format("%Y").to_string();
    let title = msg!("label.statistics.follow_up_heading", year = &year, half = half).render(lang);
    let mut pdf = Pdf::new(
        &msg!("label.statistics.pdf_follow_up_title", year = &year, half = half).render(lang),
        now,
    );
    let mut y = cover(
        &mut pdf,
        &title,
        &msg!(
            "label.statistics.follow_up_subtitle",
            from = f.period.from,
            to = f.period.to
        )
        .render(lang),
        org,
        now,
        suppress,
        lang,
    );
    for t in export::follow_up_tables(f, suppress, lang) {
        y = table(&mut pdf, y, &t);
    }
    pdf.finish()
}
