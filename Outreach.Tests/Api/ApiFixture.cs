using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Api;

/// <summary>An HTTP answer as the client would see it.</summary>
internal sealed record ApiResponse(int Status, IHeaderDictionary Headers, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string? ContentType => Headers.ContentType;

    /// <summary>The problem-details detail of an error answer.</summary>
    public string Detail => (string)Json["detail"]!;
}

/// <summary>
/// The app's real services over a test database and Azurite, and a way to call a function method with a request
/// built on <see cref="DefaultHttpContext"/> and run its result the way the Functions host would.
/// </summary>
internal sealed class ApiFixture : IAsyncDisposable
{
    private ApiFixture(TestDatabase database, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Database = database;
        Services = services;
        Logs = logs;
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    /// <summary>Every log line, EF Core's SQL included.</summary>
    public CapturingLoggerProvider Logs { get; }

    public static async Task<ApiFixture> StartAsync(PostgresServer server, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await server.CreateDatabaseAsync();
        var values = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = TestEnvironment.StorageConnectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new CapturingLoggerProvider();
        return new ApiFixture(database, AppServices.Build(database, values, logs, LogLevel.Information), logs);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A function class built from the app's services, as the Functions host builds it.</summary>
    public T Create<T>()
        where T : notnull => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>Builds the request, calls <paramref name="function"/> with it and executes the result into a response.</summary>
    public async Task<ApiResponse> SendAsync(
        Func<HttpRequest, Task<IResult>> function, string method, string path, string? body = null, string? query = null, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(function);
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString("?" + query.TrimStart('?'));
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }

        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;
        var result = await function(context.Request);
        await result.ExecuteAsync(context);
        return new ApiResponse(context.Response.StatusCode, context.Response.Headers, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    public static string ToJson(object value) => JsonSerializer.Serialize(value, Outreach.Functions.Triggers.Http.ApiHttp.Json);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
