//! How shoppers write about money: charged twice, paid without a confirmation, a refund that
//! has not shown up; and the messages that are no problem at all. Same line format as `delivery.rs`.

/// Charged twice, debited after a "failed" payment, paid but no confirmation.
pub(crate) const PAYMENT: &str = "
4: charged twice, charged me twice, charged 2 times, charged two times, charged double, double charged, double charge, double charging, charged more, overcharged, paid twice, paid 2 times, paid two times, payment failed, payment declined, payment didnt go through, declined but, money was taken, money taken, money was deducted, taken from my account, taken out of my account, debited, deducted, pending charge, two charges, 2 charges, no confirmation, didnt get a confirmation, never got a confirmation, not confirmed, awaiting payment, shows unpaid, still unpaid, unpaid, where is my refund, refund hasnt, refund has not, havent received my refund, havent got my refund, still no refund, no refund yet, refund didnt, refund not received
0.6: charge, charged, payment, paid, invoice, bank statement, credit card, card, bank
4: cobrado duas vezes, cobrada duas vezes, cobraram duas vezes, cobrou duas vezes, cobrado 2 vezes, cobrada 2 vezes, cobraram 2 vezes, cobrou 2 vezes, cobranca duplicada, cobranca em dobro, cobrado em dobro, cobrou em dobro, paguei duas vezes, paguei 2 vezes, cobrado a mais, cobraram a mais, cobrou a mais, debitado, debitaram, descontado, descontaram, pagamento recusado, pagamento nao aprovado, pagamento nao foi aprovado, aprovado mas, aguardando pagamento, nao confirmou, sem confirmacao, confirmacao do pagamento, nao recebi a confirmacao, fiz o pix, paguei o pix, paguei no pix, paguei o boleto, estorno, cade meu reembolso, cade o reembolso, cade o estorno, nao recebi o reembolso, reembolso nao caiu, nao caiu, duas cobrancas, 2 cobrancas
0.8: pix, boleto
2: cobranca, cobraram, cobrado, cobrada
0.6: cartao, fatura, paguei, pagamento
4: cobraron dos veces, me cobraron 2 veces, cobraron 2 veces, me cobraron doble, cobro doble, cobro duplicado, doble cargo, cargo doble, cargo duplicado, cargos duplicados, dos cargos, 2 cargos, pague dos veces, pague 2 veces, me cobraron de mas, cobro de mas, cobrado de mas, se desconto, me descontaron, debitado, pago rechazado, pago fallido, rechazado pero, no me llego confirmacion, no me llego ninguna confirmacion, confirmacion del pago, ninguna confirmacion, sin confirmacion, hice el pago, no me han devuelto el dinero, no me llego el reembolso, donde esta mi reembolso, no he recibido el reembolso
0.8: oxxo
2: cobraron, cobro, cargo, cobrarme
0.6: tarjeta, transferencia, ya pague, pague, pago
4: debite deux fois, debitee deux fois, debite 2 fois, preleve deux fois, prelevee deux fois, preleve 2 fois, paye deux fois, paye 2 fois, facture deux fois, double prelevement, double paiement, double debit, deux prelevements, preleve, prelevement, debite, paiement refuse, paiement echoue, paiement a echoue, refuse mais, pas de confirmation, aucune confirmation, pas recu de confirmation, pas rembourse, toujours pas rembourse, pas ete rembourse, remboursement n est pas
0.6: carte bancaire, carte, paiement, paye
4: doppelt abgebucht, zweimal abgebucht, 2 mal abgebucht, doppelt belastet, zweimal belastet, doppelt bezahlt, zweimal bezahlt, doppelt berechnet, zweimal berechnet, abgebucht, belastet, zu viel berechnet, zahlung fehlgeschlagen, zahlung abgelehnt, keine bestatigung, keine bestellbestatigung, keine zahlungsbestatigung, ruckerstattung nicht, noch keine ruckerstattung, geld noch nicht zuruck, noch kein geld zuruck, immer noch kein geld zuruck
2: kein geld zuruck
2: bestatigung, abbuchung
0.6: zahlung, kreditkarte, bezahlt, konto
4: addebitato due volte, addebitati due volte, addebitato 2 volte, addebitata due volte, due addebiti, 2 addebiti, doppio addebito, doppio pagamento, pagato due volte, pagato 2 volte, addebitato, addebitati, addebitata, addebito, scalato, scalati, pagamento rifiutato, pagamento non andato, pagamento fallito, nessuna conferma, non ho ricevuto conferma, non ho ricevuto la conferma, rimborso non, nessun rimborso, ancora nessun rimborso, non mi avete rimborsato
0.6: carta di credito, carta, bonifico, pagato, pagamento
4: kepotong dua kali, terpotong dua kali, terpotong 2 kali, kepotong 2 kali, kepotong 2x, terpotong 2x, ditagih dua kali, ditagih 2 kali, bayar dua kali, bayar 2 kali, bayar 2x, double bayar, dobel bayar, saldo terpotong, saldo kepotong, kepotong, terpotong, sudah transfer, udah transfer, sdh transfer, belum dibayar, belum terbayar, pembayaran gagal, gagal bayar, belum terkonfirmasi, belum dikonfirmasi, konfirmasi pembayaran, dana belum kembali, refund belum, uang belum kembali
0.6: transfer, bayar, pembayaran, saldo
4: twee keer afgeschreven, dubbel afgeschreven, 2 keer afgeschreven, twee keer betaald, 2 keer betaald, dubbel betaald, twee keer geld, afgeschreven, betaling mislukt, betaling geweigerd, geen bevestiging, geen orderbevestiging, geen betaalbevestiging, terugbetaling nog niet, geld nog niet terug, nog geen terugbetaling, nog steeds geen terugbetaling
2: bevestiging, dubbel
0.6: ideal, betaling, betaald
2: twice, dos veces, 2 veces, duas vezes, 2 vezes, deux fois, 2 fois, zweimal, doppelt, due volte, 2 volte, dua kali, 2 kali, twee keer, 2 keer
4: cobrasteis, me habeis cobrado, me han cobrado dos, sin confirmar, no me confirman, sigue sin confirmar, pendiente de pago, nao confirmaram, ainda nao confirmou, belum masuk, refund belum masuk, dana belum masuk
2: confirmation, confirmation email, confirmacion, confirmacao, bestatigung, conferma, konfirmasi, bevestiging
3: duplicado, duplicada, cobranca duplicada, pagamento duplicado, cargo duplicado, two payments, 2 payments, charged for the same, double paiement, doppelte zahlung, doppia transazione, pembayaran ganda, dubbele betaling, dubbel afgehaald, twee keer afgehaald
3: transactions, two transactions, 2 transactions, potongan, 2 kali potongan, dua kali potongan, mutasi
1: statement, estratto conto, afschrift, kontoauszug, extrato, releve
3: dont recognize, don t recognize, dont recognise, do not recognize, nao reconheco, no reconozco, ne reconnais pas, nicht kenne, nicht erkenne, non riconosco, gak ngerasa, tidak merasa, ga ngerasa, niet herken, afschrijving, tagihan
4: pending payment, payment pending, pagamento pendente, pago pendiente, paiement en attente, zahlung ausstehend, pagamento in sospeso, menunggu pembayaran, betaling in behandeling, zahlung widerrufen
2: pagamento risulta, in attesa di pagamento, risulta fatto, pagamento fatto, pago hecho, pagamento feito, paiement effectue, zahlung erfolgt, betaling gedaan, wachten op betaling, en attente de paiement
3: got charged, been charged, charged me, zwei mal bezahlt, zwei mal abgebucht, 2 mal bezahlt, deu erro, passei o cartao, dio error, me salio error, salio error, erreur de paiement, fehler bei der zahlung, errore nel pagamento, pembayaran error, betaalfout
2: was charged, zwei mal, 2 mal, app do banco, app del banco, extrato, estado de cuenta
3: debit*, belast
4: registrar el pago, registrar o pagamento, sin registrar el pago, nao reconheceu o pagamento, no reconocio el pago, didnt register the payment, payment not registered, paiement non enregistre, zahlung nicht erkannt, pagamento non registrato, pembayaran tidak terdeteksi, betaling niet verwerkt
4: paguei 2x, cobraram 2x, cobrado 2x, pague 2x, cobraron 2x, charged 2x, paid 2x, paye 2x, 2x abgebucht, pagato 2x, 2x betaald
2: bestatigungs*, bestatigungsmail, bevestigings*, bevestigingsmail, orderbevestiging, bestellbestatigung, email de confirmacao, mail de confirmation, mail di conferma, email konfirmasi, correo de confirmacion
2: recusada, recusado, recusou, rechazada, rechazado, refusee, refuse, abgelehnt, rifiutato, rifiutata, ditolak, geweigerd, declined
4: o dinheiro saiu, dinheiro saiu, saiu o dinheiro, saiu da conta, saiu do cartao, saiu do meu cartao, el dinero salio, salio el dinero, se me desconto, l argent est parti, l argent a ete preleve, geld ist weg, geld wurde abgebucht, i soldi sono usciti, soldi scalati, uangnya keluar, uang keluar, saldo keluar, geld is weg, geld is afgeschreven, money left my account, money s gone, money is gone, money gone, money has gone
3: risulta non pagato, non risulta pagato, risulta non pagata, consta como nao pago, aparece como no pagado, aparece como nao pago, says unpaid, marked as unpaid, als unbezahlt, noch offen, non pagato, nao pago, no pagado, impaye, non paye, unbezahlt, onbetaald
4: transfer 2x, transfer dua kali, transfer 2 kali, tf 2x, tf dua kali, kebayar 2x, kebayar dua kali, overgemaakt 2x, twee keer overgemaakt, virement 2 fois, deux virements, zweimal uberwiesen, 2x uberwiesen, bonifico due volte, due bonifici, transferi dos veces, transferi 2 veces, fiz 2 pix, pix duas vezes, pix 2x
3: payment go through, payment went through, did it go through, betaling gelukt, is de betaling gelukt, pago se realizo, el pago paso, pagamento passou, pagamento foi aprovado, paiement est passe, le paiement est passe, zahlung durchgegangen, zahlung geklappt, pagamento e andato a buon fine, pembayaran berhasil, uangnya masuk, uangnya udah masuk, uang sudah masuk, va nya expired, va expired, virtual account, kode bayar, checkout tapi
";

