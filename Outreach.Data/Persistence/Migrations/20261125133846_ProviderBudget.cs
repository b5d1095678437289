using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProviderBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "provider_calls",
                table: "batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "provider_calls",
                table: "batches");
        }
    }
}
