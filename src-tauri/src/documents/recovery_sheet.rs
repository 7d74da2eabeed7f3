//! The recovery key sheet: one A4 page to print at setup and keep locked away. It holds the
//! database key, so it says plainly what the key opens and how to use it; it names no person.
//! Not a legal document: it is made in the language of whoever makes it (the window's, or
//! Swedish from fristad-cli).

use super::pdf::{A4_WIDTH, Face, Pdf};
use crate::clock;
use crate::keys::DbKey;
use crate::text::{Lang, Message};
use chrono::{DateTime, Utc};

const MARGIN: f32 = 22.0;
const FOOTER_LINE: f32 = 277.0;

/// The sheet as PDF bytes, in Swedish (fristad-cli). `organisation` is the shelter's name, if it
/// is known yet.
pub fn render(key: &DbKey, organisation: Option<&str>, now: DateTime<Utc>) -> Vec<u8> {
    render_in(key, organisation, now, Lang::Sv)
}

/// The sheet as PDF bytes, its texts in `lang` (the window's).
pub fn render_in(key: &DbKey, organisation: Option<&str>, now: DateTime<Utc>, lang: Lang) -> Vec<u8> {
    let width = A4_WIDTH - 2.0 * MARGIN;
    let mut pdf = Pdf::new(&crate::msg!("notice.recovery_sheet.document_title").render(lang), now);
    let mut y = 32.0;
    pdf.text(
        MARGIN,
        y,
        22.0,
        Face::Bold,
        &crate::msg!("notice.recovery_sheet.title").render(lang),
    );
    y += 9.0;
    pdf.text(
        MARGIN,
        y,
        12.0,
        Face::Regular,
        &crate::msg!("notice.recovery_sheet.subtitle").render(lang),
    );
    if let Some(org) = organisation {
        y += 6.5;
        pdf.text(MARGIN, y, 12.0, Face::Regular, org);
    }
    y += 6.5;
    pdf.text(
        MARGIN,
        y,
        10.0,
        Face::Regular,
        &crate::msg!("notice.recovery_sheet.created", time = clock::to_local_text(now)).render(lang),
    );
    y += 10.0;

    let text = key.recovery_text();
    let groups: Vec<&str> = text.expose().split(' ').collect();
    let box_h = 4.0 * 11.0 + 10.0;
    pdf.rect(MARGIN, y, width, box_h, Some(0.95), Some(0.3));
    let mut row_y = y + 14.0;
    for row in groups.chunks(4) {
        let line = row.join(" ");
        let x = MARGIN + (width - super::pdf::text_width(Face::Mono, 20.0, &line)) / 2.0;
        pdf.text(x, row_y, 20.0, Face::Mono, &line);
        row_y += 11.0;
    }
    y += box_h + 12.0;

    let sections: [(Message, Message); 4] = [
        (
            crate::msg!("notice.recovery_sheet.what_heading"),
            crate::msg!("notice.recovery_sheet.what_body"),
        ),
        (
            crate::msg!("notice.recovery_sheet.keep_heading"),
            crate::msg!("notice.recovery_sheet.keep_body"),
        ),
        (
            crate::msg!("notice.recovery_sheet.use_heading"),
            crate::msg!("notice.recovery_sheet.use_body"),
        ),
        (
            crate::msg!("notice.recovery_sheet.without_heading"),
            crate::msg!("notice.recovery_sheet.without_body"),
        ),
    ];
    for (heading, body) in sections {
        pdf.text(MARGIN, y, 12.0, Face::Bold, &heading.render(lang));
        y = pdf.paragraph(MARGIN, y + 6.5, width, 10.5, Face::Regular, &body.render(lang)) + 4.0;
    }
    // The texts of either language must end above the footer's line.
    debug_assert!(y < FOOTER_LINE, "the sheet's texts run into its footer ({lang:?})");
    pdf.hline(MARGIN, A4_WIDTH - MARGIN, FOOTER_LINE, 0.5, 0.6);
    pdf.text(
        MARGIN,
        283.0,
        8.5,
        Face::Regular,
        &crate::msg!("notice.recovery_sheet.footer", version = env!("CARGO_PKG_VERSION")).render(lang),
    );
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_is_a_pdf_that_holds_the_key() {
        let key = DbKey::generate().unwrap();
        for lang in [Lang::Sv, Lang::En] {
            let bytes = render_in(&key, Some("Kvinno- och tjejjouren Borås"), Utc::now(), lang);
            assert!(bytes.starts_with(b"%PDF-"));
            // Fonts are subset: the whole sheet stays small.
            assert!(bytes.len() < 120_000, "{} bytes", bytes.len());
            if let Ok(dir) = std::env::var("FRISTAD_KEEP_RECOVERY_SHEET") {
                std::fs::write(format!("{dir}/recovery-sheet-{lang:?}.pdf"), &bytes).unwrap();
            }
        }
    }
}