/// Greetings, thanks, questions that are not a problem with an order.
pub(crate) const OTHER: &str = "
1: thanks, thank you, thx, ty, hello, hi, hey, good morning, ok, okay, great, perfect, awesome
1: obrigado, obrigada, valeu, brigado, brigada, oi, ola, bom dia, boa tarde, boa noite, perfeito, otimo
1: gracias, hola, buenas, buenos dias, buenas tardes, perfecto, genial, muy amable, muy amables
1: merci, bonjour, bonsoir, salut, parfait, super
1: danke, hallo, guten tag, guten morgen, super, perfekt, vielen dank
1: grazie, ciao, buongiorno, buonasera, perfetto, gentilissimi, gentilissima
1: terima kasih, makasih, trims, halo, selamat pagi, selamat siang, oke, mantap
1: bedankt, dank je, dankjewel, dank u, hoi, goedemorgen, goedemiddag, prima, top
";

/// A refund already promised that has not shown up: the waiting words of such a message are
/// about money, not a parcel.
pub(crate) const REFUND_WAIT: &str = "
refund: my refund, the refund, refund yet, refund hasnt, refund still, receive my refund, received my refund, meu reembolso, o reembolso, meu estorno, o estorno, do estorno, do reembolso, mi reembolso, el reembolso, del reembolso, mon remboursement, le remboursement, pas rembourse, pas remboursee, toujours pas rembourse, meine ruckerstattung, die ruckerstattung, der ruckerstattung, meine erstattung, die erstattung, il rimborso, mio rimborso, del rimborso, refund saya, refundnya, dana refund, uang refund, mijn terugbetaling, de terugbetaling
";
