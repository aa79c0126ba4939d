//! Reading the parcel's own word: the tracker's sub-status and the carrier's newest event, in any of the
//! eight languages. A parcel that says where it is (lost, at a pickup point, after a failed attempt, at
//! customs) is answered from that; the shopper's word only fills in when the tracking says no more than
//! "in transit".

use serde::{Deserialize, Serialize};

use super::{Facts, Situation, Whereabouts};
use lifeline_triage::Situation as Said;

/// What customs asks of the shopper, as far as the parcel data says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomsAsk {
    /// Import duties, taxes or fees to pay.
    Duties,
    /// An invoice or proof of the goods' value.
    Invoice,
    /// The shopper's ID or tax number.
    Id,
    /// "Requiring information" with no detail: the carrier will say what.
    Information,
}

impl CustomsAsk {
    /// The entry name in the texts (`customs.duties`…).
    pub fn key(self) -> &'static str {
        match self {
            CustomsAsk::Duties => "duties",
            CustomsAsk::Invoice => "invoice",
            CustomsAsk::Id => "id",
            CustomsAsk::Information => "information",
        }
    }
}

/// Sub-statuses that mean the carrier declared the parcel lost (AfterShip, 17TRACK).
const LOST: [&str; 2] = ["exception_013", "exception_lost"];
/// Sub-statuses of a parcel going or gone back (AfterShip, 17TRACK): the carrier will not deliver it.
pub(crate) const RETURNED: [&str; 6] = [
    "Exception_010",
    "Exception_011",
    "Exception_Returning",
    "Exception_Returned",
    "Exception_Destroyed",
    "Exception_Cancel",
];
/// Sub-statuses that mean customs holds the parcel.
const CUSTOMS_SUBS: [&str; 3] = [
    "exception_004",
    "intransit_customsprocessing",
    "intransit_customsrequiringinformation",
];
/// AfterShip's "held for payment": customs only when the event is about customs or duties.
const HELD_FOR_PAYMENT: &str = "exception_006";
const REQUIRING_INFORMATION: &str = "intransit_customsrequiringinformation";

/// Words for customs in a carrier's event, in the eight languages.
const CUSTOMS: [&str; 19] = [
    "customs",
    "douane",
    "dédouan",
    "dedouan",
    "zoll",
    "zollamt",
    "verzoll",
    "zollabfertigung",
    "aduana",
    "aduaner",
    "aduanal",
    "alfândega",
    "alfandega",
    "aduaneir",
    "bea cukai",
    "pabean",
    "dogana",
    "doganal",
    "sdoganam",
];
/// Words saying customs is done with the parcel.
const RELEASED: [&str; 22] = [
    "released",
    "cleared",
    "completed",
    "liberad",
    "concluíd",
    "finalizad",
    "terminé",
    "dédouané",
    "libéré",
    "abgeschlossen",
    "freigegeben",
    "verzollt",
    "sdoganat",
    "completat",
    "rilasciat",
    "svincolat",
    "vrijgegeven",
    "ingeklaard",
    "afgerond",
    "selesai",
    "dirilis",
    "diloloskan",
];
const DUTIES: [&str; 30] = [
    "duties",
    "duty",
    "import fee",
    "fee",
    "fees",
    "tax",
    "taxes",
    "vat",
    "derechos",
    "impuesto",
    "arancel",
    "taxa",
    "taxas",
    "imposto",
    "tributo",
    "droits",
    "taxe",
    "tva",
    "gebühr",
    "abgabe",
    "einfuhrumsatzsteuer",
    "dazi",
    "dazio",
    "tasse",
    "iva",
    "bea masuk",
    "pajak",
    "invoerrecht",
    "heffing",
    "btw",
];
const INVOICE: [&str; 9] = [
    "invoice",
    "factura",
    "fatura",
    "nota fiscal",
    "facture",
    "rechnung",
    "fattura",
    "faktur",
    "factuur",
];
const ID: [&str; 20] = [
    "id",
    "passport",
    "identity",
    "identification",
    "cpf",
    "nif",
    "dni",
    "rfc",
    "curp",
    "identidad",
    "identidade",
    "identité",
    "ausweis",
    "identità",
    "codice fiscale",
    "ktp",
    "npwp",
    "identiteit",
    "bsn",
    "tax number",
];

/// True when `text` names one of `cues`: short cues (up to 4 letters) as whole words, longer ones anywhere.
fn mentions(text: &str, cues: &[&str]) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    cues.iter().any(|cue| {
        if cue.chars().count() <= 4 {
            words.contains(cue)
        } else {
            lower.contains(cue)
        }
    })
}

