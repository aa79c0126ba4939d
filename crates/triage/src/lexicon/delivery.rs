//! How shoppers write about parcels that have not come: asking where, saying it is late,
//! saying it never came. One line per weight: `W: phrase, phrase*, ...` (`*` = word start,
//! `xx:` before a phrase = only when the message is in language xx). Written in folded form.

/// "Where is it / when will it come": a question, not yet a complaint.
pub(crate) const WHERE_IS_MY_ORDER: &str = "
2: where is my, where s my, wheres my, where is the parcel, where is the package, where is it, where is my stuff, track my order, track my package, tracking number, order status, status of my order, when will it arrive, when will i get, when will i receive, when will my, when does it arrive, when is it arriving, when will it be delivered, when will it ship, any update, any news, an update, update on my, has it shipped, has my order shipped, been shipped, shipped yet, been dispatched, is it on its way, on the way, expected delivery, delivery date
1: tracking, not arrived yet, hasnt arrived, hasnt come, didnt arrive, not received yet, havent received, havent got, not here yet, eta
2: onde esta, onde ta, onde tá, cade, kd meu, kd o, onde anda, onde se encontra, quando chega, quando vai chegar, quando chegara, previsao, codigo de rastreio, rastrear, status do pedido, situacao do pedido, ja foi enviado, foi enviado, foi postado, ja foi postado, ja saiu, alguma novidade, alguma atualizacao, alguma informacao, noticias do
1: rastreio, nao chegou, n chegou, nao recebi, ainda nao recebi, nao veio ainda
2: donde esta, donde viene, donde anda, donde va, cuando llega, cuando va a llegar, cuando llegara, cuando me llega, numero de guia, rastrear, estado de mi pedido, estatus, ya fue enviado, ya lo enviaron, ya salio, ya se envio, alguna novedad, alguna actualizacion, informacion de mi pedido
1: seguimiento, guia, no ha llegado, no me ha llegado, no me llega, no llega, no me llego, no lo he recibido, no he recibido
2: ou est, ou en est, ou en sont, quand vais je recevoir, quand est ce que, quand arrive, quand va arriver, quand sera livre, numero de suivi, statut de ma commande, a ete expedie, est expedie, deja expedie, des nouvelles
1: suivi, pas encore recu, pas encore arrive, pas recu, pas arrive
2: wo ist, wo bleibt, wann kommt, wann wird, wann erhalte, wann bekomme, wann kann ich, status meiner, schon verschickt, schon versendet, wurde versendet, verschickt, neuigkeiten
1: sendungsverfolgung, sendungsnummer, trackingnummer, noch nicht angekommen, noch nicht da, nicht angekommen, nicht erhalten, noch nicht erhalten
2: dove si trova, dove e, dov e, quando arriva, quando arrivera, quando mi arriva, quando lo ricevo, stato dell ordine, stato del mio ordine, e stato spedito, gia spedito, spedito, novita, aggiornamenti
1: tracciamento, non e arrivato, non ho ricevuto, non arriva, non mi e arrivato
2: sampai mana, sdh sampai mana, dimana, di mana, posisi, kapan sampai, kapan sampe, kapan nyampe, kapan datang, kapan dikirim, kapan diterima, cek resi, no resi, nomor resi, lacak, status pesanan, sudah dikirim, udah dikirim, sdh dikirim, kabar
1: resi, belum sampai, blm sampai, belum sampe, blm sampe, belum nyampe, blm nyampe, belum datang, belum diterima, update
2: waar is, waar blijft, wanneer komt, wanneer wordt, wanneer ontvang, wanneer krijg, wanneer word, track en trace, track trace, trackingcode, status van mijn, al verzonden, is verzonden, verzonden, nieuws over
1: nog niet binnen, nog niet ontvangen, nog niet aangekomen, niet ontvangen, nog niet geleverd
2: mi paquete, mi pedido ya, meu pacote, mon colis, mein paket, il mio pacco, paket saya, mijn pakket, m n pakket*
1: pesanan saya, mijn bestelling, meine bestellung, il mio ordine, minha encomenda, meu pedido, mi pedido, my order, my package, my parcel
2: or not yet, o todavia no, o aun no, ou ainda nao, ou nao, ou pas encore, oder noch nicht, o non ancora, o ancora no, atau belum, apa belum, of nog niet
2: when arrive, when it arrive, when will arrive, when my order, be shipped, tracking link, link de rastreio, link de rastreamento, link do rastreio, link de seguimiento, lien de suivi, trackinglink, link tracciamento, link resi, link van de track
1: rastreamento
2: expedi*, quand ca arrive, savoir quand, wann es kommt, wann mein paket, quando arriva, kapan paket
4: tracking doesnt work, tracking not working, tracking number doesnt work, codigo nao funciona, rastreio nao funciona, codigo no funciona, guia no funciona, numero de guia no funciona, suivi ne marche pas, suivi ne fonctionne pas, numero de suivi ne marche pas, sendungsnummer funktioniert nicht, trackingnummer funktioniert nicht, codice non funziona, tracking non funziona, resi tidak bisa, resi gak bisa, resi ga bisa, resinya gak bisa, track en trace werkt niet, code werkt niet
2: despach*, ja foi enviad*, foi enviad*, ja enviaram, ja mandaram, ja saiu, saiu para entrega, ya enviaron, ya lo mandaron, ya salio, ya despacharon, est partie, est parti, deja partie, deja parti, a ete envoye, schon unterwegs, unterwegs, schon versandt, versandt, e partito, e partita, gia partito, inviato, dikirim belum, udah dikirim belum, sudah dikirim belum, al onderweg, onderweg, verstuurd, al verstuurd, dispatched, been posted, in transit
0.3: order, package, parcel, pedido, encomenda, pacote, compra, paquete, orden, envio, commande, colis, paquet, bestellung, paket, sendung, lieferung, ordine, pacco, spedizione, pesanan, paket, barang, kiriman, bestelling, pakket, pakketje, zending
1: rastreo
2: numero de rastreo, codigo de rastreo, belum dateng, blm dateng, udah dikirim blm, sudah dikirim blm, dikirim blm, schon raus
2: a che punto e, em que pe, est elle en route, en route, en camino, auf dem weg, in viaggio, udah jalan, sudah jalan, gone out, has gone out, sampe mana, udah sampe mana
2: ta onde, esta onde, waar hangt, hangt die, any idea when, vous savez quand, wisst ihr wann, sapete quando, weten jullie wanneer, kira2, kira kira
2: which courier, what courier, which carrier, track it, empresa de transporte, transportadora, pelos correios, acompanhar, seguirlo, quel transporteur, suivre mon colis, welchem versanddienst, verfolgen, che corriere, quale corriere, seguirlo, ekspedisi apa, pake ekspedisi, lacak, welke vervoerder, het volgen
2: was neues, etwas neues, neues zu, du nouveau, quoi de neuf, info terbaru, nog nieuws, iets nieuws, any news, niet toegekomen, nog niet toegekomen, nod da, noch nod
0.3: packli, pakje, paquet, pacchetto
2: avisa quando, me avisa quando, let me know when, avisame cuando, avisenme cuando, prevenez moi quand, sagt bescheid wenn, avvisatemi quando, kabarin kalau, kabari kalau, laat weten wanneer, laat me weten wanneer
2: quando dovrebbe arrivare, quando deveria chegar, quando era pra chegar, cuando deberia llegar, quand devrait arriver, quand doit arriver, wann sollte, wann soll, when should it arrive, when should i expect, when is it supposed to, kapan seharusnya, kapan harusnya, wanneer zou het, wanneer moet het
1.5: pregunto por, pregunta por, preguntar por, queria saber, quisiera saber, gostaria de saber, to perguntando, estou perguntando, je voudrais savoir, je voulais savoir, ich wollte fragen, ich wollte wissen, volevo sapere, vorrei sapere, volevo chiedere, mau tanya, mau nanya, ik wilde vragen, ik wil graag weten, asking about, asking for my, wanted to ask, want to know
2: a ete envoyee, ete envoyee, a ete expediee, ete expediee
2: whens my, when s my, when is my, stuff coming, is it coming, it coming, kapan nyampe*, kapan sampe*, kapan sampai*, kapan datang*, kapan dateng*, kapan dikirim*, kapan tiba*
2: where are my, where are they, where are both, have they shipped, have they been shipped, did they ship, have they been sent, were they sent, were they shipped, are they on their way, when will they arrive, onde estao meus, onde estao minhas, onde estao os, onde estao as, ja foram enviados, foram enviados, donde estan mis, donde estan los, donde estan las, ya los enviaron, ya fueron enviados, ou sont mes, ou sont les, ou en sont mes, ont ils ete expedies, ont elles ete expediees, sont elles parties, sont ils partis, wo sind meine, wo sind die, wo bleiben meine, wurden sie verschickt, sind sie schon unterwegs, dove sono i miei, dove sono le mie, dove sono finiti, dove sono finite, sono stati spediti, sono state spedite, waar zijn mijn, waar zijn de, waar blijven mijn, zijn ze al verzonden, zijn ze verstuurd, keduanya sudah dikirim, dua duanya
2: what time will it, what time does it, what time is it coming, what time will the driver, a que horas chega, a que horas passa, a que hora llega, a que hora pasa, a quelle heure arrive, a quelle heure passe, a quelle heure il passe, a quelle heure le livreur, um wie viel uhr kommt, um wieviel uhr kommt, a che ora arriva, a che ora passa, a che ora consegna, hoe laat komt, hoe laat wordt, hoe laat bezorgt, jam berapa sampai, jam berapa datang, jam berapa diantar, jam berapa kurir
1.5: out for delivery, en reparto, en cours de livraison, in zustellung, in consegna, in bezorging, sedang diantar, dalam pengantaran, saiu para entrega
2: quando spedite, quando spedisci, quando lo spedite, quando enviam, cuando envian, quand expediez, wann verschickt ihr, wann versendet ihr, wanneer versturen jullie, when do you ship, when will you ship, when are you shipping
";

