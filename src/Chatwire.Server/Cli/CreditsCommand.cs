using System.Globalization;
using Chatwire.Core.Notifications;
using Chatwire.Core.Usage;
using Chatwire.Storage;
using Chatwire.Storage.Bus;

namespace Chatwire.Server.Cli;

/// <summary>
/// <c>credits grant --user alice --amount 100</c> and <c>credits balance --user alice</c>: adjusts the
/// balance in the same database the server uses (settings from appsettings.json, environment variables
/// and <c>--Section:Key value</c> arguments, e.g. <c>--Database:DataDirectory data</c>).
/// </summary>
internal static class CreditsCommand
{
    private const string Usage = "usage: credits grant --user <user id> --amount <credits> | credits balance --user <user id>";

    public static async Task<int> RunAsync(string[] args)
    {
        var action = args.Length > 0 ? args[0] : "";
        var options = CommandLine.Options(args.Length > 0 ? args[1..] : []);
        if (!options.TryGetValue("user", out var user) || string.IsNullOrWhiteSpace(user) || action is not ("grant" or "balance"))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var amount = 0m;
        if (action == "grant" && (!options.TryGetValue("amount", out var text)
            || !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out amount) || amount <= 0))
        {
            await Console.Error.WriteLineAsync("--amount must be a positive number of credits, e.g. 100 or 2.5");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Length > 0 ? args[1..] : [])
            .Build();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var usage = configuration.GetSection(UsageOptions.Section).Get<UsageOptions>() ?? new UsageOptions();

        await using var services = new ServiceCollection().AddChatwireStorage(database).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var store = services.GetRequiredService<IUsageStore>();
        var balance = action == "grant"
            ? await store.GrantAsync(user, amount, usage.StartingBalance, CancellationToken.None)
            : await store.GetBalanceAsync(user, usage.StartingBalance, CancellationToken.None);
        Console.WriteLine(action == "grant"
            ? string.Create(CultureInfo.InvariantCulture, $"Granted {amount} credits to {user}; balance {balance}.")
            : string.Create(CultureInfo.InvariantCulture, $"{user}: balance {balance}."));
        if (action == "grant")
        {
            await AnnounceAsync(configuration, database, user, balance);
        }

        return 0;
    }

    /// <summary>
    /// On the PostgreSQL bus, the running servers hear of the grant and push the new balance to the
    /// user's connected devices (<c>usage_info</c>), as after a turn. The in-memory bus lives inside
    /// one server process, which this command is not: there devices see the balance on their next read.
    /// </summary>
    private static async Task AnnounceAsync(IConfiguration configuration, DatabaseOptions database, string user, decimal balance)
    {
        var options = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        if (!options.IsPostgreSql)
        {
            return;
        }

        await using var services = new ServiceCollection().AddLogging().AddChatwireBus(options, database).BuildServiceProvider();
        await services.GetRequiredService<IChatBus>().PublishAsync(new UsageNotification(ChatIdentity.User(user).Key, UsageAccounts.User(balance)), CancellationToken.None);
    }
}
