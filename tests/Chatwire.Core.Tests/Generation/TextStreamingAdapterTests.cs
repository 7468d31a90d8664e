using Chatwire.Core.Generation;
using Chatwire.Core.Generation.Offline;
using Microsoft.Extensions.AI;

namespace Chatwire.Core.Tests.Generation;

public sealed class TextStreamingAdapterTests
{
    [Fact]
    public void ChatwiresOwnProvidersAreStreamedAsTheyAre()
    {
        var offline = new OfflineResponder();

        Assert.Same(offline, TextStreamingAdapter.Adapt(offline));
    }

    [Fact]
    public void ForeignProviderIsStillReachableBehindItsAdapter()
    {
        var foreign = new ForeignChatClient();

        var adapted = TextStreamingAdapter.Adapt(foreign);

        Assert.NotSame(foreign, adapted);
        Assert.Same(foreign, adapted.GetService(typeof(ForeignChatClient)));
        Assert.Same(adapted, adapted.GetService(typeof(ITextStreamingChatClient)));
    }
}
