//! The fixed lists a placement is described with. Each value has a stable identifier (used in
//! the database and in files) and a Swedish label (used on screens).

use serde::{Deserialize, Serialize};

macro_rules! kind {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $id:literal, $label:literal;)+ } default $default:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $id)] $variant,)+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Reads a stored identifier; an unknown one (from a newer program) reads as the default.
            pub fn parse(s: &str) -> $name {
                match s { $($id => $name::$variant,)+ _ => $name::$default }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }
    };
}

kind! {
    /// Whether a stay is an adult's (the woman placed) or an accompanying child's.
    Category {
        Adult = "adult", "Vuxen";
        Child = "child", "Barn";
    } default Adult
}

kind! {
    /// The kind of violence the placement is about.
    Violence {
        CloseRelationship = "nara_relation", "Våld i nära relation";
        Honour = "heder", "Hedersrelaterat våld och förtryck";
        Other = "annat", "Annat";
    } default Other
}

kind! {
    /// How the person came to the shelter.
    ArrivalRoute {
        SocialEmergency = "sociala_jouren", "Via sociala jouren";
        Police = "polisen", "Via polisen";
        SelfReferral = "egen_kontakt", "Egen kontakt";
        Other = "annat", "Annat";
        NotRecorded = "ej_angivet", "Ej angivet";
    } default NotRecorded
}

kind! {
    /// Who brought the person to the shelter.
    Transport {
        OwnStaff = "personal", "Jourens personal";
        SocialEmergency = "sociala_jouren", "Sociala jouren";
        Police = "polisen", "Polisen";
        Themselves = "sjalv", "Kom själv";
        Other = "annat", "Annat";
        NotRecorded = "ej_angivet", "Ej angivet";
    } default NotRecorded
}

kind! {
    /// Who made the acute protection assessment (skyddsbedömning).
    Assessor {
        SocialEmergency = "sociala_jouren", "Sociala jouren";
        Police = "polisen", "Polisen";
    } default SocialEmergency
}

kind! {
    /// Relationsvåldsenheten's decision on continued protection.
    RveDecision {
        ContinuedHere = "fortsatt_har", "Fortsatt placering här";
        ProtectedElsewhere = "skyddat_boende_annan_ort", "Skyddat boende på annan ort";
        Ended = "avslutad", "Insatsen avslutas";
    } default Ended
}

kind! {
    /// Where a person went at move-out.
    Destination {
        ProtectedElsewhere = "skyddat_boende_annat", "Annat skyddat boende";
        OwnHome = "eget_boende", "Eget boende";
        RelativesOrFriends = "anhoriga", "Anhöriga eller vänner";
        BackToViolence = "tillbaka_till_valdet", "Tillbaka till den våldsamma miljön";
        Unknown = "okant", "Okänt";
        Other = "annat", "Annat";
    } default Unknown
}

/// Every list with its values and labels, for the window's forms.
pub fn catalogue() -> serde_json::Value {
    fn list<T: Copy>(all: &[T], id: fn(T) -> &'static str, label: fn(T) -> &'static str) -> serde_json::Value {
        all.iter()
            .map(|v| serde_json::json!({ "value": id(*v), "label": label(*v) }))
            .collect()
    }
    serde_json::json!({
        "category": list(Category::ALL, Category::as_str, Category::label),
        "violence": list(Violence::ALL, Violence::as_str, Violence::label),
        "arrival_route": list(ArrivalRoute::ALL, ArrivalRoute::as_str, ArrivalRoute::label),
        "transported_by": list(Transport::ALL, Transport::as_str, Transport::label),
        "assessor": list(Assessor::ALL, Assessor::as_str, Assessor::label),
        "rve_decision": list(RveDecision::ALL, RveDecision::as_str, RveDecision::label),
        "destination": list(Destination::ALL, Destination::as_str, Destination::label),
    })
}
