using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Chatwire.Storage.Migrations;

/// <summary>
/// The per-owner change cursor behind the control channel's <c>sync</c>: a counter row per owner
/// (<c>owner_revisions</c>) and, on each message, the revision of its first and latest write.
/// </summary>
[DbContext(typeof(ChatDbContext))]
[Migration("003_MessageRevisions")]
public sealed class M003_MessageRevisions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "owner_revisions",
            columns: table => new
            {
                OwnerKey = table.Column<string>(maxLength: 200, nullable: false),
                Revision = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_owner_revisions", r => r.OwnerKey));

        migrationBuilder.AddColumn<long>("Revision", "messages", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>("CreatedRevision", "messages", nullable: false, defaultValue: 0L);
        migrationBuilder.CreateIndex("IX_messages_ConversationId_Revision", "messages", ["ConversationId", "Revision"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_messages_ConversationId_Revision", "messages");
        migrationBuilder.DropColumn("CreatedRevision", "messages");
        migrationBuilder.DropColumn("Revision", "messages");
        migrationBuilder.DropTable("owner_revisions");
    }
}
