using System.Text.Json.Serialization;
using Chatwire.Core.Usage;

namespace Chatwire.Core.Notifications;

/// <summary>
/// Something other connections of the same identity (or other nodes) must hear about. Payloads
/// carry ids and small deltas, never histories: the PostgreSQL bus sends them through NOTIFY,
/// whose payload must stay under 8000 bytes. Receivers load what they need from the store.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "t")]
[JsonDerivedType(typeof(TypingNotification), "typing")]
[JsonDerivedType(typeof(MessageNotification), "message")]
[JsonDerivedType(typeof(ConversationNotification), "chat")]
[JsonDerivedType(typeof(GeneratingNotification), "generating")]
[JsonDerivedType(typeof(UsageNotification), "usage")]
[JsonDerivedType(typeof(StopRequestNotification), "stop")]
[JsonDerivedType(typeof(TurnRefusedNotification), "refused")]
public abstract record ChatNotification(string OwnerKey);

/// <summary>A device of the owner started or stopped typing in a chat.</summary>
public sealed record TypingNotification(string OwnerKey, string DeviceId, string ChatId, bool IsTyping) : ChatNotification(OwnerKey);

/// <summary>A message of the owner was stored (<paramref name="Created"/>) or changed; <paramref name="Revision"/> is the owner's change cursor after the write.</summary>
public sealed record MessageNotification(string OwnerKey, string ChatId, string MessageId, long Revision, bool Created) : ChatNotification(OwnerKey);

/// <summary>A conversation of the owner was created or touched (for chat lists such as Socket.IO <c>/chats</c>).</summary>
public sealed record ConversationNotification(string OwnerKey, string ChatId, bool Created) : ChatNotification(OwnerKey);

/// <summary>An answer for the owner started or stopped generating, on whichever wire and node.</summary>
public sealed record GeneratingNotification(string OwnerKey, string ChatId, string MessageId, bool IsGenerating) : ChatNotification(OwnerKey);

/// <summary>The owner's quota or balance changed.</summary>
public sealed record UsageNotification(string OwnerKey, UsageSnapshot Usage) : ChatNotification(OwnerKey);

/// <summary>A limit refused one of the owner's turns (seed 001 shows a login or top-up prompt on any open channel).</summary>
public sealed record TurnRefusedNotification(string OwnerKey, string Code, string Message) : ChatNotification(OwnerKey);

/// <summary>The owner asked to stop a running answer; the node that runs it stops it.</summary>
public sealed record StopRequestNotification(string OwnerKey, string StreamOrMessageId) : ChatNotification(OwnerKey);

/// <summary>
/// Local only, never sent: the bus lost its connection and got it back, so notifications may
/// have been missed in between. Subscribers re-read what they show (e.g. changes since their cursor).
/// </summary>
public sealed record BusResynchronized() : ChatNotification("");
