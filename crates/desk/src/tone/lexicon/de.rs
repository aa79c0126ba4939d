//! German phrases, folded: lower case, no accents.

use super::Lexicon;

pub(super) const DE: Lexicon = Lexicon {
    blame: &[
        "liegt an (dhl|der post|dem paketdienst|dem versanddienstleister|dem zusteller|hermes|dpd|gls|ups|dem spediteur)",
        "(dhl|die post|hermes|dpd|gls|der paketdienst|der zusteller|der versanddienstleister) ist schuld",
        "schuld (ist|hat|sind) (dhl|die post|hermes|dpd|gls|der paketdienst|der zusteller)",
        "nicht unsere schuld",
        "(konnen|konnten) wir nichts (machen|tun)",
        "da konnen wir nichts",
        "wir konnen nichts (machen|tun|dafur)",
        "nicht unser problem",
        "liegt nicht in unserer hand",
        "(wenden sie sich|wende dich|melden sie sich|melde dich) an (dhl|die post|den paketdienst|den versanddienstleister|den zusteller|hermes|dpd|gls)",
    ],
    stock_excuse: &["das system hat (angezeigt|gezeigt)", "systemfehler"],
    lecturing: &[
        "(haben sie|hab|habt|bitte|noch|etwas) (etwas|noch etwas|) geduld",
        "(gedulden sie sich|gedulde dich)",
        "geduld haben",
        "(mussen sie|musst du|sie mussen|du musst) (noch|) warten",
        "wie (bereits|schon) (gesagt|erwahnt|erklart|mitgeteilt)",
        "lesen sie (die|unsere)",
    ],
    doubt: &[
        "niemand (sonst|anderes|anders) hat",
        "sonst hat sich niemand",
        "kein anderer kunde",
        "hatten wir noch nie",
        "ist noch nie passiert",
        "(sind sie|bist du) sicher",
        "(haben sie|hast du) richtig (nachgesehen|geschaut)",
    ],
    vague: &["bald", "demnachst", "in kurze", "zeitnah", "so schnell wie moglich", "baldmoglichst"],
    vague_ok: &[],
    stiff_apology: &[
        "(wir entschuldigen uns|entschuldigen sie|wir bitten um entschuldigung) (fur|) (die|alle|etwaige|eventuelle) (unannehmlichkeiten|umstande)",
        "wir bedauern (die|etwaige|eventuelle) unannehmlichkeiten",
        "fur (die|etwaige|eventuelle) unannehmlichkeiten",
    ],
    defensive: &[
        "(gemass|laut) (unseren|unserer|den) (agb|bedingungen|richtlinien|richtlinie)",
        "wir weisen darauf hin",
        "wir mochten klarstellen",
        "bitte beachten sie dass",
        "wir ubernehmen keine haftung",
    ],
    full_refund: &["(volle|vollstandige|komplette|gesamte) (erstattung|ruckerstattung)", "(den|das) (vollen betrag|ganze geld) (zuruck|erstattet)"],
    replacement: &["(neu|noch einmal|erneut) (schicken|verschicken|senden)", "ersatz (schicken|senden|verschicken)"],
    free_express: &["(kostenlos|gratis) (per|auf) express", "kostenloser expressversand", "gratis express"],
};
