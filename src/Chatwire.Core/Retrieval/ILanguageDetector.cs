namespace Chatwire.Core.Retrieval;

/// <summary>Tells English from Indonesian.</summary>
public interface ILanguageDetector
{
    /// <summary>"en" or "id"; <paramref name="fallback"/> when the text gives no signal either way.</summary>
    string Detect(string text, string fallback = "en");
}
