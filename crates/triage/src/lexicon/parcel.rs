//! How shoppers describe a parcel that is neither lost nor simply travelling: a delivery
//! attempt that failed, a parcel waiting to be collected, customs holding it. One line per
//! situation and weight: `situation W: phrase, ...` in folded form (`*` = word start, `xx:` =
//! only in language xx). A negative weight takes back a shorter phrase it contains ("c'est pas
//! chez moi" is a wrong address, not "I was not home").

pub(crate) const SITUATIONS: &str = "
not_home 3: wasnt home, was not home, werent home, not at home, wasnt at home, was not at home, nobody home, nobody was home, nobody was in, nobody at home, no one home, no one was home, no one was in, no one at home, noone home, nobody answered the door, missed delivery, missed the delivery, missed you, we missed you, delivery attempt, delivery attempted, attempted delivery, attempted to deliver, tried to deliver, tried delivering, failed delivery, failed to deliver, unable to deliver, could not deliver, couldnt deliver, recipient not available, recipient unavailable, recipient absent, while i was at work, when i was at work, whilst i was out, while i was out
not_home 2: redelivery, redeliver, rebook, reschedule the delivery, reschedule delivery, deliver it again, come again, left a card, calling card, card through the door, absent
not_home 3: note on my door, note on the door, left a note, left me a note, customer not in, recipient not in, marked as not in, not in when, didnt ring, didnt even ring, didnt knock, didnt even knock, didnt ring the bell, will try again, come back tomorrow
not_home 2: try again
not_home 3: no estaba en casa, no estaba en mi casa, no estabamos en casa, no habia nadie, nadie en casa, no me encontraron, no me encontro, destinatario ausente, aviso de visita, dejaron un aviso, dejo un aviso, intento de entrega, intentaron entregar, intentaron entregarlo, intento entregar, entrega fallida, entrega no realizada, reprogramar la entrega, volver a pasar, vuelvan a pasar, segunda visita, cuando estaba en el trabajo, cuando estaba trabajando
not_home 2: ausente, reprogramar, reprogramo, nueva entrega
not_home 3: como no habia nadie, cliente ausente, no tocaron, ni tocaron, no toco el timbre, volveran a pasar, volvera a pasar, pasaran de nuevo
not_home 3: nao estava em casa, nao estavamos em casa, nao estava ninguem, nao tinha ninguem, nao havia ninguem, ninguem em casa, nao me encontrou, nao me encontraram, destinatario ausente, carteiro nao encontrou, tentativa de entrega, tentaram entregar, tentou entregar, entrega nao realizada, entrega nao efetuada, aviso de tentativa, deixaram um aviso, deixou um aviso, tava no trabalho, estava no trabalho, estava trabalhando
not_home 2: ausente, reagendar, reagendo, reagendamento, nova tentativa, tentar de novo, tentar novamente
not_home 3: deixou um bilhete, deixaram um bilhete, carteiro nao atendido, nao atendido, destinatario nao encontrado, nao tocou, nem tocou, nem tocaram, voltaria amanha, volta amanha, voltam amanha
not_home 2: bilhete
not_home 3: pas chez moi, etais pas chez moi, etions pas chez nous, personne chez moi, personne a la maison, pas a la maison, n y avait personne, destinataire absent, avis de passage, tentative de livraison, livraison echouee, echec de livraison, echec de la livraison, relivrer, relivraison, reprogrammer la livraison
not_home -3: n est pas chez moi, c est pas chez moi
not_home 2: absente, reprogrammer, nouvelle livraison, repasser, repasse, repassera
not_home 3: n a pas sonne, n a meme pas sonne, pas sonne, personne n etait la, il repassera, repassera demain
not_home 3: nicht zu hause, nicht zuhause, nicht daheim, niemand zu hause, niemand zuhause, niemand daheim, keiner zu hause, keiner zuhause, nicht angetroffen, zustellversuch, zustellungsversuch, benachrichtigungskarte, benachrichtigungszettel, zustelltermin, erneute zustellung, nochmal zustellen, zustellung fehlgeschlagen, zustellung nicht moglich, als ich arbeiten war, als ich auf der arbeit war
not_home 2: kommen die nochmal, kommt er nochmal, nochmal vorbei
not_home 3: karte eingeworfen, karte in den briefkasten, benachrichtigung eingeworfen, nicht anwesend, nicht geklingelt, nicht mal geklingelt, kommen morgen wieder, kommt morgen wieder, morgen nochmal
not_home 2: zettel
not_home 3: non ero a casa, non ero in casa, non eravamo a casa, non c era nessuno, nessuno in casa, nessuno a casa, destinatario assente, avviso di passaggio, tentativo di consegna, tentata consegna, mancata consegna, consegna fallita, consegna non riuscita, riconsegna, riconsegnare, ero al lavoro, ero a lavoro
not_home 2: assente, nuova consegna, ripassa, ripassano, ripassare, ero fuori
not_home 3: lasciato un biglietto, ripassa domani, destinatario non trovato, non trovato in casa, non ha suonato, nemmeno suonato, neanche suonato
not_home 2: biglietto
not_home 3: tidak ada di rumah, gak ada di rumah, ga ada di rumah, nggak ada di rumah, gk ada di rumah, tidak di rumah, gak di rumah, ga di rumah, nggak di rumah, lagi di luar, rumah kosong, gak ada orang, tidak ada orang, ga ada orang, penerima tidak di tempat, penerima tidak ada, penerima tidak dikenal, gagal kirim, gagal antar, gagal diantar, gagal dikirim, pengiriman gagal, percobaan pengiriman, diantar ulang, antar ulang
not_home 1.5: dikirim ulang, jadwal ulang
not_home 3: rumahnya kosong, tidak ada di tempat, gak ada di tempat, ga ada di tempat, dibawa balik, dibawa kembali ke gudang
not_home 3: niet thuis, niemand thuis, niet aanwezig, niemand aanwezig, hebben je gemist, heeft me gemist, hebben me gemist, me gemist, bezorgpoging, niet bezorgd kunnen worden, kon niet bezorgd, kon niet worden bezorgd, opnieuw bezorgd, opnieuw bezorgen, nieuwe bezorging, nieuwe bezorgdag, aan het werk toen, aan het werk was
not_home 2: gemist, kaartje
not_home 3: briefje achtergelaten, kaartje achtergelaten, nog een keer langs, morgen nog een keer, niet aangebeld, niet eens aangebeld, niet eens gebeld
not_home 2: briefje
pickup_point 3: pickup point, pick up point, pickup location, pick up location, collection point, parcel locker, parcel lockers, locker, lockers, inpost, parcel shop, parcelshop, parcel point, access point, post office, postoffice, sorting office, delivery office, ready for collection, ready for pickup, ready to collect, ready to be collected, awaiting collection, waiting for collection, waiting to be collected, collect it, collect my parcel, collect the parcel
pickup_point 2: depot, to collect, collect from, pick it up from, pick it up at, go and get it
pickup_point 3: ready to pick up, ready for pick up
pickup_point 1.5: pick it up
pickup_point 3: punto de recogida, punto de entrega, punto de retiro, punto pack, oficina de correos, oficina de paqueteria, sucursal, casillero, taquilla, para recoger, disponible para recoger, ir a recoger, recogerlo, recogerla, retirarlo en, lista para recoger
pickup_point 2: en la oficina, consigna, ir a buscarlo
pickup_point 3: retirar mi pedido, retirar el paquete
pickup_point 2: oficina de
pickup_point 1.5: ir por el
pickup_point 3: ponto de retirada, ponto de coleta, ponto de recolha, aguardando retirada, disponivel para retirada, disponivel para levantamento, retirar na, buscar na agencia, buscar na, levantar na, loja parceira, cacifo, armario inteligente, ponto ctt, estacao ctt, na agencia, agencia dos correios, agencia do correio
pickup_point 1.5: agencia, ir buscar, retirar
pickup_point 3: pra retirada, para retirada, numa agencia
pickup_point 3: point relais, relais colis, point retrait, relais pickup, mondial relay, casier, bureau de poste, a la poste, en attente de retrait, a retirer, le retirer, la retirer, disponible en point
pickup_point 2: consigne, chez le commercant, aller le chercher, aller la chercher
pickup_point 3: en consigne
pickup_point 2: pickup
pickup_point 1.5: retirer
pickup_point 3: packstation, paketstation, paketshop, paket shop, hermes shop, dpd shop, postfiliale, filiale, abholstation, abholpunkt, abholcode, abholbereit, zur abholung, bei der post, postamt, paketautomat
pickup_point 1.5: abholen
pickup_point 1.5: de:holen
pickup_point 3: punto di ritiro, punto ritiro, punto di raccolta, punto poste, fermopoint, giacenza, ufficio postale, ritirare, ritirarlo, ritirarla, da ritirare, tabaccheria, edicola
pickup_point 1.5: ritiro
pickup_point 3: pronto per il ritiro, pronto al ritiro, disponibile per il ritiro, ritiro in posta
pickup_point 2: in posta
pickup_point 2: andare a prenderlo, andare a prenderla, alla posta
pickup_point 3: titik ambil, titik pengambilan, diambil sendiri, ambil sendiri, kantor pos, gerai, loker, indomaret, alfamart, drop point
pickup_point 2: ambil di, saya ambil, bisa diambil, id:agen, id:counter
pickup_point 1.5: diambil
pickup_point 3: afhaalpunt, ophaalpunt, pakketpunt, postnl punt, servicepunt, service point, pakketautomaat, pakketkluis, postkantoor, ligt klaar
pickup_point 1.5: ophalen, afhalen
pickup_point 2: kluis, ligt bij
pickup_point 3: servicepoint
pickup_point 2: staat klaar
pickup_point 1: nl:halen
customs 3: customs, custom duties, customs duty, import duty, import duties, import tax, import taxes, import vat, import fees, import fee, import charges, customs clearance, commercial invoice, proforma invoice
customs 2: duties, clearance
customs 3: duty and handling, in duty
customs 2: duty
customs 3: aduana, aduanas, aranceles, arancel, impuestos de importacion, impuesto de importacion, derechos de aduana, despacho aduanero, aduanero, aduanera, factura comercial
customs 3: alfandega, aduaneira, aduaneiro, taxado, taxada, taxa de importacao, imposto de importacao, receita federal, tributado, tributada, desembaraco, fiscalizacao
customs 3: douane, douanes, droits de douane, frais de douane, frais d importation, taxes d importation, dedouanement, dedouaner, douanier, douaniere
customs 3: zoll, zollamt, zollgebuhr, zollgebuhren, zollabfertigung, einfuhrumsatzsteuer, einfuhrabgaben, einfuhrzoll, verzollung, verzollen, verzollt, zollkosten, zollgebuehren
customs -3: zoll monitor*, zoll bildschirm*, zoll fernseher*, zoll display*, zoll tv, zoll laptop*, zoll notebook*, zoll tablet*, zoll reifen, zoll felge*, zoll rad, zoll rader, zoll zoll
customs 3: dogana, dogane, doganale, doganali, dazi, dazio, sdoganamento, sdoganare
customs 3: bea cukai, beacukai, bea masuk, pajak impor, cukai, pabean, kepabeanan
customs 3: douane, douanekosten, invoerrechten, inklaring, inklaringskosten, inklaren
not_home 3: nobody answered, no one answered, noone answered, nobody opened, no one opened, nobody was there, no one was there, tried twice, tried 2 times, tried three times, tried 3 times, came twice, twice nobody
not_home 3: nadie estaba, no estaba nadie, nadie atendio, nadie abrio, nadie me abrio, no abrio nadie, no me abrieron, aviso de ausencia
not_home 2: ausencia
not_home 3: aviso de ausencia, ninguem atendeu, ninguem abriu, ninguem estava, nao atenderam, ninguem pra receber, ninguem para receber
not_home 3: personne n a repondu, personne n a ouvert, personne pour receptionner, personne pour recevoir
not_home 3: niemand da, keiner da, niemand aufgemacht, keiner aufgemacht, niemand hat aufgemacht, niemand geoffnet, als ich weg war, ich war nicht da, wir waren nicht da, sei nicht da, ware nicht da, angeblich nicht da, angeblich niemand
not_home 2: zustellung verschieben, verschieben, anderen tag, anderen termin
not_home 3: nessuno ha risposto, nessuno ha aperto, non ha trovato nessuno, non mi ha trovato, non mi hanno trovato, nessuno per ricevere
not_home 3: gak ada yang buka, ga ada yang buka, tidak ada yang buka, gak ada yang nerima, ga ada yang nerima, tidak ada yang menerima, gak ada orang di rumah
not_home 3: niemand opendeed, niemand deed open, niemand die opendeed, niemand om aan te nemen
pickup_point 3: pickup shop, pick up shop, pickup counter, code de retrait, codigo de retirada, codigo de retiro, codice di ritiro, kode ambil, kode pengambilan, ophaalcode, afhaalcode
pickup_point 2: retirada, recuperer, fach, vakje, nl:primera
customs 3: iva de importacion, iva import, impuesto de importacion, tasse doganali, tasse di importazione, frais de dedouanement
not_home 3: i wasnt there, i wasn t there, i was not there, i was out, i was away, yo no estaba, no estaba yo, eu nao estava, eu nao tava, nao tava em casa, je n etais pas la, j etais pas la, j etais absent, j etais absente, ich war weg, io non c ero, non c ero, aku lagi gak di rumah, lagi kerja, lg kerja, ik was er niet, was ik er niet, was ik niet thuis
not_home 3: pas d avis, aucun avis, sans avis, pas laisse d avis, provato a consegnare, tentato di consegnare, hanno provato a consegnare, ha provato, hanno provato, tried to drop it off, came by, came round, came to deliver, veio entregar, passou aqui, vino a entregar, paso a entregar, kaartje in de bus, briefje in de bus, kam vorbei, war hier
not_home 1.5: est passe, est venu, voltar, volver a pasar, wiederkommen, ripassare, datang lagi, terugkomen
pickup_point 3: for collection, to be collected, local shop, shop for collection, relais, bureau de tabac, buraliste, tabac, agen j t, agen jnt, agen terdekat
pickup_point -2: ligt bij de buren, ligt bij de buurman, ligt bij de buurvrouw, ligt bij buren
customs 3: taxacao, taxaram, tributacao, tributaram, taxa alfandegaria, fiscalizacao aduaneira
customs 1.5: imposto, impostos, impuestos, pajak, tasse, taxes, belasting, steuer, steuern
customs 1.5: tva, vat, iva, mwst, btw, ppn, fr:droits, fr:les droits
customs 2: importazione, importacion, importacao, importation, einfuhr, impor, invoer
customs 3: minhas importacoes, remessa conforme, taxa dos correios, kena pajak, kena bea, biaya bea masuk, bea masuk, customs hold, held by customs, customs charge, customs charges, customs fee, customs fees, tasas de aduana, gastos de aduana, derechos de importacion, despacho de aduana, zollanmeldung, zollinhaltserklarung, zollbescheid, zollstelle, dazi doganali, spese doganali, diritti doganali, importheffing, importkosten, invoerbelasting, tertahan di customs, ketahan di customs
pickup_point 3: amazon hub, hub counter, citypaq, kiala, paczkomat, kiosk, quiosque, lockerbox, pickup store, hermes paketshop, held at the post office, ophalen bij, afhalen bij, recoger en, retirar en, buscar no, ritirare in, ritirarlo in, abholen bei, abholen in, ambil di agen
not_home 3: couldnt get in, could not get in, couldnt access, no access, sin acceso, no pudo entrar, nao conseguiu entrar, pas pu acceder, pas pu entrer, kein zugang, kam nicht rein, non ha potuto accedere, gak bisa masuk, ga bisa masuk, kon er niet in, couldnt find the address, could not find the address, address not found, no encontro la direccion, nao encontrou o endereco, nao achou o endereco, adresse introuvable, adresse nicht gefunden, indirizzo non trovato, alamat tidak ditemukan, alamat gak ketemu, alamat ga ketemu, adres niet gevonden
not_home 3: came to the door, even came to the door, nobody even came, no one even came, marked it as refused, marked as refused, said i refused, refused delivery, refused the delivery, delivery refused, recusou a entrega, recusado pelo destinatario, rechazo la entrega, rechazado por el destinatario, refuse par le destinataire, annahme verweigert, rifiutato dal destinatario, ditolak penerima, geweigerd door ontvanger, direccion no existe, direccion inexistente, endereco nao existe, endereco inexistente, adresse inexistante, adresse n existe pas, adresse existiert nicht, indirizzo inesistente, alamat tidak ada, alamat gak ada, adres bestaat niet, address doesnt exist, address does not exist, lagi keluar, lg keluar, sedang keluar, pas aku keluar, diantar lagi, dianter lagi, antar lagi, anter lagi, dikirim lagi besok
pickup_point 3: poststation, postfach, paketbox
not_home 3: no contestaba nadie, nadie contesto, nadie contestaba, no contesto nadie, nadie respondio, ninguem respondeu, nao atendeu ninguem, entrega falhou, a entrega falhou, falhou a entrega, entrega fallo, fallo la entrega, la entrega fallo, livraison a echoue, lieferung fehlgeschlagen, bezorging mislukt, delivery failed, nao tocam, nem tocam, nao ligam, gak ada yg nerima, ga ada yg nerima, gak ada yg buka, ga ada yg buka, tidak ada yg menerima, nyoba antar, coba antar, mencoba mengantar
not_home 1.5: timbre, campainha, interfone, citofono, citofonato, interphone, sonnette, klingel, geklingelt, deurbel, de bel, intercom, doorbell, buzzer
not_home 3: could not be delivered, couldnt be delivered, no one was available, nobody was available, no one available, nobody available, available to sign, rearrange delivery, rearrange the delivery, arrange redelivery, arrange a redelivery
not_home 3: address incomplete, incomplete address, insufficient address, address was incomplete, indirizzo incompleto, indirizzo era incompleto, alamat kurang lengkap, alamat tidak lengkap, alamat gak lengkap, alamat ga lengkap, direccion incompleta, endereco incompleto, adresse incomplete, adresse unvollstandig, unvollstandige adresse, adres onvolledig, onvolledig adres, adres niet compleet
not_home 3: non hanno consegnato, non ha consegnato, non ha potuto consegnare, kon niet bezorgen, konden niet bezorgen, konnte nicht zustellen, konnten nicht zustellen, n a pas pu livrer, pas pu livrer, a essaye de livrer, ont essaye de livrer, essaye de livrer, no pudo entregar, no pudieron entregar, nao conseguiu entregar, nao conseguiram entregar, gak bisa antar, ga bisa antar, tidak bisa antar, tidak bisa diantar, gak bisa diantar, no estaba nadie, no habia nadie en casa
not_home 2: digicode, door code, gate code, code de la porte, codigo do portao, codigo del portal, portiek, papelito, portao fechado
not_home 1.5: pasaron, passaram, sont passes
pickup_point 3: en la paqueteria, a la paqueteria, que lo recoja, que la recoja
pickup_point 2: recoja
not_home 3: customer not available, customer unavailable, receiver not available, consignee not available, consignee unavailable, delivery exception, business closed, rumah aku gak ketemu, rumah saya gak ketemu, rumahku gak ketemu, rumah gak ketemu, rumahnya gak ketemu, gak ketemu rumah, gak nemu rumah, gak nemu alamat
not_home 3: took it back, took the parcel back, took my parcel back, wieder mitgenommen, paket mitgenommen, est reparti avec, reparti avec, se lo llevo, se lo llevaron, levou de volta, levou embora, se n e andato senza, senza lasciare, andato via senza, bawa balik, dibawa balik, bawa pulang, weer mee, nam het mee, nam het pakket mee, went away without, left without leaving, se fue sin dejar, foi embora sem, no quiso subir, nao quis subir, pas voulu monter, wollte nicht hochkommen
customs 3: receita segurou, a receita reteve, retido pela receita, segurou na receita
customs 3: imposto pra liberar, imposto para liberar, liberar a encomenda, liberar o pacote, liberar el paquete, impuesto para liberar
customs 1.5: pra liberar, para liberar
";

