//! French phrases, folded: lower case, no accents.

use super::Lexicon;

pub(super) const FR: Lexicon = Lexicon {
    blame: &[
        "faute (du|de la|de) (transporteur|poste|livreur|colissimo|chronopost|la poste)",
        "(on|nous) ne (pouvons|peut) rien (faire|y faire)",
        "(ce n est|c est) pas (de|) notre faute",
        "nous ne sommes pas responsables",
        "ne depend pas de nous",
        "independant de notre volonte",
        "(contactez|contacter|adressez vous a) (le transporteur|la poste|colissimo|le livreur)",
    ],
    stock_excuse: &["le systeme (indiquait|affichait)", "(erreur|bug) (du|de) systeme"],
    lecturing: &[
        "(soyez|sois) (patient|patiente|patients)",
        "patientez",
        "il faut (etre patient|patienter|attendre)",
        "vous devez (attendre|patienter)",
        "comme (deja dit|je vous l ai dit|nous vous l avons dit|indique precedemment)",
        "vous auriez du (lire|verifier|choisir|attendre|regarder)",
        "veuillez lire",
    ],
    doubt: &[
        "personne d autre (ne s est plaint|n a eu|n a)",
        "aucun autre client",
        "(jamais eu|jamais rencontre) ce probleme",
        "(ca|cela) n est jamais arrive",
        "(etes vous|vous etes) (sur|sure)",
        "avez vous bien (verifie|regarde)",
    ],
    vague: &["bientot", "sous peu", "prochainement", "des que possible", "au plus vite"],
    vague_ok: &[],
    stiff_apology: &[
        "(nous nous excusons|veuillez nous excuser|nous vous prions de nous excuser|toutes nos excuses) pour (la gene|le desagrement|les desagrements|tout desagrement|toute gene)",
        "(desole|desoles|navre|navres) pour la gene occasionnee",
        "la gene occasionnee",
    ],
    defensive: &[
        "conformement a nos (conditions|cgv)",
        "selon (nos conditions|notre politique|nos cgv)",
        "comme indique dans (nos conditions|nos cgv|notre politique)",
        "nous vous informons que",
        "nous tenons a preciser",
    ],
    full_refund: &["remboursement (integral|complet|total)", "rembourser (integralement|la totalite)"],
    replacement: &["(renvoyer|envoyer|renvoyons|envoyons) un (nouveau|autre) (colis|article|)", "nouvel envoi"],
    free_express: &["(livraison|envoi) express (offerte|offert|gratuite|gratuit)", "express offert"],
};
