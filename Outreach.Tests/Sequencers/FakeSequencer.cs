using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Sequencers;

/// <summary>
/// What the three fake sequencers share: a real HTTP server holding each campaign's leads (one per address, as the
/// sequencers keep them), faults queued ahead of the real answers (429 with Retry-After, 5xx), a per-call delay, and
/// a count of every lead it was sent.
/// </summary>
internal abstract class FakeSequencer : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, int? RetryAfter, string Body)> _faults = new();
    private int _leadsSent;

    protected FakeSequencer(FakeProviderServer server, string key, string campaign)
    {
        Server = server;
        Key = key;
        Campaign = campaign;
        server.Always(HandleAsync);
    }

    public FakeProviderServer Server { get; }

    public string Key { get; }

    /// <summary>The one campaign this account has.</summary>
    public string Campaign { get; }

    public string BaseUrl => Server.BaseUrl;

    /// <summary>The campaign's leads by address.</summary>
    public ConcurrentDictionary<string, JsonObject> Leads { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every lead any call carried, repeats included.</summary>
    public int LeadsSent => _leadsSent;

    /// <summary>How long each call takes before it answers.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The next <paramref name="count"/> calls get <paramref name="status"/> (with Retry-After when given), before the real answers resume.</summary>
    public FakeSequencer Fail(int status, int count = 1, int? retryAfter = null, string body = "")
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue((status, retryAfter, body));
        }

        return this;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    protected void CountSent(int leads) => Interlocked.Add(ref _leadsSent, leads);

    /// <summary>Answers one authorized, fault-free call.</summary>
    protected abstract Task AnswerAsync(HttpContext context, string body);

    /// <summary>Whether the call carries this account's key.</summary>
    protected abstract bool Authorized(HttpRequest request);

    /// <summary>The sequencer's 401.</summary>
    protected abstract Task UnauthorizedAsync(HttpContext context);

    protected static async Task JsonAsync(HttpContext context, int status, JsonNode json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json.ToJsonString());
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (_faults.TryDequeue(out var fault))
        {
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsync(fault.Body);
            return;
        }

        if (!Authorized(context.Request))
        {
            await UnauthorizedAsync(context);
            return;
        }

        await AnswerAsync(context, (string)context.Items[FakeProviderServer.BodyKey]!);
    }
}
