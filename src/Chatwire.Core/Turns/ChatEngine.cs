using System.Runtime.CompilerServices;
using Chatwire.Core.Agents;
using Chatwire.Core.Brands;
using Chatwire.Core.Conversations;
using Chatwire.Core.Generation;
using Chatwire.Core.Generation.Offline;
using Chatwire.Core.Retrieval;
using Chatwire.Core.Usage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatwire.Core.Turns;

/// <summary>
/// Runs a turn: validate, admit, store the question, route, retrieve, generate, store the answer.
/// The one place chat rules live; every wire adapter consumes the event stream it yields.
/// </summary>
/// <remarks>
/// Guarantees: a rejected request writes nothing and yields one <see cref="TurnFailed"/> with
/// <c>Rejected</c> set. An accepted one yields <see cref="TurnStarted"/> first and ends in exactly one
/// <see cref="TurnCompleted"/> or <see cref="TurnFailed"/>; its assistant message is stored with its
/// final status even when the consumer stops reading (that counts as cancellation).
/// </remarks>
public sealed partial class ChatEngine(
    IChatStore store,
    IBrandCatalog brands,
    ILanguageDetector languages,
    IAgentRouter router,
    IKnowledgeRetriever retriever,
    IProductRecommender products,
    ModelCatalog models,
    ChatProviders providers,
    IEnumerable<ITurnPolicy> policies,
    TurnRegistry registry,
    IEnumerable<ITurnObserver> observers,
    IOptions<ChatEngineOptions> options,
    TimeProvider time,
    ILogger<ChatEngine> logger)
{
    private static readonly TimeSpan FinishTimeout = TimeSpan.FromSeconds(30);
    private readonly ITurnPolicy[] _policies = [.. policies];
    private readonly ITurnObserver[] _observers = [.. observers];
    private readonly ChatEngineOptions _options = options.Value;

    public async IAsyncEnumerable<ChatEvent> RunAsync(TurnRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var streamId = Ids.New();
        var (plan, rejection) = await PlanAsync(request, cancellationToken);
        if (plan is null)
        {
            yield return Rejected(streamId, rejection!);
            yield break;
        }

        var assistant = NewAnswer(plan);
        using var turn = new RunningTurn(streamId, assistant.Id, plan.ConversationId, request.Identity, cancellationToken);
        var state = new TurnState();

        // Storing the question waits for the database writer, and the upstream model takes far longer
        // than that to its first token: start both now, so what a turn adds to the model's first
        // token is not the sum of the two. Nothing is shown to the client before the store has the
        // question; a turn the store refuses cancels its upstream request and is rejected as before.
        var beginning = TryBeginAsync(plan, assistant, cancellationToken);
        var route = TryRoute(plan, state);
        var grounding = route is null ? null : TryGround(plan, request, route, state);
        var pieces = grounding is null ? null : TryStartGeneration(plan, request, grounding, turn, state);
        if (await beginning is { } beginFailure)
        {
            turn.Cancel();
            if (pieces is not null)
            {
                await DisposeQuietlyAsync(pieces);
            }

            yield return Rejected(streamId, beginFailure);
            yield break;
        }

        registry.Add(turn);
        var notice = new TurnNotice(request.Identity, streamId, request.Wire, plan.NewConversation, plan.UserMessage, assistant);
        await ObserveAsync(notice, usage: null, finished: false);
        var sequence = 0;
        try
        {
            yield return new TurnStarted(streamId, sequence++, plan.ConversationId, plan.UserMessageId, assistant.Id, plan.Brand.Id, plan.Model.Name, plan.ReplacesMessageId is not null);
            yield return new TurnProgress(streamId, sequence++, ProgressSteps.Starting, "Processing your message...");
            yield return new TurnProgress(streamId, sequence++, ProgressSteps.AgentRouting, "Routing to the right agent...");
            yield return new TurnProgress(streamId, sequence++, ProgressSteps.RagRetrieval, "Searching knowledge base...");
            if (pieces is not null)
            {
                yield return new TurnProgress(streamId, sequence++, ProgressSteps.Generating, "Generating response...");
                try
                {
                    while (await TryMoveNextAsync(pieces, state))
                    {
                        var piece = pieces.Current;
                        CollectReport(piece, state);
                        var text = piece.Text;
                        if (text.Length > 0)
                        {
                            state.Text.Append(text);
                            yield return new TurnDelta(streamId, sequence++, text);
                        }
                    }
                }
                finally
                {
                    await DisposeQuietlyAsync(pieces);
                }
            }

            foreach (var ending in await FinishAsync(turn, plan, assistant, state, sequence, abandoned: false))
            {
                yield return ending;
            }
        }
        finally
        {
            if (!state.Finished)
            {
                // The consumer stopped reading (client gone), maybe before generation was reached:
                // stop the upstream request, then keep the answer so far as cancelled.
                turn.Cancel();
                if (pieces is not null)
                {
                    await DisposeQuietlyAsync(pieces);
                }

                await FinishAsync(turn, plan, assistant, state, sequence, abandoned: true);
            }

            registry.Remove(turn);
        }
    }

    /// <summary>The answer's placeholder, stored as streaming when the turn begins.</summary>
    private ConversationMessage NewAnswer(TurnPlan plan)
    {
        // The answer sorts after its question even when the clock has not moved between them.
        var startedAt = time.GetUtcNow();
        if (plan.UserMessage is { } question && startedAt <= question.CreatedAt)
        {
            startedAt = question.CreatedAt.AddTicks(1);
        }

        return new ConversationMessage
        {
            Id = Ids.New(),
            ConversationId = plan.ConversationId,
            Role = MessageRole.Assistant,
            Status = MessageStatus.Streaming,
            Model = plan.Model.Name,
            ReplacesMessageId = plan.ReplacesMessageId,
            CreatedAt = startedAt,
            UpdatedAt = startedAt,
        };
    }

    /// <summary>Sends the prompt upstream; the first piece of text is already on its way when this returns.</summary>
    private StartedEnumerator<GeneratedText>? TryStartGeneration(TurnPlan plan, TurnRequest request, Grounding grounding, RunningTurn turn, TurnState state)
    {
        try
        {
            var prompt = PromptBuilder.Build(grounding, plan.History, plan.Question);
            state.PromptCharacters = prompt.Sum(m => m.Text.Length);
            var chatOptions = new ChatOptions
            {
                ModelId = plan.Model.UpstreamModel ?? plan.Model.Name,
                Temperature = (float?)request.Temperature,
                AdditionalProperties = new() { [Grounding.OptionsKey] = grounding },
            };

            var pieces = providers.For(plan.Model).GetStreamingTextAsync(prompt, chatOptions, turn.Token).GetAsyncEnumerator(turn.Token);
            return new StartedEnumerator<GeneratedText>(pieces);
        }
        catch (Exception exception)
        {
            state.Error = exception;
            return null;
        }
    }

    private static TurnFailed Rejected(string streamId, TurnRejection rejection) =>
        new(streamId, 0, rejection.Code, rejection.Message) { Rejected = true, RetryAfter = rejection.RetryAfter };

    private async Task<(TurnPlan? Plan, TurnRejection? Rejection)> PlanAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var planner = new TurnPlanner(store, brands, models, _options, time);
            var (plan, rejection) = await planner.PlanAsync(request, cancellationToken);
            if (plan is null)
            {
                return (null, rejection);
            }

            var admission = new TurnAdmission(request.Identity, plan.Model.Name, request.Wire);
            foreach (var policy in _policies)
            {
                if (await policy.AdmitAsync(admission, cancellationToken) is { } refused)
                {
                    await ObserveRefusalAsync(request, refused);
                    return (null, refused);
                }
            }

            return (plan, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, new TurnRejection(ErrorCodes.Cancelled, "The request was cancelled."));
        }
        catch (Exception exception)
        {
            LogPlanningFailed(exception, request.Wire);
            return (null, new TurnRejection(ErrorCodes.ProcessingError, "The message could not be processed. Please try again."));
        }
    }

    private async Task<TurnRejection?> TryBeginAsync(TurnPlan plan, ConversationMessage assistant, CancellationToken cancellationToken)
    {
        try
        {
            await store.BeginTurnAsync(plan.NewConversation, plan.UserMessage, assistant, cancellationToken);
            return null;
        }
        catch (Exception exception)
        {
            LogStoreFailed(exception, assistant.Id);
            return new TurnRejection(ErrorCodes.ProcessingError, "The message could not be stored. Please try again.");
        }
    }

    private AgentRoute? TryRoute(TurnPlan plan, TurnState state)
    {
        try
        {
            state.Language = languages.Detect(plan.Question, plan.Brand.DefaultLanguage);
            var route = router.Route(plan.Brand, plan.Question, state.Language);
            state.Agent = route.Agent.Id;
            return route;
        }
        catch (Exception exception)
        {
            state.Error = exception;
            return null;
        }
    }

    private Grounding? TryGround(TurnPlan plan, TurnRequest request, AgentRoute route, TurnState state)
    {
        try
        {
            var passages = retriever.Retrieve(plan.Brand, plan.Question, state.Language, route.Agent.Id, _options.RetrievalLimit);
            // Cite only passages good enough to ground an answer, not everything BM25 returned.
            state.Sources = passages.Where(p => p.Relevance >= GroundedAnswerComposer.MinimumRelevance)
                .Select(p => p.Passage.Source).Distinct(StringComparer.Ordinal).ToList();
            state.Confidence = Math.Round(passages.Count == 0 ? 0 : passages[0].Relevance, 2);
            state.Products = plan.Brand.Products.Count == 0 ? ProductSuggestions.None : products.Recommend(plan.Brand, plan.Question, state.Language);
            return new Grounding
            {
                Brand = plan.Brand,
                Agent = route.Agent,
                Language = state.Language,
                Passages = passages,
                Products = state.Products,
                Voice = request.Voice,
            };
        }
        catch (Exception exception)
        {
            state.Error = exception;
            return null;
        }
    }

    /// <summary>The next piece, or false when there is none or the provider failed (the turn's error is then set).</summary>
    /// <remarks>
    /// Called for every token, and a move that waits for the upstream completes later: the pooling
    /// builder reuses the state machine's box instead of allocating one per token.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> TryMoveNextAsync(StartedEnumerator<GeneratedText> pieces, TurnState state)
    {
        try
        {
            return await pieces.MoveNextAsync();
        }
        catch (Exception exception)
        {
            state.Error = exception;
            return false;
        }
    }

    private static async ValueTask DisposeQuietlyAsync(StartedEnumerator<GeneratedText> pieces)
    {
        try
        {
            await pieces.DisposeAsync();
        }
        catch (Exception)
        {
            // Tearing down an upstream stream that already failed or was cancelled.
        }
    }

    /// <summary>What a provider reports about the whole answer, on its last piece.</summary>
    private static void CollectReport(in GeneratedText piece, TurnState state)
    {
        if (piece.Sources is { } sources)
        {
            state.Sources = sources;
        }

        if (piece.Usage is { } usage)
        {
            state.PromptTokens = (int?)usage.InputTokenCount ?? state.PromptTokens;
            state.CompletionTokens = (int?)usage.OutputTokenCount ?? state.CompletionTokens;
        }
    }

    /// <summary>Stores the final answer, settles usage once, and returns the closing events.</summary>
    private async Task<List<ChatEvent>> FinishAsync(RunningTurn turn, TurnPlan plan, ConversationMessage assistant, TurnState state, int sequence, bool abandoned)
    {
        state.Finished = true;
        var cancelled = abandoned || turn.Token.IsCancellationRequested;
        var failed = !cancelled && state.Error is not null;
        assistant.Content = state.Text.ToString();
        assistant.Status = cancelled ? MessageStatus.Cancelled : failed ? MessageStatus.Error : MessageStatus.Complete;
        assistant.Agent = state.Agent;
        assistant.Confidence = state.Confidence;
        assistant.Sources = [.. state.Sources];
        assistant.PromptTokens = state.Usage.PromptTokens;
        assistant.CompletionTokens = state.Usage.CompletionTokens;
        assistant.UpdatedAt = time.GetUtcNow();
        if (failed)
        {
            LogGenerationFailed(state.Error!, turn.StreamId, plan.Model.Name);
        }

        using var finishing = new CancellationTokenSource(FinishTimeout);
        var events = new List<ChatEvent>(2);
        try
        {
            await store.FinishTurnAsync(assistant, finishing.Token);
        }
        catch (Exception exception)
        {
            LogStoreFailed(exception, assistant.Id);
            failed = true;
        }

        var usage = await SettleAsync(turn, plan, assistant, state, finishing.Token);
        await ObserveAsync(new TurnNotice(turn.Identity, turn.StreamId, plan.Wire, plan.NewConversation, plan.UserMessage, assistant), usage, finished: true);
        if (cancelled)
        {
            events.Add(new TurnFailed(turn.StreamId, sequence++, ErrorCodes.Cancelled, "The answer was stopped."));
        }
        else if (failed)
        {
            events.Add(new TurnFailed(turn.StreamId, sequence++, ErrorCodes.ProcessingError, "The answer could not be generated. Please try again."));
        }
        else
        {
            events.Add(new TurnCompleted(turn.StreamId, sequence++, new TurnResult
            {
                ConversationId = plan.ConversationId,
                UserMessageId = plan.UserMessageId,
                AssistantMessageId = assistant.Id,
                Text = assistant.Content,
                Model = plan.Model.Name,
                Agent = state.Agent,
                Confidence = state.Confidence,
                Sources = state.Sources,
                Language = state.Language,
                SuggestedProducts = state.Products.Products,
                ProductConfidence = state.Products.Confidence,
                Usage = state.Usage,
                CreatedAt = assistant.CreatedAt,
            }));
        }

        if (usage is not null)
        {
            events.Add(new UsageChanged(turn.StreamId, sequence, usage));
        }

        return events;
    }

    private async Task<UsageSnapshot?> SettleAsync(RunningTurn turn, TurnPlan plan, ConversationMessage assistant, TurnState state, CancellationToken cancellationToken)
    {
        var outcome = assistant.Status.ToString().ToLowerInvariant();
        var settlement = new TurnSettlement(turn.Identity, plan.Model.Name, assistant.Id, state.Usage, outcome);
        UsageSnapshot? usage = null;
        foreach (var policy in _policies)
        {
            try
            {
                usage = await policy.SettleAsync(settlement, cancellationToken) ?? usage;
            }
            catch (Exception exception)
            {
                LogSettlementFailed(exception, assistant.Id);
            }
        }

        return usage;
    }

    /// <summary>Tells every observer a limit refused a turn (the caller's other connections may want to say so).</summary>
    private async Task ObserveRefusalAsync(TurnRequest request, TurnRejection rejection)
    {
        using var timeout = new CancellationTokenSource(FinishTimeout);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.TurnRefusedAsync(request.Identity, request.Wire, rejection, timeout.Token);
            }
            catch (Exception exception)
            {
                LogObserverFailed(exception, request.Wire);
            }
        }
    }

    /// <summary>Tells every observer; an observer's failure is logged, never the turn's failure.</summary>
    private async Task ObserveAsync(TurnNotice notice, UsageSnapshot? usage, bool finished)
    {
        using var timeout = new CancellationTokenSource(FinishTimeout);
        foreach (var observer in _observers)
        {
            try
            {
                await (finished ? observer.TurnFinishedAsync(notice, usage, timeout.Token) : observer.TurnStartedAsync(notice, timeout.Token));
            }
            catch (Exception exception)
            {
                LogObserverFailed(exception, notice.AssistantMessage.Id);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Planning a turn from {Wire} failed")]
    private partial void LogPlanningFailed(Exception exception, string wire);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Storing message {MessageId} failed")]
    private partial void LogStoreFailed(Exception exception, string messageId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Generation for stream {StreamId} with model {Model} failed")]
    private partial void LogGenerationFailed(Exception exception, string streamId, string model);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Settling usage of message {MessageId} failed")]
    private partial void LogSettlementFailed(Exception exception, string messageId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "A turn observer failed for message {MessageId}")]
    private partial void LogObserverFailed(Exception exception, string messageId);
}
