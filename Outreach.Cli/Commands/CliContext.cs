using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Data.Persistence;
using Outreach.Functions;
using Spectre.Console;

namespace Outreach.Cli.Commands;

/// <summary>
/// What a verb works with: its writers, settings, logs, and — started on demand, checked first, stopped when the
/// verb ends — the app's services (PostgreSQL and storage only) or the local Durable engine.
/// </summary>
internal sealed class CliContext(ParseResult parse, CancellationToken cancellationToken) : IAsyncDisposable
{
    private IConfiguration? _configuration;
    private CliLogging? _logs;
    private ServiceProvider? _services;
    private bool _readOnly;
    private LocalDurableEngine? _engine;

    /// <summary>Where results go (stdout).</summary>
    public TextWriter Output { get; } = parse.InvocationConfiguration.Output;

    /// <summary>Where messages and progress go (stderr).</summary>
    public TextWriter Error { get; } = parse.InvocationConfiguration.Error;

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; } = parse;

    /// <summary>Stops on Ctrl-C or SIGTERM.</summary>
    public CancellationToken Cancellation { get; } = cancellationToken;

    /// <summary><c>--verbose</c> was given.</summary>
    public bool Verbose => Parse.GetValue(CliOptions.Verbose);

    /// <summary>Settings given by whoever runs the command in-process (<see cref="OutreachCli"/>), instead of the files and the environment.</summary>
    public static AsyncLocal<IConfiguration?> Settings { get; } = new();

    /// <summary>Settings by their app-setting names (local.settings.json, then the environment).</summary>
    public IConfiguration Configuration => _configuration ??= Settings.Value ?? CliSettings.Load();

    /// <summary>The logs: the file, and stderr with --verbose.</summary>
    public CliLogging Logs => _logs ??= CliLogging.Create(Verbose, CliPaths.Logs(Configuration["Cli:LogDirectory"]));

    /// <summary>stderr as a live terminal (colours, redrawn progress), or null when it is a file or a pipe.</summary>
    public bool Interactive => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>A Spectre console over <paramref name="writer"/>: plain text and wide when it is not a terminal.</summary>
    public IAnsiConsole ConsoleFor(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) ? !Console.IsOutputRedirected : Interactive && ReferenceEquals(writer, Error);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!terminal)
        {
            // A file or a pipe has no width; wrapping a table at 80 columns would split its rows.
            console.Profile.Width = 240;
        }

        return console;
    }

    /// <summary>The app's services over PostgreSQL (checked first) and, when <paramref name="storage"/>, storage — no engine.</summary>
    public Task<IServiceProvider> ServicesAsync(bool storage = false) => CheckedAsync(readOnly: false, storage);

    /// <summary>
    /// The read side alone over PostgreSQL (checked first) and, when <paramref name="storage"/>, storage checked too: what
    /// a verb that only shows something needs, without EF Core, the enum mappings, the pipeline's, the providers' and
    /// their HTTP clients' registrations (<c>AddOutreachReadDatabase</c>, <c>AddOutreachQueries</c>).
    /// </summary>
    public Task<IServiceProvider> QueriesAsync(bool storage = false) => CheckedAsync(readOnly: true, storage);

    private async Task<IServiceProvider> CheckedAsync(bool readOnly, bool storage)
    {
        var services = await BuildAsync(readOnly);
        if (storage)
        {
            await ServiceCheck.StorageAsync(Configuration, Cancellation);
        }

        return services;
    }

    private async Task<IServiceProvider> BuildAsync(bool readOnly)
    {
        if (_services is not null)
        {
            // One provider per verb: a verb that shows something never goes on to change things, so a read-only provider
            // asked for the whole app's services is a mistake in the verb, not a case to handle.
            return _readOnly && !readOnly ? throw new InvalidOperationException("This verb built the read side only; it cannot ask for the app's services too.") : _services;
        }

        var services = new ServiceCollection();
        services.AddSingleton(Configuration);
        services.AddSingleton(Logs.Factory);
        services.AddLogging();
        if (readOnly)
        {
            services.AddOutreachReadDatabase();
            services.AddOutreachQueries();
        }
        else
        {
            services.AddOutreachFunctions();
        }

        _services = services.BuildServiceProvider();
        _readOnly = readOnly;
        await ServiceCheck.DatabaseAsync(Configuration, _services, Cancellation);
        return _services;
    }

    /// <summary>
    /// The local Durable engine on the task hub in storage, after checking PostgreSQL and storage. With
    /// <paramref name="processWork"/> false it is a client only: it changes orchestrations but runs none.
    /// </summary>
    public async Task<LocalDurableEngine> EngineAsync(bool processWork)
    {
        if (_engine is not null)
        {
            return _engine;
        }

        await ServicesAsync(storage: true);
        return _engine = await LocalDurableEngine.StartAsync(Configuration, loggerFactory: Logs.Factory, processWork: processWork, cancellationToken: Cancellation);
    }

    /// <summary>Stops the engine (bounded), the services and the logs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _logs?.Dispose();
    }
}
