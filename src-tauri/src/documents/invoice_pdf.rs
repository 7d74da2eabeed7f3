//! The invoice and credit note as a printed document: A4, Swedish, with everything Swedish VAT
//! law and ESV ask for (number, dates, seller's and buyer's names, addresses and organisation
//! numbers, what was delivered with period, nights, unit price and amount, the VAT exemption,
//! rounding, total, due date, bankgiro and OCR, "Godkänd för F-skatt") and no resident's name:
//! lines name only a pseudonymous key.

use super::letter::{self, LEFT, RIGHT};
use super::pdf::{Face, Pdf};
use crate::address;
use crate::billing::invoice::{Invoice, Kind};
use crate::money::Money;
use chrono::{DateTime, Utc};

const BOTTOM: f32 = 250.0;

/// Columns of the lines table: description, period, nights, unit price, amount (right edges for
/// the numbers).
const COL_PERIOD: f32 = 80.0;
const COL_NIGHTS: f32 = 141.0;
const COL_PRICE: f32 = 166.0;

fn money(m: Money) -> String {
    m.to_swedish()
}

/// The invoice's title on paper and in the PDF's metadata.
pub fn title(inv: &Invoice) -> String {
    let kind = if inv.kind == Kind::CreditNote {
        "Kreditfaktura"
    } else {
        "Faktura"
    };
    format!("{kind} {}", inv.number.as_deref().unwrap_or("(förhandsvisning)"))
}

fn header(pdf: &mut Pdf, inv: &Invoice, logo: Option<&[u8]>, page: usize) -> f32 {
    let y = letter::letterhead(pdf, &inv.seller, logo);
    let heading = if inv.kind == Kind::CreditNote {
        "KREDITFAKTURA"
    } else {
        "FAKTURA"
    };
    pdf.text_right(RIGHT, 22.0, 18.0, Face::Bold, heading);
    if page > 1 {
        pdf.text_right(
            RIGHT,
            28.0,
            9.0,
            Face::Regular,
            &format!("{} · sida {page}", title(inv)),
        );
        return 40.0;
    }
    y.max(40.0)
}

fn fact(pdf: &mut Pdf, x: f32, y: f32, label: &str, value: &str) {
    pdf.text(x, y, 8.0, Face::Regular, label);
    pdf.text(x, y + 4.2, 10.0, Face::Bold, value);
}

fn table_head(pdf: &mut Pdf, y: f32) -> f32 {
    pdf.rect(LEFT, y - 4.5, RIGHT - LEFT, 7.0, Some(0.92), None);
    pdf.text(LEFT + 1.5, y, 9.0, Face::Bold, "Beskrivning");
    pdf.text(COL_PERIOD, y, 9.0, Face::Bold, "Period (nätterna)");
    pdf.text_right(COL_NIGHTS, y, 9.0, Face::Bold, "Antal");
    pdf.text_right(COL_PRICE, y, 9.0, Face::Bold, "À-pris");
    pdf.text_right(RIGHT - 1.5, y, 9.0, Face::Bold, "Belopp");
    y + 8.0
}

