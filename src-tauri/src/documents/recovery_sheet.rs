//! The recovery key sheet: one A4 page to print at setup and keep locked away. It holds the
//! database key, so it says plainly what the key opens and how to use it; it names no person.

use super::pdf::{A4_WIDTH, Face, Pdf};
use crate::clock;
use crate::keys::DbKey;
use chrono::{DateTime, Utc};

const MARGIN: f32 = 22.0;

/// The sheet as PDF bytes. `organisation` is the shelter's name, if it is known yet.
pub fn render(key: &DbKey, organisation: Option<&str>, now: DateTime<Utc>) -> Vec<u8> {
    let width = A4_WIDTH - 2.0 * MARGIN;
    let mut pdf = Pdf::new("Fristad – återställningsnyckel", now);
    let mut y = 32.0;
    pdf.text(MARGIN, y, 22.0, Face::Bold, "Återställningsnyckel");
    y += 9.0;
    pdf.text(MARGIN, y, 12.0, Face::Regular, "för Fristads krypterade databas");
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
        &format!("Skapad {}", clock::to_local_text(now)),
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

    let sections: [(&str, &str); 4] = [
        (
            "Vad nyckeln gör",
            "Allt som Fristad sparar är krypterat. Med den här nyckeln går databasen att öppna även om datorns \
             nyckelring eller lösenfrasen går förlorad, om datorn byts ut, eller när en säkerhetskopia läses in på \
             en annan dator. Den som har både nyckeln och databasfilen kan läsa allt som står i den.",
        ),
        (
            "Förvara arket säkert",
            "Skriv ut arket och lås in det, till exempel i ett kassaskåp, skilt från datorn och från \
             säkerhetskopiorna. Spara det inte som fil på datorn, i e-post eller i molnet. Två utskrifter på två \
             låsta platser är bra.",
        ),
        (
            "Så används nyckeln i Fristad",
            "Om Fristad ber om återställningsnyckeln: skriv in de 64 tecknen ovan. Mellanslag och stora eller \
             små bokstäver spelar ingen roll. Programmet sparar sedan nyckeln igen på det sätt du väljer.",
        ),
        (
            "Så öppnas databasen utan Fristad",
            "Databasen är en vanlig SQLCipher 4-databas (filen fristad.db) med standardinställningar. I ett \
             SQLCipher 4-verktyg öppnas den med: PRAGMA key = \"x'NYCKELN'\"; där NYCKELN är de 64 tecknen ovan \
             utan mellanslag. Uppgifterna är alltså aldrig inlåsta i Fristad.",
        ),
    ];
    for (heading, body) in sections {
        pdf.text(MARGIN, y, 12.0, Face::Bold, heading);
        y = pdf.paragraph(MARGIN, y + 6.5, width, 10.5, Face::Regular, body) + 4.0;
    }
    pdf.hline(MARGIN, A4_WIDTH - MARGIN, 277.0, 0.5, 0.6);
    pdf.text(
        MARGIN,
        283.0,
        8.5,
        Face::Regular,
        &format!(
            "Fristad {} · Hemlig handling: förvaras inlåst",
            env!("CARGO_PKG_VERSION")
        ),
    );
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_is_a_pdf_that_holds_the_key() {
        let key = DbKey::generate().unwrap();
        let bytes = render(&key, Some("Kvinno- och tjejjouren Borås"), Utc::now());
        assert!(bytes.starts_with(b"%PDF-"));
        // Fonts are subset: the whole sheet stays small.
        assert!(bytes.len() < 120_000, "{} bytes", bytes.len());
    }
}
