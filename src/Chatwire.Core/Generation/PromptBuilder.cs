using System.Globalization;
using System.Text;
using Chatwire.Core.Conversations;
using Chatwire.Core.Text;
using Microsoft.Extensions.AI;

namespace Chatwire.Core.Generation;

/// <summary>
/// Renders a turn for an LLM: the agent's system prompt with the retrieved passages and
/// products, the conversation so far, then the question.
/// </summary>
public static class PromptBuilder
{
    public static List<ChatMessage> Build(Grounding grounding, IReadOnlyList<ConversationMessage> history, string question)
    {
        var messages = new List<ChatMessage>(history.Count + 2)
        {
            new(ChatRole.System, SystemPrompt(grounding)),
        };
        foreach (var message in history)
        {
            messages.Add(new ChatMessage(message.Role == MessageRole.Assistant ? ChatRole.Assistant : ChatRole.User, message.Content));
        }

        messages.Add(new ChatMessage(ChatRole.User, question));
        return messages;
    }

    private static string SystemPrompt(Grounding grounding)
    {
        var prompt = ReusableStringBuilder.Acquire();
        prompt.AppendLine(string.IsNullOrWhiteSpace(grounding.Agent.SystemPrompt)
            ? $"You are the {grounding.Agent.Name} of {grounding.Brand.Name}."
            : grounding.Agent.SystemPrompt);
        prompt.AppendLine("Answer only from the knowledge below. If it does not contain the answer, say so and say what you can help with.");
        prompt.AppendLine(grounding.Language == "id" ? "Answer in Indonesian." : "Answer in English.");
        if (grounding.Voice)
        {
            prompt.AppendLine("The answer is read aloud: one short sentence, no lists, no markdown, numbers written as a speech engine reads them.");
        }

        if (grounding.Passages.Count > 0)
        {
            prompt.AppendLine().AppendLine("Knowledge:");
            foreach (var retrieved in grounding.Passages)
            {
                var passage = retrieved.Passage;
                prompt.Append('[').Append(passage.Source).Append("] ").Append(passage.Title).Append(": ").AppendLine(passage.Text);
            }
        }

        if (grounding.Products.Products.Count > 0)
        {
            prompt.AppendLine().AppendLine($"Products to suggest (prices in {grounding.Brand.Currency}):");
            foreach (var product in grounding.Products.Products)
            {
                prompt.Append("- ").Append(product.Name).Append(" (").Append(product.Category).Append("): ")
                    .Append(product.Price.ToString("N0", CultureInfo.InvariantCulture)).Append(' ').Append(grounding.Brand.Currency)
                    .Append(product.Availability ? "" : ", currently unavailable").Append(". ").AppendLine(product.Description);
            }
        }

        return ReusableStringBuilder.ToStringAndRelease(prompt);
    }
}
