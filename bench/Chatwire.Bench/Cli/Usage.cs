namespace Chatwire.Bench.Cli;

/// <summary>The help text.</summary>
public static class Usage
{
    public const string Text = """
        usage: dotnet run -c Release --project bench/Chatwire.Bench -- <scenario> [options]

        scenarios
          idle       N authenticated connections held open (keep-alives on); server memory per connection
          burst      N concurrent streams, provider as fast as possible; token frames/s, time to first token
          paced      N concurrent streams at --wps words/s (20); added inter-token delay
          upstream   Chatwire on an OpenAI-compatible fake upstream with a known first-token delay, against
                     the same upstream read directly; what Chatwire adds to first token and to each token

        options (defaults depend on the scenario; see bench/README.md)
          --connections 1000,5000,15000   one row per count
          --wire ws-chat,socketio         ws-chat, socketio, brand-chat, sse-get, sse-post, or all
          --targets chatwire,peers        chatwire, node-ws, node-socketio, kestrel-floor (peers = the three)
          --duration S --warmup S         measured window and discarded warm-up of stream scenarios
          --hold S                        how long idle connections are held before memory is read
          --wps W                         words per second of every server's answer (0 = as fast as possible)
          --first-token-ms MS             the fake upstream's delay before its first chunk (upstream: 100, else 0)
          --answer-words N                every server streams the same N words, Chatwire through the fake
                                          upstream: per-token cost with per-answer costs spread thin
          --sources K                     loopback source addresses 127.0.0.1..127.0.0.K (4)
          --per-process N                 most connections per loader process (default: file limit - 1000)
          --message TEXT                  the question every client asks
          --server-arg Section:Key=value  extra Chatwire configuration (repeatable)
          --server-dll PATH               the Chatwire.Server.dll to run
          --rounds N                      run every row N times, round-robin over the targets; report the median
                                          row and each round's ratios (the spread of a noisy machine)
          --markdown FILE                 append the results table to FILE
          --smoke                         a few seconds, few connections, every target: keeps the tool working
          --check                         exit 1 when a row has errors, missing connections or no tokens
          --census                        idle, Chatwire: the types the connections added to the live heap,
                                          per connection (pauses the server twice to walk its heap);
                                          streams, .NET servers: allocated bytes per token frame by type (sampled)
        """;
}
