//! How shoppers write about what was inside the box: broken, wrong, missing, sold out, or
//! simply not wanted. Same line format as `delivery.rs`.

/// Arrived broken, crushed, leaking or not working.
pub(crate) const DAMAGED: &str = "
3: broken, broke, damaged, damage, crushed, smashed, cracked, crack, shattered, dented, scratched, scratches, torn, ripped, leaking, leaked, spilled, soaked, destroyed, bent, in pieces, defective, faulty, dead on arrival
0.8: arrived open, was open, opened, wet
3: quebrado, quebrada, quebrados, quebradas, quebrou, trincado, trincada, trincou, rachado, rachada, rachou, amassado, amassada, amassou, danificado, danificada, danificados, estragado, estragada, estragou, avariado, avariada, partido, partida, partiu, rasgado, rasgada, riscado, riscada, vazou, vazando, vazado, destruido, destruida, defeito, defeituoso, em pedacos, despedacado, quebra
0.8: veio aberto, veio aberta, violado, violada, molhado, molhada
3: roto, rota, rotos, rotas, se rompio, rompio, quebrado, quebrada, quebrados, estrellado, estrellada, danado, danada, danados, aplastado, aplastada, abollado, abollada, golpeado, golpeada, rayado, rayada, rajado, rajada, derramado, destruido, destruida, defectuoso, defectuosa, defecto, en pedazos, hecho pedazos, es:golpe, es:golpes, roto el, vino roto
0.8: llego abierto, llego abierta, mojado, mojada
3: casse, cassee, casses, cassees, abime, abimee, abimes, endommage, endommagee, ecrase, ecrasee, fissure, fissuree, brise, brisee, casser, raye, rayee, dechire, dechiree, fuite, detruit, detruite, defectueux, defectueuse, en morceaux, en miettes
0.8: ouvert, ouverte, mouille, mouillee
3: kaputt, beschadigt, zerbrochen, gebrochen, zerdruckt, zerkratzt, gesprungen, gerissen, eingedellt, ausgelaufen, zerstort, defekt, schaden, in stucke, zerquetscht
0.8: offen, geoffnet, nass
3: rotto, rotta, rotti, rotte, danneggiato, danneggiata, danneggiati, ammaccato, ammaccata, schiacciato, schiacciata, graffiato, graffiata, crepato, crepata, crepa, incrinato, incrinata, rovinato, rovinata, rovinati, strappato, strappata, distrutto, distrutta, difettoso, difettosa, guasto, in pezzi, a pezzi, rotto il
0.8: aperto, aperta, bagnato, bagnata
3: rusak, pecah, retak, penyok, remuk, hancur, lecet, sobek, robek, bocor, patah, cacat, penyok
0.8: basah, terbuka, mati
3: kapot, beschadigd, gebroken, gebarsten, barst, gedeukt, ingedeukt, deuk, gekrast, krassen, gescheurd, lek, lekt, defect, in stukken, stuk gegaan, is stuk, was stuk
0.8: nat, open
3: quebr*, descascad*, tordu, tordue, torto, torta, dobrado, doblado, doblada, torcido, verbogen, abgebrochen*, piegat*, spezzat*, bengkok, patah*, afgebroken, krom, verbogen, casse, cassee, casses, cassees, abim*, endommag*, ecras*, fissur*, kaputt*, beschadig*, zerbroch*, zerkratz*, danneggi*, ammacc*, schiacc*, rovina*, rusak*, pecah*, retak*, penyok*, kapot*, gebarst*, gedeukt*, amass*, danific*, trinc*, rachad*, roto, rota, estrellad*, dent, big dent
3: estilhac*, anicos, hecho anicos, shatter*, snapped, snap, in half, split in, chipped, lascad*, lascou, despedazad*, astillad*, ebrech*, abgesplittert, scheggiat*, spaccat*, gompal, hancur*, kaputtgegangen, gesplitterd, versplinterd
3: gesprung*, zersprung*, zerbrochen*, verbeult*, riss, risse, einen riss, kratzer, de:delle, de:dellen, sprung im
3: deformad*, deforme, deformiert, deformato, mancha, manchas, manchad*, risco, riscos, chueca, chueco, rayones, arrache*, abgerissen*, staccat*, copot, lepas, afgescheurd, losgekomen, soltou, despegad*, descosid*, macchiat*, macchia, fleck*, vlek*, noda, tache, taches, tachee, sujo, suja, sucio, sucia, dreckig, sporco, sporca, kotor, vies
3: partidas, partidos, in three pieces, in two pieces, in 3 pieces, in 2 pieces, morceaux, scherben, in mille pezzi, stukjes, berkeping*, mil pedazos
3: cortado, cortada, cable cut, cut cable, coupe, coupee, durchgeschnitten*, tagliato, tagliata, putus, doorgesneden, unusable, inutilizavel, inutilizable, inutilisable, unbrauchbar, inutilizzabile, onbruikbaar, lecet*, ancur*, gak bisa dipake, ga bisa dipake, nem da pra usar, no sirve
1: veio aberto, veio aberta, chegou aberto, chegou aberta, arrived open, came open, llego abierto, llego abierta, arrivee ouverte, arrive ouvert, offen angekommen, kam offen, arrivato aperto, arrivata aperta, datang terbuka, open aangekomen, kwam open aan
1.9: not working, doesnt work, dont work, stopped working, wont turn on, doesnt turn on, nao funciona, nao liga, no funciona, no prende, no enciende, ne marche pas, ne fonctionne pas, funktioniert nicht, geht nicht an, non funziona, non si accende, tidak berfungsi, gak berfungsi, ga berfungsi, gak bisa nyala, ga bisa nyala, gak nyala, ga nyala, tidak menyala, doet het niet, werkt niet
3: was broken, were broken, arrived broken, came broken, se quebro, se rompio, s est casse, ging kaputt, si e rotto, si e rotta, udah pecah, sudah rusak, was kapot, ging stuk
3: hecho trizas, trizas, en eclats, eclats, in frantumi, frantumi, smashed to bits, to bits, in bits, em cacos, cacos, tausend stucke, splitter, pecah belah, glasscherben, vidrios rotos, verre brise, vetri rotti
3: scherven, glasscherven, in scherven
3: troue, trouee, troues, trouees, un trou, bolong, bolongan, berlubang, furado, furada, agujero, agujereado, agujereada, ein loch, loch, bucato, bucata, un buco, een gat, gat erin, ruined, arruinado, arruinada, estropeado, estropeada, ruiniert, perde acqua, perde liquido, pierde agua
3: descostur*, fele, felee, feles, felees, fendu, fendue, felure, rayure, rayures, abgeplatzt, sbeccato, sbeccata, gompel, gompal, lecet2, penyok2, retak2
1.9: ne s allume pas, s allume pas, ne s allume plus, ne marche plus, ne fonctionne plus, doet niks, doet helemaal niks, werkt niet meer, funktioniert nicht mehr, non funziona piu, nao funciona mais, no funciona mas, gak nyala lagi
3.5: sem som, sin sonido, pas de son, kein ton, senza audio, gak ada suara, geen geluid, no sound
3: bashed, bashed in, battered, caved in, squashed, enfoncee, enfonce, esmagado, esmagada, eingedruckt, penyet, verpest, descocid*
3: einen sprung, hat einen sprung, hat nen sprung
3: krasje, krasjes, kras, deukje, scheurtje, barstje
";

