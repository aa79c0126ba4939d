//! Message templates the simulated WABA has on file, and the rules a template send must follow.

use serde_json::{json, Value};

/// A template as Meta keeps it: one name in one language, with its category and review status.
#[derive(Clone, Debug, PartialEq)]
pub struct SimTemplate {
    pub name: String,
    /// Meta's language code, e.g. `en`, `es_MX`, `pt_BR`.
    pub language: String,
    /// `UTILITY`, `MARKETING` or `AUTHENTICATION`.
    pub category: String,
    /// `APPROVED`, `PENDING`, `REJECTED`, `PAUSED`...; only approved ones can be sent.
    pub status: String,
    /// Body text with `{{1}}`, `{{2}}`... placeholders.
    pub body: String,
    /// Quick-reply button labels.
    pub quick_replies: Vec<String>,
}

impl SimTemplate {
    fn new(name: &str, language: &str, category: &str, body: &str, quick_replies: &[&str]) -> Self {
        SimTemplate {
            name: name.to_string(),
            language: language.to_string(),
            category: category.to_string(),
            status: "APPROVED".to_string(),
            body: body.to_string(),
            quick_replies: quick_replies.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// How many `{{n}}` parameters the body expects.
    pub fn placeholder_count(&self) -> usize {
        (1..=20)
            .take_while(|n| self.body.contains(&format!("{{{{{n}}}}}")))
            .count()
    }

    /// The body with the given parameters filled in, as the shopper would read it.
    pub fn render(&self, params: &[String]) -> String {
        let mut text = self.body.clone();
        for (i, p) in params.iter().enumerate() {
            text = text.replace(&format!("{{{{{}}}}}", i + 1), p);
        }
        text
    }

    /// The template as `GET /message_templates` lists it.
    pub(crate) fn to_listing(&self, id: usize) -> Value {
        let examples: Vec<String> = (1..=self.placeholder_count())
            .map(|n| format!("example {n}"))
            .collect();
        let mut components = vec![json!({
            "type": "BODY", "text": self.body, "example": { "body_text": [examples] }
        })];
        if !self.quick_replies.is_empty() {
            let buttons: Vec<Value> = self
                .quick_replies
                .iter()
                .map(|t| json!({"type": "QUICK_REPLY", "text": t}))
                .collect();
            components.push(json!({"type": "BUTTONS", "buttons": buttons}));
        }
        json!({
            "name": self.name, "language": self.language, "status": self.status,
            "category": self.category, "id": format!("{}", 880_000_000_000_000u64 + id as u64),
            "parameter_format": "POSITIONAL", "components": components,
        })
    }
}

const ORDER_UPDATE: [(&str, &str); 9] = [
    ("en", "Hi {{1}}, there's news about your order {{2}}: {{3}}\n\nIf anything is unclear, just reply to this message and we'll be glad to help."),
    ("es", "¡Hola, {{1}}! Tenemos novedades de tu pedido {{2}}: {{3}}\n\nSi te surge cualquier duda, respóndenos aquí mismo y te ayudamos encantados."),
    ("es_MX", "¡Hola, {{1}}! Te tenemos noticias de tu pedido {{2}}: {{3}}\n\nSi tienes alguna duda, contéstanos por aquí y con gusto te ayudamos."),
    ("pt_BR", "Oi, {{1}}! Temos novidades sobre o seu pedido {{2}}: {{3}}\n\nSe ficar qualquer dúvida, é só responder esta mensagem que a gente te ajuda."),
    ("fr", "Bonjour {{1}}, du nouveau pour votre commande {{2}} : {{3}}\n\nUne question ? Répondez simplement à ce message, nous sommes là pour vous aider."),
    ("de", "Hallo {{1}}, es gibt Neuigkeiten zu deiner Bestellung {{2}}: {{3}}\n\nWenn etwas unklar ist, antworte einfach auf diese Nachricht – wir helfen dir gern."),
    ("it", "Ciao {{1}}, ci sono novità sul tuo ordine {{2}}: {{3}}\n\nSe hai qualche dubbio, rispondi pure a questo messaggio: siamo qui per aiutarti."),
    ("id", "Halo Kak {{1}}, ada kabar terbaru untuk pesanan {{2}}: {{3}}\n\nKalau ada yang kurang jelas, balas saja pesan ini ya, kami siap membantu."),
    ("nl", "Hoi {{1}}, er is nieuws over je bestelling {{2}}: {{3}}\n\nIs er iets niet duidelijk? Reageer gewoon op dit bericht, we helpen je graag."),
];

const CASE_FOLLOW_UP: [(&str, &str, &str, &str); 9] = [
    ("en", "Hi {{1}}, we're checking in about your order {{2}}. Is everything sorted now, or is there anything else we can do for you?", "All sorted, thanks", "I still need help"),
    ("es", "Hola, {{1}}: te escribimos para saber qué tal va todo con tu pedido {{2}}. ¿Ya está todo resuelto o aún podemos ayudarte en algo?", "Todo resuelto, gracias", "Aún necesito ayuda"),
    ("es_MX", "Hola, {{1}}. Te escribimos para saber cómo va todo con tu pedido {{2}}. ¿Ya quedó todo resuelto o todavía te podemos ayudar en algo?", "Todo bien, gracias", "Todavía necesito ayuda"),
    ("pt_BR", "Oi, {{1}}! Passando para saber se deu tudo certo com o seu pedido {{2}}. Está tudo resolvido ou ainda podemos te ajudar em algo?", "Deu tudo certo!", "Ainda preciso de ajuda"),
    ("fr", "Bonjour {{1}}, nous revenons vers vous au sujet de votre commande {{2}}. Tout est-il réglé, ou pouvons-nous encore faire quelque chose pour vous ?", "Tout est réglé, merci", "J'ai encore besoin d'aide"),
    ("de", "Hallo {{1}}, wir wollten kurz nachfragen, wie es mit deiner Bestellung {{2}} aussieht. Ist alles erledigt, oder können wir noch etwas für dich tun?", "Alles erledigt, danke", "Ich brauche noch Hilfe"),
    ("it", "Ciao {{1}}, ti scriviamo per sapere come va con il tuo ordine {{2}}. È tutto a posto o possiamo ancora darti una mano?", "Tutto a posto, grazie", "Mi serve ancora aiuto"),
    ("id", "Halo Kak {{1}}, kami ingin memastikan pesanan {{2}} sudah beres. Apakah semuanya sudah aman, atau masih ada yang bisa kami bantu?", "Sudah beres, makasih", "Masih butuh bantuan"),
    ("nl", "Hoi {{1}}, we willen even horen hoe het gaat met je bestelling {{2}}. Is alles opgelost, of kunnen we nog iets voor je doen?", "Alles opgelost, dank je", "Ik heb nog hulp nodig"),
];

/// The templates a fresh sandbox has: `order_update` and `case_follow_up` (utility) in the eight languages
/// Lifeline serves, plus one marketing template, so choosing the right category can be exercised.
pub fn demo_templates() -> Vec<SimTemplate> {
    let mut all: Vec<SimTemplate> = ORDER_UPDATE
        .iter()
        .map(|(lang, body)| SimTemplate::new("order_update", lang, "UTILITY", body, &[]))
        .collect();
    all.extend(CASE_FOLLOW_UP.iter().map(|(lang, body, done, help)| {
        SimTemplate::new("case_follow_up", lang, "UTILITY", body, &[done, help])
    }));
    all.push(SimTemplate::new(
        "seasonal_sale",
        "en",
        "MARKETING",
        "Hi {{1}}, our winter sale starts today: 20% off everything until Sunday.",
        &[],
    ));
    all
}
