using System.Net.Http.Json;
using System.Text.Json;

namespace Chatwire.Server.Tests.Support;

public static class Json
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