/// Another product, size or colour than the one ordered.
pub(crate) const WRONG_ITEM: &str = "
3: wrong item, wrong product, wrong size, wrong colour, wrong color, wrong model, wrong one, wrong thing, wrong parcel, not what i ordered, not what i bought, different item, different product, different colour, different color, sent me the wrong, sent the wrong, received the wrong, got the wrong, someone else s order, someone elses order, not the one i ordered, instead of, mixed up
1: wrong
3: errado, errada, errados, produto errado, veio errado, veio errada, veio outro, veio outra, mandaram outro, mandaram outra, enviaram outro, enviaram outra, tamanho errado, cor errada, modelo errado, nao e o que eu pedi, nao e o que pedi, nao foi o que pedi, nao foi o que eu pedi, diferente do que, ao inves de, em vez de, veio trocado, veio trocada, pedido trocado
1: pedi o, pedi a, pedi um, pedi uma
3: equivocado, equivocada, incorrecto, incorrecta, me llego otro, me llego otra, llego otro, llego otra, me enviaron otro, me enviaron otra, me mandaron otro, me mandaron otra, talla equivocada, color equivocado, no es lo que pedi, no es el que pedi, no es la que pedi, diferente al que, distinto al que, distinta a la, en vez de, en lugar de, otro modelo, trocaram, vcs trocaram, trocaram meu
1: pedi el, pedi la, pedi un, pedi una
3: mauvais article, mauvaise taille, mauvaise couleur, mauvais produit, mauvais modele, pas le bon, pas la bonne, pas les bons, ce n est pas ce que, pas ce que j ai commande, au lieu de, a la place de, autre chose que, un autre article
1: mauvais, mauvaise, erreur, different
3: falsch, falsche, falscher, falsches, falschen, falsche grosse, falsche farbe, falscher artikel, nicht das was ich bestellt, nicht was ich bestellt, einen anderen artikel, anderen artikel, statt, anstatt, anstelle, verwechselt
1: bestellt war, anders
3: sbagliato, sbagliata, sbagliati, sbagliate, articolo sbagliato, taglia sbagliata, colore sbagliato, non e quello che ho ordinato, non quello che ho ordinato, invece di, al posto di, un colore diverso, una taglia diversa, un articolo diverso, un altro articolo, scambiato
1: diverso, diversa, ho ordinato
3: salah, salah kirim, barang salah, warna salah, ukuran salah, bukan yang saya pesan, bukan yg saya pesan, tidak sesuai pesanan, gak sesuai pesanan, ga sesuai pesanan, gak sesuai, ga sesuai, tidak sesuai, nggak sesuai, beda warna, beda ukuran, yang dikirim, yg dikirim
1: beda, berbeda
3: verkeerde, verkeerd, verkeerde maat, verkeerde kleur, ander product, een ander artikel, niet wat ik besteld, niet wat ik heb besteld, in plaats van, niet de juiste, verwisseld, fout artikel, foute maat
1: fout
0.5: i ordered
2: e veio, mas veio, e chegou um, e chegou uma, y me llego, pero me llego, y me mandaron, y me enviaron, pero me mandaron, and got, but got, and received, but received, but i got, and i got, but came, et j ai recu, mais j ai recu, aber bekommen, kam aber, e mi e arrivato, e mi e arrivata, ma mi e arrivato, ma mi e arrivata, ma e arrivato, ma e arrivata, en kreeg, maar kreeg, kreeg ik
3: tapi yang datang, tapi yg datang, yang datang bukan, yg datang bukan, tapi dikirim
2: yang datang, yg datang
3: not the item, not the product, not the right, nao e o produto, no es el producto, pas le bon modele, pas le bon produit, le bon modele, le bon article, la bonne taille, la bonne couleur, nicht das produkt, nicht der richtige, non e il prodotto, non e il modello, bukan barang, bukan yang, niet het product, niet het juiste
3: e eu comprei, mas eu comprei, mas eu pedi, e eu pedi, mas comprei, y lo pedi, y yo pedi, pero yo pedi, pero lo pedi, y lo compre, pero compre, but i ordered, but ordered, while i ordered, when i ordered, alors que j avais, alors que j ai commande, alors que j avais commande, bestellt hatte ich, hatte ich bestellt, obwohl ich, ma l avevo ordinato, ma avevo ordinato, mentre avevo ordinato, padahal aku pesen, padahal aku pesan, padahal saya pesan, padahal pesan, padahal aku beli, padahal saya beli, terwijl ik, had besteld
1: feminino, masculino, de hombre, de mujer, mens, womens, men s, women s, herren*, damen*, da uomo, da donna, cowok, cewek, heren*, dames, homme, femme
2: something else, outra coisa, otra cosa, autre chose, etwas anderes, altra cosa, barang lain, iets anders, esta mal, y llego, and you sent, you sent the, yang dateng, gekommen ist, kam die, kam der, kam das
3: pedido de outra pessoa, de outra pessoa, pedido de otra persona, de otra persona, commande de quelqu un d autre, jemand anderen, di un altra persona, pesanan orang lain, bestelling van iemand anders, rien a voir, n a rien a voir, was anderes, komplett anders, nichts zu tun, non c entra niente, non c entra nulla, heel anders, iets heel anders, totalmente diferente, totalmente distinto, completely different, totally different, tout autre chose
2: nome na etiqueta, different name, otro nombre, autre nom, anderer name, nome diverso, namanya beda, namanya juga beda, andere naam, outra pessoa, otra persona
2: otro color, une autre couleur, andere farbe, andere kleur, outra cor, un altro colore, warna lain, e me mandaram, y me mandaron, y me mandasteis, me mandasteis, et vous m avez envoye, vous m avez envoye, mi avete mandato, e mi avete mandato
2: e recebi o, e recebi a, e recebi um, e recebi uma, geliefert wurde ein, geliefert wurde eine, geliefert wurde der, geliefert wurde die
1.5: bestellt habe ich, encomendei o, encomendei a
2: et recu le, et recu la, et recu un, et recu une
1.5: bestellt und
3: sendo que eu, when i bought, alors que j ai achete, alors que j ai commande, mientras yo, ich hatte, quando ho comprato, quando avevo ordinato, padahal beli, terwijl ik had
2: sendo que, y yo compre
3: nada a ver, nothing to do with, nada que ver, no tiene nada que ver, nichts mit, zu tun hat, gak ada hubungannya, tidak ada hubungannya, te maken heeft, niks te maken, niets te maken
1.5: ihr habt
3: wrong one came, sent the wrong, mandaram errado, mandaron mal, envoye le mauvais, das falsche geschickt, mandato quello sbagliato, kirim yang salah, het verkeerde gestuurd
-1: damen und herren, geehrte damen, liebe damen, dames en heren, geachte dames
-3: gak sesuai selera, ga sesuai selera, tidak sesuai selera, kurang sesuai selera
-3: au lieu de deux, au lieu de 2, au lieu de trois, au lieu de 3, instead of two, instead of 2, instead of three, instead of 3, en vez de dos, en vez de 2, en lugar de dos, em vez de dois, em vez de duas, em vez de 2, statt zwei, statt drei, anstatt zwei, invece di due, invece di 2, invece di tre, in plaats van twee, in plaats van 2
3: not the same as the photo, not the same of the photo, not the same as the picture, not same as picture, different from the photo, different from the picture, nao e igual a foto, no es igual a la foto, pas comme sur la photo, nicht wie auf dem foto, non e come nella foto, beda sama foto, niet zoals op de foto
3: numeri diversi, numero diverso, taglie diverse, two different sizes, different sizes, dos tallas distintas, tallas diferentes, tamanhos diferentes, numeros diferentes, zwei verschiedene grossen, verschiedene grossen, deux tailles differentes, tailles differentes, ukuran beda beda, ukurannya beda, verschillende maten
-3: salah pencet, salah klik, salah transfer, salah tekan
3: pas la couleur que, n est pas la couleur, pas le modele que, pas la taille que, nao e a cor que, no es el color que, nicht die farbe, non e il colore che, bukan warna yang, niet de kleur die
3: arent the, aren t the, werent the, weren t the, not the ones i, not the one i picked, not what i picked, not what i chose, i didnt order, i did not order, didnt order this, never ordered this, que no pedi, que yo no pedi, que nao pedi, que eu nao pedi, que je n ai pas commande, je n ai pas commande, das ich nicht bestellt, hab ich nicht bestellt, habe ich nicht bestellt, che non ho ordinato, non l ho ordinato, yang gak aku pesen, yang gak aku pesan, yang tidak saya pesan, bukan yang aku pesen, die ik niet besteld heb, heb ik niet besteld, de quelqu un d autre, quelqu un d autre, someone else s item, someone elses item
3: pacco di un altro, il pacco di un altro, paquete de otro, paquete de otra persona, pacote de outro, pacote de outra pessoa, colis de quelqu un, paket von jemand anderem, paket eines anderen, pakket van iemand anders, paket orang lain, someone else s parcel, someone elses parcel, someone else s package, someone elses package
-3: instead of 4, instead of four, instead of 5, instead of five, instead of 6, instead of six, au lieu de 4, au lieu de quatre, au lieu de 5, au lieu de 6, en vez de 3, en vez de tres, en vez de 4, en vez de 5, en vez de 6, em vez de 3, em vez de tres, em vez de 4, em vez de 5, em vez de 6, invece di 4, invece di quattro, invece di 5, invece di 6, in plaats van 3, in plaats van drie, in plaats van 4, in plaats van 5, in plaats van 6, statt 5, statt 6, statt vier
3: diferente do anuncio, diferente do anunciado, distinto al anuncio, ander model, een ander model, another model, a different model, outro modelo, un autre modele, ein anderes modell, anderes modell, un altro modello, model lain, ketuker, ketukar, tertukar
-3: alamat yg salah, alamat yang salah, salah alamat, verkeerde buren, verkeerde buurman, verkeerde huis, verkeerde deur
";

