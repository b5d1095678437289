using Outreach.Data.Persistence;
using Outreach.Domain.StatusRules;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

/// <summary>The migrated schema, read back from PostgreSQL's catalog, against the contract in DESIGN.md.</summary>
public sealed class SchemaCatalogTests(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    // table → column → udt_name (varchar(N) where the length is part of the contract).
    private static readonly Dictionary<string, Dictionary<string, string>> Contract = new()
    {
        ["services"] = Columns("name:varchar description:text value_proposition:text target_industries:jsonb"),
        ["campaigns"] = Columns("name:varchar email_subject:varchar(500) prompt:text email_body:text sender_name:varchar sender_title:varchar sender_company:varchar enrichment_flags:jsonb service_id:uuid dedupe_scope:dedupe_scope min_body_words:int4 max_body_words:int4 verification:verification_policy"),
        ["csv_uploads"] = Columns(
            "container:varchar blob_name:varchar etag:varchar content_sha256:bpchar size_bytes:int8 rows_total:int4 rows_accepted:int4 " +
            "rows_rejected:int4 rejected_rows:jsonb notes:jsonb status:upload_status batch_id:uuid campaign_id:uuid error_message:text"),
        ["batches"] = Columns(
            "campaign_id:uuid upload_id:uuid name:varchar status:batch_status total_prospects:int4 enriched_prospects:int4 " +
            "generated_emails:int4 failed_prospects:int4 instance_id:varchar started_at:timestamptz completed_at:timestamptz error_message:text " +
            "prompt_tokens:int8 completion_tokens:int8 skipped_prospects:int4"),
        ["prospects"] = Columns(
            "campaign_id:uuid batch_id:uuid ordinal:int4 name:varchar email:varchar email_normalized:varchar company:varchar title:varchar " +
            "linkedin_url:varchar website:varchar status:prospect_status additional_data:jsonb error_message:text " +
            "email_verification:email_verification email_verification_reason:text"),
        ["prospect_enrichments"] = Columns(
            "prospect_id:uuid status:enrichment_status company_website:varchar company_summary:text linkedin_summary:text " +
            "tech_stack:jsonb enrichment_data:jsonb error_message:text"),
        ["prospect_analyses"] = Columns(
            "prospect_id:uuid personalization_opportunities:jsonb pain_points:jsonb market_position:text suggested_approach:text " +
            "executive_summary:text confidence_score:float4 sources:jsonb prompt_tokens:int4 completion_tokens:int4"),
        ["generated_emails"] = Columns(
            "prospect_id:uuid subject:varchar(500) body:text generation_status:generation_status model:varchar review_status:review_status error_message:text " +
            "quality_flags:jsonb facts_used:jsonb prompt_tokens:int4 completion_tokens:int4 body_hash:bpchar review_note:varchar original_subject:varchar(500) original_body:text edited_at:timestamptz"),
        ["processing_jobs"] = Columns(
            "campaign_id:uuid batch_id:uuid job_type:job_type status:job_status progress_current:int4 progress_total:int4 instance_id:varchar error_message:text"),
        ["workflow_sessions"] = Columns(
            "user_session_id:varchar campaign_id:uuid batch_id:uuid current_step:workflow_step status:workflow_status " +
            "configuration_data:jsonb steps_completed:jsonb error_message:text"),
        ["company_profiles"] = Columns("domain:varchar website:varchar company_summary:text tech_stack:jsonb sources:jsonb fetched_at:timestamptz"),
        ["api_configurations"] = Columns(
            "provider:varchar enabled:bool model:varchar temperature:float4 max_tokens:int4 prompt_templates:jsonb industry_mappings:jsonb secret_setting:varchar"),
        ["suppressions"] = Columns("value:varchar reason:suppression_reason source:varchar note:text"),
        ["email_pushes"] = Columns(
            "generated_email_id:uuid batch_id:uuid job_id:uuid target:push_target target_campaign:varchar external_lead_id:varchar status:push_status error:text pushed_at:timestamptz"),
        ["webhook_endpoints"] = Columns("url:varchar secret_setting:varchar description:varchar(500)"),
        ["webhook_deliveries"] = Columns(
            "endpoint:varchar url:varchar event_type:varchar subject:varchar payload:jsonb status:webhook_delivery_status attempts:int4 last_status_code:int4 " +
            "last_error:text delivered_at:timestamptz"),
    };

    // The seed's labels, written out as DESIGN.md lists them.
    private static readonly Dictionary<string, string[]> EnumContract = new()
    {
        ["prospect_status"] = ["PENDING", "ENRICHING", "ENRICHED", "GENERATING", "COMPLETED", "FAILED", "SKIPPED"],
        ["enrichment_status"] = ["PENDING", "PROCESSING", "COMPLETED", "FAILED"],
        ["generation_status"] = ["PENDING", "GENERATING", "COMPLETED", "FAILED"],
        ["batch_status"] = ["UPLOADED", "ENRICHING", "ENRICHED", "GENERATING", "COMPLETED", "FAILED", "PARTIAL"],
        ["workflow_step"] = ["UPLOAD_CSV", "CAMPAIGN_SETTINGS", "ENRICHMENT_CONFIG", "BEGIN_ENRICHMENT", "EMAIL_GENERATION", "COMPLETED"],
        ["workflow_status"] = ["ACTIVE", "PAUSED", "COMPLETED", "ABANDONED", "ERROR"],
        ["job_type"] = ["ENRICHMENT", "GENERATION", "FULL_PIPELINE", "PUSH"],
        ["job_status"] = ["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"],
        ["review_status"] = ["PENDING_REVIEW", "APPROVED", "REJECTED", "NEEDS_ATTENTION"],
        ["upload_status"] = ["RECEIVED", "IMPORTED", "FAILED"],
        ["dedupe_scope"] = ["CAMPAIGN", "GLOBAL"],
        ["email_verification"] = ["UNKNOWN", "VALID", "RISKY", "INVALID"],
        ["verification_policy"] = ["OFF", "SKIP_INVALID", "VALID_ONLY"],
        ["suppression_reason"] = ["UNSUBSCRIBED", "BOUNCED", "CUSTOMER", "COMPETITOR", "MANUAL"],
        ["push_target"] = ["INSTANTLY", "SMARTLEAD", "LEMLIST"],
        ["push_status"] = ["PUSHED", "SKIPPED", "FAILED"],
        ["webhook_delivery_status"] = ["PENDING", "DELIVERED", "FAILED"],
    };

    private static readonly string[] StatusTables =
        ["csv_uploads", "batches", "prospects", "prospect_enrichments", "generated_emails", "processing_jobs", "workflow_sessions"];

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Tables_AfterMigration_AreExactlyTheTablesOfTheDesign()
    {
        var tables = (await _database.RowsAsync(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '__ef_migrations_history'"))
            .Select(r => (string)r[0]!).Order().ToList();

        Assert.Equal(Contract.Keys.Order(), tables);
    }

    [Fact]
    public async Task Columns_AfterMigration_HaveTheDesignedTypes()
    {
        var actual = await ColumnsAsync();
        var mismatches = new List<string>();
        foreach (var (table, columns) in Contract)
        {
            foreach (var (column, type) in columns)
            {
                var found = actual.GetValueOrDefault((table, column));
                if (found != type)
                {
                    mismatches.Add($"{table}.{column}: expected {type}, found {found ?? "nothing"}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task EveryTable_HasUuidKeyAndUtcCreatedAndUpdatedTimestamps()
    {
        var actual = await ColumnsAsync();

        Assert.All(Contract.Keys, table =>
        {
            Assert.Equal("uuid", actual[(table, "id")]);
            Assert.Equal("timestamptz", actual[(table, "created_at")]);
            Assert.Equal("timestamptz", actual[(table, "updated_at")]);
        });
    }

    [Fact]
    public async Task TimestampColumns_AreAllTimestamptz()
    {
        var naive = await _database.RowsAsync(
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND udt_name = 'timestamp'");

        Assert.Empty(naive.Select(r => r[0]));
    }

    [Fact]
    public async Task StatusTables_HaveTextErrorMessage()
    {
        var actual = await ColumnsAsync();

        Assert.All(StatusTables, table => Assert.Equal("text", actual.GetValueOrDefault((table, "error_message"))));
    }

    [Fact]
    public async Task EnumTypes_HaveExactlyTheSeedLabels()
    {
        var rows = await _database.RowsAsync(
            "SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid");
        var actual = rows.GroupBy(r => (string)r[0]!).ToDictionary(g => g.Key, g => g.Select(r => (string)r[1]!).Order().ToList());

        Assert.Equal(EnumContract.Keys.Order(), actual.Keys.Order());
        Assert.All(EnumContract, kv => Assert.Equal(kv.Value.Order(), actual[kv.Key]));
    }

    [Fact]
    public void ClrEnums_TranslateToTheSeedLabels()
    {
        // The same contract from the code side: a renamed enum member would change a label.
        Assert.All(OutreachDatabase.EnumTypes, e =>
            Assert.Equal(
                EnumContract[e.PgName].Order(),
                Enum.GetValues(e.ClrType).Cast<Enum>().Select(StatusLabel.Of).Order()));
    }

    [Theory]
    [InlineData("prospects", "campaign_id,email_normalized", true)]
    [InlineData("prospects", "batch_id,ordinal", true)]
    [InlineData("prospects", "batch_id,status", false)]
    [InlineData("csv_uploads", "campaign_id,content_sha256", true)]
    [InlineData("csv_uploads", "container,blob_name,etag", true)]
    [InlineData("campaigns", "name", true)]
    [InlineData("company_profiles", "domain", true)]
    [InlineData("prospect_enrichments", "prospect_id", true)]
    [InlineData("prospect_analyses", "prospect_id", true)]
    [InlineData("generated_emails", "prospect_id", true)]
    [InlineData("batches", "instance_id", true)]
    [InlineData("api_configurations", "provider", true)]
    public async Task Indexes_DesignedKeysExist(string table, string columns, bool unique)
    {
        var indexes = await _database.RowsAsync(
            """
            SELECT ix.indisunique, string_agg(a.attname, ',' ORDER BY k.ord)
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE t.relname = $1
            GROUP BY ix.indexrelid, ix.indisunique
            """,
            table);

        Assert.Contains(indexes, r => (string)r[1]! == columns && (bool)r[0]! == unique);
    }

    [Theory]
    [InlineData("batches", "campaigns", "RESTRICT")]
    [InlineData("prospects", "batches", "CASCADE")]
    [InlineData("prospects", "campaigns", "RESTRICT")]
    [InlineData("campaigns", "services", "RESTRICT")]
    [InlineData("generated_emails", "prospects", "CASCADE")]
    [InlineData("csv_uploads", "batches", "SET NULL")]
    public async Task ForeignKeys_HaveTheDeliberateDeleteRule(string table, string referenced, string rule)
    {
        var found = await _database.ScalarAsync<string>(
            """
            SELECT rc.delete_rule
            FROM information_schema.referential_constraints rc
            JOIN information_schema.table_constraints fk ON fk.constraint_name = rc.constraint_name
            JOIN information_schema.table_constraints pk ON pk.constraint_name = rc.unique_constraint_name
            WHERE fk.table_name = $1 AND pk.table_name = $2
            """,
            table,
            referenced);

        Assert.Equal(rule, found);
    }

    private async Task<Dictionary<(string Table, string Column), string>> ColumnsAsync()
    {
        var rows = await _database.RowsAsync(
            "SELECT table_name, column_name, udt_name, character_maximum_length FROM information_schema.columns WHERE table_schema = 'public'");
        return rows.ToDictionary(
            r => ((string)r[0]!, (string)r[1]!),
            r => (string)r[2]! == "varchar" && r[3] is 500 ? "varchar(500)" : (string)r[2]!);
    }

    private static Dictionary<string, string> Columns(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Split(':'))
            .ToDictionary(p => p[0], p => p[1]);
}
