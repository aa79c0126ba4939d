//! Italian phrases, folded: lower case, no accents.

use super::Lexicon;

pub(super) const IT: Lexicon = Lexicon {
    blame: &[
        "colpa (del|della|dei|delle|dello) (corriere|corrieri|poste|spedizioniere|trasportatore|postino)",
        "non (possiamo|posso) (fare|farci) (nulla|niente)",
        "non (c e|ce) niente da fare",
        "non e (colpa nostra|nostra colpa)",
        "non dipende da noi",
        "non siamo responsabili",
        "(contatti|contatta|rivolgiti al|si rivolga al) (il corriere|le poste|corriere)",
    ],
    stock_excuse: &["il sistema (indicava|mostrava|segnava)", "errore (di|del) sistema"],
    lecturing: &[
        "(abbia|abbiate|porti|porta|portate|un po di) pazienza",
        "(devi|deve|dovete) (avere pazienza|pazientare|aspettare)",
        "come (gia|) (detto|ti ho gia detto|le ho gia detto|spiegato)",
        "(avresti|avrebbe) dovuto (leggere|controllare|scegliere|aspettare|guardare)",
    ],
    doubt: &[
        "nessun altro (si e lamentato|ha avuto|ha segnalato|cliente)",
        "non e mai successo",
        "mai avuto questo problema",
        "(sei|e) (sicuro|sicura) (di|che|)",
        "(hai|ha) controllato bene",
    ],
    vague: &["presto", "a breve", "prossimamente", "il prima possibile", "appena possibile", "quanto prima"],
    vague_ok: &[],
    stiff_apology: &[
        "ci scusiamo per (il disagio|l inconveniente|i disagi|qualsiasi disagio|l accaduto)",
        "(scusate|scusa|scusi) (il disagio|per il disagio|per l inconveniente)",
        "ci dispiace per il disagio arrecato",
    ],
    defensive: &[
        "secondo (la nostra politica|le nostre condizioni|i nostri termini)",
        "come indicato (nelle|nei) (condizioni|termini)",
        "(le|ti) ricordiamo che",
        "desideriamo precisare",
    ],
    full_refund: &["rimborso (completo|totale|integrale)", "rimborsare (tutto|l intero importo)"],
    replacement: &["(nuova spedizione|rispedire|rispediamo|rispedirti)", "(mandarti|inviarti) (un altro|uno nuovo)"],
    free_express: &["(spedizione|consegna) express (gratuita|gratis|senza costi)", "express gratis"],
};
