using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CampaignTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "email_body",
                table: "campaigns",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sender_company",
                table: "campaigns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sender_name",
                table: "campaigns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sender_title",
                table: "campaigns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "email_body",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "sender_company",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "sender_name",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "sender_title",
                table: "campaigns");
        }
    }
}
