namespace Chatwire.SocketIo.Tests;

public sealed class SocketItemsTests
{
    [Fact]
    public void Items_are_set_read_replaced_and_removed_by_exact_key()
    {
        var items = new SocketItems();
        items["user"] = "alice";
        items.Add("tabs", 2);
        items["user"] = "bob";
        Assert.Equal("bob", items["user"]);
        Assert.False(items.ContainsKey("User"));
        Assert.Equal(["user", "tabs"], items.Keys);
        Assert.Equal(["bob", 2], items.Values);

        Assert.False(items.Remove(new KeyValuePair<string, object?>("tabs", 3)));
        Assert.True(items.Remove(new KeyValuePair<string, object?>("tabs", 2)));
        Assert.True(items.Remove("user"));
        Assert.False(items.Remove("user"));
        Assert.Empty(items);
    }

    [Fact]
    public void A_missing_key_throws_when_read_and_an_existing_one_when_added()
    {
        var items = new SocketItems { ["user"] = null };
        Assert.True(items.TryGetValue("user", out var none));
        Assert.Null(none);
        Assert.False(items.TryGetValue("absent", out _));
        Assert.Throws<KeyNotFoundException>(() => items["absent"]);
        Assert.Throws<ArgumentException>(() => items.Add("user", 1));
    }

    [Fact]
    public void An_enumeration_sees_the_items_of_its_moment_while_others_change_them()
    {
        var items = new SocketItems { ["a"] = 1, ["b"] = 2 };
        var seen = new List<string>();
        foreach (var (key, _) in items)
        {
            seen.Add(key);
            items["c"] = 3;
            items.Remove("b");
        }

        Assert.Equal(["a", "b"], seen);
        Assert.Equal(["a", "c"], items.Keys);
    }

    [Fact]
    public async Task Items_set_from_many_threads_at_once_are_all_kept()
    {
        var items = new SocketItems();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                items[$"{thread}-{i}"] = i;
            }
        })));

        Assert.Equal(1600, items.Count);
    }
}
