using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WizardSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_workflow_sessions_user_session_id",
                table: "workflow_sessions");

            migrationBuilder.AlterColumn<Guid>(
                name: "campaign_id",
                table: "workflow_sessions",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<bool>(
                name: "guided",
                table: "workflow_sessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_sessions_user_session_id_created_at",
                table: "workflow_sessions",
                columns: new[] { "user_session_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_workflow_sessions_user_session_id_created_at",
                table: "workflow_sessions");

            migrationBuilder.DropColumn(
                name: "guided",
                table: "workflow_sessions");

            migrationBuilder.AlterColumn<Guid>(
                name: "campaign_id",
                table: "workflow_sessions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_sessions_user_session_id",
                table: "workflow_sessions",
                column: "user_session_id");
        }
    }
}
