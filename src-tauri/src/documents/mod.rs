//! Documents the program prints: PDFs made with printpdf, with a font shipped inside the
//! program (DejaVu, under its licence in `assets/fonts/`), embedded and subset, so that å, ä and
//! ö print and copy correctly everywhere.
//!
//! This module renders and signs; it decides and stores nothing. Of billing it knows only the
//! invoice it is given (`crate::billing::invoice`). Which documents are due, and making and
//! storing an issued invoice's documents, are billing's (`due_documents`, `issued_documents`),
//! which call the renderers here. A test (`tests.rs`) keeps it so.

pub mod invoice_pdf;
pub mod letter;
pub mod pdf;
pub mod peppol;
pub mod recovery_sheet;
pub mod reminder_pdf;
pub mod signing;

#[cfg(test)]
mod tests;
