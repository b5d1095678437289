using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Outreach.Cli.Hosting;
using Outreach.Domain.Import;
using Outreach.Functions.Application;

namespace Outreach.Cli.Commands;

/// <summary>
/// <c>outreach validate &lt;file.csv&gt; [--json]</c>: runs the importer over a file without a database and
/// reports what an upload would accept and reject. Exit 0 when the file can be read, 2 when the whole file
/// is rejected.
/// </summary>
internal static class ValidateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file to check." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("validate", "Check a CSV the way an upload would be checked, without a database.") { file, json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(file)!, parse.GetValue(json), parse.InvocationConfiguration.Output, ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var options = new ImportOptions();
        CliSettings.Load().GetSection(ImportOptions.SectionName).Bind(options);

        UploadPreview report;
        try
        {
            report = await ValidateAsync(file, options, cancellationToken);
        }
        catch (CsvFileRejectedException ex)
        {
            await WriteErrorAsync(output, json, ex.Message);
            return 2;
        }
        catch (IOException ex)
        {
            await WriteErrorAsync(output, json, $"Cannot read {file.FullName}: {ex.Message}");
            return 2;
        }
        catch (UnauthorizedAccessException ex)
        {
            await WriteErrorAsync(output, json, $"Cannot read {file.FullName}: {ex.Message}");
            return 2;
        }

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
            return 0;
        }

        await output.WriteLineAsync($"{file.Name}: {report.Accepted} rows accepted, {report.Rejected.Count} rejected ({report.Encoding}, separator {Describe(report.Separator)})");
        await output.WriteLineAsync("Columns:");
        foreach (var (column, field) in report.Mapping)
        {
            // "Email (2)": a header that repeats; its values are kept under that name.
            var repeated = column.EndsWith(')') && !report.Headers.Contains(column) ? "  (repeated header)" : string.Empty;
            await output.WriteLineAsync($"  {column,-32} -> {field}{repeated}");
        }

        foreach (var note in report.Notes)
        {
            await output.WriteLineAsync($"Note: {note}");
        }

        if (report.Rejected.Count > 0)
        {
            await output.WriteLineAsync("Rejected rows:");
            foreach (var row in report.Rejected)
            {
                await output.WriteLineAsync($"  line {row.Line}: {row.Reason}");
            }
        }

        return 0;
    }

    private static async Task<UploadPreview> ValidateAsync(FileInfo file, ImportOptions options, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CsvFileRejectedException($"No such file: {file.FullName}");
        }

        if (file.Length > options.MaxFileBytes)
        {
            throw new CsvFileRejectedException($"The file is {file.Length:N0} bytes; the limit is {options.MaxFileBytes:N0} bytes (Import__MaxFileBytes).");
        }

        await using var stream = file.OpenRead();
        return await UploadPreview.ReadAsync(stream, options, cancellationToken);
    }

    private static Task WriteErrorAsync(TextWriter output, bool json, string message) =>
        json ? output.WriteLineAsync(JsonSerializer.Serialize(new { error = message }, Json)) : output.WriteLineAsync($"Rejected: {message}");

    private static string Describe(string separator) => separator switch
    {
        "\t" => "tab",
        _ => $"'{separator}'",
    };
}
