namespace Outreach.Functions.Application;

/// <summary>A request the API refuses, carried to the function as its problem-details status and reason.</summary>
public sealed class ApiProblemException(int status, string detail) : Exception(detail)
{
    /// <summary>The HTTP status (400, 404, 409, 413).</summary>
    public int Status { get; } = status;

    /// <summary>A 404 for <paramref name="what"/>.</summary>
    public static ApiProblemException NotFound(string what, Guid id) => new(404, $"No {what} with id {id}.");
}
