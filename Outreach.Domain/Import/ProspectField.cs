namespace Outreach.Domain.Import;

/// <summary>A prospect property a CSV column can map to.</summary>
public enum ProspectField
{
    /// <summary>Email address (required).</summary>
    Email,
    /// <summary>Full name.</summary>
    Name,
    /// <summary>First name; combined with the last name when there is no full-name column.</summary>
    FirstName,
    /// <summary>Last name.</summary>
    LastName,
    /// <summary>Company name.</summary>
    Company,
    /// <summary>Job title.</summary>
    Title,
    /// <summary>LinkedIn profile URL of the person.</summary>
    LinkedinUrl,
    /// <summary>Company website.</summary>
    Website,
    /// <summary>The record's id in the CRM it came from (HubSpot's Record ID, Salesforce's Lead ID), carried into every export so the emails join back.</summary>
    ExternalId,
}