/// Past the promised date, tracking not moving, stuck (at customs or anywhere else).
pub(crate) const DELAYED: &str = "
3: late, delayed, delay, still not, still no, still hasnt, still havent, still didnt, still waiting, still nothing, still isnt, still not here, supposed to arrive, supposed to be here, supposed to come, should have arrived, should have been, should be here by, was due, past the delivery date, estimated delivery, taking so long, taking forever, taking too long, so long, not moving, hasnt moved, hasnt updated, not updated, no updates, no movement, stuck, overdue, been waiting, waiting for weeks, waiting for a month
1: ages, still, its been, been like
3: atrasado, atrasada, atraso, atrasou, ainda sem, ainda nada, nada ainda, nada de chegar, passou do prazo, fora do prazo, era pra chegar, era para chegar, era pra ter chegado, deveria ter chegado, deveria chegar, ja deveria, demorando, demora, demorou, demorado, parado, parou, nao atualiza, sem atualizacao, sem movimentacao, nao se mexe, faz tempo, to esperando, estou esperando, esperando ate hoje, ate agora nada, ate hoje nada
1: ja faz
3: retraso, retrasado, retrasada, atrasado, demora, demorado, tarda, tardando, todavia nada, aun nada, sigue sin, debia llegar, deberia haber llegado, deberia llegar, tenia que llegar, ya paso la fecha, no se mueve, sin movimiento, no se actualiza, sin actualizacion, estancado, detenido, llevo esperando, sigo esperando, hace mucho, ya pasaron
1: ya van, llevo
3: retard, en retard, toujours pas, toujours rien, toujours en attente, toujours bloque, bloque, ne bouge pas, ne bouge plus, pas de mise a jour, aucune mise a jour, prevue, prevu, devait arriver, devait etre livre, aurait du arriver, aurait du etre, j attends depuis, attends depuis, ca fait, trop long
1: depuis
3: verspatung, verspatet, verzogert, verzogerung, immer noch nicht, immer noch kein, noch immer nicht, noch immer kein, immer noch, sollte schon, sollte eigentlich, hatte kommen sollen, hatte schon, liefertermin, lieferdatum, keine bewegung, bewegt sich nicht, nicht aktualisiert, kein update, hangt fest, steckt fest, haengt, warte seit, warte immer noch, dauert, ewig
1: seit
3: ritardo, in ritardo, ancora niente, ancora nulla, non ancora, doveva arrivare, sarebbe dovuto arrivare, dovrebbe essere arrivato, dovrebbe arrivare, data di consegna, fermo, bloccato, non si muove, non si aggiorna, nessun aggiornamento, aspetto da, sto aspettando, da settimane, tanto tempo, troppo tempo
1: ancora
3: telat, terlambat, lama, kok lama, masih belum, masih blm, belum juga, blm juga, harusnya sudah, harusnya udah, seharusnya, estimasi, gak gerak, ga gerak, tidak bergerak, gak ada update, ga ada update, tidak ada update, belum ada update, blm ada update, nyangkut, sebulan, seminggu, udah lama, sudah lama
1.5: nunggu, menunggu
0.5: udah, sudah
1: tertahan
3: vertraging, vertraagd, te laat, laat, nog steeds niet, nog steeds geen, nog steeds, had moeten, zou komen, zou geleverd, verwachte, levertijd, geen update, geen beweging, beweegt niet, staat stil, wacht al, duurt lang, duurt te lang
1: nl:al
-1: al gezegd, heb ik al, toch al, al gestuurd, al doorgegeven
2: todavia no, aun no, ainda nao, ainda n
3: if it doesnt arrive, if it doesn t arrive, if it does not arrive, does not arrive, doesnt arrive, doesn t arrive, do not receive it, dont receive it, if i dont get, if i don t get, if it s not here, if its not here, if it isnt here, se nao chegar, se nao receber, si no llega, si no me llega, si no lo recibo, si je n ai pas, si je ne recois pas, si je ne le recois pas, wenn das paket nicht, wenn es nicht bis, wenn ich es nicht, se non arriva, se non mi arriva, se non lo ricevo, kalau belum sampai, kalau gak sampai, kalau tidak sampai, kalau ga sampai, als het pakket, niet binnen is, als ik het niet
1: nicht bis
3: tardaron, tardado, tardan, tardando, se tardo, se tardaron, demasiado tiempo, mucho tiempo, demoro, demoraram, demorando muito, past the date, well past, way past, long overdue, c est long, trop d attente, dauert zu lange, so lange, troppo tempo, nessuna traccia, lama bgt, lama banget, lama sekali, duurt te lang, al zo lang
2: prazo, desde o dia, desde el dia, depuis le, seit dem, dal giorno, sejak tanggal
1: desde, nicht normal, no es normal, nao e normal, pas normal, non e normale, gak normal, niet normaal, dias uteis, dias habiles, jours ouvres, werktagen, giorni lavorativi, hari kerja, werkdagen
3: bastante tempo, passou bastante, way longer, longer than, mais do que o prazo, mas de lo que, plus long que, langer als, piu del previsto, lebih lama dari, langer dan, em transito desde, en transito desde
2: hoy es, today is, on est le, heute ist, oggi e, sekarang udah tgl, sekarang sudah tanggal, het is nu, hoje e, ja estamos no dia, estamos a, e nada, y nada, und nichts, und nix, e niente, en nog niks, nog niks, et toujours rien
1.5: fecha de entrega, business days, working days, would arrive, chegaria, llegaria, arriverait, annoncait, arrivera, ankommen sollte, sarebbe arrivato, zou aankomen
0.5: katanya
2: meant to be here, was meant to, on m avait dit, m avait dit, es hiess, hiess es, mi avevate detto, avevate detto, er werd, werd gezegd, me dijeron que llegaba, me falaram que, disseram que chegaria, was supposed to
1.5: ca en fait, jetzt sind es, ne sono passate, het zijn er nu, ja sao, it s now, its now, ini udah
2: sitting at, sitting in, distribution centre, distribution center, centro de distribuicao, centro de distribucion, centre de tri, verteilzentrum, centro di smistamento, gudang sortir, sorteercentrum, nobody can explain, no one can explain, ninguem explica, nadie explica, personne ne sait, keiner kann, nessuno sa, gak ada yang bisa jelasin, niemand weet
-2.5: how long does, how long will, how long is, quanto tempo demora, quanto tempo leva, qual o prazo, prazo de entrega pra, prazo de entrega para, cuanto tarda, cuanto demora, cuanto tiempo tarda, combien de temps, wie lange dauert, wie lange braucht, quanto ci mette, quanto tempo ci vuole, berapa lama, hoe lang duurt
3: immer no nod, immer no, nog altijd niet, nog altijd geen, altijd niet toegekomen
3.5: never shipped, never been shipped, never sent, never been sent, never sent out, never dispatched, never posted, never left your warehouse, nunca foi enviado, nunca foi enviada, nunca enviaram, nunca mandaram, nem enviaram, nunca fue enviado, nunca enviaron, nunca mandaron, nunca me enviaron, nunca me mandaron, nunca lo enviaron, nunca me lo enviaron, nunca lo mandaron, nunca salio, jamais ete expedie, jamais ete expediee, jamais ete envoye, jamais ete envoyee, jamais envoye, jamais expedie, nie verschickt, nie versendet, nie versandt, nie abgeschickt, nie rausgegangen, mai stato spedito, mai stata spedita, mai spedito, mai partito, mai inviato, tidak pernah dikirim, gak pernah dikirim, ga pernah dikirim, nggak pernah dikirim, belum pernah dikirim, nooit verzonden, nooit verstuurd, nooit opgestuurd, nooit vertrokken
-3: quando dovrebbe arrivare, quando deveria chegar, quando era pra chegar, cuando deberia llegar, quand devrait arriver, when should it arrive, when is it supposed to arrive, when is it supposed to, kapan seharusnya sampai, kapan harusnya sampai, wanneer zou het moeten
-2.5: demora quanto, demora quantos, quanto demora, tarda cuanto, tardara cuanto, cuanto tardara
3.5: nem postaram, nao postaram, nunca postaram, nunca saiu, nem saiu, nem despacharam, ni siquiera salio, nunca lo despacharon, no lo han enviado, todavia no lo han enviado, aun no lo han enviado, pas encore expedie, toujours pas expedie, toujours pas expediee, toujours pas envoye, noch nicht verschickt, noch nicht versendet, immer noch nicht verschickt, non ancora spedito, ancora non spedito, belum dikirim juga, blm dikirim juga, belum juga dikirim, nog niet verzonden, nog steeds niet verzonden, still not shipped, still hasnt shipped, still havent shipped, still not sent, hasnt even been sent, hasnt been sent, not even shipped, label created
3: si manana no, si no llega manana, if its not here tomorrow, if it s not here tomorrow, if not here by tomorrow, se amanha nao, si demain il n est pas, wenn es morgen nicht, se domani non, kalau besok belum, als het morgen niet
-1: ik al zei, al zei, zoals ik al, al eerder, al gegeven, al verteld, al gemeld, al vermeld
3: budged, hasnt budged, hasn t budged, not budged, hasnt changed, hasn t changed, no change in, same status, still on the same
3: sollte gestern, sollte heute, gestern kommen, should have come, should ve come, debia llegar ayer, deberia haber llegado ayer, devia chegar ontem, era pra chegar ontem, harusnya kemarin, harusnya sampai kemarin, zou gisteren, had gisteren
3: uberfallig, ueberfaellig, overdue now
3.5: jamais expedi*, jamais envoy*, jamais ete expedi*, jamais ete envoy*, jamais parti*, never mailed, never been mailed, never shipped out, never went out, never left the warehouse, never left the shop, never even left, jamas lo enviaron, jamas lo mandaron, jamas enviaron, jamas me lo enviaron, jamas salio, nunca despacharam, nunca despacharon, nunca postaram, nunca foi despachad*, nunca foi postad*, nie losgeschickt, nie rausgeschickt, nie versendet worden, nie verschickt worden, nie rausgegangen, nie auf den weg, mai stato inviato, mai stata inviata, mai stato spedito, mai stata spedita, mai partita, mai spedita, nooit iets verstuurd, nooit iets verzonden, nooit iets opgestuurd, nooit de deur uit, nooit verzonden, gak dikirim kirim, ga dikirim kirim, nggak dikirim kirim, belum dikirim kirim, blm dikirim kirim, tidak dikirim juga, gak dikirim juga, ga dikirim juga, gak dikirim2, ga dikirim2, belum dikirim2
";

