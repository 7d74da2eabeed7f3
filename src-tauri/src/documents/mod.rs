//! Documents the program prints: PDFs made with printpdf, with a font shipped inside the
//! program (DejaVu, under its licence in `assets/fonts/`), embedded and subset, so that å, ä and
//! ö print and copy correctly everywhere.

pub mod due;
pub mod invoice_pdf;
pub mod issued;
pub mod letter;
pub mod pdf;
pub mod peppol;
pub mod recovery_sheet;
pub mod reminder_pdf;
pub mod signing;