/// Fewer items than ordered, an empty box.
pub(crate) const MISSING_ITEM: &str = "
3: missing, is missing, are missing, only one, only 1, only got, only received, only came, only 2, only half, empty box, box was empty, came empty, arrived empty, nothing inside, not in the box, not included, wasnt included, wasnt in the box, forgot to send, forgot to include, didnt include, left out, item short, half of my order, part of my order, rest of my order, the other item, the rest of the, where is the rest, incomplete
3: faltou, faltando, faltam, faltaram, falta, veio so, so veio, veio apenas, apenas veio, so chegou, chegou so, chegou apenas, so recebi, recebi apenas, caixa vazia, veio vazia, veio vazio, vazia, vazio, nao veio o, nao veio a, nao veio os, nao veio as, esqueceram, incompleto, incompleta, metade, o resto
3: falta, faltan, faltaba, faltaban, faltaron, me falto, me faltan, solo llego, solo llegaron, solo vino, solo vinieron, solo recibi, solo me llego, solo me llegaron, nomas llego, caja vacia, vacio, vacia, no venia, no vino el, no vino la, no venian, incompleto, incompleta, la mitad, el resto
3: manque, il manque, manquant, manquante, manquants, manquantes, j ai recu qu, recu seulement, seulement recu, qu un seul, que un seul, qu une seule, une seule, un seul, colis vide, boite vide, carton vide, vide, incomplet, incomplete, pas dans le colis, oublie, la moitie, le reste
3: fehlt, fehlen, fehlend, fehlende, fehlenden, nur ein, nur eine, nur eins, nur einen, nur 1, nur 2, nur die halfte, leer, leeres paket, leerer karton, unvollstandig, vergessen, nicht dabei, nicht im paket, nicht enthalten, der rest, statt 2, statt 3, statt 4
3: manca, mancano, mancante, mancanti, solo uno, solo una, solo 1, solo 2, c era solo, c erano solo, vuoto, vuota, scatola vuota, pacco vuoto, incompleto, incompleta, dimenticato, dimenticata, non c era, non c erano, la meta, il resto
3: kurang, cuma datang, cuma dapat, cuma dapet, cuma 1, cuma satu, cuma 2, hanya 1, hanya satu, hanya datang, cuma ada, kosong, paket kosong, kardus kosong, tidak ada isinya, gak ada isinya, ga ada isinya, isinya kosong, tidak lengkap, gak lengkap, ga lengkap, belum lengkap, ketinggalan, separuh, tidak ada di dalam, gak ada di dalam, ga ada di dalam
3: ontbreekt, ontbreken, ontbrekend, ontbrekende, ik mis, mis ik, mist, maar een, maar 1, maar 2, maar de helft, slechts, alleen de, alleen het, lege doos, leeg, lege, onvolledig, niet compleet, incompleet, vergeten, zat niet in, zat niet bij, niet bij, de helft, de rest
3: only had, had only, only contained, only one of, only 1 of
5: hilang isinya, isinya hilang, isi paket hilang, isinya gak ada, isinya tidak ada, isinya ga ada
3: veio uma so, veio um so, uma so, um so, only the, solo trajo, solo trae, solo venia, il n y en a que, n y en a que, es sind nur, sind nur, ce ne sono solo, ne sono solo, ini cuma, er zitten er maar, zitten er maar
3: manquait, manquaient, so tinha, so tinha o, so tinha a, only receive, only received, nicht im karton, nicht in der, nicht im paket, war nicht drin, di dalem, gak ada di dalem, ga ada di dalem, nao estava na caixa, no venia en la caja
2: pero sin el, pero sin la, sin el, sem o, mas sem, but without, without the, ohne, senza il, senza la, tanpa, zonder
3: so chegaram, chegaram so, so vieram, vieram so, solo llegaron, seulement 2, seulement deux, nur 2 angekommen, ne sono arrivati solo, cuma 2, er zijn er maar
3: wasnt in there, not in there, werent in there, non era nel, non era nella, non erano nel, gak ada di paket, tidak ada di paket, ga ada di paket, n etait pas dans, nao estava no, nao veio na, no estaba en
3: il n y avait que, n y avait que, war nur, drin war nur, isinya cuma, isinya hanya, zat alleen, solo estaba, there was only, sans l appareil, kein gerat, gak ada alatnya
3: wasnt there, wasn t there, werent there, nao tinha, nao estava la, no estaba, no venia, n etait pas la, war nicht da, non c era, was er niet, zat er niet
-3: no estaba en casa, no estaba en mi casa, non c era nessuno, rumah kosong, nao tinha ninguem, rumahnya kosong, war nur kurz, nur kurz weg
3: was missing, were missing, went missing from the box, faltou, faltava, faltavam, falto, fehlte, fehlten, mancava, mancavano, ontbrak, ontbraken, kurang satu, gak ikut, ga ikut, tidak ikut, nao veio junto, no vino incluido, n etait pas inclus, war nicht dabei, non era incluso, zat er niet bij
-3: nao tinha mais, nao havia mais, ich war nicht da, wir waren nicht da
3: was empty, it was empty, its empty, it s empty, came with only, nothing but bubble wrap, just bubble wrap, only bubble wrap
3: au lieu de deux, au lieu de 2, au lieu de trois, au lieu de 3, instead of two, instead of 2, instead of three, instead of 3, en vez de dos, en vez de 2, en lugar de dos, em vez de dois, em vez de duas, em vez de 2, statt zwei, statt drei, anstatt zwei, invece di due, invece di 2, invece di tre, in plaats van twee, in plaats van 2, bukannya 2
3: gak ada di kotak, ga ada di kotak, tidak ada di kotak, gak ada di dus, ga ada di dus, gak ada di box, ga ada di box
-3: yo no estaba, no estaba yo, ik was er niet, was ik er niet
3: una sola, uno solo, un solo, vino una sola, vino uno solo, veio um so, uma unica, um unico, une seule, un seul, ein einziges, eine einzige, uno solo, una sola, cuma satu, maar eentje, slechts een
-3: falta de documentacion, falta documentacion, falta de documentos, falta de datos, falta de informacion, faltam documentos, cuando fui no estaba, fui y no estaba, fui buscar e nao estava
3: s not there, s not in there, isnt there, is not there, arent there, aren t there
-3: non c era disponibilita, non c era piu
-3: address incomplete, incomplete address, indirizzo incompleto, indirizzo era incompleto, alamat kurang lengkap, alamat tidak lengkap, alamat gak lengkap, alamat ga lengkap, direccion incompleta, endereco incompleto, adresse incomplete, adresse unvollstandig, unvollstandige adresse, adres onvolledig, onvolledig adres, no estaba nadie
-2: sin el codigo, sin el numero, sin codigo, sem o codigo, sans le code, ohne code, senza codice, tanpa kode, zonder code
3: instead of 4, instead of four, instead of 5, instead of five, instead of 6, instead of six, au lieu de 4, au lieu de quatre, au lieu de 5, au lieu de 6, en vez de 3, en vez de tres, en vez de 4, en vez de 5, en vez de 6, em vez de 3, em vez de tres, em vez de 4, em vez de 5, em vez de 6, invece di 4, invece di quattro, invece di 5, invece di 6, in plaats van 3, in plaats van drie, in plaats van 4, in plaats van 5, in plaats van 6, statt 5, statt 6, statt vier
";

