using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

/// <summary>A textual description of a database's schema: equal snapshots mean nothing changed.</summary>
internal static class SchemaSnapshot
{
    public static async Task<string> TakeAsync(TestDatabase database)
    {
        var parts = new List<string>();
        foreach (var sql in Queries)
        {
            foreach (var row in await database.RowsAsync(sql))
            {
                parts.Add(string.Join('|', row));
            }
        }

        return string.Join('\n', parts);
    }

    private static readonly string[] Queries =
    [
        """
        SELECT table_name, column_name, udt_name, is_nullable, coalesce(character_maximum_length, 0), coalesce(column_default, '')
        FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name
        """,
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname",
        """
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' ORDER BY 1, 2
        """,
        "SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder",
        "SELECT migration_id, product_version FROM __ef_migrations_history ORDER BY migration_id",
    ];
}
