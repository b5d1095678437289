using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Outreach.Cli.Hosting;

/// <summary>
/// The command's logs: to a file (<c>.local/logs/outreach-YYYYMMDD.log</c>, one JSON object per line, rolled daily,
/// shared by concurrent processes), and to stderr as well only with <c>--verbose</c>. The terminal shows what a person
/// needs — progress, reasons with counts, one-line errors — never a stack trace unless asked.
/// </summary>
internal sealed class CliLogging : IDisposable
{
    private readonly Lazy<Logger>? _file;

    private CliLogging(ILoggerFactory factory, string? file, Lazy<Logger>? fileLogger)
    {
        Factory = factory;
        FilePattern = file;
        _file = fileLogger;
    }

    /// <summary>Where the logs go.</summary>
    public ILoggerFactory Factory { get; }

    /// <summary>The log file of today (null when file logging is off), as the rolling sink names it.</summary>
    public string? File => FilePattern is null ? null : Path.Combine(Path.GetDirectoryName(FilePattern)!, $"outreach-{DateTime.Now:yyyyMMdd}.log");

    /// <summary>Whether the file's Serilog pipeline has been built: only once an event passes the rules.</summary>
    internal bool FileStarted => _file is { IsValueCreated: true };

    private string? FilePattern { get; }

    /// <summary>Logs to a file under <paramref name="directory"/> (none when null), and to stderr with <paramref name="verbose"/>.</summary>
    public static CliLogging Create(bool verbose, string? directory)
    {
        Lazy<Logger>? file = null;
        string? pattern = null;
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
            pattern = Path.Combine(directory, "outreach-.log");
            file = new(() => new LoggerConfiguration()
                .MinimumLevel.Verbose()
                .WriteTo.File(new CompactJsonFormatter(), pattern, rollingInterval: RollingInterval.Day, shared: true, retainedFileCountLimit: 14)
                .CreateLogger());
        }

        var factory = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Information);
            Quiet(builder);
            if (file is not null)
            {
                // Serilog's file pipeline is built on the first event that passes the rules (most read verbs log none).
                builder.AddProvider(new DeferredLoggerProvider(() => new SerilogLoggerProvider(file.Value, dispose: false)));
                builder.AddFilter<DeferredLoggerProvider>(null, LogLevel.Trace);
            }

            if (verbose)
            {
                builder.AddSimpleConsole(o => o.SingleLine = true);
                builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            }
        });
        return new CliLogging(factory, pattern, file);
    }

    /// <summary>Writes and closes the file.</summary>
    public void Dispose()
    {
        Factory.Dispose();
        if (_file is { IsValueCreated: true })
        {
            _file.Value.Dispose();
        }
    }

    // Housekeeping that needs no action locally (lease and queue polling, every HTTP request, EF's commands) stays out
    // of the log unless it warns. The file's provider has a Trace rule of its own (Serilog decides what it keeps), which
    // beats rules for all providers, so its rules are set for it by name too.
    private static void Quiet(ILoggingBuilder builder)
    {
        foreach (var category in new[] { "DurableTask", "Microsoft.DurableTask", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Grpc", "System.Net.Http.HttpClient" })
        {
            builder.AddFilter(category, LogLevel.Warning);
            builder.AddFilter<DeferredLoggerProvider>(category, LogLevel.Warning);
        }
    }
}
