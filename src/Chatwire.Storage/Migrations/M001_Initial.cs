using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Chatwire.Storage.Migrations;

/// <summary>
/// Conversations and messages. Written by hand (the EF design-time tools are not available here)
/// and provider-neutral: column types come from each provider's mapping of the CLR type.
/// </summary>
[DbContext(typeof(ChatDbContext))]
[Migration("001_Initial")]
public sealed class M001_Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "conversations",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 128, nullable: false),
                OwnerKey = table.Column<string>(maxLength: 200, nullable: false),
                BrandId = table.Column<string>(maxLength: 64, nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: true),
                Model = table.Column<string>(maxLength: 128, nullable: true),
                CustomerId = table.Column<string>(maxLength: 200, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_conversations", c => c.Id));

        migrationBuilder.CreateTable(
            name: "messages",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 64, nullable: false),
                ConversationId = table.Column<string>(maxLength: 128, nullable: false),
                Role = table.Column<string>(maxLength: 16, nullable: false),
                Content = table.Column<string>(nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                Model = table.Column<string>(maxLength: 128, nullable: true),
                Agent = table.Column<string>(maxLength: 64, nullable: true),
                Confidence = table.Column<double>(nullable: true),
                Sources = table.Column<string>(nullable: false),
                PromptTokens = table.Column<int>(nullable: false),
                CompletionTokens = table.Column<int>(nullable: false),
                ReplacesMessageId = table.Column<string>(maxLength: 64, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_messages", m => m.Id);
                table.ForeignKey("FK_messages_conversations_ConversationId", m => m.ConversationId, "conversations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_conversations_OwnerKey_UpdatedAt", "conversations", ["OwnerKey", "UpdatedAt"]);
        migrationBuilder.CreateIndex("IX_messages_ConversationId_CreatedAt", "messages", ["ConversationId", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("messages");
        migrationBuilder.DropTable("conversations");
    }
}
