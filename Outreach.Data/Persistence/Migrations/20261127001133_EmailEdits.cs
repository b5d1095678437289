using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EmailEdits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "edited_at",
                table: "generated_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "original_body",
                table: "generated_emails",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "original_subject",
                table: "generated_emails",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "edited_at",
                table: "generated_emails");

            migrationBuilder.DropColumn(
                name: "original_body",
                table: "generated_emails");

            migrationBuilder.DropColumn(
                name: "original_subject",
                table: "generated_emails");
        }
    }
}
