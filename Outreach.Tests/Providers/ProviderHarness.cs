using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Providers;

/// <summary>
/// The app's real provider registrations over a real test database, pointed at fake provider servers, with every
/// log line (HttpClient logging included, at Trace) captured so tests can look for leaked keys.
/// </summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    public const string EnrichLayerKey = "el-secret-key-000111";
    public const string FirecrawlKey = "fc-secret-key-222333";
    public const string BuiltWithKey = "bw-secret-key-444555";
    public const string OpenRouterKey = "or-secret-key-666777";
    public const string GeminiKey = "gm-secret-key-888999";

    private ProviderHarness(TestDatabase database, ServiceProvider services, Scenario scenario, CapturingLoggerProvider logs)
    {
        Database = database;
        Services = services;
        Scenario = scenario;
        Logs = logs;
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public Scenario Scenario { get; }

    public CapturingLoggerProvider Logs { get; }

    public Guid BatchId => Scenario.Batch.Id;

    /// <summary>
    /// Settings that point a provider at <paramref name="server"/> with its key, one quick retry and a short Retry-After cap.
    /// The attempt timeout is generous (a busy machine answers slowly); a test of the timeout itself sets its own.
    /// </summary>
    public static Dictionary<string, string?> Provider(string name, FakeProviderServer server, string? key) => new()
    {
        [$"Providers:{name}:ApiKey"] = key,
        [$"Providers:{name}:BaseUrl"] = server.BaseUrl,
        [$"Providers:{name}:MaxRetries"] = "1",
        [$"Providers:{name}:MaxRetryAfterSeconds"] = "2",
        [$"Providers:{name}:TimeoutSeconds"] = "10",
        [$"Providers:{name}:RequestsPerSecond"] = "100",
    };

    public static Task<ProviderHarness> StartAsync(PostgresServer server, params IReadOnlyDictionary<string, string?>[] settings) =>
        StartAsync(server, null, settings);

    /// <summary>As above, with <paramref name="configure"/> applied over the app's registrations (a test credential, say).</summary>
    public static async Task<ProviderHarness> StartAsync(PostgresServer server, Action<IServiceCollection>? configure, params IReadOnlyDictionary<string, string?>[] settings)
    {
        var database = await server.CreateDatabaseAsync();
        var values = new Dictionary<string, string?>
        {
            ["Providers:Website:AllowPrivateAddresses"] = "true",
            ["Providers:Website:TimeoutSeconds"] = "10",
            ["Providers:Website:RequestsPerSecond"] = "100",
        };
        foreach (var (key, value) in settings.SelectMany(s => s))
        {
            values[key] = value;
        }

        var logs = new CapturingLoggerProvider();
        var provider = AppServices.Build(database, values, logs, configure: configure);
        await using var db = database.CreateContext();
        var scenario = await Scenario.CreateAsync(db, prospects: 1);
        return new ProviderHarness(database, provider, scenario, logs);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public ProspectFacts Prospect(string email = "ada@engines.example", string? website = null, string? linkedIn = "https://www.linkedin.com/in/ada") =>
        new(Guid.NewGuid(), BatchId, "Ada Lovelace", email, "Analytical Engines", "Head of Engineering", linkedIn, website, new Dictionary<string, string>());

    public static CampaignBrief Campaign(string[]? flags = null, string[]? required = null, int maxSubject = 80, int maxWords = 180) => new(
        Guid.NewGuid(), "Spring", "Cloud costs at {{company}}", "Offer the review to engineering leaders.", flags ?? [EnrichmentFlags.LinkedIn, EnrichmentFlags.Website, EnrichmentFlags.TechStack],
        required ?? [], "Cloud Cost Review", "A two-week review of cloud spend.", "Cut cloud spend without re-architecting.", maxSubject, maxWords);

    /// <summary>Every text value stored in the database, one string per row, for leak checks.</summary>
    public async Task<string> DumpDatabaseAsync()
    {
        var tables = await Database.RowsAsync("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        var all = new System.Text.StringBuilder();
        foreach (var table in tables.Select(t => (string)t[0]!))
        {
            foreach (var row in await Database.RowsAsync($"SELECT row_to_json(t)::text FROM \"{table}\" t"))
            {
                all.AppendLine((string)row[0]!);
            }
        }

        return all.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Keeps every formatted log line (with exception text) in memory.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {structured} {exception}");
        }
    }
}
