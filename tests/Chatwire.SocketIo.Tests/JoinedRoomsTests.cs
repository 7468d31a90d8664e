namespace Chatwire.SocketIo.Tests;

public sealed class JoinedRoomsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void Rooms_are_joined_once_and_left_once_however_many_there_are(int count)
    {
        var rooms = new JoinedRooms();
        var names = Enumerable.Range(0, count).Select(i => $"room-{i}").ToArray();
        Assert.All(names, name => Assert.True(rooms.Add(name)));
        Assert.All(names, name => Assert.False(rooms.Add(name)));
        Assert.Equal(names.Order(), rooms.All.Order());

        Assert.True(rooms.Remove(names[0]));
        Assert.False(rooms.Remove(names[0]));
        Assert.False(rooms.Remove("never-joined"));
        Assert.Equal(names[1..].Order(), rooms.All.Order());
        Assert.True(rooms.Add(names[0]));
        Assert.Equal(count, rooms.All.Count());
    }

    [Fact]
    public void Leaving_the_last_room_or_clearing_leaves_none()
    {
        var rooms = new JoinedRooms();
        Assert.Empty(rooms.All);
        rooms.Add("a");
        rooms.Remove("a");
        Assert.Empty(rooms.All);
        rooms.Add("b");
        rooms.Clear();
        Assert.Empty(rooms.All);
        Assert.True(rooms.Add("b"));
    }
}
