namespace Chatwire.Bench.Scenarios;

public enum ScenarioKind
{
    Idle,
    Burst,
    Paced,
    Upstream,
}
