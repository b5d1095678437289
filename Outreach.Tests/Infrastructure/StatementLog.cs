using System.Collections.Concurrent;
using System.Diagnostics;

namespace Outreach.Tests.Infrastructure;

/// <summary>The SQL commands Npgsql runs against one database while it is listening.</summary>
internal sealed class StatementLog : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _texts = new();

    public StatementLog(string database)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var target = activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name");
                if (database.Equals(target as string, StringComparison.Ordinal) && (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string text)
                {
                    _texts.Enqueue(text.ReplaceLineEndings(" "));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IEnumerable<string> Texts => _texts;

    public void Dispose() => _listener.Dispose();
}
