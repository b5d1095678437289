using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Cli.Hosting;

namespace Outreach.Cli.Serve;

/// <summary>
/// The process behind <c>outreach serve</c>: Kestrel on 127.0.0.1 only, the token gate, the Functions app's HTTP API
/// at <c>/api</c> (<see cref="FunctionRoutes"/>), the uploads container scan and the sweeper on the local engine, and
/// the web console (<c>Outreach.Web</c>'s build) at <c>/</c>. Requests naming another host than 127.0.0.1 or
/// localhost are refused (a page elsewhere cannot reach it by DNS rebinding).
/// </summary>
internal sealed class ConsoleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsoleServer(WebApplication app, Uri address, string token, string? webRoot)
    {
        _app = app;
        Address = address;
        Token = token;
        WebRoot = webRoot;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The token every request but <c>/api/health</c> must carry.</summary>
    public string Token { get; }

    /// <summary>The console's files, or null when the console is not built.</summary>
    public string? WebRoot { get; }

    /// <summary>The URL to open: the address with the token, which the console turns into a cookie.</summary>
    public Uri OpenUrl => new(Address, $"/?token={Token}");

    /// <summary>Starts serving on <paramref name="port"/> (0: any free port) with <paramref name="engine"/> doing the work.</summary>
    public static async Task<ConsoleServer> StartAsync(
        LocalDurableEngine engine, int port, string token, string? webRoot, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var root = webRoot is not null && File.Exists(Path.Combine(webRoot, "index.html")) ? Path.GetFullPath(webRoot) : null;
        var builder = InProcessWebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(logs);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddHostFiltering(o => o.AllowedHosts = ["127.0.0.1", "localhost"]);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(engine);
        builder.Services.AddHostedService<UploadScanner>();
        builder.Services.AddHostedService<SweeperLoop>();
        var app = builder.Build();

        app.UseHostFiltering();
        var gate = new TokenGate(token);
        app.Use(gate.InvokeAsync);
        FunctionRoutes.Map(app, engine);
        app.Map("/api/{**rest}", () => Results.Problem(detail: "No such route; the routes are those of the HTTP API (see the README).", statusCode: StatusCodes.Status404NotFound, title: "Not found."));
        if (root is not null)
        {
            var files = new PhysicalFileProvider(root);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });

            // The console routes itself in the browser: any other page is its index.
            app.MapFallback(async context =>
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
            });
        }
        else
        {
            app.MapGet("/", () => Results.Content(
                "<!doctype html><html lang=\"en\"><title>Outreach</title><main><h1>Outreach</h1><p>The web console is not built: " +
                "run <code>eng/web.sh</code>, then restart <code>outreach serve</code>. The API is at <code>/api</code>.</p></main></html>",
                "text/html; charset=utf-8"));
        }

        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ConsoleServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"), token, root);
    }

    /// <summary>Where the console's build is: <c>Serve__WebRoot</c>, the tool's own <c>wwwroot</c>, or the clone's <c>Outreach.Web/dist</c>.</summary>
    public static string? FindWebRoot(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return configured;
        }

        var packaged = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (File.Exists(Path.Combine(packaged, "index.html")))
        {
            return packaged;
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var built = Path.Combine(directory.FullName, "Outreach.Web", "dist");
            if (File.Exists(Path.Combine(built, "index.html")))
            {
                return built;
            }
        }

        return null;
    }

    /// <summary>Stops serving (bounded by the host's five-second shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        await LocalDurableEngine.StopWithinAsync("console server", _app.StopAsync(stopping.Token), TimeSpan.FromSeconds(8), _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ConsoleServer>());
        await _app.DisposeAsync();
    }
}
