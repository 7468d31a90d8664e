namespace Chatwire.Core.Brands;

/// <summary>A price range a shopper asked for, in the brand's currency; either end may be open.</summary>
public readonly record struct Budget(decimal? Min, decimal? Max)
{
    public static Budget None => default;

    public bool IsSet => Min is not null || Max is not null;

    public bool Allows(decimal price) => (Min is null || price >= Min) && (Max is null || price <= Max);
}
