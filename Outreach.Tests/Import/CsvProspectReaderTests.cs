using System.Security.Cryptography;
using System.Text;
using Outreach.Domain.Import;
using Outreach.Tests.Builders;

namespace Outreach.Tests.Import;

public sealed class CsvProspectReaderTests
{
    private static readonly ImportOptions Defaults = new();

    [Theory]
    [InlineData("utf-8", false, "utf-8")]
    [InlineData("utf-8", true, "utf-8 (BOM)")]
    [InlineData("utf-16", true, "utf-16le (BOM)")]
    [InlineData("utf-16BE", true, "utf-16be (BOM)")]
    public async Task ReadRows_WhenUnicodeEncoded_DecodesNamesExactly(string encoding, bool bom, string expectedName)
    {
        var file = CsvFileBuilder.WithHeader("Email", "First Name", "Last Name", "Company")
            .Row("jose@example.com", "José", "Müller-Łukasz", "Société Générale 株式会社")
            .Encoded(Encoding.GetEncoding(encoding), bom)
            .BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        Assert.Equal(expectedName, reader.EncodingName);
        var prospect = Assert.Single(rows).Prospect!;
        Assert.Equal(("José Müller-Łukasz", "Société Générale 株式会社"), (prospect.Name, prospect.Company));
    }

    [Fact]
    public async Task ReadRows_WhenBytesAreNotUtf8_DecodesAsWindows1252()
    {
        var file = CsvFileBuilder.WithHeader("Email", "Name", "Company").Row("f@example.com", "François Dupré", "Café “Crème” €").Windows1252().BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        Assert.Equal("windows-1252", reader.EncodingName);
        Assert.Equal(("François Dupré", "Café “Crème” €"), (rows[0].Prospect!.Name, rows[0].Prospect!.Company));
    }

    [Theory]
    [InlineData("Record ID")]
    [InlineData("Contact ID")]
    [InlineData("Lead ID")]
    [InlineData("Id")]
    [InlineData("crm_id")]
    public async Task ReadRows_WhenTheFileCarriesACrmRecordId_KeepsItAsTheExternalIdNotAsData(string header)
    {
        var file = CsvFileBuilder.WithHeader(header, "Email", "Name").Row("  hs-1042 ", "a@example.com", "Ada").Row("", "b@example.com", "Bo").BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        Assert.Equal("external_id", reader.Mapping.Describe()[header]);
        Assert.Equal(("hs-1042", null), (rows[0].Prospect!.ExternalId, rows[1].Prospect!.ExternalId));
        Assert.Empty(rows[0].Prospect!.AdditionalData);
    }

    [Fact]
    public async Task ReadRows_WhenTheRecordIdIsLongerThanItsColumn_RejectsTheRowNamingTheField()
    {
        var file = CsvFileBuilder.WithHeader("Record ID", "Email").Row(new string('9', 201), "a@example.com").BuildStream();

        var (_, rows) = await ReadAllAsync(file);

        Assert.Equal("external_id is 201 characters; the limit is 200", rows[0].RejectReason);
    }

