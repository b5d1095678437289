namespace Outreach.Functions.Pipeline;

/// <summary>The column layout of an emails export: this app's own, or a sequencer's CSV import.</summary>
public enum ExportFormat
{
    /// <summary>Every column this app has (the results file's layout).</summary>
    Generic,
    /// <summary>Instantly's lead import: email, first_name, last_name, company_name, website, then custom variables.</summary>
    Instantly,
    /// <summary>Smartlead's lead import: email, first_name, last_name, company_name, website, then custom fields.</summary>
    Smartlead,
    /// <summary>lemlist's lead import: email, firstName, lastName, companyName, jobTitle, then custom variables.</summary>
    Lemlist,
}
