//! The word lists the number reader uses, folded (lower case, no accents).

/// Words that announce an order number, in the eight languages.
#[rustfmt::skip]
pub(super) const ORDER_WORDS: &[&str] = &[
    "order", "orders", "ord", "orderid", "pedido", "pedidos", "encomenda", "encomendas", "compra",
    "commande", "commandes", "cde", "bestellung", "bestellungen", "bestellnummer", "bestellnr",
    "auftrag", "auftragsnummer", "ordine", "ordini", "orden", "ordenes", "pesanan", "orderan",
    "bestelling", "bestellingen", "bestelnummer", "ordernummer", "ordernr", "ordernumber",
    "cmd", "ped", "bestelnr",
];

/// Words for the parcel itself: a short bare number right after one is the shopper's order
/// number ("mijn pakket 1037 ligt bij een afhaalpunt").
#[rustfmt::skip]
pub(super) const PARCEL_WORDS: &[&str] = &[
    "parcel", "package", "packet", "shipment", "pacote", "encomenda", "remessa", "paquete",
    "envio", "colis", "paquet", "envoi", "paket", "packchen", "sendung", "lieferung", "pacco",
    "pacchetto", "spedizione", "paketnya", "paketku", "kiriman", "pakket", "pakketje", "pakje",
    "zending",
];

/// Words that may stand between a parcel word and its number ("pakket nr. 1037").
#[rustfmt::skip]
pub(super) const NUMBER_WORDS: &[&str] = &[
    "no", "n", "nr", "nro", "num", "numero", "number", "nummer", "nomor", "nomer", "numer",
];

/// Small words that may stand between an order or tracking word and its number.
#[rustfmt::skip]
pub(super) const CONNECTORS: &[&str] = &[
    "no", "n", "nr", "nro", "num", "numero", "number", "nummer", "nomor", "id", "is", "e", "es",
    "est", "ist", "adalah", "de", "do", "da", "di", "del", "the", "my", "meu", "minha", "mi",
    "mio", "mia", "mijn", "mein", "meine", "meiner", "ma", "mon", "saya", "nya", "van", "von",
    "of", "le", "la", "el", "il", "o", "com", "con", "with", "mit", "met", "#", "was", "era",
    "und", "and", "y", "et", "dan", "en", "&", "or", "ou", "oder", "of", "+", "was", "fue", "foi",
    "etait", "war", "numer", "nro", "ref", "reference", "referencia", "nomer",
];

/// Words that join a list of order numbers ("1234 and 5678").
#[rustfmt::skip]
pub(super) const LIST_JOINERS: &[&str] = &[
    "and", "e", "y", "et", "und", "dan", "sama", "serta", "en", "&", "or", "ou", "o", "oder", "of",
    "+", "ed",
];

/// Words that announce a tracking number.
#[rustfmt::skip]
pub(super) const TRACKING_WORDS: &[&str] = &[
    "tracking", "track", "trace", "rastreio", "rastreamento", "rastreo", "codigo", "seguimiento",
    "guia", "suivi", "sendungsnummer", "sendungsverfolgung", "trackingnummer", "trackingnumber",
    "tracciamento", "spedizione", "resi", "awb", "trackingcode", "barcode", "code", "kode",
    "paketnummer", "localizador", "objeto",
];

/// Words that announce a phone number.
#[rustfmt::skip]
pub(super) const PHONE_WORDS: &[&str] = &[
    "phone", "telephone", "tel", "telefone", "telefono", "cel", "celular", "movil", "whatsapp",
    "wa", "zap", "whats", "handy", "handynummer", "telefonnummer", "cellulare", "hp", "telp",
    "telepon", "mobiel", "mobile", "cell", "portable", "numero de telefone", "contato",
    "contacto", "ligar", "llamar", "call",
];

/// Signs and codes written before a price.
#[rustfmt::skip]
pub(super) const MONEY_BEFORE: &[&str] = &[
    "$", "€", "£", "¥", "r", "rp", "usd", "eur", "brl", "mxn", "us", "idr", "chf", "gbp", "euro",
    "euros", "mx",
];

/// Words after a number that make it money, time, a quantity or a measure.
#[rustfmt::skip]
pub(super) const AFTER_NOT_ORDER: &[&str] = &[
    "reais", "real", "pesos", "peso", "euros", "euro", "eur", "dollars", "dollar", "dolares",
    "dolar", "usd", "brl", "mxn", "rupiah", "rb", "ribu", "k", "jt", "juta", "ars", "cop", "clp",
    "soles", "gbp", "pounds", "libras", "chf", "€", "$", "%", "days", "day", "dias", "dia",
    "jours", "jour", "tage", "tagen", "tag", "giorni", "giorno", "hari", "dagen", "dag", "weeks",
    "week", "semanas", "semana", "semaines", "semaine", "wochen", "woche", "settimane",
    "settimana", "minggu", "weken", "months", "month", "meses", "mes", "mois", "monate",
    "monaten", "monat", "mesi", "mese", "bulan", "maanden", "maand", "hours", "hour", "horas",
    "hora", "heures", "stunden", "ore", "jam", "uur", "minutes", "min", "minutos", "pcs", "pc",
    "pieces", "piezas", "pecas", "unidades", "units", "items", "itens", "articulos", "articles",
    "stuck", "stuk", "stuks", "pezzi", "pz", "buah", "x", "pares", "pairs", "paar", "paia",
    "pasang", "kg", "g", "gr", "ml", "cm", "mm", "gb", "tb", "mah", "reales", "yen", "yuan",
    "rmb", "km", "gram", "grams", "gramm", "gramos", "gramas", "grammi", "grammes", "liter",
    "litre", "litros", "litri",
];

/// Words that say a number was given already ("I told you", "já falei", "ya te dije").
#[rustfmt::skip]
pub(super) const TOLD_WORDS: &[&str] = &[
    "told", "said", "already", "falei", "disse", "dije", "dicho", "dit", "deja", "gesagt",
    "geschrieben", "detto", "scritto", "bilang", "kasih", "gezegd", "gestuurd", "geschreven",
    "mandei", "enviei", "passei", "informei", "mande", "envie", "pase", "donne", "envoye",
    "ecrit", "schon", "bereits", "gia", "sudah", "udah", "tadi", "sent", "gave", "given",
    "wrote", "typed", "mentioned", "ya", "ja", "al", "net",
    "vorige", "previous", "last", "anterior", "precedent", "precedente", "vorherigen", "letzten",
    "sebelumnya", "above", "arriba", "acima", "oben", "sopra", "atas",
    "forgot", "esqueci", "olvide", "oublie", "vergessen", "dimenticato", "dimenticata", "lupa",
    "vergeten", "number", "numero", "nummer", "nomor", "nomornya", "nr",
    "acabo", "decir", "dizer", "dire", "sagen", "zeggen", "appena", "baru", "just",
];

/// Words that make a short reply's number part of an address.
#[rustfmt::skip]
pub(super) const ADDRESS_WORDS: &[&str] = &[
    "zip", "zipcode", "postcode", "postal", "cep", "plz", "postleitzahl", "cp", "cap", "kodepos",
    "apartment", "apt", "apto", "depto", "piso", "huisnummer", "street", "rua", "calle", "rue",
    "strasse", "via", "jalan", "jl", "straat", "avenida", "avenue", "address", "endereco",
    "direccion", "adresse", "indirizzo", "alamat", "adres",
];
