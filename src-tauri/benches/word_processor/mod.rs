//! The baseline for invoice documents: how a shelter's office makes an invoice today, a
//! word-processor template filled in and converted to PDF with
//! `libreoffice --headless --convert-to pdf`. The template is a flat OpenDocument text (.fodt)
//! holding what our PDF holds for the same invoice: letterhead, the facts, the buyer's address,
//! the lines table, the totals, the VAT exemption, the payment box and the footer.

use fristad::billing::invoice::{Invoice, Kind};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn p(out: &mut String, style: &str, text: &str) {
    let _ = write!(out, r#"<text:p text:style-name="{style}">{}</text:p>"#, esc(text));
}

fn row(out: &mut String, style: &str, cells: &[&str]) {
    out.push_str("<table:table-row>");
    for (i, c) in cells.iter().enumerate() {
        let para = if i >= 2 { "Num" } else { style };
        let _ = write!(
            out,
            r#"<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="{para}">{}</text:p></table:table-cell>"#,
            esc(c)
        );
    }
    out.push_str("</table:table-row>");
}

/// The filled-in template for `inv`, as the text of a .fodt file.
pub fn template(inv: &Invoice) -> String {
    let credit = inv.kind == Kind::CreditNote;
    let number = inv.number.clone().unwrap_or_default();
    let mut body = String::new();
    p(&mut body, "Seller", &inv.seller.name);
    for line in inv.seller.address.split(',') {
        p(&mut body, "Standard", line.trim());
    }
    p(&mut body, "Heading", if credit { "KREDITFAKTURA" } else { "FAKTURA" });
    p(
        &mut body,
        "Standard",
        &format!(
            "{} {number}    Fakturadatum {}",
            if credit { "Kreditfakturanummer" } else { "Fakturanummer" },
            inv.issued
        ),
    );
    if credit {
        p(
            &mut body,
            "Standard",
            &format!("Krediterar faktura {}", inv.credits.as_deref().unwrap_or("")),
        );
    } else {
        p(
            &mut body,
            "Standard",
            &format!("Förfallodatum {}    OCR-nummer {}", inv.due, inv.ocr),
        );
    }
    p(&mut body, "Standard", &format!("Er referens {}", inv.buyer_reference));
    if !inv.placement_reference.is_empty() {
        p(
            &mut body,
            "Standard",
            &format!("Ert ärende (placeringens referens) {}", inv.placement_reference),
        );
    }
    p(&mut body, "Small", "Faktureras till");
    p(&mut body, "Bold", &inv.buyer.name);
    for line in inv.buyer.address.split(',') {
        p(&mut body, "Standard", line.trim());
    }
    p(&mut body, "Standard", &format!("Org.nr {}", inv.buyer.org_number));
    p(
        &mut body,
        "Standard",
        &match &inv.placement {
            Some(pl) => format!(
                "Skyddat boende, placering {pl}. Period {} – {}.",
                inv.period_from, inv.period_to
            ),
            None => format!("Period {} – {}.", inv.period_from, inv.period_to),
        },
    );
    body.push_str(
        r#"<table:table table:name="Rader" table:style-name="Lines"><table:table-column table:style-name="Wide"/><table:table-column table:number-columns-repeated="4" table:style-name="Narrow"/>"#,
    );
    row(
        &mut body,
        "Bold",
        &["Beskrivning", "Period (nätterna)", "Antal", "À-pris", "Belopp"],
    );
    for line in &inv.lines {
        let period = if line.from == line.to {
            line.from.to_string()
        } else {
            format!("{} – {}", line.from, line.to)
        };
        let count = if line.nights > 0 {
            format!("{} nätter", line.nights)
        } else {
            "1 st".into()
        };
        row(
            &mut body,
            "Standard",
            &[
                &line.description,
                &period,
                &count,
                &line.unit_price.to_swedish(),
                &line.amount.to_swedish(),
            ],
        );
    }
    body.push_str("</table:table>");
    p(
        &mut body,
        "Right",
        &format!("Summa exkl. moms {}", inv.lines_total.to_swedish()),
    );
    p(&mut body, "Right", "Moms (0 %) 0,00 kr");
    if inv.rounding != fristad::money::Money::ZERO {
        p(
            &mut body,
            "Right",
            &format!("Öresavrundning {}", inv.rounding.to_swedish()),
        );
    }
    p(
        &mut body,
        "RightBold",
        &format!(
            "{} {}",
            if credit { "Att tillgodoräkna" } else { "Att betala" },
            inv.total.to_swedish()
        ),
    );
    p(&mut body, "Standard", &format!("Moms: {}", inv.vat_exemption));
    if !credit {
        p(
            &mut body,
            "Box",
            &format!(
                "Bankgiro {}    OCR-nummer {}    Förfallodatum {}    Att betala {}",
                inv.seller.bankgiro,
                inv.ocr,
                inv.due,
                inv.total.to_swedish()
            ),
        );
        p(&mut body, "Small", "Ange OCR-numret vid betalning.");
    }
    let mut footer = String::new();
    p(
        &mut footer,
        "Small",
        &format!(
            "{} · {} · Organisationsnummer {} · Bankgiro {}{}",
            inv.seller.name,
            inv.seller.address,
            inv.seller.org_number,
            inv.seller.bankgiro,
            if inv.seller.f_skatt {
                " · Godkänd för F-skatt"
            } else {
                ""
            }
        ),
    );
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="DejaVu Sans" fo:font-size="10pt"/></style:style>
<style:style style:name="Small" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="8pt"/></style:style>
<style:style style:name="Bold" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Seller" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end" fo:margin-top="4mm"/><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Right" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="RightBold" style:family="paragraph" style:parent-style-name="Right"><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Num" style:family="paragraph" style:parent-style-name="Right"><style:text-properties fo:font-size="9.5pt"/></style:style>
<style:style style:name="Box" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:background-color="#f5f5f5" fo:border="0.5pt solid #808080" fo:padding="3mm" fo:margin-top="4mm"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-left="20mm" fo:margin-right="20mm" fo:margin-top="12mm" fo:margin-bottom="12mm"/></style:page-layout>
<style:style style:name="Lines" style:family="table"><style:table-properties style:width="170mm" fo:margin-top="4mm"/></style:style>
<style:style style:name="Wide" style:family="table-column"><style:table-column-properties style:column-width="60mm"/></style:style>
<style:style style:name="Narrow" style:family="table-column"><style:table-column-properties style:column-width="27.5mm"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border-bottom="0.3pt solid #cccccc" fo:padding="1mm"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"><style:footer>{footer}</style:footer></style:master-page></office:master-styles>
<office:body><office:text>{body}</office:text></office:body>
</office:document>
"##
    )
}

/// LibreOffice's program, if installed (`scripts/install-deps.sh bench` installs it).
pub fn libreoffice() -> Option<PathBuf> {
    ["libreoffice", "soffice"].iter().find_map(|name| {
        std::env::var_os("PATH")?
            .to_str()?
            .split(':')
            .map(|dir| Path::new(dir).join(name))
            .find(|p| p.is_file())
    })
}

/// One conversion as an office makes it: a new LibreOffice process turns the filled template into
/// a PDF. `profile` is LibreOffice's user folder, kept between conversions as on an office PC.
pub fn convert(program: &Path, fodt: &Path, out_dir: &Path, profile: &Path) {
    let status = Command::new(program)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .arg(fodt)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("LibreOffice starts");
    assert!(status.success(), "LibreOffice could not convert the template");
}
