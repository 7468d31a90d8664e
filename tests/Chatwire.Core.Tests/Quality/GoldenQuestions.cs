namespace Chatwire.Core.Tests.Quality;

/// <summary>
/// One customer question with the document that must answer it. <see cref="Agent"/> is the agent
/// it must be routed to, where that is unambiguous; <see cref="Fact"/> is text the composed
/// offline answer must contain, for questions whose answer is one figure or name.
/// </summary>
public sealed record GoldenQuestion(string Brand, string Question, string Source, string? Agent = null, string? Fact = null);

/// <summary>
/// The golden set: questions phrased the way customers ask them (not copied headings), in English
/// and Indonesian, covering every knowledge file of every shipped brand. A ranking change that
/// breaks one of these answers a real customer wrongly.
/// </summary>
public static class GoldenQuestions
{
    public static IReadOnlyList<GoldenQuestion> All { get; } =
    [
        .. TechProEnglish(),
        .. TechProIndonesian(),
        .. Meridian(),
        .. Default(),
    ];

    private static IEnumerable<GoldenQuestion> TechProEnglish()
    {
        const string warranty = "warranty-returns.md", shipping = "shipping-payment.md", store = "store-info.md", guide = "buying-guide.md";
        yield return new("techpro", "How long is the laptop warranty?", warranty, "support", "1 to 3 years");
        yield return new("techpro", "My phone stopped working after two weeks, how do I claim the warranty?", warranty, "support");
        yield return new("techpro", "Can I return a laptop if I don't like it?", warranty, "support", "within 7 days");
        yield return new("techpro", "When do I get my money back after a refund is approved?", warranty, "support", "3 to 7 working days");
        yield return new("techpro", "Do you sell protection against accidental damage?", warranty, "support", "TechPro Care");
        yield return new("techpro", "How much does it cost to fix a laptop that is out of warranty?", warranty, "support");
        yield return new("techpro", "Is shipping free to Surabaya?", shipping, "orders");
        yield return new("techpro", "How many days does delivery take outside Java?", shipping, "orders", "3 to 7 working days");
        yield return new("techpro", "Which couriers do you ship with?", shipping, "orders", "SiCepat");
        yield return new("techpro", "Can I pay with GoPay or a credit card?", shipping, "orders");
        yield return new("techpro", "Do you offer 0% installments on a new phone?", shipping, "orders", "0%");
        yield return new("techpro", "How can I track my order?", shipping, "orders");
        yield return new("techpro", "Is cash on delivery available?", shipping, "orders", "COD");
        yield return new("techpro", "What time does the store open on Sunday?", store, "general", "11:00");
        yield return new("techpro", "Where is your Bandung store?", store, "general", "Paris Van Java");
        yield return new("techpro", "What's the WhatsApp number for customer service?", store, "general", "+62 811 0000 2024");
        yield return new("techpro", "Can I trade in my old phone for a new one?", store);
        yield return new("techpro", "Which laptop should I get for gaming?", guide, "sales");
        yield return new("techpro", "What kind of laptop is good for a college student?", guide, "sales");
        yield return new("techpro", "Which smartphone has the best camera?", guide, "sales");
        yield return new("techpro", "How much RAM does a business laptop need?", guide, "sales", "16GB");
    }

    private static IEnumerable<GoldenQuestion> TechProIndonesian()
    {
        const string warranty = "warranty-returns.id.md", shipping = "shipping-payment.id.md", store = "store-info.id.md", guide = "buying-guide.id.md";
        yield return new("techpro", "Berapa lama garansi untuk laptop?", warranty, "support", "1 sampai 3 tahun");
        yield return new("techpro", "Bagaimana cara klaim garansi kalau ponsel saya rusak?", warranty, "support");
        yield return new("techpro", "Apakah barang bisa dikembalikan kalau tidak sesuai pesanan?", warranty, "support", "7 hari");
        yield return new("techpro", "Kapan uang saya dikembalikan setelah retur disetujui?", warranty, "support");
        yield return new("techpro", "Apakah ada perlindungan untuk kerusakan tidak disengaja?", warranty, "support", "TechPro Care");
        yield return new("techpro", "Laptop saya sudah habis garansi, masih bisa diperbaiki?", warranty, "support");
        yield return new("techpro", "Ongkirnya gratis nggak ke Bandung?", shipping, "orders");
        yield return new("techpro", "Berapa hari pengiriman ke Kalimantan?", shipping, "orders");
        yield return new("techpro", "Bisa bayar pakai OVO atau transfer bank?", shipping, "orders");
        yield return new("techpro", "Ada cicilan 0% pakai kartu kredit?", shipping, "orders", "0%");
        yield return new("techpro", "Bagaimana cara melacak pesanan saya?", shipping, "orders");
        yield return new("techpro", "Apakah bisa bayar di tempat?", shipping, "orders", "COD");
        yield return new("techpro", "Jam berapa toko buka hari Minggu?", store, "general", "11.00");
        yield return new("techpro", "Alamat toko TechPro di Surabaya di mana?", store, "general", "Tunjungan Plaza");
        yield return new("techpro", "Nomor WhatsApp layanan pelanggan berapa?", store, "general");
        yield return new("techpro", "Bisa tukar tambah ponsel lama di toko?", store);
        yield return new("techpro", "Laptop apa yang bagus untuk gaming?", guide, "sales");
        yield return new("techpro", "Rekomendasi laptop untuk mahasiswa dong", guide, "sales");
    }

