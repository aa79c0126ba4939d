//! 17TRACK's public tracking page, `https://t.17track.net/<language>#nums=<number>`: the link the desk
//! gives for a parcel 17TRACK follows, and the same page in the shopper's language. The site names its
//! language in the path; other carriers' links carry no language the desk knows how to set, so they are
//! left as the carrier wrote them.

/// The page's address up to its language.
const SITE: &str = "https://t.17track.net/";
/// The part after the language that names the parcel.
const NUMBERS: &str = "#nums=";
/// The desk's languages that 17TRACK's site is written in.
const SITE_LANGUAGES: [&str; 8] = ["en", "pt", "es", "fr", "de", "it", "nl", "id"];

/// The site's language for a shopper's language tag ("pt-BR" → "pt"), when the site has it.
fn site_language(tag: &str) -> Option<&'static str> {
    let base = tag.split(['-', '_']).next()?.trim().to_lowercase();
    SITE_LANGUAGES.into_iter().find(|l| *l == base)
}

/// The 17TRACK page of a parcel in `language`, English when the site does not speak it.
pub fn tracking_page(number: &str, language: &str) -> String {
    let language = site_language(language).unwrap_or("en");
    format!("{SITE}{language}{NUMBERS}{number}")
}

/// `url` opened in the shopper's `language` when it is a 17TRACK page and the site speaks it; any other
/// link, or a language the site lacks, as it is.
pub fn in_language(url: &str, language: &str) -> String {
    let Some(path) = url.strip_prefix(SITE) else {
        return url.to_string();
    };
    let Some((current, numbers)) = path.split_once(NUMBERS) else {
        return url.to_string();
    };
    let is_language =
        !current.is_empty() && current.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    match site_language(language) {
        Some(wanted) if is_language => format!("{SITE}{wanted}{NUMBERS}{numbers}"),
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_17track_page_opens_in_the_shoppers_language() {
        let en = "https://t.17track.net/en#nums=LP00008132813IT";
        assert_eq!(
            in_language(en, "it"),
            "https://t.17track.net/it#nums=LP00008132813IT"
        );
        assert_eq!(
            in_language("https://t.17track.net/pt-br#nums=LB1BR", "pt-BR"),
            "https://t.17track.net/pt#nums=LB1BR"
        );
        assert_eq!(in_language(en, "ja"), en, "a language the site lacks");
        assert_eq!(
            tracking_page("LP1", "id"),
            "https://t.17track.net/id#nums=LP1"
        );
        assert_eq!(
            tracking_page("LP1", "ja"),
            "https://t.17track.net/en#nums=LP1"
        );
    }

    #[test]
    fn another_carriers_link_is_left_as_it_is() {
        for url in [
            "https://rastreamento.correios.com.br/?objetos=LB123456789BR",
            "https://www.17track.net/en/track?nums=LP1",
            "https://t.17track.net/en",
        ] {
            assert_eq!(in_language(url, "it"), url);
        }
    }
}
