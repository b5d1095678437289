using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Options;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Website;

/// <summary>
/// The built-in website reader: fetches one page itself and extracts its readable text with a real HTML5 parser
/// (AngleSharp). Redirects are followed by hand so each hop is checked (http/https only, at most
/// <see cref="WebsiteReaderOptions.MaxRedirects"/>); at most <see cref="WebsiteReaderOptions.MaxBytes"/> are read;
/// the whole fetch has one timeout; and private-network addresses are refused at connect time (after DNS, so a
/// rebinding name cannot slip through), because the URLs come from uploaded files.
/// </summary>
public sealed class WebsiteReader(HttpClient http, IOptionsMonitor<WebsiteReaderOptions> options)
{
    /// <summary>Display name in messages.</summary>
    public const string Name = "Website reader";

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "nav", "footer", "header", "form", "aside", "button", "select",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
        "blockquote", "pre", "dd", "dt", "figcaption", "hr",
    };

    // Sites still serve windows-1252 and friends; .NET knows them only with the code-pages provider.
    static WebsiteReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads the page at <paramref name="url"/>.</summary>
    public async Task<ScrapedPage> ReadAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var settings = options.CurrentValue;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (current.Scheme is not ("http" or "https"))
            {
                throw new PermanentProspectException($"{Name}: {current.Scheme} links are not followed ({url.Host})");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.UserAgent.ParseAdd(settings.UserAgent);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1");
            request.Headers.AcceptLanguage.ParseAdd("en;q=0.9,*;q=0.5");
            using var response = await SendAsync(request, current, timeout.Token, cancellationToken);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop >= settings.MaxRedirects)
                {
                    throw new PermanentProspectException($"{Name}: more than {settings.MaxRedirects} redirects from {url.Host}");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            await ProviderErrors.ThrowIfFailedAsync($"{Name} ({current.Host})", response, cancellationToken, notFound: "no page at that address");
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is not null && mediaType is not ("text/html" or "application/xhtml+xml"))
            {
                throw new PermanentProspectException($"{Name}: {current.Host} answered {mediaType}, not an HTML page");
            }

            var html = await ReadCappedAsync(response, settings.MaxBytes, timeout.Token, cancellationToken);
            return Extract(current, html);
        }
    }

    /// <summary>
    /// Title, description and readable text of an HTML document. The main content is found by SmartReader (a port of
    /// Mozilla's Readability, given the HTML already fetched, so it makes no request of its own); a page Readability
    /// does not find readable — a landing page with little prose — falls back to its <c>main</c>/<c>article</c>
    /// element's text blocks, without scripts, navigation, footers or hidden parts.
    /// </summary>
    public static ScrapedPage Extract(Uri url, string html)
    {
        ArgumentNullException.ThrowIfNull(url);
        var document = new HtmlParser().ParseDocument(html);
        var description = document.QuerySelector("meta[name=description]")?.GetAttribute("content")
            ?? document.QuerySelector("meta[property='og:description']")?.GetAttribute("content");
        var readable = Readability(url, html);
        if (readable.Length == 0)
        {
            var root = document.QuerySelector("main, [role=main], article") ?? document.Body;
            var text = new StringBuilder();
            if (root is not null)
            {
                AppendText(root, text);
            }

            readable = Lines(text.ToString());
        }

        if (readable.Length == 0 && string.IsNullOrWhiteSpace(description))
        {
            throw new PermanentProspectException($"{Name}: the page at {url.Host} has no readable text");
        }

        return new ScrapedPage(url.AbsoluteUri, NullIfBlank(document.Title), NullIfBlank(description), readable);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, CancellationToken timeout, CancellationToken caller)
    {
        try
        {
            return await ProviderHttp.SendAsync(http, request, $"{Name} ({url.Host})", timeout);
        }
        catch (TransientProspectException ex) when (ex.InnerException is HttpRequestException { InnerException: UnsafeAddressException unsafeAddress })
        {
            throw new PermanentProspectException($"{Name}: {unsafeAddress.Message}", ex);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            throw new TransientProspectException($"{Name} ({url.Host}): timed out");
        }
        catch (TransientProspectException ex) when (ex.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
        {
            // A company domain that does not resolve is a fact about the address, not a hiccup worth a retry per prospect.
            throw new PermanentProspectException($"{Name}: {url.Host} does not resolve", ex);
        }
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationToken timeout, CancellationToken caller)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(timeout);
            var buffer = new byte[maxBytes];
            var read = 0;
            int n;
            while (read < maxBytes && (n = await body.ReadAsync(buffer.AsMemory(read, maxBytes - read), timeout)) > 0)
            {
                read += n;
            }

            // A page longer than the cap is cut, not refused: the readable part of a page comes first.
            return EncodingOf(response.Content.Headers.ContentType, buffer.AsSpan(0, read)).GetString(buffer, 0, read);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            throw new TransientProspectException($"{Name}: timed out reading the page");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new TransientProspectException($"{Name}: the page was cut off ({ex.Message})", ex);
        }
    }

    private static Encoding EncodingOf(MediaTypeHeaderValue? contentType, ReadOnlySpan<byte> head)
    {
        var charset = contentType?.CharSet?.Trim('"', '\'');
        if (charset is null)
        {
            // <meta charset> in the first kilobytes, the way browsers pre-scan.
            var prefix = Encoding.ASCII.GetString(head[..Math.Min(head.Length, 4096)]);
            var at = prefix.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                charset = new string(prefix[(at + 8)..].TrimStart('"', '\'').TakeWhile(c => char.IsLetterOrDigit(c) || c is '-' or '_').ToArray());
            }
        }

        try
        {
            return charset is { Length: > 0 } ? Encoding.GetEncoding(charset) : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static void AppendText(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement e when Skipped.Contains(e.LocalName) || e.HasAttribute("hidden") || e.GetAttribute("aria-hidden") == "true":
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    AppendText(e, text);
                    if (block)
                    {
                        text.Append('\n');
                    }
                    else
                    {
                        text.Append(' ');
                    }

                    break;
            }
        }
    }

    private const int MinArticleChars = 200;

    private static string Readability(Uri url, string html)
    {
        try
        {
            // Readability's own "is this an article?" pre-check is tuned for news pages; a company page is shorter, so
            // its extraction is used whenever it finds a real block of prose.
            var article = new SmartReader.Reader(url.AbsoluteUri, html) { ContinueIfNotReadable = true }.GetArticle();
            var text = Lines(article.TextContent ?? string.Empty);
            return text.Length >= MinArticleChars ? text : string.Empty;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Readability is a heuristic over arbitrary HTML: whatever trips it, the page is read the plain way.
            return string.Empty;
        }
    }

    private static string Lines(string text) => string.Join('\n', text.Split('\n')
        .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
        .Where(l => l.Length > 0));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The reader's handler: no automatic redirects (each hop is checked by hand), and the address check at connect time.</summary>
    internal static SocketsHttpHandler CreateHandler(IOptionsMonitor<WebsiteReaderOptions> options) =>
        GuardedConnection.CreateHandler(() => options.CurrentValue.AllowPrivateAddresses, "the reader", allowRedirects: false);

    /// <summary>Whether the reader may not visit <paramref name="address"/> (<see cref="GuardedConnection.IsPrivate"/>).</summary>
    internal static bool IsPrivate(IPAddress address) => GuardedConnection.IsPrivate(address);
}
