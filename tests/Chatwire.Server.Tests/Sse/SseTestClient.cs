using System.Net.Http.Json;
using System.Text;
using Chatwire.Server.Auth;
using Chatwire.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chatwire.Server.Tests.Sse;

/// <summary>Requests to the SSE endpoints that return as soon as headers arrive, so a test can read the stream as it comes.</summary>
internal static class SseTestClient
{
    public static async Task<HttpResponseMessage> PostAsync(this ChatwireServer server, string path, object? body, string? anonId = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        ChatwireServer.Authorize(request, anonId, token);
        return await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this ChatwireServer server, string path, string json, string? anonId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        ChatwireServer.Authorize(request, anonId, null);
        return await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async Task<HttpResponseMessage> GetStreamAsync(this ChatwireServer server, string path, string? anonId = null, string? token = null, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        ChatwireServer.Authorize(request, anonId, token);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static string Token(this ChatwireServer server, string user) =>
        server.Services.GetRequiredService<TokenService>().Mint(user, $"{user}@example.com", user);

    public static string[] Names(this IEnumerable<SseEvent> events) => [.. events.Select(e => e.Event ?? "")];
}
