using System.Text.Json;
using Outreach.Cli;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_WithJson_PrintsAcceptedRejectedAndMapping()
    {
        var path = await WriteAsync(CsvFileBuilder.WithHeader("Work Email", "Full Name", "Favourite Colour")
            .Row("a@example.com", "Ada", "green")
            .Row("broken", "Bob", "red")
            .Build());

        var (exitCode, output) = await RunAsync("validate", path, "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(json.RootElement.GetProperty("rejected").EnumerateArray());
        Assert.Equal((3, "'broken' is not a valid email address"), (rejected.GetProperty("line").GetInt32(), rejected.GetProperty("reason").GetString()));
        var mapping = json.RootElement.GetProperty("mapping");
        Assert.Equal(
            ("email", "name", "additional_data"),
            (mapping.GetProperty("Work Email").GetString(), mapping.GetProperty("Full Name").GetString(), mapping.GetProperty("Favourite Colour").GetString()));
    }

    [Fact]
    public async Task Validate_WhenHeadersRepeat_ShowsEachRepeatAndWhereItWent()
    {
        var path = await WriteAsync(CsvFileBuilder.WithHeader("Email", "Name", "Email", "Notes", "Notes")
            .Row("ada@engines.example", "Ada", "ada@home.example", "first", "second")
            .Build());

        var (exitCode, output) = await RunAsync("validate", path);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"  Email\s+-> email\n", output.ReplaceLineEndings("\n"));
        Assert.Matches(@"  Email \(2\)\s+-> additional_data  \(repeated header\)", output);
        Assert.Matches(@"  Notes\s+-> additional_data\n", output.ReplaceLineEndings("\n"));
        Assert.Matches(@"  Notes \(2\)\s+-> additional_data  \(repeated header\)", output);
    }

    [Fact]
    public async Task Validate_WhenTheHeaderIsBelowAPreamble_SaysWhichLineItIsOn()
    {
        var path = await WriteAsync(CsvFileBuilder.WithHeader("First Name", "Email Address").Row("Ada", "ada@engines.example")
            .Preamble("Notes:", "\"Some addresses may be missing.\"", string.Empty)
            .Build());

        var (exitCode, output) = await RunAsync("validate", path);

        Assert.Equal(0, exitCode);
        Assert.Contains("1 rows accepted, 0 rejected", output, StringComparison.Ordinal);
        Assert.Contains("Note: The header is on line 4; lines 1-3 above it", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenTheWholeFileIsRejected_ExitsTwoWithTheError()
    {
        var path = await WriteAsync(CsvFileBuilder.WithHeader("Name").Row("Ada").Build());

        var (exitCode, output) = await RunAsync("validate", path, "--json");

        Assert.Equal(2, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.StartsWith("No email column.", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenFileDoesNotExist_ExitsTwo()
    {
        var (exitCode, output) = await RunAsync("validate", Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv"));

        Assert.Equal(2, exitCode);
        Assert.Contains("No such file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_OnTheSampleFile_ReportsItsBadRowsInText()
    {
        var sample = Path.Combine(TestEnvironment.RepositoryRoot, "samples", "prospects.csv");

        var (exitCode, output) = await RunAsync("validate", sample);

        Assert.Equal(0, exitCode);
        Assert.Contains("21 rows accepted, 4 rejected", output, StringComparison.Ordinal);
        Assert.Contains("line 24: duplicate of line 2 (same email)", output, StringComparison.Ordinal);
        Assert.Matches(@"Person Linkedin Url\s+-> linkedin_url", output);
    }

    private static async Task<string> WriteAsync(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"outreach-validate-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, content, TestContext.Current.CancellationToken);
        return path;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await OutreachCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString() + error);
    }
}
