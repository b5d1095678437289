using System.Security.Cryptography;

namespace Outreach.Domain.Import;

/// <summary>
/// A read-only pass-through that hashes (SHA-256) and counts every byte as it is read, and stops with a
/// clear rejection once more than the allowed bytes arrive — so a file is hashed and size-checked in
/// the same single pass that parses it, never loaded whole.
/// </summary>
internal sealed class DigestStream(Stream inner, long maxBytes) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    /// <summary>Whether the byte limit was hit (the rest of the file was not read).</summary>
    public bool LimitExceeded { get; private set; }

    /// <summary>Reads what is left (the parser may stop early) and returns the digest of the whole content.</summary>
    public async Task<string> FinishAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        return Account(buffer[..n]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        return Account(buffer.Span[..n]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Account(ReadOnlySpan<byte> read)
    {
        BytesRead += read.Length;
        if (BytesRead > maxBytes)
        {
            LimitExceeded = true;
            throw new CsvFileRejectedException($"The file is larger than {maxBytes:N0} bytes (Import__MaxFileBytes).");
        }

        _hash.AppendData(read);
        return read.Length;
    }
}
