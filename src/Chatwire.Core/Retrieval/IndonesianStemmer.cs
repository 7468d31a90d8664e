using System.Collections.Frozen;

namespace Chatwire.Core.Retrieval;

/// <summary>
/// A conservative Indonesian affix stripper after the Nazief–Adriani order (particle, possessive,
/// derivational suffix, then one prefix) but without a root dictionary, so every rule demands a
/// long enough remainder and known roots that merely look affixed are left alone. The aim is that
/// "pengiriman", "dikirim" and "mengirim" meet at "kirim", and "pembayaran"/"membayar" at "bayar".
/// </summary>
internal static class IndonesianStemmer
{
    // Roots and loanwords that look affixed ("di-gital", "ring-an", "pelanggan" = pe-langgan).
    private static readonly FrozenSet<string> NeverStem = new[]
    {
        "digital", "diskon", "dimensi", "dinamis", "dingin", "direktur", "distributor", "display", "diesel",
        "terminal", "termasuk", "teknologi", "pelanggan", "ringan", "taman", "teman", "bulan", "jalan", "ikan",
        "makan", "badan", "tangan", "depan", "kanan", "sekolah", "masalah", "salah", "kalah", "perempuan",
        "dengan", "sedang", "bukan", "akan", "memori", "menu", "meter", "media", "medium", "member", "metode",
        "pesan", "tekan", "liburan", "pertama", "persen", "personal",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static string Stem(string word)
    {
        if (word.Length < 5 || NeverStem.Contains(word) || !EnglishStemmer.IsAllLetters(word))
        {
            return word;
        }

        var w = StripSuffix(word, "lah", 4) ?? StripSuffix(word, "kah", 4) ?? StripSuffix(word, "pun", 4) ?? word;
        w = StripSuffix(w, "nya", 4) ?? w;

        var confix = false;
        if (StripSuffix(w, "kan", 4) is { } withoutKan)
        {
            w = withoutKan;
        }
        else if (StripSuffix(w, "an", 4) is { } withoutAn)
        {
            w = withoutAn;
            confix = true;
        }

        var stem = StripPrefix(w, confix) ?? w;
        return stem.Length >= 3 ? stem : word;
    }

    private static string? StripSuffix(string word, string suffix, int minRemaining) =>
        word.Length - suffix.Length >= minRemaining && word.EndsWith(suffix, StringComparison.Ordinal)
            ? word[..^suffix.Length]
            : null;

    private static string? StripPrefix(string w, bool hadAnSuffix)
    {
        // Nasal prefixes replace the root's first sound: meng-irim ← kirim, mem-akai ← pakai, men-ukar ← tukar.
        if ((Nasal(w, "meny") ?? Nasal(w, "peny")) is { } ny)
        {
            return IsVowel(ny[0]) ? "s" + ny : null;
        }

        if ((Nasal(w, "meng") ?? Nasal(w, "peng")) is { } ng)
        {
            return IsVowel(ng[0]) ? "k" + ng : ng;
        }

        if ((Nasal(w, "mem") ?? Nasal(w, "pem")) is { } m)
        {
            return IsVowel(m[0]) ? "p" + m : m[0] is 'b' or 'f' or 'p' or 'v' ? m : null;
        }

        if ((Nasal(w, "men") ?? Nasal(w, "pen")) is { } n)
        {
            return IsVowel(n[0]) ? "t" + n : n[0] is 'c' or 'd' or 'j' or 's' or 't' or 'z' ? n : null;
        }

        if (w.StartsWith("me", StringComparison.Ordinal) && w.Length >= 6 && w[2] is 'l' or 'm' or 'n' or 'r' or 'w' or 'y')
        {
            return w[2..];
        }

        // pe-r is left out: "periksa" is a root, and "pemeriksaan" already reaches it through pem-.
        if (w.StartsWith("pe", StringComparison.Ordinal) && w.Length >= 6 && w[2] is 'l' or 'm' or 'n' or 'w' or 'y')
        {
            return w[2..];
        }

        if (Plain(w, "ber") is { } ber)
        {
            return ber;
        }

        if (Plain(w, "per") is { } per && !IsVowel(per[0]))
        {
            return per;
        }

        if (Plain(w, "ter") is { } ter)
        {
            return ter;
        }

        if (Plain(w, "di") is { } di && !(di[0] == 's' && !IsVowel(di[1])))
        {
            return di;
        }

        // ke- only as the ke-...-an confix (kecepatan, keamanan); a bare "ke" starts many roots (kembali).
        if (hadAnSuffix && Plain(w, "ke") is { } ke && (IsVowel(ke[0]) || IsVowel(ke[1])))
        {
            return ke;
        }

        return null;
    }

    private static string? Nasal(string w, string prefix) =>
        w.Length - prefix.Length >= 3 && w.StartsWith(prefix, StringComparison.Ordinal) ? w[prefix.Length..] : null;

    private static string? Plain(string w, string prefix) =>
        w.Length - prefix.Length >= 4 && w.StartsWith(prefix, StringComparison.Ordinal) ? w[prefix.Length..] : null;

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
