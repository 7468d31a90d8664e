using Chatwire.Core.Text;

namespace Chatwire.Core.Tests.Text;

public sealed class ReusableStringBuilderTests
{
    [Fact]
    public void A_builder_taken_while_another_is_in_use_is_a_different_one_and_both_texts_come_out_whole()
    {
        var outer = ReusableStringBuilder.Acquire().Append("outer ");
        var inner = ReusableStringBuilder.Acquire().Append("inner");

        Assert.NotSame(outer, inner);
        Assert.Equal("inner", ReusableStringBuilder.ToStringAndRelease(inner));
        Assert.Equal("outer text", ReusableStringBuilder.ToStringAndRelease(outer.Append("text")));
    }

    [Fact]
    public void A_released_builder_comes_back_empty()
    {
        var first = ReusableStringBuilder.Acquire().Append("left over");
        ReusableStringBuilder.Release(first);

        var again = ReusableStringBuilder.Acquire();

        Assert.Same(first, again);
        Assert.Equal("", ReusableStringBuilder.ToStringAndRelease(again));
    }

    [Fact]
    public void A_builder_grown_very_large_is_not_kept()
    {
        var large = ReusableStringBuilder.Acquire().Append('x', 100_000);
        ReusableStringBuilder.ToStringAndRelease(large);

        var next = ReusableStringBuilder.Acquire();

        Assert.NotSame(large, next);
        ReusableStringBuilder.Release(next);
    }
}