    [Fact]
    public async Task OpenAsync_WhenBomPrecedesTheHeader_MapsTheFirstColumn()
    {
        var file = CsvFileBuilder.WithHeader("Email", "Name").Row("a@example.com", "Ada").Encoded(new UTF8Encoding(true), bom: true).BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        Assert.Equal(0, reader.Mapping.FieldColumns[ProspectField.Email]);
        Assert.Equal("a@example.com", rows[0].Prospect!.Email);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    public async Task OpenAsync_ForEachSeparator_DetectsItAndMapsTheColumns(string separator)
    {
        var file = CsvFileBuilder.WithHeader("Email", "Name", "Company", "Notes")
            .Row("a@example.com", "Ada", "Engines, Ltd; \"Analytical\" | Co", "n1")
            .Row("b@example.com", "Bob", "B Corp", "n2")
            .SeparatedBy(separator)
            .BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        Assert.Equal(separator[0], reader.Separator);
        Assert.Equal(["Engines, Ltd; \"Analytical\" | Co", "B Corp"], rows.Select(r => r.Prospect!.Company));
        Assert.Equal(["n1", "n2"], rows.Select(r => r.Prospect!.AdditionalData["Notes"]));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public async Task ReadRows_WhenQuotedFieldHasNewlines_KeepsThemAndCountsPhysicalLines(string newLine)
    {
        var file = CsvFileBuilder.WithHeader("Email", "Name", "Notes")
            .Row("a@example.com", "Ada", "line one\nline two\nline three")
            .Row("not-an-email", "Bob", "x")
            .LineEnding(newLine)
            .BuildStream();

        var (_, rows) = await ReadAllAsync(file);

        Assert.Equal("line one\nline two\nline three", rows[0].Prospect!.AdditionalData["Notes"]);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(5, rows[1].Line);
        Assert.Equal("not-an-email,Bob,x", rows[1].Raw);
    }

    [Fact]
    public async Task ReadRows_WhenExcelExport_HandlesSepLineWindows1252AndTrailingEmptyCells()
    {
        // What Excel writes with "CSV (semicolon)" on a European Windows: sep= hint, cp1252, CRLF, empty trailing cells.
        var file = CsvFileBuilder.WithHeader("Work Email", "First Name", "Last Name", "Organization", "Job Title", "", "")
            .Row("zoe@exemple.fr", "Zoé", "Lefèvre", "Crédit Agricole", "Directrice", "", "")
            .Row("marc@exemple.fr", "Marc", "Dubois", "Société \"Générale\"", "", "", "")
            .RawLine(";;;;;;")
            .SeparatedBy(";")
            .Windows1252()
            .BuildStream(prefixLine: "sep=;");

        var (reader, rows) = await ReadAllAsync(file);

        Assert.Equal(';', reader.Separator);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsAccepted, r.RejectReason));
        Assert.Equal(("Zoé Lefèvre", "Crédit Agricole", "Directrice"), (rows[0].Prospect!.Name, rows[0].Prospect!.Company, rows[0].Prospect!.Title));
        Assert.Equal("Société \"Générale\"", rows[1].Prospect!.Company);
        Assert.Equal(3, rows[0].Line);
    }

    [Fact]
    public async Task OpenAsync_WhenApolloExport_MapsPersonFieldsAndKeepsTheRest()
    {
        var file = CsvFileBuilder.WithHeader(
                "First Name", "Last Name", "Title", "Company", "Company Name for Emails", "Email", "Email Status", "Seniority",
                "Person Linkedin Url", "Website", "Company Linkedin Url", "# Employees", "Industry", "City", "Country")
            .Row("Grace", "Hopper", "Rear Admiral", "US Navy", "Navy", "grace@navy.example", "Verified", "C suite",
                "http://www.linkedin.com/in/grace-hopper", "http://navy.example", "http://www.linkedin.com/company/navy", "1000", "Defense", "Arlington", "United States")
            .BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        var p = rows[0].Prospect!;
        Assert.Equal(
            ("grace@navy.example", "Grace Hopper", "US Navy", "Rear Admiral", "http://www.linkedin.com/in/grace-hopper", "http://navy.example"),
            (p.Email, p.Name, p.Company, p.Title, p.LinkedinUrl, p.Website));
        Assert.Equal("http://www.linkedin.com/company/navy", p.AdditionalData["Company Linkedin Url"]);
        Assert.Equal("Verified", p.AdditionalData["Email Status"]);
        Assert.Equal("Navy", p.AdditionalData["Company Name for Emails"]);
        var mapping = reader.Mapping.Describe();
        Assert.Equal("linkedin_url", mapping["Person Linkedin Url"]);
        Assert.Equal("additional_data", mapping["Company Linkedin Url"]);
        Assert.Equal("first_name", mapping["First Name"]);
    }

