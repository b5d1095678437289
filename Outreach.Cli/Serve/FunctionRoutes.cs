using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Functions.Triggers.Http;

namespace Outreach.Cli.Serve;

/// <summary>
/// The HTTP API of the Functions app, served by <c>outreach serve</c> without the Functions host: every method with
/// <c>[Function]</c> and an <c>[HttpTrigger]</c> parameter is mapped at <c>/api/{its route}</c> for its methods, and
/// called as the host would call it — the request, its route values by parameter name, the Durable client of the
/// local engine, the request's cancellation. The same classes answer, so routes, bodies and problem details are the
/// API's own; a new function is served without a line here.
/// </summary>
internal static class FunctionRoutes
{
    /// <summary>The HTTP functions of the app: their method, route and HTTP methods.</summary>
    public static IReadOnlyList<(MethodInfo Method, string Route, string[] Verbs)> All { get; } =
        [.. typeof(BatchFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Trigger is not null)
            .Select(f => (f.Method, f.Trigger!.Route ?? f.Method.Name, f.Trigger.Methods!.Select(v => v.ToUpperInvariant()).ToArray()))];

    /// <summary>Maps every HTTP function onto <paramref name="routes"/>, run with <paramref name="engine"/>'s services and client.</summary>
    public static void Map(IEndpointRouteBuilder routes, LocalDurableEngine engine)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var (method, route, verbs) in All)
        {
            routes.MapMethods($"/api/{route}", verbs, context => InvokeAsync(method, context, engine)).WithName(method.Name);
        }
    }

    private static async Task InvokeAsync(MethodInfo method, HttpContext context, LocalDurableEngine engine)
    {
        // Function classes are created per call, as the host does, from the app's services.
        var target = ActivatorUtilities.CreateInstance(engine.Services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => Argument(p, context, engine)).ToArray();
        var result = await (Task<IResult>)method.Invoke(target, arguments)!;
        await result.ExecuteAsync(context);
    }

    private static object? Argument(ParameterInfo parameter, HttpContext context, LocalDurableEngine engine) => parameter.ParameterType switch
    {
        var t when t == typeof(HttpRequest) => context.Request,
        var t when t == typeof(CancellationToken) => context.RequestAborted,
        var t when t == typeof(DurableTaskClient) => engine.Client,
        var t when t == typeof(string) => context.Request.RouteValues[parameter.Name!]?.ToString(),
        var t => throw new InvalidOperationException($"{parameter.Member.DeclaringType?.Name}.{parameter.Member.Name} takes a {t.Name}, which outreach serve cannot supply."),
    };
}
