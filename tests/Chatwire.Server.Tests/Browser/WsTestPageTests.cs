using Chatwire.Server.Tests.Support;
using Microsoft.Playwright;

namespace Chatwire.Server.Tests.Browser;

/// <summary>The /ws/test page in headless Chromium (Debian's, driven by Microsoft.Playwright) against the real server.</summary>
public sealed class WsTestPageTests : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private ChatwireServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        // A visible pace, so the answer can be watched growing.
        _server = await ChatwireServer.StartAsync(new Dictionary<string, string?> { ["Generation:OfflineWordsPerSecond"] = "40" });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PageMintsATokenConnectsAndShowsTheAnswerGrowingUntilItsSources()
    {
        var page = await _browser.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(new Uri(_server.BaseAddress, "/ws/test").ToString());

        await Assertions.Expect(page.Locator("#brand option[value=meridian]")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#brand", "meridian");
        await page.ClickAsync("#mint");
        await Assertions.Expect(page.Locator("#token")).Not.ToHaveValueAsync("");
        await page.ClickAsync("#connect");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("authenticated");

        await page.FillAsync("#message", "What is the engine power?");
        await page.ClickAsync("#send");

        // Sample the answer while it streams: it must be seen at several growing lengths before it completes.
        var screenshots = Directory.CreateTempSubdirectory("chatwire-ws-test-").FullName;
        var lengths = new List<int>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await page.GetAttributeAsync("#answer", "data-complete") != "true")
        {
            timeout.Token.ThrowIfCancellationRequested();
            var length = (await page.TextContentAsync("#answer"))!.Length;
            if (length > 0 && (lengths.Count == 0 || length > lengths[^1]))
            {
                lengths.Add(length);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"answer-{lengths.Count:00}.png") });
            }

            await page.WaitForTimeoutAsync(100);
        }

        Assert.True(lengths.Count >= 3, $"answer seen at {lengths.Count} lengths: {string.Join(", ", lengths)}");
        Assert.Contains("185 kW", await page.TextContentAsync("#answer"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#agent")).ToHaveTextAsync("specs");
        await Assertions.Expect(page.Locator("#sources")).ToContainTextAsync("spec-sheet.md");
        await Assertions.Expect(page.Locator("#steps li.done")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#session")).Not.ToHaveValueAsync("");
        Assert.Equal(0, await page.Locator("#errors li").CountAsync());
        Directory.Delete(screenshots, recursive: true);
    }

    [Fact]
    public async Task PageShowsErrorsFromTheServer()
    {
        var page = await _browser.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(new Uri(_server.BaseAddress, "/ws/test").ToString());

        await page.ClickAsync("#connect");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("not authenticated");
        await page.ClickAsync("#send");

        await Assertions.Expect(page.Locator("#errors li")).ToContainTextAsync("AUTH_REQUIRED");
    }
}
