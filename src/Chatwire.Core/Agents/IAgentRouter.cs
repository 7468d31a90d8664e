using Chatwire.Core.Brands;

namespace Chatwire.Core.Agents;

/// <summary>Picks the brand's agent whose domain fits a question.</summary>
public interface IAgentRouter
{
    AgentRoute Route(Brand brand, string message, string language);
}

/// <summary>The chosen agent and how sure the router is, 0..1.</summary>
public sealed record AgentRoute(BrandAgent Agent, double Confidence);
