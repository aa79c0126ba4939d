//! The shopper's language and time zone from what the desk knows, and the words of the first answer.

use crate::store::ContactFacts;

/// Default language and time zone for a phone number's country.
pub fn for_country(country: &str) -> (Option<&'static str>, Option<&'static str>) {
    match country {
        "BR" => (Some("pt"), Some("America/Sao_Paulo")),
        "PT" => (Some("pt"), Some("Europe/Lisbon")),
        "MX" => (Some("es"), Some("America/Mexico_City")),
        "ES" => (Some("es"), Some("Europe/Madrid")),
        "AR" => (Some("es"), Some("America/Argentina/Buenos_Aires")),
        "CO" => (Some("es"), Some("America/Bogota")),
        "CL" => (Some("es"), Some("America/Santiago")),
        "FR" => (Some("fr"), Some("Europe/Paris")),
        "DE" => (Some("de"), Some("Europe/Berlin")),
        "AT" => (Some("de"), Some("Europe/Vienna")),
        "IT" => (Some("it"), Some("Europe/Rome")),
        "ID" => (Some("id"), Some("Asia/Jakarta")),
        "NL" => (Some("nl"), Some("Europe/Amsterdam")),
        "BE" => (Some("nl"), Some("Europe/Brussels")),
        "US" => (Some("en"), Some("America/New_York")),
        "GB" => (Some("en"), Some("Europe/London")),
        _ => (None, None),
    }
}

/// The immediate acknowledgement of a new conversation, in the contact's language.
pub fn acknowledgement(contact: &ContactFacts, minutes: u32) -> String {
    let name = contact
        .name
        .as_deref()
        .and_then(|n| n.split_whitespace().next())
        .unwrap_or("");
    let hi = |word: &str| if name.is_empty() { word.to_string() } else { format!("{word} {name}") };
    match contact.language.as_deref().unwrap_or("en") {
        "pt" => format!("{}, obrigado por nos escrever! Já estou verificando e te respondo em até {minutes} minutos. Se tiver o número do pedido, pode me mandar aqui?", hi("Oi")),
        "es" => format!("{}, ¡gracias por escribirnos! Ya lo estoy revisando y te respondo en menos de {minutes} minutos. Si tienes el número de pedido, ¿me lo pasas por aquí?", hi("Hola")),
        _ => format!("{}, thanks for reaching out! I'm looking into it now and will get back to you within {minutes} minutes. If you have your order number, could you send it here?", hi("Hi")),
    }
}
