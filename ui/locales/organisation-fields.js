// Texts of the organisation's details (the seller on every invoice) (ui/screens/organisation-fields.js).
export const TEXT = {
  "sv": {
    "legend": "Organisationen",
    "hint": "Uppgifterna står som avsändare på fakturorna.",
    "field.name": "Namn",
    "field.org_number": "Organisationsnummer",
    "field.org_number_hint": "T.ex. 802000-0000",
    "field.bankgiro": "Bankgiro",
    "field.bankgiro_hint": "T.ex. 5050-1055",
    "field.address": "Postadress",
    "field.address_hint": "Som på fakturorna, t.ex. Box 979, 501 10 Borås",
    "field.f_skatt": "Godkänd för F-skatt"
  },
  "en": {
    "legend": "The organisation",
    "hint": "These details appear as the sender on the invoices.",
    "field.name": "Name",
    "field.org_number": "Organisation number",
    "field.org_number_hint": "E.g. 802000-0000",
    "field.bankgiro": "Bankgiro",
    "field.bankgiro_hint": "E.g. 5050-1055",
    "field.address": "Postal address",
    "field.address_hint": "As on the invoices, e.g. Box 979, 501 10 Borås",
    "field.f_skatt": "Approved for F-skatt (registered for business tax)"
  }
};
