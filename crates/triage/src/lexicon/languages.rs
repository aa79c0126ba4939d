//! The words that tell the eight first languages apart, in folded form (lower case, no
//! accents). A word worth one point is listed plain; `!` after a word makes it worth three
//! (greetings and thanks that settle a message of one word). A word written the same way in
//! two languages is listed in both, so it tells nothing.

pub(crate) const LANGUAGES: [(&str, &str); 8] = [
    ("en", EN),
    ("es", ES),
    ("pt", PT),
    ("fr", FR),
    ("de", DE),
    ("it", IT),
    ("id", ID),
    ("nl", NL),
];

const EN: &str = "
the a an and or but of to in on at for with from by about my your our their his her its me you
we they it i is are was were be been being have has had do does did dont didnt doesnt havent hasnt
isnt wasnt arent cant wont couldnt wouldnt shouldnt not no yes this that these those what where
when why how who which can could would should will shall may might must im ive ill id youre its
order orders ordered package parcel item items delivery delivered arrive arrived arriving shipping
shipped still yet never again please pls plz thanks! thank thx hello! hi! hey! dear sir madam
received receive got get tracking refund money charged twice wrong size colour color broken
damaged missing box week weeks days day month ago since already just only also too very
really so much many some any all nothing anything something someone help need want waiting wait
today yesterday tomorrow morning still update answer reply email sent send return exchange
fit small big late lost stolen said says shows here there now after before guys pay paid
anyone hope store shop buy bought product products number status asap
";

const ES: &str = "
el la los las un una unos unas y o pero de del al a en con por para sin sobre mi mis tu su sus
nuestro yo me te se le lo les nos es son fue era esta estan estoy estaba ha han he hemos hay
que como cuando donde porque por que quien cual cuanto si no ya aun todavia tambien muy mas
menos nada algo alguien nadie hola! gracias! buenas! buenos buen dia dias tardes noches saludos
pedido pedidos paquete envio llega llego llegado llegar recibi recibido compra compre pague
pagado cobraron cobro dinero reembolso devolver cambiar talla roto rota equivocado falta faltan
semana semanas mes hace ayer hoy manana ahora despues antes favor porfa xfa necesito quiero
puedo pueden podrian me ha nunca sigue seguimiento guia numero ayuda respuesta contestan
oigan oye wey guey neta chido ustedes usted senor senora vez veces dos solo caja producto
tienda correo mande enviaron mandaron esto eso aqui alla entonces bueno vale tengo tiene tienen
estafa aduana agotado todavia sigo
";

const PT: &str = "
o a os as um uma uns umas e ou mas de do da dos das no na nos nas em com por para pra pro sem
sobre meu minha meus minhas seu sua seus suas eu voce voces vc vcs ele ela eles nos me te se
lhe isso isto esse essa este esta estao estou estava foi era sao tem tenho temos ha que como
quando onde porque por que quem qual quanto sim nao ja ainda tambem muito muita mais menos nada
algo alguem ninguem oi! ola! obrigado! obrigada! valeu! brigado bom boa dia tarde noite
pedido pedidos encomenda pacote entrega chegou chega chegar recebi recebido compra comprei paguei
pago cobraram cobrado dinheiro reembolso estorno devolver trocar troca tamanho quebrado quebrada
errado errada faltou falta semana semanas mes faz ontem hoje amanha agora depois antes favor
pfv pf preciso quero posso podem poderiam nunca cade kd rastreio codigo numero ajuda resposta
respondem gente galera aqui ali entao entao beleza ne tá ta to tô vou vai fiz fica ficou veio
vieram mandaram enviaram caixa produto loja correios ate prazo sumiu golpe reclame procon
nenhum nenhuma tudo ate hoje deu certo
";

const FR: &str = "
le la les un une des et ou mais de du au aux en dans avec par pour sans sur mon ma mes ton ta tes
son sa ses notre votre vos leur je j tu il elle nous vous ils elles me te se lui ce cet cette ces
est sont etait suis ai as avons avez ont a fait qui que quoi quand ou comment pourquoi oui non
ne pas plus rien jamais toujours encore deja aussi tres bien merci! bonjour! bonsoir! salut!
madame monsieur commande commandes colis livraison livre recu recue reçu arrive arrivee arriver
achete paye payee argent remboursement rembourser retour echanger taille casse cassee abime
mauvais mauvaise manque semaine semaines mois jours depuis hier aujourd hui demain maintenant apres
avant svp stp plait voudrais veux peux pouvez pourriez besoin suivi numero aide reponse repondez
c est n ai l d qu s y ca cela ceci voici voila alors donc car parce quelqu personne produit
boutique site transporteur poste vide toujours attends attendre
";

