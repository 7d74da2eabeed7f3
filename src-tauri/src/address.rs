//! Swedish postal addresses as typed in one line ("Box 979, 501 10 Borås"), split into the parts
//! e-invoices want: street, postal code and town.

/// An address in parts. `postal_zone` and `city` are empty when the text has no postal code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    pub street: String,
    pub postal_zone: String,
    pub city: String,
}

/// Splits at the last comma: before it the street (and any c/o or department), after it
/// `NNN NN Town` (or `NNNNN Town`). A large recipient's address is only its own postal code and
/// town ("501 80 Borås"), with no street at all.
pub fn parse(text: &str) -> PostalAddress {
    let text = text.trim();
    let (street, rest) = match text.rsplit_once(',') {
        Some((street, rest)) => (street.trim(), rest.trim()),
        None => ("", text),
    };
    if let Some((postal_zone, city)) = postcode_and_town(rest) {
        return PostalAddress {
            street: street.to_owned(),
            postal_zone,
            city,
        };
    }
    PostalAddress {
        street: text.to_owned(),
        postal_zone: String::new(),
        city: String::new(),
    }
}

/// `501 80 Borås` or `50180 Borås`: the postal code (as `501 80`) and the town.
fn postcode_and_town(text: &str) -> Option<(String, String)> {
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit() || *c == ' ').collect();
    let zone: String = digits.chars().filter(char::is_ascii_digit).collect();
    let city = text[digits.len()..].trim();
    (zone.len() == 5 && !city.is_empty()).then(|| (format!("{} {}", &zone[..3], &zone[3..]), city.to_owned()))
}

impl PostalAddress {
    /// Whether the address has a postal code and a town, as an invoice needs (a street or box is
    /// not needed: a large recipient's postal code is its own).
    pub fn is_complete(&self) -> bool {
        !self.postal_zone.is_empty() && !self.city.is_empty()
    }

    /// The address as lines for a letter: street parts, then `postal code  TOWN`.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .street
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if !self.postal_zone.is_empty() {
            lines.push(format!("{}  {}", self.postal_zone, self.city));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_addresses_split_into_parts() {
        let a = parse("Box 979, 501 10 Borås");
        assert_eq!(
            (a.street.as_str(), a.postal_zone.as_str(), a.city.as_str()),
            ("Box 979", "501 10", "Borås")
        );
        let b = parse("Arbetslivsförvaltningen, Österlånggatan 72, 503 37 Borås");
        assert_eq!(b.street, "Arbetslivsförvaltningen, Österlånggatan 72");
        assert_eq!(
            b.lines(),
            ["Arbetslivsförvaltningen", "Österlånggatan 72", "503 37  Borås"]
        );
        let c = parse("Storgatan 1, 12345 Exempelstad");
        assert_eq!(c.postal_zone, "123 45");
        assert!(!parse("…").is_complete());
        assert!(!parse("Storgatan 1, Exempelstad").is_complete());
        assert!(!parse("Storgatan 1, 123 45").is_complete());
    }

    #[test]
    fn a_large_recipients_postal_code_and_town_are_a_whole_address() {
        for text in ["501 80 Borås", "523 86 Ulricehamn", " 50180  Borås "] {
            let a = parse(text);
            assert!(a.is_complete(), "{text}");
            assert_eq!(a.street, "");
            assert_eq!(a.lines(), [format!("{}  {}", a.postal_zone, a.city)]);
        }
        assert_eq!(parse("523 86 Ulricehamn").city, "Ulricehamn");
    }
}