    [Fact]
    public async Task OpenAsync_WhenHubSpotExport_MapsByAliasIgnoringCaseSpacesAndUnderscores()
    {
        var file = CsvFileBuilder.WithHeader("Record ID", "first_name", "LAST NAME", "Email", "Job Title", "Company Name", "Website URL", "LinkedIn URL", "Lifecycle Stage")
            .Row("901", "Katherine", "Johnson", "kj@nasa.example", "Mathematician", "NASA", "https://nasa.example", "https://linkedin.com/in/kj", "lead")
            .BuildStream();

        var (_, rows) = await ReadAllAsync(file);

        var p = rows[0].Prospect!;
        Assert.Equal(
            ("Katherine Johnson", "Mathematician", "NASA", "https://nasa.example", "https://linkedin.com/in/kj", "901"),
            (p.Name, p.Title, p.Company, p.Website, p.LinkedinUrl, p.ExternalId));
        Assert.Equal(new Dictionary<string, string> { ["Lifecycle Stage"] = "lead" }, p.AdditionalData);
    }

    [Fact]
    public async Task ReadRows_WhenRowsAreBad_RejectsEachWithLineReasonAndRawText()
    {
        var options = new ImportOptions { MaxFieldChars = 400 };
        var file = CsvFileBuilder.WithHeader("Email", "Name", "Notes")
            .Row("ok@example.com", "Ok", "")
            .Row("", "No Email", "")
            .Row("ada at example", "Bad Email", "")
            .Row(" OK@Example.COM ", "Dupe", "")
            .Row("long@example.com", "Long", new string('x', 401))
            .RawLine("extra@example.com,Extra,n,surplus")
            .RawLine("short@example.com")
            .Row("named@example.com", new string('n', 301), "")
            .BuildStream();

        var (reader, rows) = await ReadAllAsync(file, options);

        var rejected = rows.Where(r => !r.IsAccepted).Select(r => (r.Line, r.RejectReason)).ToList();
        Assert.Equal(
            [
                (3, "email is missing"),
                (4, "'ada at example' is not a valid email address"),
                (5, "duplicate of line 2 (same email)"),
                (6, "field 'Notes' is 401 characters; the limit is 400 (Import__MaxFieldChars)"),
                (7, "the row has 4 fields; the header has 3"),
                (9, "name is 301 characters; the limit is 300"),
            ],
            rejected);
        Assert.Equal(["ok@example.com", "short@example.com"], rows.Where(r => r.IsAccepted).Select(r => r.Prospect!.EmailNormalized));
        Assert.Equal("extra@example.com,Extra,n,surplus", rows.Single(r => r.Line == 7).Raw);
        Assert.Equal((2, 6), (reader.AcceptedCount, reader.RejectedCount));
    }

    [Theory]
    [InlineData("jürgen@münchen.example", true)]
    [InlineData("o'brien+sales@shamrock-pay.example", true)]
    [InlineData("first.last@sub.domain.example", true)]
    [InlineData("Ada Lovelace <ada@example.com>", false)]
    [InlineData("ada@example", false)]
    [InlineData("ada@@example.com", false)]
    [InlineData("ada..l@example.com", false)]
    [InlineData("a,b@example.com", false)]
    [InlineData("ada@-bad-.example", false)]
    [InlineData(".ada@example.com", false)]
    [InlineData("ada.@example.com", false)]
    public void EmailProblem_ForCommonShapes_AcceptsOnlyPlainAddresses(string email, bool valid) =>
        Assert.Equal(valid, Outreach.Domain.Entities.EmailAddress.Problem(email) is null);