/// Oversold: paid, then told the item is not there.
pub(crate) const OUT_OF_STOCK: &str = "
4: out of stock, no stock, not in stock, sold out, no longer available, not available anymore, not available, unavailable, oversold, backorder, back order, backordered, no longer in stock
2: cancelled my order, canceled my order, you cancelled, you canceled, got cancelled, was cancelled
4: sem estoque, fora de estoque, nao tem estoque, nao tem mais, acabou o estoque, estoque acabou, esgotado, esgotada, esgotou, indisponivel, em falta, nao temos
2: cancelaram meu pedido, cancelaram, cancelado, cancelada
4: sin stock, no hay stock, no hay existencia, sin existencias, no tienen stock, agotado, agotada, agotados, se agoto, no esta disponible, no disponible, ya no hay, ya no tienen, no tenian
2: cancelaron mi pedido, cancelaron, cancelado, cancelada
4: rupture de stock, en rupture, rupture, plus en stock, pas en stock, epuise, epuisee, indisponible, plus disponible, n est plus disponible
2: annule ma commande, annulee, annule
4: nicht auf lager, nicht vorratig, nicht mehr vorratig, nicht mehr lieferbar, nicht lieferbar, ausverkauft, vergriffen, nicht verfugbar, nicht mehr verfugbar, kein lager, lagerbestand
2: storniert, stornieren
4: esaurito, esaurita, esauriti, non disponibile, non piu disponibile, non e disponibile, non e piu disponibile, fuori stock, non in magazzino, senza stock, non ce l avete, non l avete piu
2: annullato, annullata, annullare
4: stok habis, stoknya habis, stok kosong, habis, kosong stok, tidak tersedia, gak ada stok, ga ada stok, tidak ada stok, barang kosong, stok tidak ada, stock habis
2: dibatalkan, di cancel, dicancel, cancel
4: niet op voorraad, uitverkocht, niet leverbaar, niet meer leverbaar, niet beschikbaar, niet meer beschikbaar, geen voorraad, voorraad op
2: geannuleerd, annuleren
4: falta de stock, falta de estoque, falta de existencias, por falta de, barangnya kosong, stoknya kosong, stock kosong
2: cancelais, cancelasteis, habeis cancelado
0.8: stock, estoque, stok, voorraad, vorrat*, lager, existencias, leverbaar, lieferbar, magazzino
0.5: available, disponivel, disponible, disponibile, verfugbar, tersedia, beschikbaar
3: isnt available, is not available, no longer have, dont have it in stock, nao tem mais, no hay existencias, stoknya gak ada, stok gak ada, stok tidak ada, stoknya tidak ada, kalo stoknya, n avez pas en stock, pas en stock, nicht vorratig, non avete, non e disponibile
4: falta do produto, falta de produto, por falta, abis, barangnya abis, stoknya abis, stok abis, nicht mehr da, non c e piu, er niet meer, n est plus, no teneis stock, no tienen stock, no hay mas
4: no inventory, inventory left, sin inventario, no hay inventario, plus de stock, pas de stock, keinen bestand, kein bestand, bestand mehr, piu disponibilita, non c e piu disponibilita, nao tem mais a cor, nao tem mais o, nao tem mais a, acabou a cor, ya no hay en, geen voorraad meer
4: acabou o produto, refunded me saying, me reembolsaram dizendo, dinheiro de volta dizendo, me devolvieron el dinero porque, rembourse en disant, erstattet weil, rimborsato dicendo, direfund katanya
3: wanted the product, queria o produto, queria el producto, je voulais l article, je voulais le produit, wollte den artikel, volevo il prodotto, mau barangnya, wilde het product
3: plus dispo, n etait plus dispo, pas dispo, nicht mehr verfugbar, its out, it s out, out after i paid, esta em falta, ta em falta
4: wasnt available, was not available, was unavailable, no estaba disponible, no estaba en stock, nao estava disponivel, nao estava mais disponivel, n etait pas disponible, n etait plus disponible, war nicht verfugbar, war nicht mehr verfugbar, war nicht lieferbar, war nicht auf lager, non era disponibile, non era piu disponibile, sudah tidak tersedia, tidak tersedia lagi, was niet beschikbaar, was niet meer beschikbaar, was niet leverbaar, was niet op voorraad
4: nao tem o produto, nao tem mais o produto, nao tinham o produto, nao temos o produto, no tienen el producto, no tenian el producto, no tenemos el producto, n avez pas le produit, n aviez pas le produit, habt den artikel nicht, hattet den artikel nicht, non avete il prodotto, non avevate il prodotto, produknya gak ada, produknya tidak ada, hebben het product niet, hadden het product niet, dont have the item, dont have the product, didnt have the item, didnt have the product
-4: recipient not available, recipient unavailable, not available to receive, not available to sign
4: ran out, sold out after, acabou o estoque, se agoto, se acabo el stock, plus en stock, war ausverkauft, era esaurito, stok abis, was uitverkocht
4: discontinued, no longer made, no longer sold, no longer produced, descontinuado, descontinuada, descatalogado, descatalogada, fuera de catalogo, saiu de linha, fora de linha, n est plus fabrique, plus fabrique, n est plus produit, abgekundigt, nicht mehr im sortiment, aus dem sortiment, fuori produzione, non piu prodotto, tidak diproduksi lagi, sudah tidak diproduksi, uit het assortiment, niet meer gemaakt, uit productie
3: sem ter estoque, sin tener stock, sans avoir de stock, sans stock, ohne lagerbestand, senza averlo, tanpa stok, zonder voorraad, venderam sem, vendieron sin, vendu sans, verkauft ohne, venduto senza, jual tanpa, verkocht zonder
3: cancelled because, canceled because, cancelled it because, cancelaram porque, cancelaram pq, cancelado porque, cancelaron porque, cancelado por, annule parce, annulee parce, annule car, annulee car, storniert weil, storniert da, annullato perche, annullata perche, dibatalkan karena, dibatalin karena, geannuleerd omdat, geannuleerd want
3: nao tinha mais, nao havia mais, no habia mas, no quedaba, no quedaban, ya no quedaba, n y en avait plus, n y en a plus, nichts mehr da, keine mehr da, non ce n era piu, non ce ne sono piu, het op was, was op, sudah habis, udah habis
3: que acabou, falam que acabou, disseram que acabou, ja acabou, tinha acabado, acabaram, que se acabo, se acabaron, que ya no hay, dicen que no hay, qu il n y en a plus, il n y en a plus, plus en vente, artikel ist weg, nicht mehr zu haben, che e finito, e finito, sono finiti, e terminato, udah abis, sudah abis, is op, zijn op, het is op
-4: falta de documentacion, falta de documentos, falta de datos, falta de informacion, falta de pago, falta de documentacao, por falta de documentacion, por falta de documentos, por falta de datos, por falta de pago
2: em estoque, en stock, in stock, op voorraad, auf lager, in magazzino, di stok, so tem, so temos, solo hay, solo quedan, so restam, il ne reste que, nur noch, ne restano solo, ne rimangono, tinggal, cuma ada stok, er zijn nog maar
4: non c era disponibilita, non c e disponibilita, nessuna disponibilita, sin disponibilidad, no habia disponibilidad, sem disponibilidade, pas de disponibilite, keine verfugbarkeit, geen beschikbaarheid
3: cancellato l ordine, avete cancellato, cancellato perche, annullato l ordine, avete annullato
-4: customer not available, customer unavailable, receiver not available, consignee not available, consignee unavailable
4: agotadas, agotaron, se agotaron, se agotaron los, se agotaron las, esgotados, esgotadas, esgotaram, epuises, epuisees, esaurite, esaurita, esauriti, sono finite, sono finiti, vergriffen, nicht mehr vorratig, uitverkocht, habis stok, sold out now, all sold out, none left, no quedan, no queda, nao tem mais, plus aucun, keine mehr, non ce ne sono, geen meer
";

