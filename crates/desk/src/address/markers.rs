//! The words that show a shopper's register, per language, folded (lower case, no accents).
//! A phrase matches whole words: "u" is the Dutch formal "you", never part of "uur".

/// Formal and informal signs in one language.
pub struct Markers {
    pub formal: &'static [&'static str],
    pub informal: &'static [&'static str],
}

const EN: Markers = Markers {
    formal: &[
        "dear sir",
        "dear madam",
        "dear sirs",
        "dear sir or madam",
        "dear",
        "good morning",
        "good afternoon",
        "good evening",
        "i am writing",
        "i would be grateful",
        "i would appreciate",
        "to whom it may concern",
        "yours sincerely",
        "yours faithfully",
        "kind regards",
        "best regards",
    ],
    informal: &["hey", "hiya", "heya", "pls", "plz", "thx", "u", "ur"],
};

const ES: Markers = Markers {
    formal: &[
        "estimado",
        "estimada",
        "estimados",
        "estimadas",
        "usted",
        "ustedes",
        "atentamente",
        "le escribo",
        "les escribo",
        "me dirijo a ustedes",
        "un cordial saludo",
        "saludos cordiales",
        "podria indicarme",
        "le agradeceria",
    ],
    informal: &["tu", "te", "ti", "contigo", "oye", "holi", "porfa"],
};

const PT: Markers = Markers {
    formal: &[
        "prezado",
        "prezada",
        "prezados",
        "prezadas",
        "o senhor",
        "a senhora",
        "atenciosamente",
        "venho por meio",
        "cordialmente",
    ],
    informal: &["voce", "vc", "oi", "oii", "tu", "te", "pra", "blz", "vlw"],
};

const DE: Markers = Markers {
    formal: &[
        "sehr geehrte",
        "sehr geehrter",
        "sehr geehrtes",
        "guten tag",
        "mit freundlichen grussen",
        "konnen sie",
        "koennen sie",
        "konnten sie",
        "koennten sie",
        "wurden sie",
        "wuerden sie",
        "ihnen",
    ],
    informal: &[
        "du", "dir", "dich", "dein", "deine", "deinen", "hey", "hi", "moin", "servus", "kannst",
    ],
};

const FR: Markers = Markers {
    formal: &[
        "monsieur",
        "madame",
        "messieurs",
        "mesdames",
        "cordialement",
        "veuillez",
        "je vous prie",
    ],
    informal: &["tu", "toi", "ton", "ta", "tes", "salut", "coucou", "stp"],
};

const IT: Markers = Markers {
    formal: &[
        "buongiorno",
        "buonasera",
        "gentile",
        "gentili",
        "egregio",
        "egregi",
        "spettabile",
        "cordiali saluti",
        "distinti saluti",
        "la ringrazio",
        "le scrivo",
        "potrebbe",
    ],
    informal: &["ciao", "tu", "ti", "te", "hey", "puoi", "sei"],
};

const NL: Markers = Markers {
    formal: &[
        "geachte",
        "goedendag",
        "goedemorgen",
        "goedemiddag",
        "goedenavond",
        "met vriendelijke groet",
        "u",
        "uw",
        "kunt u",
    ],
    informal: &["hoi", "hey", "je", "jij", "jou", "jouw", "doei"],
};

const ID: Markers = Markers {
    formal: &[
        "yth",
        "bapak",
        "ibu",
        "pak",
        "bu",
        "dengan hormat",
        "selamat pagi",
        "selamat siang",
        "selamat sore",
        "selamat malam",
    ],
    informal: &[
        "kak", "kakak", "gan", "sis", "bro", "min", "nggak", "gak", "dong",
    ],
};

/// The markers of a language tag ("pt-BR" → Portuguese), or `None` for a language without them.
pub fn for_language(lang: &str) -> Option<&'static Markers> {
    let base = lang.split(['-', '_']).next().unwrap_or("");
    Some(match base.to_ascii_lowercase().as_str() {
        "en" => &EN,
        "es" => &ES,
        "pt" => &PT,
        "de" => &DE,
        "fr" => &FR,
        "it" => &IT,
        "nl" => &NL,
        "id" => &ID,
        _ => return None,
    })
}
