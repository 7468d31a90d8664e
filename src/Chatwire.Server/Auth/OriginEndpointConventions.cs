using Chatwire.Core.Turns;
using Chatwire.Server.Hosting;

namespace Chatwire.Server.Auth;

public static class OriginEndpointConventions
{
    /// <summary>
    /// Refuses requests from pages whose origin <see cref="OriginPolicy"/> does not allow (403
    /// ORIGIN_NOT_ALLOWED) before the endpoint runs, so a wire needs no check of its own.
    /// </summary>
    public static TBuilder RequireAllowedOrigin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
                context.RequestServices.GetRequiredService<OriginPolicy>().IsAllowed(context.Request)
                    ? inner(context)
                    : HttpProblems.For(ErrorCodes.OriginNotAllowed, "This origin may not open a connection.", StatusCodes.Status403Forbidden).ExecuteAsync(context);
        });
        return builder;
    }
}
