using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Chatwire.Server.Hosting.DirectWebSockets;

/// <summary>The endpoints marked with <see cref="DirectWebSocketMetadata"/>, matched by route pattern.</summary>
internal sealed class DirectWebSocketRoutes
{
    private readonly List<Route> _routes;

    public DirectWebSocketRoutes(IServiceProvider services)
    {
        _routes = services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<DirectWebSocketMetadata>() is not null && e.RequestDelegate is not null)
            .Where(e => e.RoutePattern.Parameters.All(p => p.ParameterPolicies.Count == 0 && !p.IsCatchAll))
            .OrderBy(e => e.RoutePattern.Parameters.Count)
            .Select(e => new Route(e, new TemplateMatcher(new RouteTemplate(e.RoutePattern), [])))
            .ToList();
    }

    public bool IsEmpty => _routes.Count == 0;

    /// <summary>Whether any route matches <paramref name="path"/>: checked before a head's headers are parsed.</summary>
    public bool MayMatch(string path) => Match(path, out _) is not null;

    /// <summary>The first route whose pattern matches <paramref name="path"/>, with its route values.</summary>
    public Route? Match(string path, out RouteValueDictionary values)
    {
        values = [];
        foreach (var route in _routes)
        {
            if (route.Matcher.TryMatch(path, values))
            {
                return route;
            }

            values.Clear();
        }

        return null;
    }

    internal sealed record Route(RouteEndpoint Endpoint, TemplateMatcher Matcher);
}
