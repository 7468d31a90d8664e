using Chatwire.Core.Brands;
using Chatwire.Core.Generation.Offline;
using Chatwire.Core.Retrieval;
using Chatwire.Core.Tests.Brands;
using Chatwire.Core.Tests.Generation.Offline;

namespace Chatwire.Core.Tests.Quality;

/// <summary>
/// Runs every golden question through the engine's own steps (detect, route, retrieve, compose)
/// against the shipped <c>brands/</c> folder.
/// </summary>
public sealed class GoldenQuestionTests
{
    public static TheoryData<string, string> Questions()
    {
        var data = new TheoryData<string, string>();
        foreach (var golden in GoldenQuestions.All)
        {
            data.Add(golden.Brand, golden.Question);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void GoldenQuestionIsAnsweredFromItsDocument(string brandId, string question)
    {
        var golden = GoldenQuestions.All.Single(g => g.Brand == brandId && g.Question == question);
        var brand = ShippedBrands.Catalog.Find(brandId)!;

        var grounding = OfflineAnswers.Ground(brand, question);

        Assert.NotEmpty(grounding.Passages);
        Assert.Equal(golden.Source, grounding.Passages[0].Passage.Source);
        if (golden.Agent is not null)
        {
            Assert.Equal(golden.Agent, grounding.Agent.Id);
        }

        if (golden.Fact is not null)
        {
            Assert.Contains(golden.Fact, GroundedAnswerComposer.Compose(grounding, question), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GoldenSetCoversEveryKnowledgeFile()
    {
        foreach (var brand in new[] { ShippedBrands.TechPro, ShippedBrands.Meridian, ShippedBrands.Default })
        {
            var expected = GoldenQuestions.All.Where(g => g.Brand == brand.Id).Select(g => g.Source).ToHashSet(StringComparer.Ordinal);
            foreach (var source in brand.Passages.Select(p => p.Source).Distinct())
            {
                Assert.Contains(source, expected);
            }

            Assert.True(expected.Count >= 1 && GoldenQuestions.All.Count(g => g.Brand == brand.Id) >= 20, brand.Id);
        }
    }
}