/// Never came, or "delivered" and not received: a claim, not a wait.
pub(crate) const LOST: &str = "
4: never arrived, never received, never got, never came, never showed up, never delivered, never turned up, lost, says delivered, shows delivered, marked as delivered, marked delivered, status delivered, says it was delivered, says it s delivered, shows as delivered, delivered but, wrong address, someone stole, stolen, returned to sender, sent back to the sender, nothing arrived, received nothing, didnt receive anything, got nothing, nothing here
1: delivered, never
4: nunca chegou, nunca recebi, jamais chegou, perdid*, perdeu, perderam, extravi*, consta como entregue, consta entregue, diz que entregou, diz que foi entregue, aparece entregue, aparece como entregue, mostra entregue, entregue mas, entregaram errado, endereco errado, devolvido ao remetente, roubado, roubaram, sumiu, nao recebi nada, nada chegou
1: entregue, nunca
4: nunca llego, nunca me llego, nunca recibi, jamas llego, perdid*, se perdio, perdieron, perdio, extravi*, aparece como entregado, aparece entregado, pone entregado, pone que entregado, dice entregado, dice que fue entregado, dice que se entrego, marca entregado, figura como entregado, entregado pero, devuelto al remitente, robado, robaron, no ha llegado nada, no recibi nada, no me llego nada
1: entregado, nunca
4: jamais recu, jamais arrive, jamais eu, jamais livre, perdu, perdue, egare, egaree, indique livre, marque livre, affiche livre, note livre, livre mais, retourne a l expediteur, vole, rien recu
1: livre, jamais
4: nie angekommen, nie erhalten, nie bekommen, niemals angekommen, verloren, verschwunden, als zugestellt, zugestellt aber, angeblich zugestellt, geliefert aber, zuruck an den absender, gestohlen, nichts bekommen, nichts erhalten, nichts angekommen
1: zugestellt, nie
4: mai arrivato, mai arrivata, mai ricevuto, mai ricevuta, perso, persa, smarrit*, risulta consegnato, dice consegnato, segna consegnato, consegnato ma, tornato al mittente, rubato, non ho ricevuto niente, non ho ricevuto nulla, non e arrivato niente
1: consegnato, mai
4: tidak pernah sampai, gak pernah sampai, ga pernah sampai, gak pernah sampe, ga pernah sampe, hilang, ilang, diterima tapi, terkirim tapi, delivered tapi, dikembalikan ke pengirim, dicuri, gak terima apa, ga terima apa, tidak terima apa, tidak menerima apa
2: diterima, terkirim, gak terima, ga terima, tidak terima
4: nooit aangekomen, nooit ontvangen, nooit gekregen, kwijt*, zoekgeraakt, verloren*, staat op bezorgd, als bezorgd, bezorgd maar, afgeleverd maar, geleverd maar, retour afzender, teruggestuurd naar de afzender, gestolen, niks ontvangen, niets ontvangen
1: bezorgd, afgeleverd, nooit
3: gak pernah, tidak pernah, ga pernah, nggak pernah, gak pernah datang, tidak pernah datang, ga pernah datang
4: outro endereco, endereco errado, casa errada, vizinho errado, otra direccion, direccion equivocada, otra casa, wrong house, wrong door, wrong neighbour, autre adresse, mauvaise adresse, falsche adresse, falschen adresse, indirizzo sbagliato, altro indirizzo, alamat salah, alamat lain, verkeerde adres, verkeerd adres, its gone, it s gone, disappeared, desapareceu, desaparecio, desaparecido, a disparu, disparu, verschwunden, sparito, scomparso, verdwenen
1.9: angeblich, soi disant, supuestamente, supostamente, presumibilmente, chissa dove, katanya sudah
4: gak dateng2, gak datang2, ga dateng2, ga datang2, gak pernah dateng, ga pernah dateng
4: signed for by, signed by someone, someone signed, assinado por, alguem assinou, firmado por, firmo alguien, signe par, signe par quelqu un, unterschrieben, hat jemand, ha firmato, firmato da, yang nerima orang lain, diterima orang lain, diterima oleh orang, getekend door, heeft getekend, figura como devuelto, aparece como devuelto, como devuelto, fue devuelto, foi devolvido, foi devolvida, devolvida ao remetente, devolvido ao remetente, returned to sender, return to sender, back to sender
2: nadie vino, ninguem veio, personne n est venu, niemand kam, nessuno e venuto, gak ada yang dateng, niemand geweest, no one knocked, ninguem tocou, nadie toco, personne n a sonne, niemand hat geklingelt, nessuno ha suonato, niemand aangebeld, nao mora, wohnt kein, ne connais pas, non conosco, gak kenal, niet ken, no one here
4: isnt mine, isn t mine, not my door, not my house, nao e minha casa, nao e a minha casa, no es mi casa, no es mi puerta, pas ma porte, n est pas chez moi, c est pas chez moi, nicht meine tur, nicht mein haus, non e la mia porta, non e casa mia, bukan rumah saya, bukan rumahku, niet mijn deur, niet mijn huis
4: gak sampe2, gak sampai2, ga sampe2, ga sampai2, nie gekommen, nie da, nie geliefert
2: remis au destinataire, an empfanger ubergeben, ubergeben, consegnato al destinatario, entregue ao destinatario, entregado en domicilio, delivered to recipient, diterima oleh penerima, afgeleverd bij ontvanger
4: spoorloos, vanished, spurlos, sin rastro, sem rastro, sans laisser de trace, sparito nel nulla, paguei e nao recebi, pague y no recibi, paid and didnt receive, paid and never received, paye et pas recu, bezahlt und nichts bekommen, pagato e non ricevuto, bayar tapi gak nerima, betaald en niks ontvangen
1.9: claims, claim they
4: devolveu o pacote, devolveu meu pacote, devolveram o pacote, sem tentar entregar, sem nem tentar, without trying to deliver, sin intentar entregar, sans essayer de livrer, ohne zuzustellen, senza tentare la consegna, tanpa mencoba antar, zonder te bezorgen
4: nada a mi nombre, nothing under my name, nothing in my name, rien a mon nom, nichts auf meinen namen, niente a mio nome, nulla a mio nome, atas nama saya, niks op mijn naam, niets op mijn naam, nada no meu nome, nada em meu nome
4: verschlampt, verbummelt, ngilangin, ilangin, kehilangan, lost my, perdeu meu, perdeu o, perdieron mi, a perdu, hat verloren, ha perso, heeft verloren, is kwijtgeraakt
4: went missing, se extravio, se perdeu, s est perdu, ging verloren, ist verloren gegangen, e andato perso, andato perso, sudah hilang, raakte kwijt, is zoekgeraakt
4: nothing came, nothing ever came, nichts gekommen, nichts ist gekommen, nix gekommen, niks gekomen, niets gekomen, no llego nada, nao chegou nada, rien n est arrive, rien n est venu, non e arrivato nulla
4: vuelve al remitente, regresa al remitente, volvio al remitente, regreso al remitente, volta pro remetente, voltou pro remetente, voltando para o remetente, retour a l expediteur, renvoye a l expediteur, zuruck an absender, zuruck zum absender, ritorno al mittente, torna al mittente, tornando al mittente, kembali ke pengirim, retur ke pengirim, retour naar afzender, terug naar afzender, terug naar de afzender
3: remitente, remetente, mittente, expediteur, absender, afzender, pengirim
2.5: gak dateng, ga dateng, gak datang, ga datang, tidak datang, nggak dateng, nggak datang
4: figura entregado, consta entregado, sale entregado, marca como entregado, cuando fui no estaba, fui y no estaba, fui buscar e nao estava, fui la e nao estava, fui la e nao tinha, quand j y suis alle, als ich hinkam, quando sono andato, quando sono andata, toen ik kwam was het er niet, waktu aku ambil gak ada
4: en otra ciudad, otra ciudad, outra cidade, autre ville, andere stadt, anderen stadt, altra citta, kota lain, andere stad, wrong city, another city, different city
4: sent back to you, been sent back, sent back to the seller, returned to you, returned to the shop, returned to the seller, returned to seller, went back to you, zuruckgeschickt, wurde zuruckgeschickt, zuruckgesendet, ging zuruck, zuruck an euch, revenu chez vous, est revenu, retourne chez vous, renvoye chez vous, tornato indietro, rispedito indietro, rimandato indietro, diretur ke penjual, dikembalikan ke penjual, balik ke penjual, retur ke penjual, kembali ke penjual, teruggestuurd, is teruggestuurd, retour gestuurd, terug naar jullie, voltou pra loja, voltou para a loja, voltou pra voces, devolvieron el paquete, lo devolvieron, regreso a la tienda
4: returned to the warehouse, back to the warehouse, devuelto al almacen, voltou para o armazem, retourne a l entrepot, zuruck ins lager, tornato al magazzino, terug naar het magazijn
-4: is it lost, has it been lost, is my parcel lost, is my package lost, is my order lost, sera que se perdeu, est il perdu, ist es verloren, sara perso, apakah hilang, apa hilang, is het kwijt, esta perdido
4: alamat yg salah, alamat yang salah, salah alamat, ke alamat lain, verkeerde buren, verkeerde buurman, verkeerde huis, verkeerde deur
";
