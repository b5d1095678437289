using Microsoft.Extensions.Configuration;
using Outreach.Functions;

namespace Outreach.Tests.Hosting;

/// <summary>AzureWebJobsStorage as a connection string (local) or identity-based settings (Azure, shared keys off).</summary>
public sealed class StorageClientsTests
{
    [Fact]
    public void Create_WhenAConnectionStringIsSet_UsesIt() =>
        Assert.Equal("devstoreaccount1", StorageClients.Create(Config(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })).AccountName);

    [Fact]
    public void Create_WhenOnlyTheAccountNameIsSet_UsesTheAccountsBlobEndpointWithAnIdentity()
    {
        var client = StorageClients.Create(Config(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stoutreach",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }));

        Assert.Equal(new Uri("https://stoutreach.blob.core.windows.net/"), client.Uri);
    }

    [Fact]
    public void Create_WhenNothingIsSet_SaysWhatToSet()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageClients.Create(Config([])));

        Assert.Contains("AzureWebJobsStorage__accountName", ex.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
