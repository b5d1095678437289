using System.Text.Json.Serialization;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence;

/// <summary>
/// Serializers generated at build time for the jsonb columns' types, so neither a short process (a read verb) nor
/// the pipeline builds their metadata by reflection. <see cref="OutreachJson.Options"/> asks this context first and
/// falls back to reflection for any other type; the naming, the null handling and the enum labels stay the options'
/// (a test holds the generated and the reflection-built JSON to the same text).
/// </summary>
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, SourceResult>))]
[JsonSerializable(typeof(List<TechStackItem>))]
[JsonSerializable(typeof(List<EmailFact>))]
[JsonSerializable(typeof(List<RejectedRow>))]
[JsonSerializable(typeof(List<CompletedStep>))]
internal sealed partial class OutreachJsonContext : JsonSerializerContext;
