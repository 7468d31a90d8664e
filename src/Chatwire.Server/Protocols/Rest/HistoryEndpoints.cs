using Chatwire.Core.Conversations;
using Chatwire.Core.Turns;
using Chatwire.Server.Auth;
using Chatwire.Server.Hosting;

namespace Chatwire.Server.Protocols.Rest;

/// <summary>The caller's own chat history: <c>GET /api/v1/chats</c> and <c>GET /api/v1/chats/{id}/messages</c>.</summary>
public static class HistoryEndpoints
{
    private const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/chats").WithTags("History");
        group.MapGet("/", ListChatsAsync).WithName("ListChats").WithSummary("The caller's conversations, most recent first. page counts from 1.");
        group.MapGet("/{id}/messages", ListMessagesAsync).WithName("ListMessages").WithSummary("A conversation's messages, oldest first. page counts from 1.");
        return app;
    }

    private static async Task<IResult> ListChatsAsync(HttpContext context, HttpIdentityResolver identities, IChatStore store, int? page, int? limit)
    {
        var caller = await identities.ResolveAsync(context);
        if (caller.Identity is not { } identity)
        {
            return HttpProblems.For(caller.Code!, caller.Error!, caller.Status);
        }

        if (Paging(page, limit) is not var (p, l))
        {
            return HttpProblems.For(ErrorCodes.InvalidFormat, $"page must be at least 1 and limit from 1 to {MaxLimit}.");
        }

        var chats = await store.ListConversationsAsync(identity.Key, p, l, context.RequestAborted);
        return Results.Ok(new ChatPage(chats.Items.Select(ChatView.From).ToList(), chats.Page, chats.Limit, chats.Total));
    }

    private static async Task<IResult> ListMessagesAsync(HttpContext context, HttpIdentityResolver identities, IChatStore store, string id, int? page, int? limit)
    {
        var caller = await identities.ResolveAsync(context);
        if (caller.Identity is not { } identity)
        {
            return HttpProblems.For(caller.Code!, caller.Error!, caller.Status);
        }

        if (Paging(page, limit) is not var (p, l))
        {
            return HttpProblems.For(ErrorCodes.InvalidFormat, $"page must be at least 1 and limit from 1 to {MaxLimit}.");
        }

        var conversation = await store.FindConversationAsync(id, context.RequestAborted);
        if (conversation is null || conversation.OwnerKey != identity.Key)
        {
            return HttpProblems.For(ErrorCodes.ConversationNotFound, "Conversation not found.");
        }

        var messages = await store.ListMessagesAsync(id, p, l, context.RequestAborted);
        return Results.Ok(new MessagePage(messages.Items.Select(MessageView.From).ToList(), messages.Page, messages.Limit, messages.Total));
    }

    private static (int Page, int Limit)? Paging(int? page, int? limit)
    {
        var p = page ?? 1;
        var l = limit ?? 20;
        return p >= 1 && l is >= 1 and <= MaxLimit ? (p, l) : null;
    }
}

public sealed record ChatPage(IReadOnlyList<ChatView> Items, int Page, int Limit, int Total);

public sealed record MessagePage(IReadOnlyList<MessageView> Items, int Page, int Limit, int Total);

/// <summary>A conversation as every wire shows it.</summary>
public sealed record ChatView(string Id, string? Title, string BrandId, string? Model, string? CustomerId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ChatView From(Conversation c) => new(c.Id, c.Title, c.BrandId, c.Model, c.CustomerId, c.CreatedAt, c.UpdatedAt);
}

/// <summary>A stored message as every wire shows it.</summary>
public sealed record MessageView(
    string Id,
    string ChatId,
    string Role,
    string Content,
    string Status,
    string? Model,
    string? Agent,
    double? Confidence,
    IReadOnlyList<string> Sources,
    MessageUsage Usage,
    string? ReplacesMessageId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static MessageView From(ConversationMessage m) => new(
        m.Id, m.ConversationId, m.Role.ToString().ToLowerInvariant(), m.Content, m.Status.ToString().ToLowerInvariant(),
        m.Model, m.Agent, m.Confidence, m.Sources, new MessageUsage(m.PromptTokens, m.CompletionTokens, m.PromptTokens + m.CompletionTokens),
        m.ReplacesMessageId, m.CreatedAt, m.UpdatedAt);
}

public sealed record MessageUsage(int PromptTokens, int CompletionTokens, int TotalTokens);
