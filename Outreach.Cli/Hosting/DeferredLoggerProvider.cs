using Microsoft.Extensions.Logging;

namespace Outreach.Cli.Hosting;

/// <summary>
/// A logger provider that creates the real one (<paramref name="create"/>) when the first event or scope reaches it.
/// A read verb usually logs nothing, and the log file's Serilog pipeline costs about a twentieth of such a command's
/// CPU to build; the factory's filter rules still decide, before this provider sees anything, what reaches it.
/// </summary>
internal sealed class DeferredLoggerProvider(Func<ILoggerProvider> create) : ILoggerProvider
{
    private readonly Lazy<ILoggerProvider> _provider = new(create);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new DeferredLogger(_provider, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_provider.IsValueCreated)
        {
            _provider.Value.Dispose();
        }
    }

    private sealed class DeferredLogger(Lazy<ILoggerProvider> provider, string categoryName) : ILogger
    {
        private ILogger? _logger;

        private ILogger Logger => _logger ??= provider.Value.CreateLogger(categoryName);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => Logger.BeginScope(state);

        // The factory has applied this provider's rules already; what is asked here has passed them.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Logger.Log(logLevel, eventId, state, exception, formatter);
    }
}
