using System.Net;
using System.Net.Sockets;

namespace Outreach.Functions.Providers.Common;

/// <summary>
/// The SSRF guard of every outbound call whose address comes from people rather than from this app's code: company
/// websites from uploaded files, webhook receivers, sequencer base URLs. Private, loopback and link-local addresses
/// are refused at connect time — after DNS, so a name that rebinds to an internal address cannot slip through.
/// </summary>
public static class GuardedConnection
{
    /// <summary>
    /// A handler that checks each connection's addresses. Never a proxy: through a system proxy (HTTP_PROXY) the
    /// connection would go to the proxy, and the check would see the proxy's address instead of the target's.
    /// </summary>
    /// <param name="allowPrivateAddresses">Read at each connection: true only for local tests against loopback fakes.</param>
    /// <param name="who">Who refuses, in the message ("the reader", "the webhook sender").</param>
    /// <param name="allowRedirects">False where each hop must be checked by hand; a redirect followed here is checked at its connect too.</param>
    public static SocketsHttpHandler CreateHandler(Func<bool> allowPrivateAddresses, string who, bool allowRedirects) => new()
    {
        AllowAutoRedirect = allowRedirects,
        MaxAutomaticRedirections = 3,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = allowPrivateAddresses() ? addresses : [.. addresses.Where(a => !IsPrivate(a))];
            if (allowed.Length == 0)
            {
                throw new UnsafeAddressException($"{host} resolves only to private or local addresses, which {who} does not visit");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Loopback, private, link-local (cloud metadata lives there), CGNAT, unspecified and multicast addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] is >= 64 and <= 127);
        }

        var v6 = address.GetAddressBytes();
        return address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC;
    }
}
