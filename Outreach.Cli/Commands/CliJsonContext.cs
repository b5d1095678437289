using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Functions.Application;

namespace Outreach.Cli.Commands;

/// <summary>
/// Serializers generated at build time for what the read verbs print with <c>--json</c> (and <c>job</c> always):
/// System.Text.Json would otherwise build each by reflection on first use, about a tenth of a second of such a
/// command's CPU. Other types still go through reflection (<see cref="CliJson.Options"/> falls back to it).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(BatchView))]
[JsonSerializable(typeof(IReadOnlyList<BatchSummary>))]
[JsonSerializable(typeof(IReadOnlyList<ProspectSummary>))]
[JsonSerializable(typeof(IReadOnlyList<FailureCount>))]
[JsonSerializable(typeof(IEnumerable<RejectedRowView>))]
[JsonSerializable(typeof(JobDetail))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
