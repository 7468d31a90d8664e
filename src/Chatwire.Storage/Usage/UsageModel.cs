using Microsoft.EntityFrameworkCore;

namespace Chatwire.Storage.Usage;

/// <summary>The EF mapping of the usage tables (migration <see cref="Migrations.M002_Usage"/>).</summary>
internal static class UsageModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CreditAccount>(account =>
        {
            account.ToTable("credit_accounts");
            account.HasKey(a => a.UserId);
            account.Property(a => a.UserId).HasMaxLength(200);
        });

        modelBuilder.Entity<CreditEntry>(entry =>
        {
            entry.ToTable("credit_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).HasMaxLength(64);
            entry.Property(e => e.UserId).HasMaxLength(200);
            entry.Property(e => e.Kind).HasMaxLength(16);
            entry.Property(e => e.MessageId).HasMaxLength(64);
            entry.HasIndex(e => e.MessageId).IsUnique();
            entry.HasIndex(e => new { e.UserId, e.CreatedAt });
        });

        modelBuilder.Entity<AnonymousQuota>(quota =>
        {
            quota.ToTable("anonymous_quotas");
            quota.HasKey(q => q.AnonId);
            quota.Property(q => q.AnonId).HasMaxLength(64);
        });
    }
}