const DE: &str = "
der die das den dem des ein eine einen einem einer und oder aber von zu im in am an auf fur mit
bei aus nach uber ohne mein meine meinen meiner dein ihr ihre unser euer ich du er sie es wir
mich mir dich dir sich ist sind war waren bin bist habe hast hat haben hatte wurde wird werden
kann konnen konnte muss mussen soll sollte will mochte was wo wann warum wie wer welche ja nein
nicht kein keine keinen nichts nie immer noch schon auch sehr bitte danke! hallo guten tag morgen
abend herr frau bestellung bestellt paket sendung lieferung geliefert zugestellt angekommen
erhalten bekommen gekauft bezahlt geld erstattung zuruck umtauschen grosse kaputt falsch fehlt
woche wochen monat tagen seit gestern heute jetzt dann danach vorher brauche hilfe antwort
antworten sendungsverfolgung nummer leider schon wieder doch mal bis dass weil wenn also
artikel karton shop firma post hermes dhl einfach gar ganz hier dort denn eigentlich
";

const IT: &str = "
il lo la i gli le un uno una e o ma di del della dei degli delle al alla ai agli alle da dal
dalla in nel nella nei con per su sul sulla senza mio mia miei mie tuo tua suo sua nostro vostro
io tu lui lei noi voi loro mi ti si ci vi ne e sono era erano sia ho hai ha abbiamo avete hanno
che come quando dove perche chi quale quanto si no non gia ancora anche molto piu meno niente
nulla qualcosa qualcuno nessuno ciao! grazie! buongiorno! buonasera! salve! gentili gentile
ordine ordini pacco pacchi spedizione consegna consegnato arrivato arrivata arriva ricevuto
ricevuta comprato pagato soldi rimborso reso cambiare taglia rotto rotta sbagliato manca
settimana settimane mese giorni fa ieri oggi domani adesso dopo prima favore prego vorrei
voglio posso potete potreste bisogno tracciamento numero aiuto risposta rispondete allora quindi
questo questa quello quella qui li ecco cosa tutto corriere scatola prodotto negozio sto stato
";

const ID: &str = "
yang dan atau tapi tetapi dari ke di pada untuk dengan tanpa tentang saya aku kamu anda dia
kami kita mereka ini itu ada adalah sudah udah sdh belum blm masih juga sangat banget lebih
kurang tidak tdk gak ga nggak enggak ngga bukan apa dimana kapan kenapa mengapa bagaimana gimana
siapa berapa ya iya yaa dong deh sih kok kak! kakak gan min admin mas mbak bang halo! hai!
terima! kasih! makasih! trims! tolong mohon maaf pesanan pesan paket barang kiriman pengiriman
kirim dikirim sampai sampe nyampe datang diterima terima beli bayar dibayar uang refund tukar
ukuran rusak pecah salah minggu bulan hari lalu kemarin hari ini besok sekarang nanti sebelum
sesudah mau ingin bisa bisakah perlu resi nomor bantu bantuan balas jawab respon lagi aja saja
cuma hanya semua sama nih tuh gitu gini kurir toko produk kardus pembayaran transfer saldo
selamat pagi siang sore malam
";

const NL: &str = "
de het een en of maar van voor naar in op aan met bij uit om over zonder mijn m jouw je jij uw
zijn haar ons onze hun ik hij zij wij we jullie mij me hem is ben bent zijn was waren heb hebt
heeft hebben had wordt worden kan kunnen kon moet moeten zou zouden wil wilt willen wat waar
wanneer waarom hoe wie welke ja nee niet geen niks niets nooit altijd nog al ook heel erg zeer
graag alsjeblieft alstublieft aub bedankt! dank! dankjewel! dankuwel! hoi! hallo goedemorgen!
goedemiddag! goedenavond! meneer mevrouw bestelling besteld pakket pakketje zending levering
geleverd bezorgd aangekomen ontvangen gekregen gekocht betaald geld terugbetaling retour ruilen
maat kapot verkeerde ontbreekt week weken maand dagen sinds geleden gisteren vandaag morgen nu
daarna eerder er twee keer afgeschreven help hulp antwoord reageren track trace nummer even toch maar dus want omdat als
dan deze dit die dat hier daar iets iemand niemand doos product winkel postnl bezorger steeds
";
