using Outreach.Cli;

namespace Outreach.Tests.Cli;

/// <summary>Shell completion: dotnet-suggest asks the command through its <c>[suggest]</c> directive.</summary>
public sealed class CompletionTests
{
    [Theory]
    [InlineData("ca", new[] { "campaign", "campaigns", "cancel" })]
    [InlineData("re", new[] { "regenerate", "resume", "retry", "review", "suppress" })]
    public async Task Suggest_WhenGivenTheStartOfAVerb_ListsTheVerbsItCouldBe(string typed, string[] verbs)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await OutreachCli.RunAsync(["[suggest]", typed], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(verbs, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
