using Chatwire.Server.Auth;
using Chatwire.Storage;

namespace Chatwire.Server.Cli;

/// <summary>
/// Administrative commands run with the server's own configuration instead of serving:
/// <c>dotnet run --project src/Chatwire.Server -- token --sub alice --email alice@example.com --name Alice</c>,
/// <c>dotnet run --project src/Chatwire.Server -- credits grant --user alice --amount 100</c>.
/// </summary>
public static class CommandLine
{
    public static bool TryRun(string[] args, out Task<int> exitCode)
    {
        switch (args[0])
        {
            case "token":
                exitCode = MintTokenAsync(args[1..]);
                return true;
            case "credits":
                exitCode = CreditsCommand.RunAsync(args[1..]);
                return true;
            default:
                exitCode = Task.FromResult(0);
                return false;
        }
    }

    private static Task<int> MintTokenAsync(string[] args)
    {
        var options = Options(args);
        if (!options.TryGetValue("sub", out var subject))
        {
            Console.Error.WriteLine("usage: token --sub <user id> [--email <email>] [--name <name>] [--hours <lifetime>]");
            return Task.FromResult(2);
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var tokens = new TokenService(auth, TokenService.LoadOrCreateKey(auth, database.DataDirectory), TimeProvider.System);
        var lifetime = options.TryGetValue("hours", out var hours) ? TimeSpan.FromHours(double.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)) : (TimeSpan?)null;
        Console.WriteLine(tokens.Mint(subject, options.GetValueOrDefault("email"), options.GetValueOrDefault("name"), lifetime));
        return Task.FromResult(0);
    }

    /// <summary>Reads <c>--name value</c> pairs.</summary>
    internal static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = args[i + 1];
            }
        }

        return options;
    }
}
