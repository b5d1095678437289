using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.Tests.Providers;

/// <summary>A request the fake server received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, DateTimeOffset At, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The JSON body, parsed.</summary>
    public System.Text.Json.Nodes.JsonNode Json => System.Text.Json.Nodes.JsonNode.Parse(Body)!;
}

/// <summary>
/// A local stand-in for a provider's API: Kestrel on 127.0.0.1 and a random port, answering each request with the
/// next scripted response (documented shapes, error shapes, delays, truncated bodies) and recording what it got.
/// </summary>
internal sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication _app = null!;
    private Func<HttpContext, Task>? _fallback;

    /// <summary>Where a responder finds the request body (the server has already read it).</summary>
    public const string BodyKey = "body";

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeProviderServer> StartAsync()
    {
        var server = new FakeProviderServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        server._app = builder.Build();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.BaseUrl = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return server;
    }

    /// <summary>The next request gets <paramref name="respond"/>.</summary>
    public FakeProviderServer Then(Func<HttpContext, Task> respond)
    {
        _script.Enqueue(respond);
        return this;
    }

    public FakeProviderServer ThenJson(string json, int status = 200) => Then(async ctx =>
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(json);
    });

    public FakeProviderServer ThenStatus(int status, TimeSpan? retryAfter = null, string body = "") => Then(async ctx =>
    {
        ctx.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            ctx.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await ctx.Response.WriteAsync(body);
    });

    public FakeProviderServer ThenDelay(TimeSpan delay, string json) => Then(async ctx =>
    {
        await Task.Delay(delay, ctx.RequestAborted);
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(json);
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Every request not answered by the script gets <paramref name="respond"/> (instead of 599).</summary>
    public FakeProviderServer Always(Func<HttpContext, Task> respond)
    {
        _fallback = respond;
        return this;
    }

    public FakeProviderServer ThenHtml(string html, string contentType = "text/html; charset=utf-8") => Then(async ctx =>
    {
        ctx.Response.ContentType = contentType;
        await ctx.Response.WriteAsync(html);
    });

    public FakeProviderServer ThenRedirect(string location, int status = 301) => Then(ctx =>
    {
        ctx.Response.StatusCode = status;
        ctx.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    private async Task HandleAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var body = await reader.ReadToEndAsync(ctx.RequestAborted);
        ctx.Items[BodyKey] = body;
        _requests.Enqueue(new RecordedRequest(
            ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, ctx.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow, body,
            ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (_script.TryDequeue(out var respond) || (respond = _fallback) is not null)
        {
            await respond(ctx);
            return;
        }

        ctx.Response.StatusCode = 599;
        await ctx.Response.WriteAsync("no scripted response");
    }
}
