using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Functions.Webhooks;

/// <summary>A CloudEvents 1.0 event in the structured JSON format, the body every receiver gets.</summary>
public sealed record CloudEvent(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("data")] object Data)
{
    /// <summary>The media type of a structured-mode CloudEvents JSON body.</summary>
    public const string MediaType = "application/cloudevents+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The event of <paramref name="type"/> about <paramref name="subject"/>; its id follows from both, so recording it again gives the same event.</summary>
    public static CloudEvent Of(string type, string subject, DateTimeOffset time, object data) =>
        new("1.0", IdOf(type, subject), "/outreach", type, subject, time, "application/json", data);

    /// <summary>The JSON body.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    private static string IdOf(string type, string subject) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{type}|{subject}")).AsSpan(0, 16)).ToString("D");
}
