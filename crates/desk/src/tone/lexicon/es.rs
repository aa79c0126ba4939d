//! Spanish phrases, folded: lower case, no accents.

use super::Lexicon;

pub(super) const ES: Lexicon = Lexicon {
    blame: &[
        "culpa (de la|del|de) (paqueteria|transportista|mensajeria|correo|correos|repartidor|courier|empresa de envios)",
        "no (podemos|se puede) hacer nada",
        "no hay nada que (podamos|se pueda) hacer",
        "no es (nuestra culpa|culpa nuestra)",
        "no somos responsables",
        "no depende de nosotros",
        "fuera de nuestro control",
        "(contacte|contacta|comuniquese|comunicate|pongase en contacto|ponte en contacto) con (la paqueteria|el transportista|correos|la mensajeria)",
    ],
    stock_excuse: &["el sistema (mostraba|marcaba|indicaba)", "se (debio|debe haber) agotado", "error (del|de) sistema"],
    lecturing: &[
        "(ten|tenga|tened|tengan) (un poco de|) paciencia",
        "(sea|se|sean) paciente",
        "hay que tener paciencia",
        "(tiene|tienes|debe|debes) (que|) esperar",
        "como ya (le|te|les|) (dije|dijimos|explique|explicamos|informamos|comentamos)",
        "(deberia|deberias) haber (leido|revisado|elegido|pedido|esperado|mirado)",
        "(lea|lee) la (descripcion|politica)",
    ],
    doubt: &[
        "nadie mas (se ha quejado|ha tenido|se quejo|tuvo|ha reportado)",
        "ningun otro cliente",
        "nunca (hemos tenido|habiamos tenido|ha pasado|paso) (este|esto|eso|)",
        "(esta|estas|esta usted) (seguro|segura)",
        "(reviso|revisaste) bien",
    ],
    vague: &["pronto", "en breve", "proximamente", "lo antes posible", "a la brevedad", "en unos dias"],
    vague_ok: &["tan pronto como"],
    stiff_apology: &[
        "(disculpe|disculpa|disculpen) (las|por las) molestias",
        "lamentamos (las|cualquier) (molestias|inconveniente|inconvenientes)",
        "(pedimos|ofrecemos) disculpas por (las molestias|el inconveniente|cualquier inconveniente|los inconvenientes)",
        "sentimos las molestias",
    ],
    defensive: &[
        "segun (nuestra|nuestras|nuestros) (politica|politicas|condiciones|terminos)",
        "de acuerdo (con|a) (nuestra|nuestras|nuestros) (politica|politicas|condiciones|terminos)",
        "le informamos que",
        "queremos aclarar",
        "no nos hacemos responsables",
    ],
    full_refund: &["reembolso (total|completo|integral)", "devolucion (total|completa) del (dinero|importe)", "todo tu dinero"],
    replacement: &["(enviamos|enviarte|enviarle|mandamos) (otro|otra|uno nuevo|una nueva)", "reenvio", "reenviar"],
    free_express: &["envio expres (gratis|gratuito|sin coste|sin costo)", "expres gratis"],
};
