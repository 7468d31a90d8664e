namespace Chatwire.Bench.Cli;

/// <summary><c>--name value</c> pairs of the internal commands.</summary>
public static class CommandLine
{
    public static Dictionary<string, string> Pairs(string[] args)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            pairs[args[i].TrimStart('-')] = args[i + 1];
        }

        return pairs;
    }
}