fn sub(f: &Facts) -> String {
    f.shipment_sub_status
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn event(f: &Facts) -> &str {
    f.carrier_event.as_deref().unwrap_or("")
}

/// True when the tracker or the carrier's newest event says customs holds the parcel.
fn at_customs(f: &Facts) -> bool {
    let sub = sub(f);
    if CUSTOMS_SUBS.contains(&sub.as_str()) {
        return true;
    }
    if sub.contains("customs") {
        return !sub.contains("released");
    }
    if sub == HELD_FOR_PAYMENT {
        return mentions(event(f), &CUSTOMS) || mentions(event(f), &DUTIES);
    }
    mentions(event(f), &CUSTOMS) && !mentions(event(f), &RELEASED)
}

/// True when the parcel data says customs has let the parcel go.
fn customs_done(f: &Facts) -> bool {
    let sub = sub(f);
    (sub.contains("customs") && sub.contains("released"))
        || (mentions(event(f), &CUSTOMS) && mentions(event(f), &RELEASED))
}

/// The situation the parcel itself states, when it states one.
pub(super) fn parcel_says(f: &Facts) -> Option<Situation> {
    let sub = sub(f);
    if LOST.contains(&sub.as_str()) {
        return Some(Situation::DeclaredLost);
    }
    if RETURNED.iter().any(|r| sub.eq_ignore_ascii_case(r)) {
        return Some(Situation::ReturnedToSender);
    }
    let status = f.shipment_status.as_deref().unwrap_or("");
    match status {
        "delivered" => return Some(Situation::DeliveredNotReceived),
        "available_for_pickup" => return Some(Situation::AwaitingPickup),
        "attempt_fail" => return Some(Situation::DeliveryFailed),
        _ => {}
    }
    if sub.starts_with("availableforpickup") {
        return Some(Situation::AwaitingPickup);
    }
    if sub.starts_with("attemptfail") || sub.starts_with("deliveryfailure") {
        return Some(Situation::DeliveryFailed);
    }
    if at_customs(f) {
        return Some(Situation::CustomsHold);
    }
    match status {
        "" | "pending" | "info_received" => {
            Some(Situation::WhereIsMyOrder(Whereabouts::NotShippedYet))
        }
        "expired" => Some(Situation::LostInTransit),
        _ => None,
    }
}

/// The situation the shopper describes, for a parcel whose tracking says nothing more definite;
/// "it's at customs" is not taken when the tracking says customs already let it go.
pub(super) fn shopper_says(f: &Facts) -> Option<Situation> {
    match f.shopper_says {
        Said::NotHome => Some(Situation::DeliveryFailed),
        Said::PickupPoint => Some(Situation::AwaitingPickup),
        Said::Customs if !customs_done(f) => Some(Situation::CustomsHold),
        _ => None,
    }
}

/// What customs asks of the shopper, only as far as the sub-status and the carrier's newest event say:
/// duties (also AfterShip's "held for payment"), an invoice, an ID; "requiring information" with no
/// detail gives [`CustomsAsk::Information`]. Empty when the parcel data names nothing.
pub fn customs_asks(f: &Facts) -> Vec<CustomsAsk> {
    let sub = sub(f);
    let text = event(f);
    let mut asks = Vec::new();
    if sub == HELD_FOR_PAYMENT || mentions(text, &DUTIES) {
        asks.push(CustomsAsk::Duties);
    }
    if mentions(text, &INVOICE) {
        asks.push(CustomsAsk::Invoice);
    }
    if mentions(text, &ID) {
        asks.push(CustomsAsk::Id);
    }
    if asks.is_empty() && sub == REQUIRING_INFORMATION {
        asks.push(CustomsAsk::Information);
    }
    asks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parcel(status: &str, sub: Option<&str>, event: &str) -> Facts {
        Facts {
            order_number: Some("1042".into()),
            shipment_status: Some(status.into()),
            shipment_sub_status: sub.map(String::from),
            carrier_event: Some(event.into()),
            ..Facts::default()
        }
    }

    #[test]
    fn customs_is_read_from_events_in_any_language_until_it_is_cleared() {
        for held in [
            "Retenido en aduana",
            "Em fiscalização aduaneira",
            "En attente de dédouanement",
            "Beim Zoll",
            "In dogana",
            "Bij de douane",
            "Tertahan di bea cukai",
        ] {
            assert!(at_customs(&parcel("in_transit", None, held)), "{held}");
        }
        for done in [
            "Customs clearance completed",
            "Liberado pela alfândega",
            "Verzollt",
        ] {
            assert!(!at_customs(&parcel("in_transit", None, done)), "{done}");
        }
        let held = |event| at_customs(&parcel("exception", Some("Exception_006"), event));
        assert!(held("Held for payment of import duties"));
        assert!(!held("Held for payment: cash on delivery"));
    }

    #[test]
    fn customs_asks_only_what_the_event_names() {
        let f = parcel(
            "exception",
            Some("Exception_004"),
            "Held by customs: import duties and an invoice are required",
        );
        assert_eq!(
            customs_asks(&f),
            vec![CustomsAsk::Duties, CustomsAsk::Invoice]
        );
        let f = parcel(
            "in_transit",
            Some("InTransit_CustomsRequiringInformation"),
            "Customs",
        );
        assert_eq!(customs_asks(&f), vec![CustomsAsk::Information]);
        let f = parcel("in_transit", Some("InTransit_CustomsProcessing"), "Customs");
        assert!(customs_asks(&f).is_empty());
        assert!(!mentions("Paid in full", &ID), "no ID in 'paid'");
    }
}
