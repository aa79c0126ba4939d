//! The phone page (`/sandbox/phone`) and the JSON API behind it: pick or invent a shopper, chat, see ticks.

mod api;
mod screen;

use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use axum::Router;

use crate::config::SimConfig;
use crate::identity::ShopperProfile;
use crate::model::Shopper;
use crate::Sandbox;

/// The sample photo the phone page can send: a small drawing of a dented parcel (PNG).
pub const SAMPLE_PHOTO: &[u8] = include_bytes!("../assets/sample-parcel.png");
/// The sample voice note: about a second of chime, OGG/Opus mono.
pub const SAMPLE_VOICE: &[u8] = include_bytes!("../assets/sample-voice.ogg");

const PAGE: &str = concat!(
    include_str!("../assets/phone-head.html"),
    "<style>\n",
    include_str!("../assets/phone.css"),
    "</style>\n",
    include_str!("../assets/phone-body.html"),
    "<script>\n",
    include_str!("../assets/phone.js"),
    "</script>\n</body>\n</html>\n",
);

/// Markets the phone page offers when inventing a shopper, with their calling codes.
pub const COUNTRIES: [(&str, &str, &str); 10] = [
    ("BR", "Brasil", "55"),
    ("MX", "México", "52"),
    ("ES", "España", "34"),
    ("FR", "France", "33"),
    ("DE", "Deutschland", "49"),
    ("IT", "Italia", "39"),
    ("ID", "Indonesia", "62"),
    ("NL", "Nederland", "31"),
    ("US", "United States", "1"),
    ("GB", "United Kingdom", "44"),
];

/// The demo shoppers: number, name, country and, for the username-only one, their BSUID.
const DEMO: [(&str, &str, &str, Option<&str>); 9] = [
    ("5511987654321", "Ana Souza", "BR", None),
    ("5215512345678", "Carlos Ramírez", "MX", None),
    ("34612345678", "Lucía García", "ES", None),
    ("33612345678", "Camille Martin", "FR", None),
    ("4915112345678", "Jonas Weber", "DE", None),
    ("393471234567", "Giulia Rossi", "IT", None),
    ("6281234567890", "Putri Lestari", "ID", None),
    ("31612345678", "Daan de Vries", "NL", None),
    (
        "14155550123",
        "Jordan Lee",
        "US",
        Some("US.13491208655302741918"),
    ),
];
/// Demo shoppers who have a WhatsApp username.
const DEMO_USERNAMES: [(&str, &str); 2] = [
    ("5511987654321", "@ana.rio"),
    ("14155550123", "@jordan.lee"),
];

/// The demo shoppers of the eight markets (and one username-only shopper), writing to `phone_number_id`,
/// each with their country code. Their numbers match the demo orders.
pub fn demo_shoppers(phone_number_id: &str) -> Vec<(Shopper, String)> {
    DEMO.iter()
        .map(|(wa_id, name, country, user_id)| {
            let shopper = Shopper {
                wa_id: wa_id.to_string(),
                name: name.to_string(),
                user_id: user_id.map(str::to_string),
                phone_number_id: phone_number_id.to_string(),
            };
            (shopper, country.to_string())
        })
        .collect()
}

/// The demo shoppers of the first hosted number with the ids they show the business.
pub(crate) fn demo_shoppers_for(config: &SimConfig) -> Vec<(Shopper, String, ShopperProfile)> {
    let Some(number) = config.numbers.first() else {
        return Vec::new();
    };
    demo_shoppers(&number.phone_number_id)
        .into_iter()
        .map(|(shopper, country)| {
            let username = DEMO_USERNAMES
                .iter()
                .find(|(wa_id, _)| *wa_id == shopper.wa_id)
                .map(|(_, name)| name.to_string());
            let profile = ShopperProfile {
                user_id: shopper.user_id.clone(),
                phone_shared: shopper.user_id.is_none(),
                username,
                ..ShopperProfile::default()
            };
            (shopper, country, profile)
        })
        .collect()
}

/// The country whose calling code a number starts with, among the phone page's markets.
pub(crate) fn country_of_number(wa_id: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(_, _, dial)| wa_id.starts_with(dial))
        .map(|(code, _, _)| *code)
}

pub(crate) fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/sandbox/phone", get(page))
        .route(
            "/sandbox/api/shoppers",
            get(api::list_shoppers).post(api::create_shopper),
        )
        .route(
            "/sandbox/api/shoppers/{wa_id}/messages",
            post(api::send_message),
        )
        .route(
            "/sandbox/api/shoppers/{wa_id}/user_id",
            post(api::change_user_id),
        )
        .route("/sandbox/api/shoppers/{wa_id}/thread", get(screen::thread))
        .route("/sandbox/api/shoppers/{wa_id}/seen", post(screen::seen))
        .route("/sandbox/api/events", get(screen::events))
        .route("/sandbox/api/stats", get(screen::stats))
        .route("/sandbox/api/sent", get(screen::sent))
        .route("/sandbox/media/{media_id}", get(screen::media))
        .layer(axum::extract::DefaultBodyLimit::max(24 * 1024 * 1024))
}

/// The page's own script and styles are inline; everything else it loads comes from the sandbox itself,
/// except business media sent by link.
const PAGE_POLICY: &str = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
    img-src 'self' http: https:; media-src 'self' http: https:; connect-src 'self'; frame-ancestors 'none'";

async fn page() -> impl IntoResponse {
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_SECURITY_POLICY, PAGE_POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        Html(PAGE),
    )
}

/// Headers for serving a stored file: its own type, never sniffed, never run as a page.
pub(crate) fn file_headers(mime: &str) -> [(header::HeaderName, String); 3] {
    [
        (header::CONTENT_TYPE, mime.to_string()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        (header::CONTENT_SECURITY_POLICY, "sandbox".to_string()),
    ]
}