/// The document as PDF bytes, unsigned. `now` dates the file.
pub fn render(inv: &Invoice, logo: Option<&[u8]>, now: DateTime<Utc>) -> Vec<u8> {
    let mut pdf = Pdf::new(&title(inv), now);
    let mut page = 1;
    let top = header(&mut pdf, inv, logo, page);

    // Facts block, right column.
    let fx = 120.0;
    let mut fy = top;
    let number = inv.number.clone().unwrap_or_else(|| "(förhandsvisning)".into());
    fact(
        &mut pdf,
        fx,
        fy,
        if inv.kind == Kind::CreditNote {
            "Kreditfakturanummer"
        } else {
            "Fakturanummer"
        },
        &number,
    );
    fact(&mut pdf, fx + 38.0, fy, "Fakturadatum", &inv.issued.to_string());
    fy += 11.0;
    if inv.kind == Kind::CreditNote {
        fact(
            &mut pdf,
            fx,
            fy,
            "Krediterar faktura",
            inv.credits.as_deref().unwrap_or(""),
        );
    } else {
        fact(&mut pdf, fx, fy, "Förfallodatum", &inv.due.to_string());
        fact(&mut pdf, fx + 38.0, fy, "OCR-nummer", &inv.ocr);
    }
    fy += 11.0;
    fact(
        &mut pdf,
        fx,
        fy,
        "Er referens",
        if inv.buyer_reference.is_empty() {
            "–"
        } else {
            &inv.buyer_reference
        },
    );
    fy += 11.0;
    if !inv.placement_reference.is_empty() {
        fact(
            &mut pdf,
            fx,
            fy,
            "Ert ärende (placeringens referens)",
            &inv.placement_reference,
        );
        fy += 11.0;
    }

    // The buyer's address, where a window envelope shows it.
    let mut by = top + 4.0;
    pdf.text(LEFT, by, 8.0, Face::Regular, "Faktureras till");
    by += 5.0;
    pdf.text(LEFT, by, 11.0, Face::Bold, &inv.buyer.name);
    by += 5.0;
    for line in address::parse(&inv.buyer.address).lines() {
        pdf.text(LEFT, by, 10.0, Face::Regular, &line);
        by += 4.8;
    }
    pdf.text(
        LEFT,
        by + 1.0,
        8.5,
        Face::Regular,
        &format!("Org.nr {}", inv.buyer.org_number),
    );

    let mut y = fy.max(by + 8.0) + 6.0;
    let what = match (&inv.placement, inv.kind) {
        (Some(p), _) => format!(
            "Skyddat boende, placering {p}. Period {} – {}.",
            inv.period_from, inv.period_to
        ),
        (None, _) => format!("Period {} – {}.", inv.period_from, inv.period_to),
    };
    pdf.text(LEFT, y, 10.0, Face::Regular, &what);
    y += 8.0;
    y = table_head(&mut pdf, y);

    for line in &inv.lines {
        if y > BOTTOM {
            footer(&mut pdf, inv);
            pdf.new_page();
            page += 1;
            let top = header(&mut pdf, inv, logo, page);
            y = table_head(&mut pdf, top);
        }
        let description = super::pdf::wrap(Face::Regular, 9.5, COL_PERIOD - LEFT - 4.0, &line.description);
        for (i, part) in description.iter().enumerate() {
            pdf.text(LEFT + 1.5, y + i as f32 * 4.2, 9.5, Face::Regular, part);
        }
        let period = if line.from == line.to {
            line.from.to_string()
        } else {
            format!("{} – {}", line.from, line.to)
        };
        pdf.text(COL_PERIOD, y, 9.0, Face::Regular, &period);
        let count = if line.nights > 0 {
            format!("{} nätter", line.nights)
        } else {
            "1 st".into()
        };
        pdf.text_right(COL_NIGHTS, y, 9.5, Face::Regular, &count);
        pdf.text_right(COL_PRICE, y, 9.5, Face::Regular, &money(line.unit_price));
        pdf.text_right(RIGHT - 1.5, y, 9.5, Face::Regular, &money(line.amount));
        let rows = description.len().max(1) as f32;
        pdf.hline(LEFT, RIGHT, y + 4.2 * (rows - 1.0) + 1.8, 0.3, 0.8);
        y += 4.2 * rows + 2.5;
    }

    if y > BOTTOM - 40.0 {
        footer(&mut pdf, inv);
        pdf.new_page();
        page += 1;
        y = header(&mut pdf, inv, logo, page);
    }
    // Totals.
    y += 3.0;
    let tx = 108.0;
    let total_row = |pdf: &mut Pdf, y: f32, label: &str, value: Money, face: Face, size: f32| {
        pdf.text(tx, y, size, face, label);
        pdf.text_right(RIGHT - 1.5, y, size, face, &money(value));
    };
    total_row(&mut pdf, y, "Summa exkl. moms", inv.lines_total, Face::Regular, 9.5);
    y += 5.0;
    total_row(&mut pdf, y, "Moms (0 %)", Money::ZERO, Face::Regular, 9.5);
    y += 5.0;
    if inv.rounding != Money::ZERO {
        total_row(&mut pdf, y, "Öresavrundning", inv.rounding, Face::Regular, 9.5);
        y += 5.0;
    }
    if !inv.prepaid.is_empty() {
        // The total, then what earlier credit balances of the buyer's cover.
        pdf.hline(tx, RIGHT, y - 2.5, 0.6, 0.3);
        total_row(&mut pdf, y + 2.0, "Summa", inv.total, Face::Regular, 9.5);
        y += 7.0;
        for o in &inv.prepaid {
            let label = format!("Avgår: tillgodo från faktura {}", o.from);
            total_row(
                &mut pdf,
                y,
                &label,
                Money::from_ore(-o.amount.ore()),
                Face::Regular,
                9.5,
            );
            y += 5.0;
        }
    }
    pdf.hline(tx, RIGHT, y - 2.5, 0.6, 0.3);
    let to_pay = if inv.kind == Kind::CreditNote {
        "Att tillgodoräkna"
    } else {
        "Att betala"
    };
    total_row(&mut pdf, y + 2.0, to_pay, inv.to_pay(), Face::Bold, 12.0);
    y += 10.0;
    y = pdf.paragraph(
        LEFT,
        y,
        RIGHT - LEFT,
        9.0,
        Face::Regular,
        &format!("Moms: {}", inv.vat_exemption),
    );

    // Payment box.
    y += 4.0;
    pdf.rect(LEFT, y, RIGHT - LEFT, 20.0, Some(0.96), Some(0.5));
    if inv.kind == Kind::CreditNote {
        pdf.text(
            LEFT + 4.0,
            y + 7.0,
            10.0,
            Face::Bold,
            &format!(
                "Kreditfakturan minskar det som ska betalas på faktura {}.",
                inv.credits.as_deref().unwrap_or("")
            ),
        );
        pdf.text(
            LEFT + 4.0,
            y + 13.0,
            9.5,
            Face::Regular,
            &format!("Belopp att tillgodoräkna: {}", money(inv.total)),
        );
    } else {
        fact(&mut pdf, LEFT + 4.0, y + 6.0, "Bankgiro", &inv.seller.bankgiro);
        fact(&mut pdf, LEFT + 44.0, y + 6.0, "OCR-nummer", &inv.ocr);
        fact(&mut pdf, LEFT + 94.0, y + 6.0, "Förfallodatum", &inv.due.to_string());
        fact(&mut pdf, LEFT + 130.0, y + 6.0, "Att betala", &money(inv.to_pay()));
        pdf.text(
            LEFT + 4.0,
            y + 17.0,
            8.0,
            Face::Regular,
            "Ange OCR-numret vid betalning.",
        );
    }
    y += 26.0;
    pdf.paragraph(
        LEFT,
        y,
        RIGHT - LEFT,
        8.5,
        Face::Regular,
        &format!(
            "Dokumentet är digitalt signerat av {}. PDF-läsaren visar om det har ändrats efter att det utfärdades.",
            inv.seller.name
        ),
    );
    footer(&mut pdf, inv);
    pdf.finish_for_signing()
}

fn footer(pdf: &mut Pdf, inv: &Invoice) {
    letter::footer(pdf, &inv.seller);
}
