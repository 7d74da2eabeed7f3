//! What every document the organisation sends has in common: the letterhead (logo, name,
//! address) and the footer (name, address, organisation number, bankgiro, F-skatt).

use super::pdf::{A4_WIDTH, Face, Pdf};
use crate::address;
use crate::billing::invoice::Seller;

pub const LEFT: f32 = 20.0;
pub const RIGHT: f32 = A4_WIDTH - 20.0;

/// Logo and name at the top left, the address below; returns the baseline below it. The name
/// wraps rather than run into a heading on the right.
pub fn letterhead(pdf: &mut Pdf, seller: &Seller, logo: Option<&[u8]>) -> f32 {
    let logo_w = logo.map(|l| pdf.image(l, LEFT, 12.0, 36.0, 16.0)).unwrap_or(0.0);
    let x = if logo_w > 0.0 { LEFT + logo_w + 4.0 } else { LEFT };
    let mut y = pdf.paragraph(x, 22.0, 120.0 - x, 14.0, Face::Bold, &seller.name) - 1.0;
    for line in address::parse(&seller.address).lines() {
        pdf.text(x, y, 9.5, Face::Regular, &line);
        y += 4.5;
    }
    y
}

pub fn footer(pdf: &mut Pdf, s: &Seller) {
    pdf.hline(LEFT, RIGHT, 272.0, 0.4, 0.6);
    pdf.text(LEFT, 277.0, 8.0, Face::Bold, &s.name);
    pdf.text(LEFT, 281.5, 8.0, Face::Regular, &s.address);
    pdf.text(
        95.0,
        277.0,
        8.0,
        Face::Regular,
        &format!("Organisationsnummer {}", s.org_number),
    );
    pdf.text(95.0, 281.5, 8.0, Face::Regular, &format!("Bankgiro {}", s.bankgiro));
    if s.f_skatt {
        pdf.text_right(RIGHT, 277.0, 8.0, Face::Bold, "Godkänd för F-skatt");
    }
}