    private static IEnumerable<GoldenQuestion> Meridian()
    {
        const string specs = "spec-sheet.md", care = "maintenance.md", faults = "troubleshooting.md", about = "about.md";
        yield return new("meridian", "What is the engine power?", specs, "specs", "185 kW");
        yield return new("meridian", "How much horsepower does the Vela make?", specs, "specs", "248 hp");
        yield return new("meridian", "What's the fuel consumption per 100 km?", specs, "specs", "8.1 litres");
        yield return new("meridian", "How big is the fuel tank?", specs, "specs", "60 litres");
        yield return new("meridian", "How long and how wide is the car?", specs, "specs", "4,720 mm");
        yield return new("meridian", "What is the top speed of the Vela?", specs, "specs", "225 km/h");
        yield return new("meridian", "Is the gearbox automatic?", specs, "specs", "8-speed");
        yield return new("meridian", "How often does the car need a service?", care, "maintenance", "10,000 km");
        yield return new("meridian", "When should I change the engine oil?", care, "maintenance");
        yield return new("meridian", "What oil does the engine take?", care, "maintenance", "0W-20");
        yield return new("meridian", "What tyre pressure is recommended?", care, "maintenance", "36 psi");
        yield return new("meridian", "How do I book a service appointment?", care, "maintenance", "1500-836");
        yield return new("meridian", "How long does a service take?", care, "maintenance", "2 hours");
        yield return new("meridian", "The check engine light is flashing, what should I do?", faults, "troubleshooting");
        yield return new("meridian", "My car won't start and the dashboard is dark", faults, "troubleshooting");
        yield return new("meridian", "How do I jump start a flat battery?", faults, "troubleshooting");
        yield return new("meridian", "Steam is coming out from under the bonnet", faults, "troubleshooting");
        yield return new("meridian", "The tyre pressure warning light came on", faults, "troubleshooting", "25%");
        yield return new("meridian", "My brakes make a squealing noise", faults, "troubleshooting");
        yield return new("meridian", "What number do I call for roadside assistance?", faults, Fact: "0800-1-836-836");
        yield return new("meridian", "Can I book a test drive?", about, "general");
        yield return new("meridian", "How long is the warranty on a new Vela?", about, "general", "150,000 km");
        yield return new("meridian", "What colours can I get the Vela in?", about, "general");
        yield return new("meridian", "Berapa tenaga mesin Vela?", "spec-sheet.id.md", "specs", "185 kW");
        yield return new("meridian", "Berapa konsumsi bensinnya?", "spec-sheet.id.md", "specs", "8,1 liter");
        yield return new("meridian", "Berapa panjang dan lebar mobilnya?", "spec-sheet.id.md", "specs", "4.720 mm");
        yield return new("meridian", "Kapan jadwal servis berkala?", "maintenance.id.md", "maintenance");
        yield return new("meridian", "Berapa liter oli mesin yang dibutuhkan?", "maintenance.id.md", "maintenance", "5,2 liter");
        yield return new("meridian", "Bagaimana cara booking servis?", "maintenance.id.md", "maintenance");
        yield return new("meridian", "Lampu check engine berkedip, apa artinya?", "troubleshooting.id.md", "troubleshooting");
        yield return new("meridian", "Mobil tidak bisa menyala, sepertinya aki soak", "troubleshooting.id.md", "troubleshooting");
        yield return new("meridian", "Berapa lama garansi mobil Vela?", "about.id.md", "general", "5 tahun");
    }

    private static IEnumerable<GoldenQuestion> Default()
    {
        const string endpoints = "endpoints.md", limits = "limits.md", auth = "authentication.md", overview = "overview.md", streaming = "streaming.md";
        yield return new("default", "What WebSocket URL do I connect to?", endpoints, "api", "/ws/chat");
        yield return new("default", "Is there a REST endpoint if I don't need streaming?", endpoints, "api", "/api/v1/chat");
        yield return new("default", "How do I receive answers with Server-Sent Events?", endpoints, "api", "/api/v1/chat/stream");
        yield return new("default", "How do I connect with socket.io-client?", endpoints, "api");
        yield return new("default", "Which namespaces does the Socket.IO server have?", endpoints, "api", "/chats");
        yield return new("default", "Is there a health check for my load balancer?", endpoints, Fact: "/health");
        yield return new("default", "How many messages can an anonymous user send per day?", limits, "account", "20 messages");
        yield return new("default", "What is the rate limit?", limits, "account", "100 messages per 15 minutes");
        yield return new("default", "What's the maximum message length?", limits, "account", "4000 characters");
        yield return new("default", "What happens when my balance runs out?", limits, "account", "INSUFFICIENT_BALANCE");
        yield return new("default", "What error codes are there?", limits);
        yield return new("default", "How do I authenticate with a JWT?", auth, "account");
        yield return new("default", "Can I chat without an account?", auth, "account", "x-anon-id");
        yield return new("default", "Why do I get AUTH_REQUIRED?", auth, "account");
        yield return new("default", "Which brands are available?", overview, "general", "techpro");
        yield return new("default", "Does Chatwire answer in Indonesian?", overview, "general");
        yield return new("default", "How does voice mode work?", overview, "general");
        yield return new("default", "Can I use it without an OpenAI key?", overview, "general");
        yield return new("default", "What is Chatwire?", overview, "general", "real-time AI chat streaming server");
        yield return new("default", "How do I stop an answer while it is streaming?", streaming, "api");
        yield return new("default", "What happens if my client reads too slowly?", streaming, "api", "disconnected");
        yield return new("default", "Berapa batas pesan untuk pengguna anonim?", "overview.id.md", Fact: "20 pesan per hari");
        yield return new("default", "Bagaimana cara terhubung ke Chatwire?", "overview.id.md");
    }
}
