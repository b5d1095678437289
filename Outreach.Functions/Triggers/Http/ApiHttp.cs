using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Outreach.Functions.Application;

namespace Outreach.Functions.Triggers.Http;

/// <summary>
/// What every HTTP function shares: camelCase JSON, RFC 7807 problem details for every error (never a stack
/// trace), id and paging parsing that answers 400 instead of 404 for a malformed value.
/// </summary>
public static class ApiHttp
{
    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 200;

    /// <summary>camelCase JSON, enums as strings.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>A JSON answer.</summary>
    public static IResult Ok<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, Json, statusCode: status);

    /// <summary>An RFC 7807 answer, with <paramref name="extensions"/> as extra members when given.</summary>
    public static IResult Problem(int status, string detail, IDictionary<string, object?>? extensions = null) => Results.Problem(
        detail: detail,
        statusCode: status,
        extensions: extensions,
        title: status switch
        {
            400 => "The request is not valid.",
            404 => "Not found.",
            409 => "The request conflicts with the current state.",
            413 => "The request body is too large.",
            503 => "A dependency is unavailable.",
            _ => "The request failed.",
        },
        type: $"https://datatracker.ietf.org/doc/html/rfc9110#section-15.{(status >= 500 ? "6" : "5")}.{Section(status)}");

    /// <summary>Runs <paramref name="handle"/>, turning the API's own refusals into problem details.</summary>
    public static async Task<IResult> HandleAsync(Func<Task<IResult>> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        try
        {
            return await handle();
        }
        catch (ApiProblemException ex)
        {
            return Problem(ex.Status, ex.Message);
        }
        catch (Domain.StatusRules.DomainValidationException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (Domain.StatusRules.DomainConflictException ex)
        {
            return Problem(StatusCodes.Status409Conflict, ex.Message);
        }
        catch (Domain.StatusRules.InvalidStatusTransitionException ex)
        {
            return Problem(StatusCodes.Status409Conflict, ex.Message);
        }
    }

    /// <summary>The id in a route, or a 400.</summary>
    public static Guid Id(string? value, string name = "id") =>
        Guid.TryParse(value, out var id) ? id : throw new ApiProblemException(StatusCodes.Status400BadRequest, $"'{value}' is not a valid {name} (a UUID).");

    /// <summary>page (from 1) and pageSize (1..200, default 50) from the query string, or a 400.</summary>
    public static (int Page, int PageSize) Paging(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = Int(request, "page", 1);
        var size = Int(request, "pageSize", 50);
        if (page < 1)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "page starts at 1.");
        }

        return size is < 1 or > MaxPageSize
            ? throw new ApiProblemException(StatusCodes.Status400BadRequest, $"pageSize must be between 1 and {MaxPageSize}.")
            : (page, size);
    }

    /// <summary>The JSON body as <typeparamref name="T"/>, or a 400 naming what is wrong.</summary>
    public static async Task<T> BodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken)
                ?? throw new ApiProblemException(StatusCodes.Status400BadRequest, "The body is empty.");
        }
        catch (JsonException ex)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, $"The body is not valid JSON for this request: {ex.Message}");
        }
    }

    /// <summary>The JSON body as <typeparamref name="T"/>, or null when there is no body; a 400 when it is not valid.</summary>
    public static async Task<T?> OptionalBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, Json);
        }
        catch (JsonException ex)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, $"The body is not valid JSON for this request: {ex.Message}");
        }
    }

    private static int Int(HttpRequest request, string name, int fallback)
    {
        var text = request.Query[name].ToString();
        return text.Length == 0 ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, $"{name} must be a whole number, not '{text}'.");
    }

    private static int Section(int status) => status switch
    {
        400 => 1,
        404 => 5,
        409 => 10,
        413 => 14,
        503 => 4,
        _ => 1,
    };

    /// <summary>
    /// The answer of a control operation on a batch (pause, retry, push …): 202 with where to follow the work — the job,
    /// never a Durable management URL, which carries keys — 404, or 409 with the reason.
    /// </summary>
    public static IResult Control(ControlResult result, Guid batchId, string action)
    {
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Outcome)
        {
            case ControlOutcome.Accepted:
                var accepted = Ok(new { batchId, action, jobId = result.JobId, status = "ACCEPTED" }, StatusCodes.Status202Accepted);
                return result.JobId is { } job ? new Located(accepted, $"/api/jobs/{job}") : accepted;
            case ControlOutcome.NotFound:
                return Problem(StatusCodes.Status404NotFound, result.Reason ?? $"No batch with id {batchId}.");
            default:
                return Problem(StatusCodes.Status409Conflict, result.Reason ?? $"The batch's state does not allow {action}.");
        }
    }
}
