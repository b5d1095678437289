using Npgsql;
using Outreach.Domain.StatusRules;

namespace Outreach.Data.Persistence;

/// <summary>Maps CLR enum members to the UPPER_SNAKE_CASE labels of the PostgreSQL enum types (FullPipeline → FULL_PIPELINE).</summary>
public sealed class UpperSnakeCaseNameTranslator : INpgsqlNameTranslator
{
    /// <summary>The shared instance.</summary>
    public static UpperSnakeCaseNameTranslator Instance { get; } = new();

    /// <inheritdoc />
    public string TranslateTypeName(string clrName) => throw new NotSupportedException("Enum type names are given explicitly.");

    /// <inheritdoc />
    public string TranslateMemberName(string clrName) => StatusLabel.ToUpperSnake(clrName);
}
