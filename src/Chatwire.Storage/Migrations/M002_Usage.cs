using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Chatwire.Storage.Migrations;

/// <summary>Credit accounts, their ledger and anonymous daily quotas. Provider-neutral, like <see cref="M001_Initial"/>.</summary>
[DbContext(typeof(ChatDbContext))]
[Migration("002_Usage")]
public sealed class M002_Usage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "credit_accounts",
            columns: table => new
            {
                UserId = table.Column<string>(maxLength: 200, nullable: false),
                BalanceMicros = table.Column<long>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_credit_accounts", a => a.UserId));

        migrationBuilder.CreateTable(
            name: "credit_entries",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 64, nullable: false),
                UserId = table.Column<string>(maxLength: 200, nullable: false),
                AmountMicros = table.Column<long>(nullable: false),
                Kind = table.Column<string>(maxLength: 16, nullable: false),
                MessageId = table.Column<string>(maxLength: 64, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_credit_entries", e => e.Id));

        migrationBuilder.CreateTable(
            name: "anonymous_quotas",
            columns: table => new
            {
                AnonId = table.Column<string>(maxLength: 64, nullable: false),
                Day = table.Column<int>(nullable: false),
                Used = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_anonymous_quotas", q => q.AnonId));

        // Unique: a message is charged at most once. NULLs (grants) are distinct on both providers.
        migrationBuilder.CreateIndex("IX_credit_entries_MessageId", "credit_entries", "MessageId", unique: true);
        migrationBuilder.CreateIndex("IX_credit_entries_UserId_CreatedAt", "credit_entries", ["UserId", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("anonymous_quotas");
        migrationBuilder.DropTable("credit_entries");
        migrationBuilder.DropTable("credit_accounts");
    }
}
