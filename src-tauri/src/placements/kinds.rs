//! The fixed lists a placement is described with. Each value has a stable identifier (used in
//! the database and in files) and a label in each language, from the catalogues in
//! src-tauri/locales/ (Swedish on documents and in reports; the window's language on screens).

use crate::support;
use crate::text::Lang;

macro_rules! kind {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $id:literal;)+ } default $default:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $id)] $variant,)+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            /// The Swedish label, as on documents and in reports.
            pub fn label(self) -> &'static str {
                self.label_in($crate::text::Lang::Sv)
            }

            /// The label in the window's language (src-tauri/locales/).
            pub fn label_in(self, lang: $crate::text::Lang) -> &'static str {
                match self { $($name::$variant => $crate::text::text(lang, concat!("kind.", stringify!($name), ".", $id)),)+ }
            }

            /// The value with identifier `s`, if there is one (how it is stored: see
            /// `store::columns`, where an unknown one is a damaged value).
            pub fn from_id(s: &str) -> Option<$name> {
                match s { $($id => Some($name::$variant),)+ _ => None }
            }
        }

        crate::store::columns::stored_as_text!($name);

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }
    };
}
pub(crate) use kind;

kind! {
    /// Whether a stay is an adult's (the woman placed) or an accompanying child's.
    Category {
        Adult = "adult";
        Child = "child";
    } default Adult
}

kind! {
    /// The kind of violence the placement is about.
    Violence {
        CloseRelationship = "nara_relation";
        Honour = "heder";
        Other = "annat";
    } default Other
}

kind! {
    /// How the person came to the shelter.
    ArrivalRoute {
        SocialEmergency = "sociala_jouren";
        Police = "polisen";
        SelfReferral = "egen_kontakt";
        Other = "annat";
        NotRecorded = "ej_angivet";
    } default NotRecorded
}

kind! {
    /// Who brought the person to the shelter.
    Transport {
        OwnStaff = "personal";
        SocialEmergency = "sociala_jouren";
        Police = "polisen";
        Themselves = "sjalv";
        Other = "annat";
        NotRecorded = "ej_angivet";
    } default NotRecorded
}

kind! {
    /// Who made the acute protection assessment (skyddsbedömning).
    Assessor {
        SocialEmergency = "sociala_jouren";
        Police = "polisen";
    } default SocialEmergency
}

kind! {
    /// Relationsvåldsenheten's decision on continued protection.
    RveDecision {
        ContinuedHere = "fortsatt_har";
        ProtectedElsewhere = "skyddat_boende_annan_ort";
        Ended = "avslutad";
    } default Ended
}

kind! {
    /// Where a person went at move-out.
    Destination {
        ProtectedElsewhere = "skyddat_boende_annat";
        OwnHome = "eget_boende";
        RelativesOrFriends = "anhoriga";
        BackToViolence = "tillbaka_till_valdet";
        Unknown = "okant";
        Other = "annat";
    } default Unknown
}

/// Every list with its values and labels in `lang`, for the window's forms.
pub fn catalogue(lang: Lang) -> serde_json::Value {
    fn list<T: Copy>(
        all: &[T],
        id: fn(T) -> &'static str,
        label: fn(T, Lang) -> &'static str,
        lang: Lang,
    ) -> serde_json::Value {
        all.iter()
            .map(|v| serde_json::json!({ "value": id(*v), "label": label(*v, lang) }))
            .collect()
    }
    serde_json::json!({
        "category": list(Category::ALL, Category::as_str, Category::label_in, lang),
        "violence": list(Violence::ALL, Violence::as_str, Violence::label_in, lang),
        "arrival_route": list(ArrivalRoute::ALL, ArrivalRoute::as_str, ArrivalRoute::label_in, lang),
        "transported_by": list(Transport::ALL, Transport::as_str, Transport::label_in, lang),
        "assessor": list(Assessor::ALL, Assessor::as_str, Assessor::label_in, lang),
        "rve_decision": list(RveDecision::ALL, RveDecision::as_str, RveDecision::label_in, lang),
        "destination": list(Destination::ALL, Destination::as_str, Destination::label_in, lang),
        "channel": list(support::Channel::ALL, support::Channel::as_str, support::Channel::label_in, lang),
        "contact_group": list(
            support::ContactGroup::ALL,
            support::ContactGroup::as_str,
            support::ContactGroup::label_in,
            lang
        ),
        "topic": list(support::Topic::ALL, support::Topic::as_str, support::Topic::label_in, lang),
        "taken_by": list(support::TakenBy::ALL, support::TakenBy::as_str, support::TakenBy::label_in, lang),
        "asker": list(crate::requests::Asker::ALL, crate::requests::Asker::as_str, crate::requests::Asker::label_in, lang),
        "outcome": list(
            crate::requests::Outcome::ALL,
            crate::requests::Outcome::as_str,
            crate::requests::Outcome::label_in,
            lang
        ),
        "reason": list(
            crate::requests::Reason::ALL,
            crate::requests::Reason::as_str,
            crate::requests::Reason::label_in,
            lang
        ),
        "gender": list(
            crate::people::Gender::ALL,
            crate::people::Gender::as_str,
            crate::people::Gender::label_in,
            lang
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_a_label_in_both_languages() {
        let lists = catalogue(Lang::Sv);
        let english = catalogue(Lang::En);
        for (name, values) in lists.as_object().unwrap() {
            for (sv, en) in values.as_array().unwrap().iter().zip(english[name].as_array().unwrap()) {
                let (sv, en) = (sv["label"].as_str().unwrap(), en["label"].as_str().unwrap());
                assert!(!sv.starts_with("kind."), "{name}: no Swedish label ({sv})");
                assert!(!en.starts_with("kind."), "{name}: no English label ({en})");
            }
        }
        assert_eq!(Destination::OwnHome.label(), "Eget boende");
        assert_eq!(Destination::OwnHome.label_in(Lang::En), "Own home");
    }
}
