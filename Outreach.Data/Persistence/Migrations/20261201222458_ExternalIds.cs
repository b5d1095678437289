using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ExternalIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "prospects",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "external_id",
                table: "prospects");
        }
    }
}