/// Doesn't fit, doesn't like it: the store's return policy applies.
pub(crate) const RETURN_EXCHANGE: &str = "
3: return, returns, returning, send it back, send back, exchange, swap, doesnt fit, dont fit, too small, too big, too large, too tight, too short, too long, too loose, bigger size, smaller size, a size up, a size down, change the size, dont like, dont love, didnt like, changed my mind, return label, return policy, not as described, not as pictured, looks different
1: refund
0.5: size
3: trocar, troca, trocas, devolver, devolucao, devolvo, ficou grande, ficou pequeno, ficou pequena, ficou apertado, ficou apertada, ficou largo, ficou larga, nao serviu, nao ficou bom, nao gostei, tamanho maior, tamanho menor, outro tamanho, arrependimento, desistir, desisti, etiqueta de devolucao, nao e como na foto
1: reembolso
0.5: tamanho
3: devolver, devolucion, devuelvo, cambiar, cambio, no me queda, no me quedan, no me quedo, no me quedaron, me queda grande, me queda chico, me queda chica, me queda pequeno, me quedo grande, me quedo chico, muy grande, muy chico, muy chica, muy pequeno, otra talla, talla mas grande, talla mas chica, no me gusto, no me gusta, no es como en la foto
1: reembolso
0.5: talla
3: retour, retourner, renvoyer, echanger, echange, trop petit, trop petite, trop grand, trop grande, trop serre, taille au dessus, taille en dessous, autre taille, ne me va pas, ne me plait pas, ne convient pas, etiquette de retour, me retracter, retractation
1: rembourser, remboursement
0.5: taille
3: zuruckschicken, zurucksenden, zuruckgeben, rucksendung, retoure, retournieren, umtauschen, umtausch, tauschen, zu klein, zu gross, zu eng, zu weit, passt nicht, passen nicht, gefallt mir nicht, nummer grosser, nummer kleiner, widerruf, widerrufen, rucksendeetikett
1: erstattung
0.5: grosse
3: reso, rendere, restituire, restituzione, cambiare, cambio, sostituire, troppo piccolo, troppo piccola, troppo piccoli, troppo piccole, troppo grande, troppo grandi, troppo stretto, troppo stretta, troppo strette, troppo stretti, troppo largo, troppo larga, taglia piu grande, taglia piu piccola, altra taglia, non mi sta, non mi stanno, non mi va, non mi piace, non mi piacciono, recesso
1: rimborso
0.5: taglia
3: tukar, tuker, retur, return, kembalikan, balikin, pengembalian, kekecilan, kebesaran, kegedean, kesempitan, ukuran lebih besar, ukuran lebih kecil, ganti ukuran, ganti warna, ganti barang, gak muat, ga muat, tidak muat, gak cocok, ga cocok, tidak cocok, tidak suka, gak suka, ga suka
1: refund
0.5: ukuran
3: retour, retourneren, terugsturen, terug sturen, ruilen, omruilen, omwisselen, te klein, te groot, te krap, te wijd, past niet, passen niet, maat groter, maat kleiner, andere maat, bevalt niet, niet mooi, herroep*, retourlabel
1: terugbetaling
0.5: maat
3: regresar, regresarlo, devolv*, devoluc*, not what i expected, nao era o que eu esperava, nao era o que esperava, no es lo que esperaba, no era lo que esperaba, pas ce que j attendais, nicht wie erwartet, nicht das was ich erwartet, non e quello che mi aspettavo, tidak sesuai ekspektasi, gak sesuai ekspektasi, niet wat ik verwachtte, kepanjangan, kependekan, troppo lungo, troppo lunga, troppo corto, zu lang, zu kurz, te lang, te kort, te groot, money back, my money back, dinheiro de volta, mi dinero de vuelta, geld zuruck, mijn geld terug, soldi indietro, uang kembali, return address
3: de volta, send back, mandar de volta, enviar de volta, nao ficou boa, nao ficou bem, no me convencio, no me convencieron, no me convence, non mi convince, non mi convincono, ne me convainc pas, zurucktreten, vom kauf, zurucksend*, gak jadi, ga jadi, niks voor mij, niet voor mij
2: era um presente, e um presente, it was a gift, its a gift, was a gift, era un regalo, es un regalo, c etait un cadeau, un cadeau, war ein geschenk, ein geschenk, ini kado, kado, was een cadeau, een cadeau, already have, ja tem, ya lo tiene, l a deja, hat es schon, ce l hanno gia, udah punya, hebben het al, me equivoque, me enganei, i made a mistake, je me suis trompe, ich habe mich vertan, mi sono sbagliato, mi sono sbagliata, salah pilih, vergist
3: swap it, swap for, cambiarl*, changer, ditukar, tukar*, gegen etwas, eintauschen, omruil*, cambia*
3: mi va grande, mi va piccolo, mi va piccola, mi sta grande, mi sta piccolo, mi sta piccola, taglia in meno, taglia in piu, una taglia, halbe nummer, nummer kleiner, taille en dessous
3: change it for, change for, change it to, contre une autre, gegen eine andere, ruilen voor, cambiar por, trocar por, cambiarlo con, tukar warna
3: retourpakket, retourpakketje, retourzending, returnya, returan, paket retur, barang retur, kirim retur, kirim balik, return parcel, return package, my return, paquete de devolucion, pacote de devolucao, colis retour, colis de retour, pacco del reso, retourenpaket, retourpaket
3: le rendre, la rendre, les rendre, rendre l article, rendre le produit, terugbrengen, terug brengen
3: taglia sopra, taglia sotto, numero sopra, troppo corti, troppo corte, troppo corto, troppo corta, trop court, trop courte, too short
4: gak sesuai selera, ga sesuai selera, tidak sesuai selera, kurang sesuai selera, bukan selera, not my taste, not to my taste, nao e meu estilo, no es mi estilo, pas mon style, pas a mon gout, nicht mein geschmack, nicht mein stil, non e il mio stile, non fa per me, niet mijn smaak, niet mijn stijl
-3: changer l adresse, cambiar la direccion, mudar o endereco, trocar o endereco, adresse andern, adresse aendern, cambiare l indirizzo, ganti alamat, adres wijzigen, change the address, change my address, change the delivery address
";
