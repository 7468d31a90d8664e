namespace Chatwire.Core.Generation.Offline;

/// <summary>The offline responder's own words, in English and Indonesian; everything else it says is quoted from the brand's data.</summary>
internal sealed record AnswerPhrases
{
    public static AnswerPhrases English { get; } = new()
    {
        Source = "Source",
        Sources = "Sources",
        And = "and",
        ProductsAfterAnswer = "Products that match what you're looking for:",
        ProductsOnly = "Here are the products that best match what you asked for:",
        OutOfStock = "currently out of stock",
        NoMatch = "I'm sorry, I couldn't find anything about that in the {0} knowledge base, so I won't guess. I can help with {1}.",
        NoMatchVoice = "Sorry, I don't have information about that, but I can help with {0}.",
        NoGrounding = "I can only answer questions about this brand's products, services and documentation, and I have no brand knowledge for this conversation. Please ask about those.",
        NoGroundingVoice = "Sorry, I can only answer questions about this brand's products and services.",
        HelpWith = "I can help with {0}.",
        YouAreWelcome = "You're welcome!",
        RecommendVoice = "I'd recommend the {0}, which costs {1}",
        AlternativeVoice = ", or the {0} for {1}",
        OutOfStockVoice = ", although it is currently out of stock",
    };

    public static AnswerPhrases Indonesian { get; } = new()
    {
        Source = "Sumber",
        Sources = "Sumber",
        And = "dan",
        ProductsAfterAnswer = "Produk yang sesuai dengan kebutuhan Anda:",
        ProductsOnly = "Berikut produk yang paling sesuai dengan permintaan Anda:",
        OutOfStock = "stok sedang habis",
        NoMatch = "Maaf, saya tidak menemukan informasi tentang itu di basis pengetahuan {0}, jadi saya tidak akan menebak. Saya bisa membantu soal {1}.",
        NoMatchVoice = "Maaf, saya tidak punya informasi tentang itu, tetapi saya bisa membantu soal {0}.",
        NoGrounding = "Saya hanya dapat menjawab pertanyaan tentang produk, layanan, dan dokumentasi merek ini, dan tidak ada pengetahuan merek untuk percakapan ini. Silakan tanyakan hal tersebut.",
        NoGroundingVoice = "Maaf, saya hanya dapat menjawab pertanyaan tentang produk dan layanan merek ini.",
        HelpWith = "Saya bisa membantu soal {0}.",
        YouAreWelcome = "Sama-sama!",
        RecommendVoice = "Saya merekomendasikan {0} seharga {1}",
        AlternativeVoice = ", atau {0} seharga {1}",
        OutOfStockVoice = ", tetapi stoknya sedang habis",
    };

    public required string Source { get; init; }
    public required string Sources { get; init; }
    public required string And { get; init; }
    public required string ProductsAfterAnswer { get; init; }
    public required string ProductsOnly { get; init; }
    public required string OutOfStock { get; init; }

    /// <summary>{0} brand name, {1} the topics it can help with.</summary>
    public required string NoMatch { get; init; }

    /// <summary>{0} the topics.</summary>
    public required string NoMatchVoice { get; init; }

    /// <summary>{0} the topics.</summary>
    public required string HelpWith { get; init; }

    public required string YouAreWelcome { get; init; }

    public required string NoGrounding { get; init; }
    public required string NoGroundingVoice { get; init; }

    /// <summary>{0} product name, {1} spoken price.</summary>
    public required string RecommendVoice { get; init; }

    public required string AlternativeVoice { get; init; }
    public required string OutOfStockVoice { get; init; }

    public static AnswerPhrases For(string language) => language == "id" ? Indonesian : English;

    /// <summary>"a, b and c".</summary>
    public string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {And} {items[^1]}",
    };
}
