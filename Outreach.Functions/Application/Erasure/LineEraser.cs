using System.Buffers;
using System.Text;

namespace Outreach.Functions.Application.Erasure;

/// <summary>
/// Drops, from a stored text file, every line that holds an address (ASCII letters compared without case) — how an
/// erasure takes a person out of an uploaded CSV or a staged draft. Streams through a temporary file, so memory does not
/// grow with the file; the line breaks of the lines kept are kept as they were.
/// </summary>
internal static class LineEraser
{
    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="target"/> without the lines that contain <paramref name="address"/>;
    /// returns how many lines were dropped.
    /// </summary>
    public static async Task<int> CopyWithoutAsync(Stream source, Stream target, string address, CancellationToken cancellationToken)
    {
        var needle = Encoding.UTF8.GetBytes(address.ToLowerInvariant());
        var dropped = 0;
        var line = new ArrayBufferWriter<byte>();
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, buffer.Length), cancellationToken)) > 0)
            {
                var span = buffer.AsMemory(0, read);
                while (span.Length > 0)
                {
                    var end = span.Span.IndexOf((byte)'\n');
                    if (end < 0)
                    {
                        line.Write(span.Span);
                        break;
                    }

                    line.Write(span.Span[..(end + 1)]);
                    dropped += await FlushAsync(line, target, needle, cancellationToken);
                    span = span[(end + 1)..];
                }
            }

            dropped += await FlushAsync(line, target, needle, cancellationToken);
            return dropped;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="needle"/>, ASCII letters compared without case.</summary>
    public static bool Contains(ReadOnlySpan<byte> text, ReadOnlySpan<byte> needle)
    {
        if (needle.Length == 0 || text.Length < needle.Length)
        {
            return false;
        }

        for (var i = 0; i <= text.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && Lower(text[i + j]) == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;

    private static async Task<int> FlushAsync(ArrayBufferWriter<byte> line, Stream target, byte[] needle, CancellationToken cancellationToken)
    {
        if (line.WrittenCount == 0)
        {
            return 0;
        }

        var drop = Contains(line.WrittenSpan, needle);
        if (!drop)
        {
            await target.WriteAsync(line.WrittenMemory, cancellationToken);
        }

        line.ResetWrittenCount();
        return drop ? 1 : 0;
    }
}
