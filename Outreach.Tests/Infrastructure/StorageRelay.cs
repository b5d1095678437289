namespace Outreach.Tests.Infrastructure;

/// <summary>
/// Azurite's blob, queue and table endpoints behind one <see cref="TcpFaultProxy"/> each: a storage account the
/// test can take away from the app (the Durable backend's queues and history, the results blobs) and bring back,
/// while the other tests sharing Azurite run on undisturbed.
/// </summary>
internal sealed class StorageRelay : IAsyncDisposable
{
    private static readonly string[] Endpoints = ["BlobEndpoint", "QueueEndpoint", "TableEndpoint"];

    private readonly List<TcpFaultProxy> _relays;

    private StorageRelay(List<TcpFaultProxy> relays, string connectionString)
    {
        _relays = relays;
        ConnectionString = connectionString;
    }

    /// <summary>The local storage account's connection string with every endpoint going through its relay.</summary>
    public string ConnectionString { get; }

    /// <summary>Connections reset while down, over all three endpoints.</summary>
    public int Refused => _relays.Sum(r => r.Refused);

    /// <summary>Relays the three endpoints of <see cref="TestEnvironment.StorageConnectionString"/>.</summary>
    public static StorageRelay Start()
    {
        // Rewritten part by part: the storage SDK's parser wants its own key spelling, which DbConnectionStringBuilder loses.
        var relays = new List<TcpFaultProxy>();
        var parts = new List<string>();
        foreach (var part in TestEnvironment.StorageConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (part[..part.IndexOf('=', StringComparison.Ordinal)], part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (Endpoints.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                var target = new Uri(value);
                var relay = TcpFaultProxy.Start(target.Host, target.Port);
                relays.Add(relay);
                value = new UriBuilder(target) { Host = "127.0.0.1", Port = relay.Port }.Uri.ToString().TrimEnd('/');
            }

            parts.Add($"{key}={value}");
        }

        return new StorageRelay(relays, string.Join(';', parts) + ";");
    }

    /// <summary>Takes every endpoint down, as Azurite stopping (or a storage outage) does.</summary>
    public void TakeDown() => _relays.ForEach(r => r.TakeDown());

    /// <summary>Relays again.</summary>
    public void Restore() => _relays.ForEach(r => r.Restore());

    public async ValueTask DisposeAsync()
    {
        foreach (var relay in _relays)
        {
            await relay.DisposeAsync();
        }
    }
}
