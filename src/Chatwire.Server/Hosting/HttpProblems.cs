using Chatwire.Core.Turns;

namespace Chatwire.Server.Hosting;

/// <summary>Errors on plain HTTP: RFC 9457 problem details with the stable <c>code</c> beside the status.</summary>
public static class HttpProblems
{
    public static IResult For(string code, string message, int? status = null, TimeSpan? retryAfter = null) =>
        new ProblemResult(status ?? StatusFor(code), code, message, retryAfter);

    public static IResult For(TurnFailed failure) =>
        For(failure.Code, failure.Message, retryAfter: failure.RetryAfter);

    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.EmptyMessage or ErrorCodes.MessageTooLong or ErrorCodes.InvalidTemperature
            or ErrorCodes.ModelNotFound or ErrorCodes.InvalidFormat or ErrorCodes.InvalidJson
            or ErrorCodes.InvalidAnonId => StatusCodes.Status400BadRequest,
        ErrorCodes.AuthRequired or ErrorCodes.InvalidToken => StatusCodes.Status401Unauthorized,
        ErrorCodes.InsufficientBalance => StatusCodes.Status402PaymentRequired,
        ErrorCodes.BrandNotFound or ErrorCodes.ConversationNotFound or ErrorCodes.MessageNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.AnonLimitReached or ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Cancelled => 499,
        _ => StatusCodes.Status500InternalServerError,
    };

    private sealed class ProblemResult(int status, string code, string message, TimeSpan? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (retryAfter is { } wait)
            {
                httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = code, Detail = message };
            problem.Extensions["code"] = code;
            return Results.Problem(problem).ExecuteAsync(httpContext);
        }
    }
}
