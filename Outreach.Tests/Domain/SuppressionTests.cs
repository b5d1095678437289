using Outreach.Domain.Entities;
using Outreach.Domain.StatusRules;

namespace Outreach.Tests.Domain;

/// <summary>What a suppression's value may be, and how it is stored so the importer and the exports compare it.</summary>
public sealed class SuppressionTests
{
    [Theory]
    [InlineData(" Ada@Engines.Example ", "ada@engines.example")]
    [InlineData("@Rival.Example.", "@rival.example")]
    [InlineData("ａｄａ@engines.example", "ada@engines.example")]
    [InlineData("ada\u200B@engines.example", "ada@engines.example")]
    public void Normalize_OfAnAddressOrADomain_IsHowProspectsAreCompared(string given, string stored) =>
        Assert.Equal(stored, Suppression.Normalize(given));

    [Theory]
    [InlineData("", "Give an email address, or a whole domain as @example.com.")]
    [InlineData("@", "'@' is not a domain: write it as @example.com.")]
    [InlineData("@localhost", "'@localhost' is not a domain: write it as @example.com.")]
    [InlineData("ada at engines", "'ada at engines' is not a valid email address")]
    public void Normalize_OfSomethingElse_IsRefusedWithWhatToWrite(string given, string message) =>
        Assert.Equal(message, Assert.Throws<DomainValidationException>(() => Suppression.Normalize(given)).Message);
}
