using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Firecrawl;

/// <summary>
/// Firecrawl v2 <c>POST /v2/scrape</c> with <c>formats: ["markdown"]</c> and <c>onlyMainContent</c>. Firecrawl
/// answers 200 even when the target site refused it, reporting the site's status in <c>data.metadata.statusCode</c>,
/// and may answer 200 with <c>success: false</c>; both are checked. The POST is retried in the pipeline only when
/// Firecrawl refused it outright (429), since any other failure may already have cost a credit.
/// </summary>
public sealed class FirecrawlClient(HttpClient http, ProviderSettingsStore store) : ProviderRestClient(http, store, Descriptor)
{
    /// <summary>Who this provider is: its api_configurations name, display name, settings section and retry mode.</summary>
    public static ProviderDescriptor Descriptor { get; } = new("firecrawl", "Firecrawl", FirecrawlOptions.SectionName, RetryMode.RejectedOnly);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Scrapes <paramref name="url"/>.</summary>
    public async Task<ScrapedPage> ScrapeAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var (body, _) = await CallAsync<ScrapeResponse>(
            settings => WithBearer(
                new HttpRequestMessage(HttpMethod.Post, "v2/scrape")
                {
                    Content = JsonContent.Create(new ScrapeRequest(url.AbsoluteUri, ["markdown"], OnlyMainContent: true), options: Json),
                },
                settings),
            Json,
            notFound: "not found",
            cancellationToken);
        if (!body.Success || body.Data is null)
        {
            // success:false inside a 200: Firecrawl could not produce the page; another attempt later may.
            throw new TransientProspectException($"{Name}: scrape failed: {ProviderErrors.Shorten(body.Error ?? "no reason given")}");
        }

        var metadata = body.Data.Metadata;
        if (metadata?.StatusCode is { } site and (< 200 or >= 300))
        {
            throw site is 429 or >= 500
                ? new TransientProspectException($"{Name}: the website answered {site} to the scrape of {url.Host}")
                : new PermanentProspectException($"{Name}: the website answered {site} to the scrape of {url.Host}{(metadata.Error is { } e ? ": " + ProviderErrors.Shorten(e) : string.Empty)}");
        }

        if (string.IsNullOrWhiteSpace(body.Data.Markdown))
        {
            throw new PermanentProspectException($"{Name}: the page at {url.Host} has no readable content");
        }

        return new ScrapedPage(metadata?.Url ?? metadata?.SourceUrl ?? url.AbsoluteUri, metadata?.Title, metadata?.Description, body.Data.Markdown);
    }

    private sealed record ScrapeRequest(string Url, string[] Formats, bool OnlyMainContent);

    private sealed record ScrapeResponse(bool Success, ScrapeData? Data, string? Error);

    private sealed record ScrapeData(string? Markdown, ScrapeMetadata? Metadata);

    // Page metadata repeats tags the page repeats, so title and description may be a string or an array of them.
    private sealed record ScrapeMetadata(
        [property: JsonConverter(typeof(StringOrFirstConverter))] string? Title,
        [property: JsonConverter(typeof(StringOrFirstConverter))] string? Description,
        string? Url,
        [property: JsonPropertyName("sourceURL")] string? SourceUrl,
        int? StatusCode,
        string? Error);

    private sealed class StringOrFirstConverter : JsonConverter<string?>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.StartArray:
                    string? first = null;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            first ??= reader.GetString();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    return first;
                default:
                    reader.Skip();
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
