using Outreach.Domain.Export;

namespace Outreach.Tests.Domain;

/// <summary>RFC 4180 quoting and formula-injection escaping of every exported cell.</summary>
public sealed class SafeCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("\0cmd", "'\0cmd")]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("x=1", "x=1")]
    public void Field_ForAValue_EscapesFormulasAndQuotesPerRfc4180(string? value, string expected) =>
        Assert.Equal(expected, SafeCsv.Field(value));

    [Fact]
    public void Row_ForFields_JoinsWithCommasAndEndsWithCrlf() =>
        Assert.Equal("a,'=b,\"c,d\"\r\n", SafeCsv.Row("a", "=b", "c,d"));
}
