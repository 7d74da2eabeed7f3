//! A payment reminder (betalningspåminnelse) for an overdue invoice: it refers to the invoice by
//! number and date, states what remains to pay, and repeats how to pay (bankgiro, the same OCR).

use super::letter::{self, LEFT, RIGHT};
use super::pdf::{Face, Pdf};
use crate::address;
use crate::billing::invoice::Invoice;
use crate::money::Money;
use chrono::{DateTime, NaiveDate, Utc};

/// What has happened to an invoice since it was issued, as the reminder states it: decided by
/// billing (its register), printed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owed {
    pub credited: Money,
    pub paid: Money,
    /// What remains to pay.
    pub outstanding: Money,
}

/// The reminder of `inv` as PDF bytes, dated `today`, asking for payment of `owed.outstanding`
/// by `pay_by`.
pub fn render(
    inv: &Invoice,
    owed: Owed,
    logo: Option<&[u8]>,
    today: NaiveDate,
    pay_by: NaiveDate,
    now: DateTime<Utc>,
) -> Vec<u8> {
    let number = inv.number.clone().unwrap_or_default();
    let mut pdf = Pdf::new(&format!("Betalningspåminnelse faktura {number}"), now);
    let mut y = letter::letterhead(&mut pdf, &inv.seller, logo);
    pdf.text_right(RIGHT, 22.0, 16.0, Face::Bold, "PÅMINNELSE");
    pdf.text_right(RIGHT, 29.0, 10.0, Face::Regular, &format!("Datum {today}"));

    y = y.max(45.0);
    pdf.text(LEFT, y, 11.0, Face::Bold, &inv.buyer.name);
    y += 5.0;
    for line in address::parse(&inv.buyer.address).lines() {
        pdf.text(LEFT, y, 10.0, Face::Regular, &line);
        y += 4.8;
    }
    if !inv.buyer_reference.is_empty() {
        pdf.text(
            LEFT,
            y + 1.0,
            9.0,
            Face::Regular,
            &format!("Er referens: {}", inv.buyer_reference),
        );
        y += 5.0;
    }
    y += 12.0;
    pdf.text(LEFT, y, 13.0, Face::Bold, &format!("Påminnelse om faktura {number}"));
    y += 8.0;
    let body = format!(
        "Enligt vår bokföring är faktura {number} från {} med förfallodag {} inte betald i sin helhet. \
         Vi ber er betala det som återstår senast {pay_by}. Om betalningen redan är gjord kan ni bortse från den här påminnelsen. \
         Hör gärna av er om något på fakturan är oklart.",
        inv.issued, inv.due
    );
    y = pdf.paragraph(LEFT, y, RIGHT - LEFT, 10.5, Face::Regular, &body) + 4.0;

    let row = |pdf: &mut Pdf, y: f32, label: &str, value: &str, face: Face| {
        pdf.text(LEFT, y, 10.0, face, label);
        pdf.text_right(RIGHT, y, 10.0, face, value);
    };
    row(
        &mut pdf,
        y,
        &format!("Faktura {number}, {}", inv.issued),
        &inv.total.to_swedish(),
        Face::Regular,
    );
    y += 5.5;
    if owed.credited > Money::ZERO {
        row(
            &mut pdf,
            y,
            "Krediterat",
            &format!("−{}", owed.credited.to_swedish()),
            Face::Regular,
        );
        y += 5.5;
    }
    if owed.paid > Money::ZERO {
        row(
            &mut pdf,
            y,
            "Betalt",
            &format!("−{}", owed.paid.to_swedish()),
            Face::Regular,
        );
        y += 5.5;
    }
    pdf.hline(LEFT, RIGHT, y - 2.5, 0.6, 0.3);
    row(
        &mut pdf,
        y + 2.0,
        "Att betala",
        &owed.outstanding.to_swedish(),
        Face::Bold,
    );
    y += 12.0;

    pdf.rect(LEFT, y, RIGHT - LEFT, 18.0, Some(0.96), Some(0.5));
    let fact = |pdf: &mut Pdf, x: f32, label: &str, value: &str| {
        pdf.text(x, y + 6.0, 8.0, Face::Regular, label);
        pdf.text(x, y + 10.5, 10.0, Face::Bold, value);
    };
    fact(&mut pdf, LEFT + 4.0, "Bankgiro", &inv.seller.bankgiro);
    fact(&mut pdf, LEFT + 44.0, "OCR-nummer", &inv.ocr);
    fact(&mut pdf, LEFT + 94.0, "Betala senast", &pay_by.to_string());
    fact(&mut pdf, LEFT + 130.0, "Att betala", &owed.outstanding.to_swedish());

    letter::footer(&mut pdf, &inv.seller);
    pdf.finish_for_signing()
}
