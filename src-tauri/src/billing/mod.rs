//! Billing: which person-nights are billable, at which price, on which invoice; the yearly
//! service fee's instalments; credit notes; payments.
//!
//! Promises:
//! - money is whole öre throughout; a line's amount is nights × unit price; an invoice's total is
//!   the sum of its lines plus the rounding to whole kronor (a setting), shown on its own;
//! - every billable person-night is invoiced exactly once, ever: a night's invoicing is a row
//!   that the database allows only once at a time (`invoiced_nights`), and running the same
//!   invoicing again creates nothing;
//! - issued invoices are never changed or deleted; a change to an invoiced stay makes the next run
//!   credit what no longer matches the records and invoice what does;
//! - numbers come from one gap-free series per year, taken in the transaction that issues.
//!
//! `nights` counts, `engine` decides what to credit and invoice (pure), `run` prepares a run's
//! `draft`s and `issue` writes them, `service_fee` plans the instalments, `register` reads
//! invoices back, `payments` records them. `due_documents` is the queue of invoices whose signed
//! PDF and e-invoice are still to be made, and `issued_documents` makes them with the renderers
//! and the signing of `crate::documents`, which knows nothing of billing but the invoice it is
//! given (`billing::invoice`).

pub mod account;
pub mod change_effect;
pub mod credit;
pub mod credit_balance;
pub mod draft;
pub mod due_documents;
pub mod engine;
pub mod held_back;
pub mod invoice;
pub mod issue;
pub mod issued_documents;
pub mod nights;
pub mod ocr;
pub mod payments;
pub mod register;
pub mod reminder;
pub mod requirements;
pub mod rounding;
pub mod run;
pub mod service_fee;
pub mod sie;

#[cfg(test)]
mod tests;
