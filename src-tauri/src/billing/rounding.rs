//! Öresavrundning that never drifts. Invoice totals are rounded to whole kronor (a setting), with
//! the rounding shown as its own amount. Rounding each document alone lets the roundings add up:
//! a placement's nights worth 6 602,00 kr, invoiced as 3 301,50 kr and corrected later, were asked
//! for as 6 603 kr. So the rounding is carried forward per placement and buyer: every document's
//! total is chosen so that what the buyer has been asked for over the placement's life (invoices
//! less credit notes) is the exact value of the nights still invoiced to it, rounded once (half
//! up). It never differs from that value by more than 50 öre, however many corrections there are.
//!
//! A credit note that takes back all that remains of an invoice takes back exactly what is left
//! of its total, so that the invoice's account comes to nothing (what an accountant expects, and
//! what clears the receivable); the placement's next invoice carries the rounding on. That is
//! done only while the difference stays under a krona: in the rare history where mirroring an
//! older invoice would leave it at a krona or more, the credit note is carried like any other
//! document. So what is asked never differs from the exact value by a krona or more, and by at
//! most 50 öre whenever the buyer's last document for the placement is an invoice or a partial
//! credit note.
//!
//! Documents without a placement (the service fee's instalments, already whole kronor) are
//! rounded alone.

use super::draft::Draft;
use super::invoice::{Kind, rounding_to_krona};
use crate::error::{Error, Result};
use crate::money::Money;
use rusqlite::Connection;
use std::collections::HashMap;

/// What a placement's buyer has been asked for so far: the exact value and the rounded totals,
/// invoices counted up and credit notes down.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Account {
    pub exact: i64,
    pub asked: i64,
}

impl Account {
    /// The account after a document worth `exact` öre (signed: a credit note is negative), and
    /// that document's signed total.
    fn after(self, exact: i64) -> Option<(Account, i64)> {
        let value = self.exact.checked_add(exact)?;
        let asked = value.checked_add(rounding_to_krona(Money::from_ore(value)).ore())?;
        Some((Account { exact: value, asked }, asked.checked_sub(self.asked)?))
    }
}

fn signed(kind: Kind, amount: i64) -> i64 {
    if kind == Kind::CreditNote { -amount } else { amount }
}

/// The account of a placement and buyer in the register.
fn account(conn: &Connection, placement_id: i64, municipality_id: i64) -> Result<Account> {
    let (exact, asked): (i64, i64) = conn.query_row(
        "SELECT COALESCE(sum(CASE kind WHEN 'credit_note' THEN -lines_total_ore ELSE lines_total_ore END), 0),
                COALESCE(sum(CASE kind WHEN 'credit_note' THEN -total_ore ELSE total_ore END), 0)
         FROM invoices WHERE placement_id = ?1 AND municipality_id = ?2",
        [placement_id, municipality_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Account { exact, asked })
}

/// When a credit note of `lines_total` takes back all that remains of invoice `invoice_id`: what
/// is left of that invoice's total.
fn whole_credit(conn: &Connection, invoice_id: i64, lines_total: Money) -> Result<Option<Money>> {
    let (lines_left, total_left): (i64, i64) = conn.query_row(
        "SELECT i.lines_total_ore - COALESCE(sum(c.lines_total_ore), 0), i.total_ore - COALESCE(sum(c.total_ore), 0)
         FROM invoices i LEFT JOIN invoices c ON c.credits_invoice_id = i.id WHERE i.id = ?1",
        [invoice_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((lines_left == lines_total.ore()).then_some(Money::from_ore(total_left)))
}

/// Sets the rounding and total of every placement document among `drafts` (in issuing order),
/// carrying the rounding forward from what is in the register and from the drafts before it.
/// Nothing to do when totals are not rounded.
pub(crate) fn carry(conn: &Connection, drafts: &mut [Draft], round_totals: bool) -> Result<()> {
    if !round_totals {
        return Ok(());
    }
    let mut accounts: HashMap<(i64, i64), Account> = HashMap::new();
    for d in drafts.iter_mut() {
        let Some(placement_id) = d.placement_id else { continue };
        let key = (placement_id, d.municipality_id);
        let before = match accounts.get(&key) {
            Some(a) => *a,
            None => account(conn, placement_id, d.municipality_id)?,
        };
        let whole = match d.credits_invoice_id {
            Some(id) => whole_credit(conn, id, d.invoice.lines_total)?,
            None => None,
        };
        let inv = &mut d.invoice;
        let too_large = || Error::invalid("amount", crate::msg!("error.billing.amount_too_large"));
        let mirrored = match whole {
            Some(left) => {
                let exact = before.exact.checked_sub(inv.lines_total.ore()).ok_or_else(too_large)?;
                let asked = before.asked.checked_sub(left.ore()).ok_or_else(too_large)?;
                ((asked - exact).abs() < 100).then_some((Account { exact, asked }, -left.ore()))
            }
            None => None,
        };
        let (after, total) = match mirrored {
            Some(m) => m,
            None => before
                .after(signed(inv.kind, inv.lines_total.ore()))
                .ok_or_else(too_large)?,
        };
        let total = signed(inv.kind, total);
        inv.total = Money::from_ore(total);
        inv.rounding = Money::from_ore(total - inv.lines_total.ore());
        accounts.insert(key, after);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_correction_does_not_round_up_twice() {
        // Nights worth 3 301,50 kr: asked 3 302 kr (rounding +0,50). Then the same again on a
        // second invoice: the account's exact value is 6 603,00, asked 6 603 − 3 302 = 3 301 kr
        // (rounding −0,50). Then one night of 3 301,50 is credited: 3 301,50 left, asked
        // round(3 301,50) = 3 302 kr in all, so the credit note is 3 301 kr.
        let start = Account::default();
        let (a, first) = start.after(330_150).unwrap();
        assert_eq!(first, 330_200);
        let (a, second) = a.after(330_150).unwrap();
        assert_eq!(second, 330_100);
        let (a, credit) = a.after(-330_150).unwrap();
        assert_eq!(credit, -330_100);
        assert_eq!(
            a,
            Account {
                exact: 330_150,
                asked: 330_200
            }
        );
    }

    proptest! {
        #[test]
        fn what_is_asked_never_strays_from_the_exact_value_by_more_than_half_a_krona(
            docs in prop::collection::vec((1i64..10_000_000, any::<bool>()), 1..60)
        ) {
            let mut a = Account::default();
            for (amount, credit) in docs {
                // A credit note never credits more than is invoiced.
                let exact = if credit { -amount.min(a.exact) } else { amount };
                let (next, total) = a.after(exact).unwrap();
                prop_assert_eq!(next.asked - a.asked, total);
                prop_assert!((total - exact).abs() < 100, "each document's rounding is under a krona");
                prop_assert!((next.asked - next.exact).abs() <= 50);
                prop_assert_eq!(next.asked % 100, 0);
                a = next;
            }
        }
    }
}
