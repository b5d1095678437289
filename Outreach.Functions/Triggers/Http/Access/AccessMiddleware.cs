using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Outreach.Functions.Triggers.Http.Access;

/// <summary>Runs <see cref="AccessPolicy"/> before every HTTP function of the Functions host; a refusal is problem details and the function never runs.</summary>
public sealed class AccessMiddleware(AccessPolicy policy) : IFunctionsWorkerMiddleware
{
    /// <summary>Whether <paramref name="context"/> is an HTTP-triggered invocation (the only ones this guards).</summary>
    public static bool IsHttp(FunctionContext context) =>
        context?.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase)) == true;

    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.GetHttpContext();
        if (http is not null && policy.Check(http.Request) is { } refusal)
        {
            await ApiHttp.Problem(refusal.Status, refusal.Detail).ExecuteAsync(http);
            return;
        }

        await next(context);
    }
}
