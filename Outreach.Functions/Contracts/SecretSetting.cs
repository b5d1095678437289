using Microsoft.Extensions.Configuration;

namespace Outreach.Functions.Contracts;

/// <summary>
/// The one way a secret is read: from the app setting a row or an option names (<c>Providers__OpenRouter__ApiKey</c>,
/// a webhook receiver's secret setting), never from the database. The value is registered with
/// <see cref="SecretScrubber"/> before anything can echo it.
/// </summary>
public static class SecretSetting
{
    /// <summary>The value of the setting <paramref name="name"/>, or null when it is not set.</summary>
    public static string? Read(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(name);

        // Settings arrive as environment variables (Providers__OpenRouter__ApiKey), which configuration exposes with ':'.
        var value = configuration[name.Replace("__", ":", StringComparison.Ordinal)] ?? configuration[name];
        SecretScrubber.Register(value);
        return value;
    }
}
