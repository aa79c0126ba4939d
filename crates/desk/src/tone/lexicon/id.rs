//! Indonesian phrases, folded: lower case, no accents.

use super::Lexicon;

pub(super) const ID: Lexicon = Lexicon {
    blame: &[
        "(salah|salahnya|kesalahan) (kurir|ekspedisi|jasa kirim|pihak ekspedisi|pihak kurir|jne|j t|sicepat|pos)",
        "bukan (salah|kesalahan) (kami|kita|toko)",
        "(kami|kita) tidak bisa (berbuat|melakukan) apa apa",
        "tidak ada yang bisa kami lakukan",
        "di luar kendali kami",
        "bukan tanggung jawab (kami|toko)",
        "(silakan|silahkan|harap) (hubungi|tanya|komplain ke|tanyakan ke) (kurir|ekspedisi|pihak ekspedisi|pihak kurir)",
    ],
    stock_excuse: &["sistem (menunjukkan|bilang|menampilkan)", "(error|kesalahan) sistem"],
    lecturing: &[
        "(harap|mohon|harus) (sabar|bersabar)",
        "sabar (ya|dulu|saja|aja)",
        "(anda|kakak|kak|agan) harus menunggu",
        "seperti yang sudah (kami|saya) (sampaikan|jelaskan|bilang|informasikan)",
        "baca (deskripsi|ketentuan)",
    ],
    doubt: &[
        "tidak ada (pelanggan|customer|pembeli) lain",
        "(pelanggan|pembeli) lain tidak",
        "belum pernah ada (yang|keluhan)",
        "(anda|kakak|kak) yakin",
        "yakin sudah",
    ],
    vague: &["segera", "secepatnya", "dalam waktu dekat", "secepat mungkin"],
    vague_ok: &[],
    stiff_apology: &["(mohon|kami mohon) maaf atas (ketidaknyamanan|ketidaknyamanannya|ketidaknyamanan ini)", "maaf atas ketidaknyamanannya"],
    defensive: &[
        "sesuai (kebijakan|ketentuan|syarat dan ketentuan|s k) (kami|toko)",
        "(perlu|mohon) (kami informasikan|diketahui) bahwa",
        "kami tidak bertanggung jawab",
    ],
    full_refund: &["refund (penuh|full|100)", "uang kembali (penuh|100)", "pengembalian dana penuh"],
    replacement: &["kirim ulang", "kami kirim(kan|) (yang baru|pengganti)"],
    free_express: &["(gratis|free) (ongkir|pengiriman) ekspres", "(ekspres|express) gratis", "gratis ekspres"],
};
