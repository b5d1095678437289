namespace Outreach.Tests.Infrastructure;

/// <summary>Where the integration tests find the local services that eng/start-services.sh starts.</summary>
internal static class TestEnvironment
{
    public const string PostgresVariable = "ConnectionStrings__Outreach";
    public const string StorageVariable = "AzureWebJobsStorage";

    public static string PostgresConnectionString => Require(PostgresVariable, Environment.GetEnvironmentVariable);

    /// <summary>The repository's root (where Outreach.sln is), found above the test output folder.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string StorageConnectionString => Require(StorageVariable, Environment.GetEnvironmentVariable);

    public const string DnsVariable = "OUTREACH_TEST_DNS";

    /// <summary>The test DNS server (dnsmasq on loopback, answering for *.test only): every test's address checks ask it, never the machine's resolver.</summary>
    public static string DnsServer => Require(DnsVariable, Environment.GetEnvironmentVariable);

    /// <summary>The variable's value, or an error that says how to get the services running.</summary>
    public static string Require(string variable, Func<string, string?> lookup) =>
        lookup(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. The integration tests run against a real PostgreSQL and Azurite: " +
                "run the suite with eng/test.sh, or start the services with eng/start-services.sh and " +
                "`source .local/services.env` before `dotnet test`.");

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Outreach.sln not found above the test output folder.");
    }
}
