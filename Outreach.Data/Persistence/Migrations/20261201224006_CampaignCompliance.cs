using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CampaignCompliance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "footer",
                table: "generated_emails",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "footer",
                table: "campaigns",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unsubscribe",
                table: "campaigns",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "footer",
                table: "generated_emails");

            migrationBuilder.DropColumn(
                name: "footer",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "unsubscribe",
                table: "campaigns");
        }
    }
}
