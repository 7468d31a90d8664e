using Chatwire.Core.Retrieval;

namespace Chatwire.Core.Tests.Retrieval;

public sealed class Bm25IndexTests
{
    private static readonly Bm25Index Index = new(
    [
        ["engin", "power", "185", "kw", "engin", "torque"],
        ["oil", "chang", "engin", "oil", "service"],
        ["tyre", "pressure", "warn", "light"],
        ["power", "bank", "charg", "laptop", "phone", "usb", "port", "cable", "travel", "adapter"],
    ]);

    [Fact]
    public void DocumentMatchingMoreQueryTermsRanksFirst()
    {
        var scores = Score(["engin", "power"]);

        Assert.True(scores[0] > scores[1]);
        Assert.True(scores[0] > scores[3]);
        Assert.Equal(0, scores[2]);
    }

    [Fact]
    public void RareTermsWeighMoreThanCommonOnes()
    {
        Assert.True(Index.Idf("tyre") > Index.Idf("engin"));
        Assert.Equal(Index.UnseenTermIdf, Index.Idf("weather"));
        Assert.True(Index.UnseenTermIdf > Index.Idf("tyre"));
    }

    [Fact]
    public void RepeatedTermsSaturateAndLongDocumentsArePenalised()
    {
        var scores = Score(["oil"]);
        var once = Score(["tyre"]);

        // tf = 2 scores more than tf = 1 but less than twice as much (k1 saturation).
        Assert.True(scores[1] > once[2] * Index.Idf("oil") / Index.Idf("tyre"));
        Assert.True(scores[1] < 2 * once[2] * Index.Idf("oil") / Index.Idf("tyre"));

        var power = Score(["power"]);
        Assert.True(power[0] > power[3]);
    }

    [Fact]
    public void RelevanceIsNearOneForFullMatchesAndZeroForNoMatch()
    {
        var scores = new double[Index.DocumentCount];
        var matched = new double[Index.DocumentCount];
        string[] terms = ["tyre", "pressure"];
        Index.Score(terms, scores, matched);
        var total = QueryRelevance.TotalWeight(Index, terms);

        Assert.True(QueryRelevance.Of(scores[2], matched[2], total) > 0.9);
        Assert.Equal(0, QueryRelevance.Of(scores[0], matched[0], total));
    }

    [Fact]
    public void UnknownQueryTermsLowerRelevance()
    {
        string[] known = ["tyre"];
        string[] partly = ["tyre", "weather", "forecast"];

        Assert.True(Relevance(partly, 2) < 0.3);
        Assert.True(Relevance(known, 2) > 0.9);
    }

    private static double[] Score(string[] terms)
    {
        var scores = new double[Index.DocumentCount];
        Index.Score(terms, scores, new double[Index.DocumentCount]);
        return scores;
    }

    private static double Relevance(string[] terms, int doc)
    {
        var scores = new double[Index.DocumentCount];
        var matched = new double[Index.DocumentCount];
        Index.Score(terms, scores, matched);
        return QueryRelevance.Of(scores[doc], matched[doc], QueryRelevance.TotalWeight(Index, terms));
    }
}