/// What customs asks of the shopper, or what the shopper asks about it: the parcel then waits
/// on an answer, and "stuck" or "held" only says where it is.
pub(crate) const CUSTOMS_ASKS: &str = "
en: what do i do, what should i do, what can i do, what do i send, what do they need, what do they want, do i have to pay, do i need to pay, have to pay, need to pay, how do i pay, how much, invoice, document, documents, asking for, they want, want me to
pt: o que eu faco, o que faco, o que fazer, que eu faco, tenho que pagar, preciso pagar, ter que pagar, quanto, fatura, nota fiscal, documento, documentos, pedem, pediram, pedindo, querem
es: que hago, que tengo que hacer, que debo hacer, que hacer, tengo que pagar, debo pagar, hay que pagar, cuanto, factura, documento, documentos, documentacion, me piden, piden, pidieron, quieren
fr: que dois je faire, que faire, je fais quoi, dois je payer, je dois payer, faut il payer, combien, facture, document, documents, justificatif, demande, demandent, reclame, reclament
de: was soll ich tun, was soll ich machen, was muss ich tun, was mache ich, muss ich zahlen, muss ich bezahlen, soll ich zahlen, wie viel, wieviel, rechnung, beleg, kaufbeleg, dokument, dokumente, wollen, will eine, verlangt, verlangen
it: che faccio, cosa faccio, cosa devo fare, che devo fare, devo pagare, da pagare, quanto, fattura, documento, documenti, chiedono, mi chiedono, vogliono, richiesto, richiesta
nl: wat moet ik doen, wat nu, moet ik betalen, moet ik nog, hoeveel, factuur, document, documenten, vragen om, vragen een, willen
id: gimana, bagaimana, gmn, caranya, harus bayar, disuruh bayar, berapa, invoice, dokumen, disuruh, minta, diminta
";
