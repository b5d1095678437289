using System.Text.Json;
using Microsoft.Extensions.Logging;
using Outreach.Cli.Hosting;

namespace Outreach.Tests.Cli;

/// <summary>The command's logs: everything worth keeping goes to a JSON-lines file; housekeeping noise stays out.</summary>
public sealed class CliLoggingTests
{
    [Fact]
    public void Create_WhenAWarningCarriesAnException_WritesItWithItsStackToTheFileAsJson()
    {
        var directory = Directory.CreateTempSubdirectory("outreach-logs-");
        try
        {
            using (var logging = CliLogging.Create(verbose: false, directory.FullName))
            {
                logging.Factory.CreateLogger("Polly").LogWarning(Thrown(), "Execution attempt for {Host}", "acme.example");
                Assert.StartsWith(directory.FullName, logging.File, StringComparison.Ordinal);
            }

            var line = Assert.Single(File.ReadAllLines(Assert.Single(Directory.GetFiles(directory.FullName, "outreach-*.log"))));
            using var entry = JsonDocument.Parse(line);
            Assert.Equal("Warning", entry.RootElement.GetProperty("@l").GetString());
            Assert.Equal("acme.example", entry.RootElement.GetProperty("Host").GetString());
            Assert.Contains("   at ", entry.RootElement.GetProperty("@x").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Create_BuildsTheFilePipelineOnlyWhenAnEventPassesTheRules()
    {
        var directory = Directory.CreateTempSubdirectory("outreach-logs-");
        try
        {
            using (var logging = CliLogging.Create(verbose: false, directory.FullName))
            {
                var ef = logging.Factory.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command");
                ef.LogInformation("Executed DbCommand");
                Assert.True(logging.Factory.CreateLogger("Outreach.Cli").IsEnabled(LogLevel.Information));
                Assert.False(logging.FileStarted);

                logging.Factory.CreateLogger("Outreach.Cli").LogInformation("imported");
                Assert.True(logging.FileStarted);
            }

            Assert.Single(Directory.GetFiles(directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("DurableTask.AzureStorage", LogLevel.Information, false)]
    [InlineData("System.Net.Http.HttpClient.website.LogicalHandler", LogLevel.Information, false)]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information, false)]
    [InlineData("DurableTask.AzureStorage", LogLevel.Warning, true)]
    [InlineData("Polly", LogLevel.Warning, true)]
    [InlineData("Outreach.Functions.Pipeline.ProspectStore", LogLevel.Information, true)]
    public void Create_LeavesHousekeepingOutOfTheLog(string category, LogLevel level, bool logged)
    {
        var directory = Directory.CreateTempSubdirectory("outreach-logs-");
        try
        {
            using var logging = CliLogging.Create(verbose: false, directory.FullName);

            Assert.Equal(logged, logging.Factory.CreateLogger(category).IsEnabled(level));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("Name or service not known (acme.example:443)");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }
}
