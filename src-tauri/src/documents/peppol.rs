//! Peppol BIS Billing 3.0 e-invoices (UBL 2.1) for invoices and credit notes, as Swedish
//! municipalities receive them: VAT category E (exempt, reason VATEX-EU-132-1G: social care),
//! the seller's tax registration "Godkänd för F-skatt", the buyer's reference, bankgiro as payment
//! means 30 with the OCR reference as payment id, and the buyer's Peppol id.

use crate::address;
use crate::billing::invoice::{Invoice, Kind};
use crate::error::{Error, Result};
use crate::money::Money;

const CUSTOMIZATION: &str = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
const PROFILE: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
/// Exempt: "social welfare services" (VAT directive article 132(1)(g)).
const EXEMPTION_CODE: &str = "VATEX-EU-132-1G";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A small writer for indented XML with escaped text and attributes.
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn open(&mut self, name: &str) {
        self.out.push_str(&format!("{}<{name}>\n", "  ".repeat(self.depth)));
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.out.push_str(&format!("{}</{name}>\n", "  ".repeat(self.depth)));
    }

    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        let attrs: String = attrs.iter().map(|(k, v)| format!(" {k}=\"{}\"", escape(v))).collect();
        self.out.push_str(&format!(
            "{}<{name}{attrs}>{}</{name}>\n",
            "  ".repeat(self.depth),
            escape(text)
        ));
    }

    fn amount(&mut self, name: &str, m: Money) {
        self.leaf(name, &[("currencyID", "SEK")], &m.to_decimal());
    }
}

fn tax_category(x: &mut Xml, element: &str, with_reason: Option<&str>) {
    x.open(element);
    x.leaf("cbc:ID", &[], "E");
    x.leaf("cbc:Percent", &[], "0");
    if let Some(reason) = with_reason {
        x.leaf("cbc:TaxExemptionReasonCode", &[], EXEMPTION_CODE);
        x.leaf("cbc:TaxExemptionReason", &[], reason);
    }
    x.open("cac:TaxScheme");
    x.leaf("cbc:ID", &[], "VAT");
    x.close("cac:TaxScheme");
    x.close(element);
}

fn postal_address(x: &mut Xml, text: &str) {
    let a = address::parse(text);
    x.open("cac:PostalAddress");
    if !a.street.is_empty() {
        x.leaf("cbc:StreetName", &[], &a.street);
    }
    if !a.city.is_empty() {
        x.leaf("cbc:CityName", &[], &a.city);
    }
    if !a.postal_zone.is_empty() {
        x.leaf("cbc:PostalZone", &[], &a.postal_zone.replace(' ', ""));
    }
    x.open("cac:Country");
    x.leaf("cbc:IdentificationCode", &[], "SE");
    x.close("cac:Country");
    x.close("cac:PostalAddress");
}

/// A trading party: its Peppol address, name, postal address, (for the seller) the F-skatt
/// registration, and its legal name and organisation number.
fn party(
    x: &mut Xml,
    element: &str,
    endpoint: (&str, &str),
    name: &str,
    address: &str,
    org_number: &str,
    f_skatt: bool,
) {
    x.open(element);
    x.open("cac:Party");
    x.leaf("cbc:EndpointID", &[("schemeID", endpoint.0)], endpoint.1);
    x.open("cac:PartyName");
    x.leaf("cbc:Name", &[], name);
    x.close("cac:PartyName");
    postal_address(x, address);
    if f_skatt {
        x.open("cac:PartyTaxScheme");
        x.leaf("cbc:CompanyID", &[], "Godkänd för F-skatt");
        x.open("cac:TaxScheme");
        x.leaf("cbc:ID", &[], "TAX");
        x.close("cac:TaxScheme");
        x.close("cac:PartyTaxScheme");
    }
    x.open("cac:PartyLegalEntity");
    x.leaf("cbc:RegistrationName", &[], name);
    x.leaf("cbc:CompanyID", &[("schemeID", "0007")], &org_number.replace('-', ""));
    x.close("cac:PartyLegalEntity");
    x.close("cac:Party");
    x.close(element);
}

/// The buyer's Peppol address split into scheme and identifier (`0007:2120001561`).
pub fn endpoint(peppol_id: &str) -> Option<(&str, &str)> {
    peppol_id
        .split_once(':')
        .filter(|(s, id)| !s.is_empty() && !id.is_empty())
}

