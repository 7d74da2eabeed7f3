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
/// `NNN NN Town` (or `NNNNN Town`).
pub fn parse(text: &str) -> PostalAddress {
    let text = text.trim();
    if let Some((street, rest)) = text.rsplit_once(',') {
        let rest = rest.trim();
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == ' ').collect();
        let zone: String = digits.chars().filter(char::is_ascii_digit).collect();
        if zone.len() == 5 {
            let city = rest[digits.len()..].trim().to_owned();
            return PostalAddress {
                street: street.trim().to_owned(),
                postal_zone: format!("{} {}", &zone[..3], &zone[3..]),
                city,
            };
        }
    }
    PostalAddress {
        street: text.to_owned(),
        postal_zone: String::new(),
        city: String::new(),
    }
}

impl PostalAddress {
    /// Whether the address has a postal code and a town, as an invoice needs.
    pub fn is_complete(&self) -> bool {
        !self.street.is_empty() && !self.postal_zone.is_empty() && !self.city.is_empty()
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
    }
}
