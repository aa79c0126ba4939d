//! The words agents use to promise a time, per language. All lower case; tokens split on anything that is
//! not a letter or a digit ("d'ici" → "d", "ici"; "après-demain" → "après", "demain").

/// One language's promise vocabulary.
pub(super) struct Words {
    /// Words that introduce a time limit: "within", "em", "sous", "innerhalb", "dalam"…
    pub anchors: &'static [&'static str],
    /// Words that may stand between the anchor and the number: "the next", "até", "les", "von den"…
    pub fillers: &'static [&'static str],
    /// Numbers written as words.
    pub numbers: &'static [(&'static str, i64)],
    pub minutes: &'static [&'static str],
    pub hours: &'static [&'static str],
    pub days: &'static [&'static str],
    pub weeks: &'static [&'static str],
    /// One-word working days ("Werktagen", "werkdagen").
    pub business_days: &'static [&'static str],
    /// Words that turn days into working days ("business", "úteis", "ouvrés").
    pub business_marks: &'static [&'static str],
    pub tomorrow: &'static [&'static str],
    /// Words that, just before the "tomorrow" word, mean it is a morning instead ("la mañana", "guten Morgen").
    pub not_tomorrow_after: &'static [&'static str],
    /// Words that, just before the "tomorrow" word, make it the day after ("pasado mañana", "après-demain").
    pub day_after_marks: &'static [&'static str],
    /// One-word "the day after tomorrow".
    pub day_after_tomorrow: &'static [&'static str],
    /// One-word amounts of time ("sehari" = one day).
    pub glued: &'static [(&'static str, i64, Unit)],
}

/// The unit of a promised amount of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Minutes,
    Hours,
    Days,
    /// Monday to Friday only.
    BusinessDays,
    Weeks,
}

const NONE: &[&str] = &[];

#[rustfmt::skip]
pub(super) static EN: Words = Words {
    anchors: &["within", "in", "under"],
    fillers: &["the", "next", "less", "than", "about", "max", "maximum", "of", "coming"],
    numbers: &[
        ("a", 1), ("an", 1), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5),
        ("six", 6), ("seven", 7), ("ten", 10), ("twelve", 12),
    ],
    minutes: &["minute", "minutes", "min", "mins"],
    hours: &["hour", "hours", "hr", "hrs", "h"],
    days: &["day", "days"],
    weeks: &["week", "weeks"],
    business_days: &["weekdays"],
    business_marks: &["business", "working"],
    tomorrow: &["tomorrow"],
    not_tomorrow_after: NONE,
    day_after_marks: &["after"],
    day_after_tomorrow: NONE,
    glued: &[],
};

#[rustfmt::skip]
pub(super) static ES: Words = Words {
    anchors: &["en", "dentro", "antes", "plazo", "máximo"],
    fillers: &["de", "las", "los", "un", "el", "próximas", "próximos", "menos", "lo", "máximo"],
    numbers: &[
        ("un", 1), ("una", 1), ("uno", 1), ("dos", 2), ("tres", 3), ("cuatro", 4), ("cinco", 5),
        ("siete", 7), ("diez", 10), ("doce", 12), ("veinticuatro", 24),
    ],
    minutes: &["minuto", "minutos", "min"],
    hours: &["hora", "horas", "h", "hs"],
    days: &["día", "días", "dia", "dias"],
    weeks: &["semana", "semanas"],
    business_days: NONE,
    business_marks: &["hábiles", "habiles", "laborables"],
    tomorrow: &["mañana", "manana"],
    not_tomorrow_after: &["la", "esta", "cada", "una", "toda"],
    day_after_marks: &["pasado"],
    day_after_tomorrow: NONE,
    glued: &[],
};

#[rustfmt::skip]
pub(super) static PT: Words = Words {
    anchors: &["em", "até", "ate", "dentro", "prazo", "máximo", "nas", "nos"],
    fillers: &["de", "as", "os", "no", "um", "uma", "o", "próximas", "próximos", "nas", "nos", "menos", "máximo"],
    numbers: &[
        ("um", 1), ("uma", 1), ("dois", 2), ("duas", 2), ("três", 3), ("tres", 3), ("quatro", 4),
        ("cinco", 5), ("sete", 7), ("dez", 10), ("doze", 12),
    ],
    minutes: &["minuto", "minutos", "min"],
    hours: &["hora", "horas", "h", "hs"],
    days: &["dia", "dias"],
    weeks: &["semana", "semanas"],
    business_days: NONE,
    business_marks: &["úteis", "uteis"],
    tomorrow: &["amanhã", "amanha"],
    not_tomorrow_after: NONE,
    day_after_marks: &["depois"],
    day_after_tomorrow: NONE,
    glued: &[],
};

#[rustfmt::skip]
pub(super) static FR: Words = Words {
    anchors: &["sous", "dans", "ici", "avant", "moins"],
    fillers: &["d", "les", "de", "prochaines", "prochains", "un", "une", "en", "maximum", "max"],
    numbers: &[
        ("un", 1), ("une", 1), ("deux", 2), ("trois", 3), ("quatre", 4), ("cinq", 5), ("sept", 7),
        ("dix", 10), ("douze", 12),
    ],
    minutes: &["minute", "minutes", "min"],
    hours: &["heure", "heures", "h"],
    days: &["jour", "jours"],
    weeks: &["semaine", "semaines"],
    business_days: NONE,
    business_marks: &["ouvrés", "ouvrables", "ouvres"],
    tomorrow: &["demain"],
    not_tomorrow_after: NONE,
    day_after_marks: &["après", "apres"],
    day_after_tomorrow: NONE,
    glued: &[],
};

