using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Providers;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.Sequencers;

namespace Outreach.Tests.Providers;

/// <summary>
/// Each provider's options are registered apart from its client (the read side needs them alone): every provider the
/// app calls must still get its own section's settings under its id, once.
/// </summary>
public sealed class ProviderRegistrationTests
{
    private static readonly ProviderDescriptor[] Every =
        [.. ProviderRegistration.Descriptors, InstantlyClient.Descriptor, SmartleadClient.Descriptor, LemlistClient.Descriptor];

    [Fact]
    public void AddOutreachProviders_WhenEachSectionSetsARate_GivesEveryProviderItsOwnSettingsUnderItsId()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(
            Every.Select((d, i) => new KeyValuePair<string, string?>($"{d.Section}:RequestsPerSecond", (i + 1).ToString(CultureInfo.InvariantCulture)))).Build());
        services.AddOutreachProviderOptions();
        services.AddOutreachProviders();
        using var provider = services.BuildServiceProvider();

        var rates = Every.Select(d => provider.GetRequiredKeyedService<ProviderOptions>(d.Id).RequestsPerSecond).ToList();

        Assert.Equal(Enumerable.Range(1, Every.Length).Select(i => (double)i), rates);
        Assert.Equal(Every.Length, services.Count(d => d.IsKeyedService && d.ServiceType == typeof(ProviderOptions)));
    }
}
