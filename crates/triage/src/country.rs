//! The sender's country from the calling code of a WhatsApp id, and what follows from it: the
//! language most people there write in (a hint for triage) and the time zone (quiet hours).

/// Calling code, ISO 3166 code, main language (ISO 639-1), main time zone.
const COUNTRIES: &[(&str, &str, &str, &str)] = &[
    ("1787", "PR", "es", "America/Puerto_Rico"),
    ("1939", "PR", "es", "America/Puerto_Rico"),
    ("1809", "DO", "es", "America/Santo_Domingo"),
    ("1829", "DO", "es", "America/Santo_Domingo"),
    ("1849", "DO", "es", "America/Santo_Domingo"),
    ("1", "US", "en", "America/New_York"),
    ("7", "RU", "ru", "Europe/Moscow"),
    ("20", "EG", "ar", "Africa/Cairo"),
    ("27", "ZA", "en", "Africa/Johannesburg"),
    ("30", "GR", "el", "Europe/Athens"),
    ("31", "NL", "nl", "Europe/Amsterdam"),
    ("32", "BE", "nl", "Europe/Brussels"),
    ("33", "FR", "fr", "Europe/Paris"),
    ("34", "ES", "es", "Europe/Madrid"),
    ("36", "HU", "hu", "Europe/Budapest"),
    ("39", "IT", "it", "Europe/Rome"),
    ("40", "RO", "ro", "Europe/Bucharest"),
    ("41", "CH", "de", "Europe/Zurich"),
    ("43", "AT", "de", "Europe/Vienna"),
    ("44", "GB", "en", "Europe/London"),
    ("45", "DK", "da", "Europe/Copenhagen"),
    ("46", "SE", "sv", "Europe/Stockholm"),
    ("47", "NO", "no", "Europe/Oslo"),
    ("48", "PL", "pl", "Europe/Warsaw"),
    ("49", "DE", "de", "Europe/Berlin"),
    ("51", "PE", "es", "America/Lima"),
    ("52", "MX", "es", "America/Mexico_City"),
    ("53", "CU", "es", "America/Havana"),
    ("54", "AR", "es", "America/Argentina/Buenos_Aires"),
    ("55", "BR", "pt", "America/Sao_Paulo"),
    ("56", "CL", "es", "America/Santiago"),
    ("57", "CO", "es", "America/Bogota"),
    ("58", "VE", "es", "America/Caracas"),
    ("60", "MY", "ms", "Asia/Kuala_Lumpur"),
    ("61", "AU", "en", "Australia/Sydney"),
    ("62", "ID", "id", "Asia/Jakarta"),
    ("63", "PH", "en", "Asia/Manila"),
    ("64", "NZ", "en", "Pacific/Auckland"),
    ("65", "SG", "en", "Asia/Singapore"),
    ("66", "TH", "th", "Asia/Bangkok"),
    ("81", "JP", "ja", "Asia/Tokyo"),
    ("82", "KR", "ko", "Asia/Seoul"),
    ("84", "VN", "vi", "Asia/Ho_Chi_Minh"),
    ("86", "CN", "zh", "Asia/Shanghai"),
    ("90", "TR", "tr", "Europe/Istanbul"),
    ("91", "IN", "en", "Asia/Kolkata"),
    ("212", "MA", "ar", "Africa/Casablanca"),
    ("234", "NG", "en", "Africa/Lagos"),
    ("238", "CV", "pt", "Atlantic/Cape_Verde"),
    ("244", "AO", "pt", "Africa/Luanda"),
    ("258", "MZ", "pt", "Africa/Maputo"),
    ("297", "AW", "nl", "America/Aruba"),
    ("351", "PT", "pt", "Europe/Lisbon"),
    ("352", "LU", "fr", "Europe/Luxembourg"),
    ("353", "IE", "en", "Europe/Dublin"),
    ("502", "GT", "es", "America/Guatemala"),
    ("503", "SV", "es", "America/El_Salvador"),
    ("504", "HN", "es", "America/Tegucigalpa"),
    ("505", "NI", "es", "America/Managua"),
    ("506", "CR", "es", "America/Costa_Rica"),
    ("507", "PA", "es", "America/Panama"),
    ("591", "BO", "es", "America/La_Paz"),
    ("593", "EC", "es", "America/Guayaquil"),
    ("595", "PY", "es", "America/Asuncion"),
    ("597", "SR", "nl", "America/Paramaribo"),
    ("598", "UY", "es", "America/Montevideo"),
    ("599", "CW", "nl", "America/Curacao"),
];

/// The ISO 3166 country of a WhatsApp id (digits of the international number, `+` and spaces
/// allowed), from its calling code; `None` for an unknown code or anything that is no number.
pub fn phone_country(wa_id: &str) -> Option<&'static str> {
    let digits: String = wa_id
        .trim()
        .trim_start_matches('+')
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    COUNTRIES
        .iter()
        .filter(|(code, ..)| digits.starts_with(code))
        .max_by_key(|(code, ..)| code.len())
        .map(|&(_, iso, ..)| iso)
}

fn row(country: &str) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    COUNTRIES
        .iter()
        .find(|(_, iso, ..)| iso.eq_ignore_ascii_case(country.trim()))
}

/// The language most shoppers of `country` (ISO 3166, e.g. `BR`) write in: `BR` → `pt`.
pub fn country_language(country: &str) -> Option<&'static str> {
    row(country).map(|&(_, _, lang, _)| lang)
}

/// The main IANA time zone of `country`, e.g. `BR` → `America/Sao_Paulo`; the desk uses it to
/// keep quiet hours.
pub fn country_time_zone(country: &str) -> Option<&'static str> {
    row(country).map(|&(.., tz)| tz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calling_codes_pick_the_longest_prefix() {
        assert_eq!(phone_country("5511987654321"), Some("BR"));
        assert_eq!(phone_country("351912345678"), Some("PT"));
        assert_eq!(phone_country("+1 809 555 1234"), Some("DO"));
        assert_eq!(phone_country("14155550123"), Some("US"));
        assert_eq!(phone_country("agent-7"), None);
        assert_eq!(country_language("mx"), Some("es"));
        assert_eq!(country_time_zone("ID"), Some("Asia/Jakarta"));
    }
}
