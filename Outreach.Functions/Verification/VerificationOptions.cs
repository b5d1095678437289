using System.ComponentModel.DataAnnotations;

namespace Outreach.Functions.Verification;

/// <summary>How addresses are checked (<c>Verification__*</c>).</summary>
public sealed class VerificationOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Verification";

    /// <summary>DNS servers for MX lookups, <c>host[:port]</c>, comma-separated; empty uses the machine's resolvers.</summary>
    [RegularExpression(@"^\s*$|^\s*[0-9a-fA-F.:\[\]]+(:\d{1,5})?(\s*,\s*[0-9a-fA-F.:\[\]]+(:\d{1,5})?)*\s*$",
        ErrorMessage = "Verification__DnsServers must be IP addresses with optional ports, comma-separated (e.g. 127.0.0.1:53).")]
    public string DnsServers { get; set; } = string.Empty;

    /// <summary>Timeout of one DNS query; a lookup that times out is UNKNOWN, never INVALID.</summary>
    [Range(1, 30)]
    public int TimeoutSeconds { get; set; } = 3;

    /// <summary>How long a domain's answer is kept (per process).</summary>
    [Range(0, 1440)]
    public int CacheMinutes { get; set; } = 60;
}
