using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EmailBodyHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "body_hash",
                table: "generated_emails",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            // Emails written before the column existed get their hash too, so the duplicate check sees them.
            migrationBuilder.Sql("UPDATE generated_emails SET body_hash = encode(sha256(convert_to(body, 'UTF8')), 'hex') WHERE body IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "ix_generated_emails_body_hash",
                table: "generated_emails",
                column: "body_hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_generated_emails_body_hash",
                table: "generated_emails");

            migrationBuilder.DropColumn(
                name: "body_hash",
                table: "generated_emails");
        }
    }
}
