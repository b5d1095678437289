using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EmailQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .Annotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .Annotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .Annotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .Annotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .Annotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .Annotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .Annotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .Annotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV")
                .OldAnnotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .OldAnnotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .OldAnnotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .OldAnnotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .OldAnnotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .OldAnnotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .OldAnnotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING")
                .OldAnnotation("Npgsql:Enum:review_status", "APPROVED,PENDING_REVIEW,REJECTED")
                .OldAnnotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .OldAnnotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .OldAnnotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV");

            migrationBuilder.AddColumn<int>(
                name: "completion_tokens",
                table: "prospect_analyses",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "prompt_tokens",
                table: "prospect_analyses",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "completion_tokens",
                table: "generated_emails",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "facts_used",
                table: "generated_emails",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<int>(
                name: "prompt_tokens",
                table: "generated_emails",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "quality_flags",
                table: "generated_emails",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AlterColumn<int>(
                name: "max_body_words",
                table: "campaigns",
                type: "integer",
                nullable: false,
                defaultValue: 150,
                oldClrType: typeof(int),
                oldType: "integer",
                oldDefaultValue: 180);

            migrationBuilder.AddColumn<int>(
                name: "min_body_words",
                table: "campaigns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "completion_tokens",
                table: "batches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "prompt_tokens",
                table: "batches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "completion_tokens",
                table: "prospect_analyses");

            migrationBuilder.DropColumn(
                name: "prompt_tokens",
                table: "prospect_analyses");

            migrationBuilder.DropColumn(
                name: "completion_tokens",
                table: "generated_emails");

            migrationBuilder.DropColumn(
                name: "facts_used",
                table: "generated_emails");

            migrationBuilder.DropColumn(
                name: "prompt_tokens",
                table: "generated_emails");

            migrationBuilder.DropColumn(
                name: "quality_flags",
                table: "generated_emails");

            migrationBuilder.DropColumn(
                name: "min_body_words",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "completion_tokens",
                table: "batches");

            migrationBuilder.DropColumn(
                name: "prompt_tokens",
                table: "batches");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .Annotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .Annotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .Annotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .Annotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .Annotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:review_status", "APPROVED,PENDING_REVIEW,REJECTED")
                .Annotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .Annotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .Annotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV")
                .OldAnnotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .OldAnnotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .OldAnnotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .OldAnnotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .OldAnnotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .OldAnnotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .OldAnnotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING")
                .OldAnnotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .OldAnnotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .OldAnnotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .OldAnnotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV");

            migrationBuilder.AlterColumn<int>(
                name: "max_body_words",
                table: "campaigns",
                type: "integer",
                nullable: false,
                defaultValue: 180,
                oldClrType: typeof(int),
                oldType: "integer",
                oldDefaultValue: 150);
        }
    }
}
