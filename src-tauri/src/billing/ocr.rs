//! OCR references for bankgiro payments: the invoice's digits, a length digit and a Luhn check
//! digit, following Bankgirot's rule for variable-length references.

use crate::luhn;

/// The OCR reference for `reference` (its digits are used): length digit and check digit added.
/// The length digit is the whole reference's length, check digit included, modulo 10.
pub fn with_length_and_check(reference: &str) -> String {
    let digits: String = reference.chars().filter(|c| c.is_ascii_digit()).collect();
    let length = (digits.len() + 2) % 10;
    let body = format!("{digits}{length}");
    format!("{body}{}", luhn::check_digit(&body))
}

/// The reference with only a Luhn check digit (Bankgirot's fixed-length form).
pub fn with_check(reference: &str) -> String {
    format!("{reference}{}", luhn::check_digit(reference))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bankgirots_examples() {
        assert_eq!(with_check("123"), "1230");
        assert_eq!(with_length_and_check("1234567890"), "123456789023");
    }

    #[test]
    fn an_invoice_numbers_reference_validates() {
        let ocr = with_length_and_check("2026-0001");
        assert_eq!(ocr.len(), 10);
        assert!(ocr.starts_with("202600010"), "{ocr}");
        assert!(luhn::is_valid(&ocr));
    }
}