#[rustfmt::skip]
pub(super) static DE: Words = Words {
    anchors: &["innerhalb", "binnen", "in", "spätestens"],
    fillers: &["von", "der", "den", "nächsten", "kommenden", "weniger", "als", "max", "maximal"],
    numbers: &[
        ("ein", 1), ("eine", 1), ("einer", 1), ("einem", 1), ("eines", 1), ("zwei", 2), ("drei", 3),
        ("vier", 4), ("fünf", 5), ("sieben", 7), ("zehn", 10), ("zwölf", 12),
    ],
    minutes: &["minute", "minuten", "min"],
    hours: &["stunde", "stunden", "std", "h"],
    days: &["tag", "tage", "tagen", "tages"],
    weeks: &["woche", "wochen"],
    business_days: &["werktag", "werktage", "werktagen", "arbeitstag", "arbeitstage", "arbeitstagen"],
    business_marks: NONE,
    tomorrow: &["morgen"],
    not_tomorrow_after: &["guten", "am", "heute", "jeden", "schönen", "einen"],
    day_after_marks: NONE,
    day_after_tomorrow: &["übermorgen"],
    glued: &[],
};

#[rustfmt::skip]
pub(super) static IT: Words = Words {
    anchors: &["entro", "in", "tra", "fra", "nelle", "nei"],
    fillers: &["le", "i", "prossime", "prossimi", "massimo", "meno", "di", "un"],
    numbers: &[
        ("un", 1), ("uno", 1), ("una", 1), ("due", 2), ("tre", 3), ("quattro", 4), ("cinque", 5),
        ("sette", 7), ("dieci", 10), ("dodici", 12), ("ventiquattro", 24),
    ],
    minutes: &["minuto", "minuti", "min"],
    hours: &["ora", "ore", "h"],
    days: &["giorno", "giorni", "gg"],
    weeks: &["settimana", "settimane"],
    business_days: NONE,
    business_marks: &["lavorativi"],
    tomorrow: &["domani"],
    not_tomorrow_after: NONE,
    day_after_marks: NONE,
    day_after_tomorrow: &["dopodomani"],
    glued: &[],
};

#[rustfmt::skip]
pub(super) static ID: Words = Words {
    anchors: &["dalam", "maksimal", "maks", "selambatnya", "lambat", "kurang"],
    fillers: &["waktu", "paling", "dari", "sekitar"],
    numbers: &[
        ("satu", 1), ("dua", 2), ("tiga", 3), ("empat", 4), ("lima", 5), ("tujuh", 7),
        ("sepuluh", 10),
    ],
    minutes: &["menit"],
    hours: &["jam"],
    days: &["hari"],
    weeks: &["minggu", "pekan"],
    business_days: NONE,
    business_marks: &["kerja"],
    tomorrow: &["besok"],
    not_tomorrow_after: NONE,
    day_after_marks: NONE,
    day_after_tomorrow: &["lusa"],
    glued: &[("sehari", 1, Unit::Days), ("sejam", 1, Unit::Hours), ("seminggu", 1, Unit::Weeks)],
};

#[rustfmt::skip]
pub(super) static NL: Words = Words {
    anchors: &["binnen", "in", "uiterlijk", "over"],
    fillers: &["de", "het", "komende", "volgende", "minder", "dan", "max", "maximaal"],
    numbers: &[
        ("een", 1), ("één", 1), ("twee", 2), ("drie", 3), ("vier", 4), ("vijf", 5), ("zeven", 7),
        ("tien", 10), ("twaalf", 12),
    ],
    minutes: &["minuut", "minuten", "min"],
    hours: &["uur", "uren", "u"],
    days: &["dag", "dagen"],
    weeks: &["week", "weken"],
    business_days: &["werkdag", "werkdagen"],
    business_marks: NONE,
    tomorrow: &["morgen"],
    not_tomorrow_after: &["goede", "deze", "elke", "vanochtend"],
    day_after_marks: NONE,
    day_after_tomorrow: &["overmorgen"],
    glued: &[],
};

/// The vocabulary for a language code (`pt`, `pt_BR`, `es-MX`…); `None` for languages Lifeline doesn't serve.
pub(super) fn for_language(lang: &str) -> Option<&'static Words> {
    let base = lang.get(..2).unwrap_or(lang).to_ascii_lowercase();
    Some(match base.as_str() {
        "en" => &EN,
        "es" => &ES,
        "pt" => &PT,
        "fr" => &FR,
        "de" => &DE,
        "it" => &IT,
        "id" | "in" => &ID,
        "nl" => &NL,
        _ => return None,
    })
}

/// All eight vocabularies, for text whose language is unknown.
pub(super) static ALL: [&Words; 8] = [&EN, &ES, &PT, &FR, &DE, &IT, &ID, &NL];
