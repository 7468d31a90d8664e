using System.Buffers;
using Chatwire.Core.Brands;
using Chatwire.Core.Conversations;
using Chatwire.Core.Generation;

namespace Chatwire.Core.Turns;

/// <summary>Validates a request and gathers what the turn needs, writing nothing.</summary>
internal sealed class TurnPlanner(IChatStore store, IBrandCatalog brands, ModelCatalog models, ChatEngineOptions options, TimeProvider time)
{
    private const int MaxConversationIdLength = 128;
    private const int TitleLength = 80;
    private static readonly SearchValues<char> ConversationIdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public async Task<(TurnPlan? Plan, TurnRejection? Rejection)> PlanAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        if (request.Temperature is { } temperature && (double.IsNaN(temperature) || temperature < 0 || temperature > 2))
        {
            return Reject(ErrorCodes.InvalidTemperature, "temperature must be a number from 0 to 2.");
        }

        if (models.Find(request.Model) is not { } model)
        {
            return Reject(ErrorCodes.ModelNotFound, $"Model '{request.Model}' is not available.");
        }

        return request.RegenerateMessageId is { } regenerate
            ? await PlanRegenerationAsync(request, regenerate, model, cancellationToken)
            : await PlanAnswerAsync(request, model, cancellationToken);
    }

    private async Task<(TurnPlan?, TurnRejection?)> PlanAnswerAsync(TurnRequest request, ModelDefinition model, CancellationToken cancellationToken)
    {
        var question = request.Message.Trim();
        if (question.Length == 0)
        {
            return Reject(ErrorCodes.EmptyMessage, "Message cannot be empty.");
        }

        if (question.Length > options.MaxMessageLength)
        {
            return Reject(ErrorCodes.MessageTooLong, $"Message is longer than {options.MaxMessageLength} characters.");
        }

        Conversation? existing = null;
        if (request.ConversationId is { } conversationId)
        {
            if (!IsValidConversationId(conversationId))
            {
                return Reject(ErrorCodes.ConversationNotFound, "Conversation not found.");
            }

            existing = await store.FindConversationAsync(conversationId, cancellationToken);
            if (existing is not null && existing.OwnerKey != request.Identity.Key)
            {
                // Someone else's conversation looks exactly like a missing one: ids leak nothing.
                return Reject(ErrorCodes.ConversationNotFound, "Conversation not found.");
            }
        }

        var brandId = request.BrandId ?? existing?.BrandId ?? options.DefaultBrand;
        if (brands.Find(brandId) is not { Active: true } brand)
        {
            return Reject(ErrorCodes.BrandNotFound, $"Brand '{brandId}' not found or inactive");
        }

        var now = time.GetUtcNow();
        var id = existing?.Id ?? request.ConversationId ?? Ids.New();
        var newConversation = existing is not null ? null : new Conversation
        {
            Id = id,
            OwnerKey = request.Identity.Key,
            BrandId = brand.Id,
            Title = question.Length <= TitleLength ? question : question[..TitleLength] + "…",
            Model = model.Name,
            CustomerId = request.CustomerId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var history = existing is null ? [] : await store.GetContextAsync(id, options.ContextMessages, before: null, cancellationToken);
        if (existing is not null && await store.FindLatestMessageAsync(id, cancellationToken) is { Role: MessageRole.User } pending
            && pending.Content == question)
        {
            // The seed-000 client stores its message over the control channel and then asks the SSE
            // stream to answer the same text: answer the stored question instead of storing it twice.
            return (new TurnPlan
            {
                Brand = brand,
                Model = model,
                Question = question,
                ConversationId = id,
                UserMessageId = pending.Id,
                History = [.. history.Where(m => m.Id != pending.Id)],
                Wire = request.Wire,
            }, null);
        }

        var userMessage = new ConversationMessage
        {
            Id = Ids.New(),
            ConversationId = id,
            Role = MessageRole.User,
            Content = question,
            Status = MessageStatus.Complete,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return (new TurnPlan
        {
            Brand = brand,
            Model = model,
            Question = question,
            ConversationId = id,
            NewConversation = newConversation,
            UserMessage = userMessage,
            UserMessageId = userMessage.Id,
            History = history,
            Wire = request.Wire,
        }, null);
    }

    private async Task<(TurnPlan?, TurnRejection?)> PlanRegenerationAsync(TurnRequest request, string messageId, ModelDefinition model, CancellationToken cancellationToken)
    {
        var original = await store.FindMessageAsync(messageId, cancellationToken);
        var conversation = original is null ? null : await store.FindConversationAsync(original.ConversationId, cancellationToken);
        if (original is not { Role: MessageRole.Assistant } || conversation is null || conversation.OwnerKey != request.Identity.Key)
        {
            return Reject(ErrorCodes.MessageNotFound, "Message not found.");
        }

        if (brands.Find(conversation.BrandId) is not { Active: true } brand)
        {
            return Reject(ErrorCodes.BrandNotFound, $"Brand '{conversation.BrandId}' not found or inactive");
        }

        // The question is the last user message before the answer being replaced; the context is what came before it.
        var before = await store.GetContextAsync(conversation.Id, options.ContextMessages + 1, original.CreatedAt, cancellationToken);
        var questionIndex = FindLastUserMessage(before);
        if (questionIndex < 0)
        {
            return Reject(ErrorCodes.MessageNotFound, "The question this message answers is not stored.");
        }

        return (new TurnPlan
        {
            Brand = brand,
            Model = model,
            Question = before[questionIndex].Content,
            ConversationId = conversation.Id,
            UserMessageId = before[questionIndex].Id,
            History = [.. before.Take(questionIndex)],
            ReplacesMessageId = original.Id,
            Wire = request.Wire,
        }, null);
    }

    private static int FindLastUserMessage(IReadOnlyList<ConversationMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == MessageRole.User)
            {
                return i;
            }
        }

        return -1;
    }

    internal static bool IsValidConversationId(string id) =>
        id.Length is > 0 and <= MaxConversationIdLength && !id.AsSpan().ContainsAnyExcept(ConversationIdCharacters);

    private static (TurnPlan?, TurnRejection?) Reject(string code, string message) => (null, new TurnRejection(code, message));
}
