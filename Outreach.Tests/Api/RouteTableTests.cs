using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Api;

/// <summary>Every HTTP function: its auth level, its route, and a request for it in samples/outreach.http.</summary>
public sealed class RouteTableTests
{
    private static readonly List<(string Function, HttpTriggerAttribute Trigger)> HttpFunctions =
        [.. typeof(Outreach.Functions.Triggers.Http.BatchFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>()?.Name, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => (f.Function!, f.Trigger!))];

    [Fact]
    public void HttpFunctions_All_TakeNoFunctionKeyBecauseAccessIsCheckedBeforeThem()
    {
        Assert.True(HttpFunctions.Count >= 20, $"Only {HttpFunctions.Count} HTTP functions were found.");
        // No function keys: in Azure, App Service authentication and AccessPolicy's app role guard every route.
        Assert.All(HttpFunctions, f => Assert.Equal(AuthorizationLevel.Anonymous, f.Trigger.AuthLevel));
    }

    [Fact]
    public void HttpFunctions_RoutesAndMethods_AreUniqueAndEachHasASampleRequest()
    {
        var routes = HttpFunctions.SelectMany(f => f.Trigger.Methods!.Select(m => $"{m.ToUpperInvariant()} /api/{f.Trigger.Route}")).ToList();
        Assert.Equal(routes.Count, routes.Distinct().Count());
        var samples = File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "outreach.http"))
            .Where(l => l.Length > 0 && char.IsUpper(l[0]) && l.Contains(" {{base}}/", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l.Split('?')[0].Split(' ')[0] + " " + l.Split(' ')[1].Split('?')[0].Replace("{{base}}", "/api", StringComparison.Ordinal), @"\{\{[a-zA-Z]+\}\}", "{x}"))
            .ToHashSet();
        foreach (var route in routes)
        {
            var pattern = System.Text.RegularExpressions.Regex.Replace(route, @"\{[a-z]+\}", "{x}");
            Assert.True(samples.Contains(pattern), $"samples/outreach.http has no request for {route}.");
        }
    }
}
