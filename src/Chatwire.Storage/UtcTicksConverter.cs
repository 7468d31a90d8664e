using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Chatwire.Storage;

/// <summary>
/// Stores an instant as its UTC ticks: a 64-bit number both providers can sort, at full 100 ns
/// precision (EF's binary converter keeps only 0.1 ms, so a question and its answer could tie).
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
