namespace Chatwire.Core.Brands;

/// <summary>
/// Splits a knowledge file into passages: each <c>## heading</c> section is one passage, text
/// before the first one (a <c># title</c>, an introduction) is not retrievable. Optional front
/// matter sets <c>agent</c> and <c>language</c>; a <c>.id.md</c> suffix also means Indonesian.
/// </summary>
internal static class KnowledgeMarkdown
{
    public static List<KnowledgePassage> Parse(string fileName, string content)
    {
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        var start = 0;
        string? agent = null;
        string? language = null;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            start = ReadFrontMatter(fileName, lines, ref agent, ref language);
        }

        var suffixLanguage = fileName.EndsWith(".id.md", StringComparison.OrdinalIgnoreCase) ? "id" : null;
        if (language is not null && suffixLanguage is not null && language != suffixLanguage)
        {
            throw new InvalidDataException($"{fileName}: front matter 'language: {language}' contradicts the '.{suffixLanguage}.md' file name.");
        }

        language ??= suffixLanguage ?? "en";
        var passages = new List<KnowledgePassage>();
        string? title = null;
        var text = new List<string>();
        for (var i = start; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i] : null;
            var isSection = line is not null && line.StartsWith("## ", StringComparison.Ordinal);
            var isTitle = line is not null && line.StartsWith("# ", StringComparison.Ordinal);
            if (line is null || isSection || isTitle)
            {
                if (title is not null)
                {
                    var body = string.Join('\n', text).Trim();
                    if (body.Length == 0)
                    {
                        throw new InvalidDataException($"{fileName}: section '{title}' has no text.");
                    }

                    passages.Add(new KnowledgePassage
                    {
                        Id = $"{fileName}#{passages.Count + 1}",
                        Source = fileName,
                        Title = title,
                        Text = body,
                        Language = language,
                        Agent = agent,
                    });
                }

                title = isSection ? line![3..].Trim() : null;
                text.Clear();
                continue;
            }

            if (title is not null)
            {
                text.Add(line);
            }
        }

        return passages;
    }

    private static int ReadFrontMatter(string fileName, string[] lines, ref string? agent, ref string? language)
    {
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line == "---")
            {
                return i + 1;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? line : line[..colon].Trim();
            var value = colon < 0 ? "" : line[(colon + 1)..].Trim();
            switch (key)
            {
                case "agent" when value.Length > 0:
                    agent = value;
                    break;
                case "language" when value is "en" or "id":
                    language = value;
                    break;
                case "language":
                    throw new InvalidDataException($"{fileName}: front matter field 'language' must be 'en' or 'id', not '{value}'.");
                default:
                    throw new InvalidDataException($"{fileName}: unknown or empty front matter field '{key}' (expected 'agent' or 'language').");
            }
        }

        throw new InvalidDataException($"{fileName}: front matter opened with '---' is never closed.");
    }
}