/// The UBL XML of an issued invoice or credit note.
pub fn render(inv: &Invoice) -> Result<String> {
    let number = inv
        .number
        .as_deref()
        .ok_or_else(|| Error::invalid("number", crate::msg!("error.documents.not_issued")))?;
    let (scheme, id) = endpoint(&inv.buyer.peppol_id).ok_or_else(|| {
        Error::invalid(
            "peppol_id",
            crate::msg!("error.documents.peppol_missing", name = &inv.buyer.name),
        )
    })?;
    let credit = inv.kind == Kind::CreditNote;
    let root = if credit { "CreditNote" } else { "Invoice" };
    let namespace = if credit {
        "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
    } else {
        "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    };
    let mut x = Xml {
        out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        depth: 0,
    };
    x.out.push_str(&format!(
        "<{root} xmlns=\"{namespace}\" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n"
    ));
    x.depth = 1;
    x.leaf("cbc:CustomizationID", &[], CUSTOMIZATION);
    x.leaf("cbc:ProfileID", &[], PROFILE);
    x.leaf("cbc:ID", &[], number);
    x.leaf("cbc:IssueDate", &[], &inv.issued.to_string());
    if credit {
        x.leaf("cbc:CreditNoteTypeCode", &[], "381");
    } else {
        x.leaf("cbc:DueDate", &[], &inv.due.to_string());
        x.leaf("cbc:InvoiceTypeCode", &[], "380");
    }
    if !inv.placement_reference.is_empty() {
        x.leaf(
            "cbc:Note",
            &[],
            &format!("Skyddat boende. Ert ärende: {}", inv.placement_reference),
        );
    }
    x.leaf("cbc:DocumentCurrencyCode", &[], "SEK");
    x.leaf("cbc:BuyerReference", &[], &inv.buyer_reference);
    x.open("cac:InvoicePeriod");
    x.leaf("cbc:StartDate", &[], &inv.period_from.to_string());
    x.leaf("cbc:EndDate", &[], &inv.period_to.to_string());
    x.close("cac:InvoicePeriod");
    if let Some(original) = &inv.credits {
        x.open("cac:BillingReference");
        x.open("cac:InvoiceDocumentReference");
        x.leaf("cbc:ID", &[], original);
        x.close("cac:InvoiceDocumentReference");
        x.close("cac:BillingReference");
    }

    let seller = &inv.seller;
    let seller_digits = seller.org_number.replace('-', "");
    let seller_endpoint = ("0007", seller_digits.as_str());
    party(
        &mut x,
        "cac:AccountingSupplierParty",
        seller_endpoint,
        &seller.name,
        &seller.address,
        &seller.org_number,
        seller.f_skatt,
    );
    let buyer = &inv.buyer;
    party(
        &mut x,
        "cac:AccountingCustomerParty",
        (scheme, id),
        &buyer.name,
        &buyer.address,
        &buyer.org_number,
        false,
    );

    x.open("cac:PaymentMeans");
    x.leaf("cbc:PaymentMeansCode", &[("name", "Credit transfer")], "30");
    x.leaf("cbc:PaymentID", &[], &inv.ocr);
    x.open("cac:PayeeFinancialAccount");
    x.leaf("cbc:ID", &[], &seller.bankgiro.replace('-', ""));
    x.open("cac:FinancialInstitutionBranch");
    x.leaf("cbc:ID", &[], "SE:BANKGIRO");
    x.close("cac:FinancialInstitutionBranch");
    x.close("cac:PayeeFinancialAccount");
    x.close("cac:PaymentMeans");
    if !credit {
        x.open("cac:PaymentTerms");
        x.leaf(
            "cbc:Note",
            &[],
            &format!("Förfallodatum {}. Ange OCR-nummer {} vid betalning.", inv.due, inv.ocr),
        );
        x.close("cac:PaymentTerms");
    }

    x.open("cac:TaxTotal");
    x.amount("cbc:TaxAmount", Money::ZERO);
    x.open("cac:TaxSubtotal");
    x.amount("cbc:TaxableAmount", inv.lines_total);
    x.amount("cbc:TaxAmount", Money::ZERO);
    tax_category(&mut x, "cac:TaxCategory", Some(&inv.vat_exemption));
    x.close("cac:TaxSubtotal");
    x.close("cac:TaxTotal");

    x.open("cac:LegalMonetaryTotal");
    x.amount("cbc:LineExtensionAmount", inv.lines_total);
    x.amount("cbc:TaxExclusiveAmount", inv.lines_total);
    x.amount("cbc:TaxInclusiveAmount", inv.lines_total);
    let prepaid = Money::from_ore(inv.total.ore() - inv.to_pay().ore());
    if prepaid != Money::ZERO {
        // What earlier credit balances cover (BT-113).
        x.amount("cbc:PrepaidAmount", prepaid);
    }
    if inv.rounding != Money::ZERO {
        x.amount("cbc:PayableRoundingAmount", inv.rounding);
    }
    x.amount("cbc:PayableAmount", inv.to_pay());
    x.close("cac:LegalMonetaryTotal");

    let (line_element, quantity_element) = if credit {
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
    } else {
        ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    };
    for (i, line) in inv.lines.iter().enumerate() {
        x.open(line_element);
        x.leaf("cbc:ID", &[], &(i + 1).to_string());
        if line.nights > 0 {
            x.leaf(quantity_element, &[("unitCode", "DAY")], &line.nights.to_string());
        } else {
            x.leaf(quantity_element, &[("unitCode", "C62")], "1");
        }
        x.amount("cbc:LineExtensionAmount", line.amount);
        x.open("cac:InvoicePeriod");
        x.leaf("cbc:StartDate", &[], &line.from.to_string());
        x.leaf("cbc:EndDate", &[], &line.to.to_string());
        x.close("cac:InvoicePeriod");
        x.open("cac:Item");
        x.leaf("cbc:Name", &[], &line.description);
        tax_category(&mut x, "cac:ClassifiedTaxCategory", None);
        x.close("cac:Item");
        x.open("cac:Price");
        x.amount("cbc:PriceAmount", line.unit_price);
        x.close("cac:Price");
        x.close(line_element);
    }
    x.depth = 0;
    x.out.push_str(&format!("</{root}>\n"));
    Ok(x.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("A & B <C> \"d\" 'e'"),
            "A &amp; B &lt;C&gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(endpoint("0007:2120001561"), Some(("0007", "2120001561")));
        assert_eq!(endpoint(""), None);
    }
}
