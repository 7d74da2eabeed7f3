//! The Luhn (mod 10) check digit, as used by Swedish organisation and identity numbers,
//! bankgiro numbers and OCR references.

/// The check digit that makes `digits` followed by it pass the Luhn test.
/// `digits` must be ASCII digits only.
pub fn check_digit(digits: &str) -> u8 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            // The digit next to the (future) check digit is doubled, then every second one.
            if i % 2 == 0 {
                let dd = d * 2;
                if dd > 9 { dd - 9 } else { dd }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Whether a string of ASCII digits ends in its correct Luhn check digit.
pub fn is_valid(digits: &str) -> bool {
    if digits.len() < 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (body, last) = digits.split_at(digits.len() - 1);
    check_digit(body) == last.as_bytes()[0] - b'0'
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers() {
        // Borås Stad and Kvinno- och tjejjouren Borås, from the IOP agreement.
        assert!(is_valid("2120001561"));
        assert!(is_valid("8645015200"));
        // Bankgirot's own OCR example: 123 gets check digit 0.
        assert_eq!(check_digit("123"), 0);
        assert!(!is_valid("2120001562"));
        assert!(!is_valid("1"));
        assert!(!is_valid("12a4"));
    }

    proptest! {
        #[test]
        fn appending_the_check_digit_always_validates(body in "[0-9]{1,20}") {
            let full = format!("{body}{}", check_digit(&body));
            prop_assert!(is_valid(&full));
        }

        #[test]
        fn changing_one_digit_is_always_caught(body in "[0-9]{2,20}", pos in 0usize..20, delta in 1u8..10) {
            let full = format!("{body}{}", check_digit(&body));
            let pos = pos % full.len();
            let mut bytes = full.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            prop_assert!(!is_valid(std::str::from_utf8(&bytes).unwrap()));
        }
    }
}
