using System.Net;
using System.Text;
using Chatwire.Server.Tests.Support;

namespace Chatwire.Server.Tests.Rest;

public sealed class RestChatTests : IAsyncLifetime
{
    private ChatwireServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatwireServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EnginePowerQuestionIsAnsweredFromTheSpecSheetWithItsSource()
    {
        var response = await _server.PostJsonAsync("/api/v1/chat", new { message = "What is the engine power?", brand_id = "meridian" }, anonId: "anon-rest-0001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.False(string.IsNullOrWhiteSpace(body.Str("response")));
        Assert.False(string.IsNullOrWhiteSpace(body.Str("session_id")));
        var metadata = body.GetProperty("metadata");
        Assert.Equal("specs", metadata.Str("agent"));
        Assert.InRange(metadata.GetProperty("confidence").GetDouble(), 0.3, 1.0);
        Assert.Contains("spec-sheet.md", metadata.GetProperty("context").GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task AnswerIsStoredInTheCallersHistory()
    {
        var answer = await (await _server.PostJsonAsync("/api/v1/chat", new { message = "How do I connect over WebSocket?" }, anonId: "anon-rest-0002")).ReadJsonAsync();
        var sessionId = answer.Str("session_id");

        var chats = await (await _server.GetAsync("/api/v1/chats", anonId: "anon-rest-0002")).ReadJsonAsync();
        Assert.Equal(1, chats.GetProperty("total").GetInt32());
        Assert.Equal(sessionId, chats.GetProperty("items")[0].Str("id"));

        var messages = await (await _server.GetAsync($"/api/v1/chats/{sessionId}/messages", anonId: "anon-rest-0002")).ReadJsonAsync();
        var items = messages.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(("user", "How do I connect over WebSocket?"), (items[0].Str("role"), items[0].Str("content")));
        Assert.Equal(("assistant", "complete"), (items[1].Str("role"), items[1].Str("status")));
        Assert.Equal(answer.Str("response"), items[1].Str("content"));
    }

    [Fact]
    public async Task SessionIdContinuesTheSameConversation()
    {
        var first = await (await _server.PostJsonAsync("/api/v1/chat", new { message = "What is the warranty?", brand_id = "techpro" }, anonId: "anon-rest-0003")).ReadJsonAsync();
        var second = await (await _server.PostJsonAsync("/api/v1/chat", new { message = "And shipping?", session_id = first.Str("session_id") }, anonId: "anon-rest-0003")).ReadJsonAsync();

        Assert.Equal(first.Str("session_id"), second.Str("session_id"));
        var messages = await (await _server.GetAsync($"/api/v1/chats/{first.Str("session_id")}/messages", anonId: "anon-rest-0003")).ReadJsonAsync();
        Assert.Equal(4, messages.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ClientChosenSessionIdStartsAConversationWithThatId()
    {
        var answer = await (await _server.PostJsonAsync("/api/v1/chat", new { message = "Hello", session_id = "python-session-1" }, anonId: "anon-rest-0004")).ReadJsonAsync();

        Assert.Equal("python-session-1", answer.Str("session_id"));
    }

    [Fact]
    public async Task CallerWithoutAnonIdIsIssuedOne()
    {
        var response = await _server.PostJsonAsync("/api/v1/chat", new { message = "Hello" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = Assert.Single(response.Headers.GetValues("x-anon-id"));
        var chats = await (await _server.GetAsync("/api/v1/chats", anonId: issued)).ReadJsonAsync();
        Assert.Equal(1, chats.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("", "EMPTY_MESSAGE", 400)]
    [InlineData("   \n\t ", "EMPTY_MESSAGE", 400)]
    public async Task EmptyMessageIsRefusedAndNothingIsStored(string message, string code, int status)
    {
        var response = await _server.PostJsonAsync("/api/v1/chat", new { message }, anonId: "anon-rest-0005");

        await AssertProblemAsync(response, status, code);
        await AssertNoChatsAsync("anon-rest-0005");
    }

    [Fact]
    public async Task MessageOverTheLimitIsRefusedAsTooLong()
    {
        var response = await _server.PostJsonAsync("/api/v1/chat", new { message = new string('a', 4001) }, anonId: "anon-rest-0006");

        await AssertProblemAsync(response, 400, "MESSAGE_TOO_LONG");
        await AssertNoChatsAsync("anon-rest-0006");
    }

    [Fact]
    public async Task MalformedJsonIsRefusedWithAProblemDocument()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat") { Content = new StringContent("{\"message\": \"hi\"", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-anon-id", "anon-rest-0007");

        await AssertProblemAsync(await _server.Http.SendAsync(request), 400, "INVALID_JSON");
        await AssertNoChatsAsync("anon-rest-0007");
    }

    [Fact]
    public async Task BodyArrivingInPiecesIsReadWhole()
    {
        // Chunked, with pauses: the server must wait for the end of the body, not parse the first piece.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat")
        {
            Content = new PiecesContent("{\"message\": \"What is the ", "engine power?\", \"brand_", "id\": \"meridian\"}"),
        };
        request.Headers.Add("x-anon-id", "anon-rest-0011");

        var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("specs", (await response.ReadJsonAsync()).GetProperty("metadata").Str("agent"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot(bool declared)
    {
        var json = "{\"message\": \"" + new string('a', 70_000) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat")
        {
            Content = declared ? new StringContent(json, Encoding.UTF8, "application/json") : new PiecesContent(json[..40_000], json[40_000..]),
        };
        request.Headers.Add("x-anon-id", "anon-rest-0012");

        var problem = await AssertProblemAsync(await _server.Http.SendAsync(request), 400, "INVALID_FORMAT");
        Assert.Contains("larger than", problem.Str("detail"), StringComparison.Ordinal);
        await AssertNoChatsAsync("anon-rest-0012");
    }

    [Fact]
    public async Task WrongFieldTypeIsRefusedNamingTheField()
    {
        var response = await _server.PostJsonAsync("/api/v1/chat", new { message = 42 }, anonId: "anon-rest-0008");

        var problem = await AssertProblemAsync(response, 400, "INVALID_FORMAT");
        Assert.Contains("'message'", problem.Str("detail"), StringComparison.Ordinal);
        await AssertNoChatsAsync("anon-rest-0008");
    }

    [Fact]
    public async Task UnknownBrandIsNotFound()
    {
        var response = await _server.PostJsonAsync("/api/v1/chat", new { message = "Hello", brand_id = "no-such-brand" }, anonId: "anon-rest-0009");

        await AssertProblemAsync(response, 404, "BRAND_NOT_FOUND");
        await AssertNoChatsAsync("anon-rest-0009");
    }

    [Fact]
    public async Task AnotherCallersConversationLooksMissing()
    {
        var owner = await (await _server.PostJsonAsync("/api/v1/chat", new { message = "Private question" }, anonId: "anon-owner-0001")).ReadJsonAsync();
        var sessionId = owner.Str("session_id");

        await AssertProblemAsync(await _server.GetAsync($"/api/v1/chats/{sessionId}/messages", anonId: "anon-intruder-01"), 404, "CONVERSATION_NOT_FOUND");
        await AssertProblemAsync(await _server.PostJsonAsync("/api/v1/chat", new { message = "Let me in", session_id = sessionId }, anonId: "anon-intruder-01"), 404, "CONVERSATION_NOT_FOUND");
        await AssertNoChatsAsync("anon-intruder-01");
        var ownerMessages = await (await _server.GetAsync($"/api/v1/chats/{sessionId}/messages", anonId: "anon-owner-0001")).ReadJsonAsync();
        Assert.Equal(2, ownerMessages.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task InvalidAnonIdIsRefused()
    {
        var response = await _server.PostJsonAsync("/api/v1/chat", new { message = "Hello" }, anonId: "bad id!");

        await AssertProblemAsync(response, 400, "INVALID_ANON_ID");
    }

    [Fact]
    public async Task HistoryPagingValidatesItsArguments()
    {
        await AssertProblemAsync(await _server.GetAsync("/api/v1/chats?page=0", anonId: "anon-rest-0010"), 400, "INVALID_FORMAT");
        await AssertProblemAsync(await _server.GetAsync("/api/v1/chats?limit=1000", anonId: "anon-rest-0010"), 400, "INVALID_FORMAT");
    }

    private async Task AssertNoChatsAsync(string anonId)
    {
        var chats = await (await _server.GetAsync("/api/v1/chats", anonId: anonId)).ReadJsonAsync();
        Assert.Equal(0, chats.GetProperty("total").GetInt32());
    }

    private static async Task<System.Text.Json.JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(code, problem.Str("code"));
        return problem;
    }
}

/// <summary>A JSON body sent chunked (no length), piece by piece with a pause between, as a slow client would.</summary>
internal sealed class PiecesContent(params string[] pieces) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        foreach (var piece in pieces)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(piece));
            await stream.FlushAsync();
            await Task.Delay(50);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
