//! Portuguese (Brazil) phrases, folded: lower case, no accents.

use super::Lexicon;

pub(super) const PT: Lexicon = Lexicon {
    blame: &[
        "culpa (e|foi|) (dos|do|da|de) (correios|transportadora|entregador|transporte|carteiro)",
        "nao (podemos|temos como|ha o que|tem o que|temos o que) fazer",
        "nao ha nada que (possamos|podemos) fazer",
        "nao e (nossa culpa|culpa nossa)",
        "nao temos culpa",
        "nao e (nossa responsabilidade|responsabilidade nossa)",
        "fora do nosso controle",
        "(entre|entrar|entra) em contato com (os correios|a transportadora)",
        "(procure|reclame com|reclama com) (os correios|a transportadora)",
        "responsabilidade (dos correios|da transportadora)",
    ],
    stock_excuse: &["o sistema (mostrava|mostrou|indicava)", "deve ter esgotado", "erro (do|no) sistema"],
    lecturing: &[
        "(tenha|tenham) (um pouco de|) paciencia",
        "(seja|sejam) (paciente|pacientes)",
        "(precisa|precisam) ter paciencia",
        "(voce|vc|o senhor|a senhora) (tem que|precisa|deve) esperar",
        "como (ja|) (falei|dissemos|disse|informamos|expliquei|explicamos)",
        "(voce|vc) deveria ter (lido|conferido|escolhido|pedido|esperado|olhado|verificado)",
        "leia a (descricao|politica)",
    ],
    doubt: &[
        "ninguem mais (reclamou|teve|tem)",
        "nenhum outro cliente",
        "nunca (tivemos|aconteceu) (esse|isso|este|esse tipo de)",
        "nunca aconteceu",
        "(tem|voce tem) certeza",
        "conferiu direito",
    ],
    vague: &["em breve", "logo logo", "assim que possivel", "o quanto antes", "brevemente", "daqui a pouco", "qualquer hora"],
    vague_ok: &[],
    stiff_apology: &[
        "pedimos (desculpas|desculpa) (pelo|por qualquer|pelos) (transtorno|inconveniente|transtornos|inconvenientes)",
        "lamentamos (o|pelo|qualquer) (transtorno|inconveniente)",
        "desculpe (o|pelo|qualquer) (transtorno|inconveniente)",
    ],
    defensive: &[
        "conforme (nossa|nossos|a nossa|os nossos) (politica|termos)",
        "de acordo com (a nossa|nossa|os nossos|nossos) (politica|termos)",
        "segundo (a nossa|nossa) politica",
        "gostariamos de esclarecer",
        "informamos que",
        "nao nos responsabilizamos",
    ],
    full_refund: &["reembolso (total|integral|completo)", "estorno (total|integral)", "(todo|todo o) (seu|) dinheiro de volta"],
    replacement: &["(enviamos|enviar|mandamos|mandar) (outro|outra|um novo|uma nova) (para voce|pra voce|)", "reenvio", "reenviar"],
    free_express: &["(frete|envio) expresso (gratis|gratuito|sem custo)", "expresso gratis"],
};
