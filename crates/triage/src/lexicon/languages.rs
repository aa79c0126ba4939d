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
hey there thanks guys folks mate cheers yeah yep nope gonna wanna gotta kinda lol omg wtf
ordered arrived received shipping parcel package delivery refund replacement reply answer waiting
anyone someone nobody everything anything nothing really actually literally already though
should would could might because about after again against between through during without
which while where there their them these those than then been being having doing
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
gracias porfavor porfa ustedes vosotros nosotros ellos ella esta estoy estamos estaba llego
llegado recibido recibi envio enviado paquete pedido compra compre cobro dinero tarjeta reembolso
todavia aun ya nada nadie algo alguien siempre nunca tambien pero porque entonces despues antes
hace desde hasta donde cuando como cual quien mucho muy poco bien mal ayer hoy manana semana
quiero necesito puedo podrian tienen tengo hay esta estan fue fueron sido hecho dijeron dicen
estafadores estafa estafador wey guey neta chido chale orale padre pinche mande oigan chavos boludo che vos sos tenes queres
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
os dejo estrellas perfecto pesimo atencion servicio cliente clientes pueden podeis habeis vuestro
vuestra muy mucho mucha muchas muchos ningun ninguna hasta desde ahora luego siempre nunca otra otro
estafa aduana agotado todavia sigo
";

const PT: &str = "
obrigado obrigada voces vcs vc nos eles elas esta estou estamos estava chegou chegado
recebido recebi envio enviado pacote pedido compra comprei cobraram dinheiro cartao reembolso
ainda ja nada ninguem algo alguem sempre nunca tambem mas porque entao depois antes faz desde
ate onde quando como qual quem muito pouco bem mal ontem hoje amanha semana quero preciso posso
podem tem tenho estao foi foram sido feito disseram dizem gente galera mano cara tipo beleza
golpistas golpista blz vlw pq tb tbm td hj msg vdd mt mto nao naum aki aqui la tb qnd qdo kd cade
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
nenhum nenhuma tudo ate hoje deu certo raiva pessimo atendimento cliente voces vossa obrigada
muito muita nao ninguem sempre agora depois hoje ontem amanha outro outra estou esperando recebi
";

const FR: &str = "
merci svp stp vous nous ils elles je suis sommes etait arrive recu envoye colis commande
achat achete argent carte remboursement toujours deja rien personne quelque quelqu jamais aussi
mais parce alors apres avant depuis jusqu ou quand comment quel quelle qui beaucoup peu bien mal
hier aujourd demain semaine veux voudrais besoin peux pouvez avez ont etait ete fait dit disent
bonjour bonsoir salut coucou cordialement madame monsieur svp mdr bcp pk pcq jsp
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
demande demandent droits douane douanes frais relais livreur passage absent absente
";

const DE: &str = "
danke bitte ihr wir sie ich bin sind war angekommen erhalten bekommen geschickt paket
bestellung kauf gekauft geld karte erstattung immer schon nichts niemand etwas jemand nie auch
aber weil dann nach vor seit bis wo wann wie welche wer viel wenig gut schlecht gestern heute
morgen woche will mochte brauche kann konnen habt hat haben wurde worden gemacht gesagt sagen
hallo moin servus gruezi tschuss lg mfg vg leider eigentlich nochmal bestellt endlich
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
grazie prego voi noi loro sono siamo era arrivato ricevuto inviato spedito pacco ordine
acquisto comprato soldi carta rimborso sempre gia niente nessuno qualcosa qualcuno mai anche
pero perche allora dopo prima da fino dove quando come quale chi molto poco bene male ieri oggi
domani settimana voglio vorrei bisogno posso potete avete hanno stato fatto detto dicono ciao
salve buongiorno buonasera cordiali saluti tipo cmq xke nn qlc
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
devo pagare tasse doganali dogana dazi giacenza ritiro ritirare ero casa nessuno
";

const ID: &str = "
terima kasih makasih kak kakak gan sis min admin kalian kami kita saya aku udah sudah belum
blm sampai sampe nyampe diterima dikirim paket pesanan barang beli bayar uang kartu refund masih
juga tapi karena terus setelah sebelum sejak sampai dimana kapan gimana bagaimana siapa banyak
sedikit baik buruk kemarin hari besok minggu mau ingin perlu bisa punya ada sudah udah bilang
katanya gak ga nggak gk tdk yg dg dgn aja aj deh dong sih kok nih tuh banget bgt gitu kenapa knp
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
bedankt dankjewel jullie wij zij ik ben zijn was aangekomen ontvangen gekregen gestuurd pakket
bestelling aankoop gekocht geld kaart terugbetaling altijd al niks niets niemand iets iemand nooit
ook maar omdat dan na voor sinds tot waar wanneer hoe welke wie veel weinig goed slecht gisteren
vandaag morgen week wil zou nodig kan kunnen hebben heeft werd geworden gedaan gezegd zeggen
zat los tafel poot gebroken hoi hallo doei groetjes mvg gr graag even nog steeds toch gewoon echt heel
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
douane vraagt invoerrechten inklaring afhaalpunt thuis koerier ophalen afhalen
";
