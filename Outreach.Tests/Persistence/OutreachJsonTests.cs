using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Tests.Builders;

namespace Outreach.Tests.Persistence;

/// <summary>
/// The jsonb columns' serializers generated at build time (<see cref="OutreachJsonContext"/>) against System.Text.Json's
/// reflection with the same options: the same text both ways, and every jsonb column's type generated.
/// </summary>
public sealed class OutreachJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new(OutreachJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static TheoryData<object> Values() =>
    [
        new List<string> { "Zoë", "=cmd|' /C calc'!A0", "line\nbreak" },
        new Dictionary<string, string> { ["Industry"] = "Fintech", ["Note"] = "naïve \"quoted\"" },
        new Dictionary<string, SourceResult> { ["website"] = new("SUCCEEDED", "https://acme.example", TestClock.T0), ["linkedin"] = new("FAILED", null, null, "429 from the provider") },
        new List<TechStackItem> { new("PostgreSQL", "database"), new("Fluid", null) },
        new List<EmailFact> { new("f1", "website", "Runs 40 services on AKS") },
        new List<RejectedRow> { new(3, "email: not an address", "Zoë,\"x\"") },
        new List<CompletedStep> { new(WorkflowStep.UploadCsv, TestClock.T0), new(WorkflowStep.BeginEnrichment, TestClock.At(1)) },
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void Serialize_WithTheGeneratedSerializers_WritesWhatReflectionWrites(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();

        var generated = JsonSerializer.Serialize(value, type, OutreachJson.Options);

        Assert.NotNull(((IJsonTypeInfoResolver)OutreachJsonContext.Default).GetTypeInfo(type, OutreachJson.Options));
        Assert.Equal(JsonSerializer.Serialize(value, type, Reflection), generated);
        Assert.Equal(generated, JsonSerializer.Serialize(JsonSerializer.Deserialize(generated, type, OutreachJson.Options), type, Reflection));
    }

    [Fact]
    public void Context_ForEveryJsonbColumn_HasGeneratedItsType()
    {
        var jsonbTypes = OutreachDbContextModel.Instance.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Where(p => p.GetColumnType() == "jsonb")
            .Select(p => p.ClrType)
            .Distinct()
            .ToList();

        Assert.NotEmpty(jsonbTypes);
        Assert.All(jsonbTypes, type => Assert.True(
            ((IJsonTypeInfoResolver)OutreachJsonContext.Default).GetTypeInfo(type, OutreachJson.Options) is not null,
            $"{type} is a jsonb column's type but OutreachJsonContext does not generate it."));
    }
}
