namespace Outreach.Tests.Infrastructure;

public sealed class TestEnvironmentTests
{
    [Fact]
    public void Require_WhenVariableIsMissing_SaysWhichScriptToRun()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TestEnvironment.Require(TestEnvironment.PostgresVariable, _ => null));

        Assert.Contains("ConnectionStrings__Outreach is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("eng/test.sh", ex.Message, StringComparison.Ordinal);
        Assert.Contains("eng/start-services.sh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_WhenVariableIsSet_ReturnsIt() =>
        Assert.Equal("Host=x", TestEnvironment.Require(TestEnvironment.PostgresVariable, _ => "Host=x"));
}
