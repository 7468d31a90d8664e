using System.Text.Json;
using Chatwire.Core.Conversations;
using Chatwire.Storage.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Chatwire.Storage;

/// <summary>The EF Core model. The same hand-written migrations run on SQLite and PostgreSQL.</summary>
public sealed class ChatDbContext(DbContextOptions<ChatDbContext> options) : DbContext(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMessage> Messages => Set<ConversationMessage>();

    internal DbSet<OwnerRevision> OwnerRevisions => Set<OwnerRevision>();

    public DbSet<CreditAccount> CreditAccounts => Set<CreditAccount>();

    public DbSet<CreditEntry> CreditEntries => Set<CreditEntry>();

    public DbSet<AnonymousQuota> AnonymousQuotas => Set<AnonymousQuota>();

    /// <summary>Statements bound straight through SQLitePCL on this context's connection, when it is the SQLite writer's own.</summary>
    internal Writes.SqliteStatements? Statements { get; init; }

    /// <summary>How a message's sources are stored: a JSON array of strings.</summary>
    internal static string SerializeSources(List<string> sources) => JsonSerializer.Serialize(sources, JsonSerializerOptions.Default);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Both providers store instants as sortable 64-bit numbers: SQLite cannot order by DateTimeOffset.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.ToTable("conversations");
            conversation.HasKey(c => c.Id);
            conversation.Property(c => c.Id).HasMaxLength(128);
            conversation.Property(c => c.OwnerKey).HasMaxLength(200);
            conversation.Property(c => c.BrandId).HasMaxLength(64);
            conversation.Property(c => c.Model).HasMaxLength(128);
            conversation.Property(c => c.CustomerId).HasMaxLength(200);
            conversation.Property(c => c.Title).HasMaxLength(200);
            conversation.HasIndex(c => new { c.OwnerKey, c.UpdatedAt });
        });

        modelBuilder.Entity<ConversationMessage>(message =>
        {
            message.ToTable("messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).HasMaxLength(64);
            message.Property(m => m.ConversationId).HasMaxLength(128);
            message.Property(m => m.Model).HasMaxLength(128);
            message.Property(m => m.Agent).HasMaxLength(64);
            message.Property(m => m.ReplacesMessageId).HasMaxLength(64);
            message.Property(m => m.Sources).HasConversion(
                new ValueConverter<List<string>, string>(
                    list => SerializeSources(list),
                    json => JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Default) ?? new List<string>()),
                new ValueComparer<List<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                    list => list.ToList()));
            message.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
            message.HasIndex(m => new { m.ConversationId, m.CreatedAt });
            message.HasIndex(m => new { m.ConversationId, m.Revision });
        });

        modelBuilder.Entity<OwnerRevision>(revision =>
        {
            revision.ToTable("owner_revisions");
            revision.HasKey(r => r.OwnerKey);
            revision.Property(r => r.OwnerKey).HasMaxLength(200);
        });

        UsageModel.Configure(modelBuilder);
    }
}
