using System.Text;
using System.Text.Unicode;

namespace Outreach.Domain.Import;

/// <summary>
/// Decides how to decode a CSV from its first bytes: a byte order mark (UTF-8, UTF-16, UTF-32) is honoured;
/// without one, valid UTF-8 is UTF-8 and anything else is Windows-1252 — what Excel writes on Windows. A UTF-8 mark
/// followed by bytes that are not UTF-8 (a tool added the mark to a Windows-1252 file) is Windows-1252 after the mark,
/// and the name says so; decoding it as UTF-8 would store "Ren�".
/// </summary>
internal static class TextEncodingSniffer
{
    static TextEncodingSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding to decode with (null: UTF-8 or the byte order mark), a name for reports, and how many leading bytes to skip.</summary>
    public static (Encoding? Encoding, string Name, int Skip) Detect(ReadOnlySpan<byte> prefix, bool isWholeFile)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            var rest = prefix[3..];
            return Utf8.IsValid(isWholeFile ? rest : rest[..TrimIncompleteSequence(rest)])
                ? (null, "utf-8 (BOM)", 0)
                : (Encoding.GetEncoding(1252), "windows-1252 (after a UTF-8 byte order mark; the text is not UTF-8)", 3);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || prefix.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (null, "utf-32 (BOM)", 0);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (null, "utf-16le (BOM)", 0);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (null, "utf-16be (BOM)", 0);
        }

        if (prefix.Contains((byte)0))
        {
            throw new CsvFileRejectedException("The file is not CSV text (it contains binary data).");
        }

        // A multi-byte sequence cut by the end of the sniffed prefix is not an error.
        var checkedBytes = isWholeFile ? prefix : prefix[..TrimIncompleteSequence(prefix)];
        return Utf8.IsValid(checkedBytes) ? (null, "utf-8", 0) : (Encoding.GetEncoding(1252), "windows-1252", 0);
    }

    /// <summary>
    /// The encoding <paramref name="bytes"/> are in when <see cref="Detect"/> said null (UTF-8 or a byte order mark),
    /// and how long that mark is; <paramref name="detected"/> itself, with no mark, otherwise.
    /// </summary>
    public static (Encoding Encoding, int MarkLength) Resolve(ReadOnlySpan<byte> bytes, Encoding? detected)
    {
        if (detected is not null)
        {
            return (detected, 0);
        }

        Encoding[] marked = [Encoding.UTF32, new UTF32Encoding(bigEndian: true, byteOrderMark: true), Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode];
        foreach (var encoding in marked)
        {
            var mark = encoding.Preamble;
            if (bytes.StartsWith(mark))
            {
                return (encoding, mark.Length);
            }
        }

        return (Encoding.UTF8, 0);
    }

    private static int TrimIncompleteSequence(ReadOnlySpan<byte> bytes)
    {
        // Step back over at most three continuation bytes to the last lead byte.
        var end = bytes.Length;
        for (var i = 1; i <= 3 && i <= bytes.Length; i++)
        {
            var b = bytes[^i];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > i ? end - i : end;
        }

        return end;
    }
}
