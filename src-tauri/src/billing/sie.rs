//! The accounting export: issued invoices, credit notes and payments of a period as an SIE 4
//! file (typ 4, transactions) for the accountant's program. Each invoice is a verification:
//! receivable against revenue (and rounding); a credit note the reverse; each payment bank against
//! receivable. Every verification balances to the öre. Accounts are a setting (BAS by default).
//!
//! SIE files are written in IBM code page 437 ("PC8"), as the format prescribes.

use super::invoice::Kind;
use super::register;
use crate::clock;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::organisation;
use crate::settings::{self, Accounts};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

/// Characters outside ASCII that Swedish text needs, in code page 437.
const CP437: &[(char, u8)] = &[
    ('Ç', 0x80),
    ('ü', 0x81),
    ('é', 0x82),
    ('â', 0x83),
    ('ä', 0x84),
    ('à', 0x85),
    ('å', 0x86),
    ('ç', 0x87),
    ('ê', 0x88),
    ('ë', 0x89),
    ('è', 0x8A),
    ('ï', 0x8B),
    ('î', 0x8C),
    ('ì', 0x8D),
    ('Ä', 0x8E),
    ('Å', 0x8F),
    ('É', 0x90),
    ('æ', 0x91),
    ('Æ', 0x92),
    ('ô', 0x93),
    ('ö', 0x94),
    ('ò', 0x95),
    ('û', 0x96),
    ('ù', 0x97),
    ('ÿ', 0x98),
    ('Ö', 0x99),
    ('Ü', 0x9A),
    ('á', 0xA0),
    ('í', 0xA1),
    ('ó', 0xA2),
    ('ú', 0xA3),
    ('ñ', 0xA4),
    ('Ñ', 0xA5),
    ('§', 0x15),
];

/// Text in code page 437; a character it lacks becomes `?`.
pub fn to_cp437(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else {
                CP437.iter().find(|(u, _)| *u == c).map(|(_, b)| *b).unwrap_or(b'?')
            }
        })
        .collect()
}

/// Text from code page 437 (for reading SIE files back).
pub fn from_cp437(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| {
            if b.is_ascii() {
                *b as char
            } else {
                CP437.iter().find(|(_, c)| c == b).map(|(u, _)| *u).unwrap_or('?')
            }
        })
        .collect()
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn amount(m: Money) -> String {
    m.to_decimal()
}

fn neg(m: Money) -> Money {
    Money::from_ore(-m.ore())
}

/// The SIE 4 file for invoices, credit notes and payments dated from `from` to `to`.
pub fn export(conn: &Connection, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<Vec<u8>> {
    if to < from {
        return Err(Error::invalid("to", crate::msg!("error.billing.period_reversed")));
    }
    let org = organisation::load(conn)?.ok_or_else(|| {
        Error::new(
            crate::Code::NotReady,
            crate::msg!("error.billing.organisation_details_missing"),
        )
    })?;
    let s = settings::load(conn)?;
    let Accounts {
        receivables,
        bank,
        placement_revenue,
        service_fee_revenue,
        rounding,
    } = &s.accounts;
    let today = clock::swedish_date(now);
    let mut lines: Vec<String> = vec![
        "#FLAGGA 0".into(),
        format!("#PROGRAM \"Fristad\" {}", env!("CARGO_PKG_VERSION")),
        "#FORMAT PC8".into(),
        format!("#GEN {}", today.format("%Y%m%d")),
        "#SIETYP 4".into(),
        format!("#ORGNR {}", org.org_number.as_str()),
        format!("#FNAMN {}", quoted(&org.name)),
        format!("#RAR 0 {}0101 {}1231", from.format("%Y"), from.format("%Y")),
        "#VALUTA SEK".into(),
        format!("#KONTO {receivables} \"Kundfordringar\""),
        format!("#KONTO {bank} \"Bank\""),
        format!("#KONTO {placement_revenue} \"Försäljning, momsfri (skyddat boende)\""),
    ];
    if service_fee_revenue != placement_revenue {
        lines.push(format!("#KONTO {service_fee_revenue} \"Serviceavgift IOP\""));
    }
    lines.push(format!("#KONTO {rounding} \"Öresavrundning\""));

    let mut number = 0;
    for inv in &register::issued_between(conn, from, to)? {
        number += 1;
        let revenue = if inv.kind == Kind::ServiceFee {
            service_fee_revenue
        } else {
            placement_revenue
        };
        // An invoice books the receivable; a credit note takes it back.
        let sign = |m: Money| if inv.kind == Kind::CreditNote { neg(m) } else { m };
        let what = if inv.kind == Kind::CreditNote {
            "Kreditfaktura"
        } else {
            "Faktura"
        };
        lines.push(format!(
            "#VER \"F\" {number} {} {}",
            inv.issued.format("%Y%m%d"),
            quoted(&format!(
                "{what} {} {}",
                inv.number.as_deref().unwrap_or(""),
                inv.buyer.name
            ))
        ));
        lines.push("{".into());
        lines.push(format!("   #TRANS {receivables} {{}} {}", amount(sign(inv.total))));
        lines.push(format!(
            "   #TRANS {revenue} {{}} {}",
            amount(neg(sign(inv.lines_total)))
        ));
        if inv.rounding != Money::ZERO {
            lines.push(format!("   #TRANS {rounding} {{}} {}", amount(neg(sign(inv.rounding)))));
        }
        lines.push("}".into());
    }
    let payments = register::payments_between(conn, from, to)?;
    let paid_in = payments.len();
    for (i, (on, invoice, paid)) in payments.into_iter().enumerate() {
        lines.push(format!(
            "#VER \"B\" {} {} {}",
            i + 1,
            on.format("%Y%m%d"),
            quoted(&format!("Inbetalning faktura {invoice}"))
        ));
        lines.push("{".into());
        lines.push(format!("   #TRANS {bank} {{}} {}", amount(paid)));
        lines.push(format!("   #TRANS {receivables} {{}} {}", amount(neg(paid))));
        lines.push("}".into());
    }
    // A refund of a credit balance pays money back: the bank goes down, the receivable (which
    // stood at less than nothing) comes back to even. Taking a balance off a later invoice moves
    // it between two receivables of the same account, so it books nothing.
    for (i, (on, invoice, refunded)) in super::credit_balance::refunds_between(conn, from, to)?
        .into_iter()
        .enumerate()
    {
        lines.push(format!(
            "#VER \"B\" {} {} {}",
            paid_in + i + 1,
            on.format("%Y%m%d"),
            quoted(&format!("Återbetalning tillgodo faktura {invoice}"))
        ));
        lines.push("{".into());
        lines.push(format!("   #TRANS {receivables} {{}} {}", amount(refunded)));
        lines.push(format!("   #TRANS {bank} {{}} {}", amount(neg(refunded))));
        lines.push("}".into());
    }
    let text = lines.join("\r\n") + "\r\n";
    Ok(to_cp437(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_survive_code_page_437() {
        let text = "Öresavrundning för Borås, Åsa och Ärla";
        assert_eq!(from_cp437(&to_cp437(text)), text);
        assert_eq!(to_cp437("å"), vec![0x86]);
        assert_eq!(quoted("a \"b\""), "\"a \\\"b\\\"\"");
    }
}
