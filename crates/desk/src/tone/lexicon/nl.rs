//! Dutch phrases, folded: lower case, no accents.

use super::Lexicon;

pub(super) const NL: Lexicon = Lexicon {
    blame: &[
        "ligt aan (postnl|dhl|de vervoerder|de bezorger|de post|dpd|gls|ups)",
        "(schuld|fout) van (postnl|dhl|de vervoerder|de bezorger|de post|dpd|gls)",
        "(kunnen|kan) (we|wij|ik) niets (aan|) doen",
        "daar (kunnen|kan) (we|wij|ik) niets aan doen",
        "niet onze (schuld|fout|verantwoordelijkheid)",
        "(neem|neemt u|neem je) contact op met (postnl|dhl|de vervoerder|de bezorger)",
    ],
    stock_excuse: &["het systeem (gaf aan|toonde)", "systeemfout"],
    lecturing: &[
        "geduld hebben",
        "(heb|heeft u|hebt u) (wat|nog wat|even|) geduld",
        "wees geduldig",
        "(u|je|jij) (moet|moeten) (nog|) (wachten|geduld)",
        "zoals (al|eerder|reeds) (gezegd|aangegeven|uitgelegd|vermeld)",
    ],
    doubt: &[
        "niemand anders (heeft|had)",
        "geen enkele andere klant",
        "nog nooit (gehad|gebeurd|voorgekomen)",
        "weet (u|je) (het|) zeker",
        "(heeft u|heb je) goed gekeken",
    ],
    vague: &[
        "binnenkort",
        "spoedig",
        "zo snel mogelijk",
        "zsm",
        "op korte termijn",
    ],
    vague_ok: &[],
    stiff_apology: &[
        "(onze|) excuses voor (het|eventueel|eventuele) (ongemak|overlast)",
        "(wij|we) bieden (onze|) excuses aan voor",
        "sorry voor het ongemak",
    ],
    defensive: &[
        "volgens onze (algemene voorwaarden|voorwaarden|beleid)",
        "zoals vermeld in onze (algemene voorwaarden|voorwaarden)",
        "(wij|we) willen (u|je) erop wijzen",
        "(wij|we) zijn niet verantwoordelijk",
    ],
    full_refund: &[
        "volledige terugbetaling",
        "(volledig|het volledige bedrag) terug(betalen|gestort|)",
        "al je geld terug",
    ],
    replacement: &[
        "opnieuw (versturen|sturen|verzenden)",
        "(sturen|stuur) (een|) (nieuwe|vervanging)",
    ],
    free_express: &[
        "(gratis|kosteloos) (per|) express",
        "gratis expresverzending",
    ],
};
