// Texts of the list of all placements (ui/screens/placements.js).
export const TEXT = {
  "sv": {
    "title": "Placeringar",
    "button.new_intake": "Ny intagning",
    "column.woman": "Kvinna",
    "column.placement": "Placering",
    "column.children": "Barn",
    "column.municipality": "Kommun",
    "column.arrival": "Ankomst",
    "column.status": "Läge",
    "column.acute": "Akut",
    "status.ended": "Avslutad",
    "status.ongoing": "Pågår ({present} här)",
    "empty": "Inga placeringar ännu.",
    "name.hidden": "Skyddad identitet"
  },
  "en": {
    "title": "Placements",
    "button.new_intake": "New intake",
    "column.woman": "Woman",
    "column.placement": "Placement",
    "column.children": "Children",
    "column.municipality": "Municipality",
    "column.arrival": "Arrival",
    "column.status": "Status",
    "column.acute": "Acute",
    "status.ended": "Ended",
    "status.ongoing": "Ongoing ({present} here)",
    "empty": "No placements yet.",
    "name.hidden": "Protected identity"
  }
};