    [Fact]
    public async Task ReadRows_WhenAnAddressHidesInvisibleOrFullWidthCharacters_CleansItSoDedupeSeesTheSamePerson()
    {
        var file = CsvFileBuilder.WithHeader("Email", "Name")
            .Row("ada@example.com", "Ada")
            .Row("ada\u200B@example.com", "Ada with a zero-width space")
            .Row("\uFEFFａｄａ@example.com", "Ada in full-width letters")
            .Row("grace\u00AD@navy.example", "Grace with a soft hyphen")
            .BuildStream();

        var (_, rows) = await ReadAllAsync(file);

        Assert.Equal(["ada@example.com", "grace@navy.example"], rows.Where(r => r.IsAccepted).Select(r => r.Prospect!.Email));
        Assert.Equal(["duplicate of line 2 (same email)", "duplicate of line 2 (same email)"], rows.Where(r => !r.IsAccepted).Select(r => r.RejectReason));
    }

    [Theory]
    [InlineData("Vorname;Nachname;E-Mail-Adresse;Unternehmen;Position", "Ada;Lovelace;ada@engines.example;Analytical Engines;CTO")]
    [InlineData("Vorname;Nachname;E-Mail;Firma;Berufsbezeichnung", "Ada;Lovelace;ada@engines.example;Analytical Engines;CTO")]
    [InlineData("Prénom;Nom;Adresse e-mail;Entreprise;Intitulé du poste", "Ada;Lovelace;ada@engines.example;Analytical Engines;CTO")]
    [InlineData("Nombre;Apellidos;Correo electrónico;Empresa;Cargo", "Ada;Lovelace;ada@engines.example;Analytical Engines;CTO")]
    [InlineData("Voornaam;Achternaam;E-mailadres;Bedrijfsnaam;Functie", "Ada;Lovelace;ada@engines.example;Analytical Engines;CTO")]
    public async Task ReadRows_WhenTheHeaderIsLocalized_MapsTheUsualColumns(string header, string row)
    {
        var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"{header}\r\n{row}\r\n"));

        var (_, rows) = await ReadAllAsync(file);

        var prospect = Assert.Single(rows).Prospect!;
        Assert.Equal(("ada@engines.example", "Ada Lovelace", "Analytical Engines", "CTO"), (prospect.Email, prospect.Name, prospect.Company, prospect.Title));
    }

    [Fact]
    public async Task Open_WhenAUtf8ByteOrderMarkIsFollowedByWindows1252_DecodesAsWindows1252AndSaysSo()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }
            .Concat(System.Text.Encoding.ASCII.GetBytes("Email,Name\r\nrene@example.com,Ren"))
            .Concat(new byte[] { 0xE9 })
            .Concat(System.Text.Encoding.ASCII.GetBytes("\r\n"))
            .ToArray();

        var (reader, rows) = await ReadAllAsync(new MemoryStream(bytes));

        Assert.Equal("René", Assert.Single(rows).Prospect!.Name);
        Assert.Equal(["Email", "Name"], reader.Mapping.Headers);
        Assert.Contains("windows-1252", reader.EncodingName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRows_WhenAHeaderRepeats_KeepsEveryColumnUnderItsOwnName()
    {
        var file = CsvFileBuilder.WithHeader("Email", "Name", "email", "Notes", "Notes").Row("ada@engines.example", "Ada", "ada@home.example", "first", "second").BuildStream();

        var (_, rows) = await ReadAllAsync(file);

        var extras = Assert.Single(rows).Prospect!.AdditionalData;
        Assert.Equal(
            [("Notes", "first"), ("Notes (2)", "second"), ("email (2)", "ada@home.example")],
            extras.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public async Task OpenAsync_WhenALinkedInExportStartsWithNotes_FindsTheHeaderBelowAndCountsLinesFromTheTop()
    {
        // LinkedIn's Connections.csv: a "Notes:" line, a quoted paragraph with commas, a blank line, then the table.
        var file = CsvFileBuilder.WithHeader("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
            .Row("Ada", "Lovelace", "https://www.linkedin.com/in/ada-lovelace", "ada@engines.example", "Analytical Engines", "CTO", "26 Nov 2026")
            .Row("Charles", "Babbage", "https://www.linkedin.com/in/cbabbage", "", "Difference Engines", "Founder", "25 Nov 2026")
            .Preamble(
                "Notes:",
                "\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed it, see https://www.linkedin.com/psettings/privacy/email.\"",
                string.Empty)
            .BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        var ada = rows[0].Prospect!;
        Assert.Equal(("ada@engines.example", "Ada Lovelace", "Analytical Engines", "CTO"), (ada.Email, ada.Name, ada.Company, ada.Title));
        Assert.Equal(("https://www.linkedin.com/in/ada-lovelace", null), (ada.LinkedinUrl, ada.Website));
        Assert.Equal((5, 6, "email is missing"), (rows[0].Line, rows[1].Line, rows[1].RejectReason));
        Assert.Equal(',', reader.Separator);
        Assert.Contains(reader.Notes, n => n.StartsWith("The header is on line 4; lines 1-3 above it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_WhenAReportTitleSitsAboveASemicolonTable_FindsTheHeaderAndTheSeparator()
    {
        var file = CsvFileBuilder.WithHeader("E-Mail", "Vorname", "Nachname", "Firma")
            .Row("jurgen@example.de", "Jürgen", "Groß", "Müller GmbH")
            .SeparatedBy(";")
            .Preamble("Kontakte Export", "Erstellt am 26.11.2026")
            .Windows1252()
            .BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        var prospect = Assert.Single(rows).Prospect!;
        Assert.Equal(("Jürgen Groß", "Müller GmbH", 4), (prospect.Name, prospect.Company, rows[0].Line));
        Assert.Equal(';', reader.Separator);
        Assert.Equal("windows-1252", reader.EncodingName);
    }

    [Fact]
    public async Task OpenAsync_WhenNoLineNamesAnEmailColumn_RejectsTheFileNamingTheFirstLine()
    {
        var file = CsvFileBuilder.WithHeader("Name", "Company").Row("Ada", "Engines").Preamble("Notes:", string.Empty).BuildStream();

        var ex = await Assert.ThrowsAsync<CsvFileRejectedException>(() => CsvProspectReader.OpenAsync(file, Defaults, TestContext.Current.CancellationToken));

        Assert.StartsWith("No email column. The header has: Notes:.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("within the first 50 lines", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRows_WhenASalesforceReportEndsWithTotalsAndNotices_SkipsTheFooterWithOneNote()
    {
        var file = CsvFileBuilder.WithHeader("First Name", "Last Name", "Email", "Account Name")
            .Row("Ada", "Lovelace", "ada@engines.example", "Analytical Engines")
            .Row("Grace", "Hopper", "grace@cobol.example", "Navy")
            .RawLine(string.Empty)
            .RawLine("\"Grand Totals (2 records)\"")
            .RawLine(string.Empty)
            .RawLine("\"Confidential Information - Do Not Distribute\"")
            .RawLine("\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"")
            .BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsAccepted));
        Assert.Equal((2, 0), (reader.AcceptedCount, reader.RejectedCount));
        var note = Assert.Single(reader.Notes);
        Assert.Equal("Skipped a report footer of 3 lines from line 5: \"Grand Totals (2 records)\" ….", note);
    }

    [Fact]
    public async Task ReadRows_WhenFooterLikeRowsAreFollowedByData_RejectsThemInOrderAsRowsWithoutEmail()
    {
        var file = CsvFileBuilder.WithHeader("Email", "Name")
            .Row("a@example.com", "Ada")
            .Row("", "Total so far")
            .Row("b@example.com", "Bob")
            .BuildStream();

        var (reader, rows) = await ReadAllAsync(file);

        Assert.Equal([(2, true), (3, false), (4, true)], rows.Select(r => (r.Line, r.IsAccepted)));
        Assert.Equal("email is missing", rows[1].RejectReason);
        Assert.Empty(reader.Notes);
    }

    [Fact]
    public async Task ReadRows_WhenAQuoteIsNeverClosed_RejectsThatRowAndKeepsTheOnesBefore()
    {
        var file = CsvFileBuilder.WithHeader("Email", "Name").Row("a@example.com", "Ada").RawLine("b@example.com,\"Bob").RawLine("c@example.com,Cy").BuildStream();

        var (_, rows) = await ReadAllAsync(file);

        Assert.True(rows[0].IsAccepted);
        Assert.Equal((3, "a quoted field is never closed"), (rows[1].Line, rows[1].RejectReason));
    }

    [Fact]
    public async Task FinishAsync_ReturnsTheSha256OfTheWholeFile()
    {
        var bytes = CsvFileBuilder.WithHeader("Email").Row("a@example.com").Build();

        await using var reader = await CsvProspectReader.OpenAsync(new MemoryStream(bytes), Defaults, TestContext.Current.CancellationToken);
        await foreach (var _ in reader.ReadRowsAsync(TestContext.Current.CancellationToken))
        {
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), await reader.FinishAsync(TestContext.Current.CancellationToken));
        Assert.Equal(bytes.Length, reader.BytesRead);
    }

    [Fact]
    public async Task OpenAsync_WhenThereIsNoEmailColumn_RejectsTheFileNamingTheHeaders()
    {
        var file = CsvFileBuilder.WithHeader("Name", "Company").Row("Ada", "Engines").BuildStream();

        var ex = await Assert.ThrowsAsync<CsvFileRejectedException>(() => CsvProspectReader.OpenAsync(file, Defaults, TestContext.Current.CancellationToken));

        Assert.StartsWith("No email column. The header has: Name, Company.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WhenFileIsEmpty_RejectsIt()
    {
        var ex = await Assert.ThrowsAsync<CsvFileRejectedException>(() => CsvProspectReader.OpenAsync(new MemoryStream(), Defaults, TestContext.Current.CancellationToken));

        Assert.Equal("The file is empty.", ex.Message);
    }

    [Fact]
    public async Task OpenAsync_WhenFileIsBinary_RejectsIt()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00];

        var ex = await Assert.ThrowsAsync<CsvFileRejectedException>(() => CsvProspectReader.OpenAsync(new MemoryStream(zip), Defaults, TestContext.Current.CancellationToken));

        Assert.Contains("not CSV text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRows_WhenMoreRowsThanTheLimit_RejectsTheWholeFile()
    {
        var builder = CsvFileBuilder.WithHeader("Email");
        for (var i = 0; i < 4; i++)
        {
            builder.Row($"p{i}@example.com");
        }

        var ex = await Assert.ThrowsAsync<CsvFileRejectedException>(() => ReadAllAsync(builder.BuildStream(), new ImportOptions { MaxRows = 3 }));

        Assert.Equal("The file has more than 3 rows (Import__MaxRows).", ex.Message);
    }

    [Fact]
    public async Task ReadRows_WhenStreamIsLargerThanTheLimit_RejectsTheWholeFile()
    {
        var builder = CsvFileBuilder.WithHeader("Email", "Notes");
        for (var i = 0; i < 2000; i++)
        {
            builder.Row($"p{i}@example.com", new string('z', 1000));
        }

        // Larger than the sniffed prefix, so the limit is hit while rows are being parsed.
        var ex = await Assert.ThrowsAsync<CsvFileRejectedException>(() => ReadAllAsync(builder.BuildStream(), new ImportOptions { MaxFileBytes = 1_500_000 }));

        Assert.Equal("The file is larger than 1,500,000 bytes (Import__MaxFileBytes).", ex.Message);
    }

    private static async Task<(CsvProspectReader Reader, List<ImportRow> Rows)> ReadAllAsync(Stream file, ImportOptions? options = null)
    {
        var reader = await CsvProspectReader.OpenAsync(file, options ?? Defaults, TestContext.Current.CancellationToken);
        var rows = new List<ImportRow>();
        await foreach (var row in reader.ReadRowsAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        await reader.DisposeAsync();
        return (reader, rows);
    }
}
