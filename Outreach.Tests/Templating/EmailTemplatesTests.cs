using Outreach.Domain.Entities;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Template;
using Outreach.Functions.Templating;

namespace Outreach.Tests.Templating;

public sealed class EmailTemplatesTests
{
    [Fact]
    public void Render_WhenEveryVariableIsUsed_FillsEachFromTheRowTheEnrichmentTheServiceAndTheSender()
    {
        const string Template = """
            {{ first_name }}|{{ last_name }}|{{ name }}|{{ company }}|{{ title }}|{{ website }}|{{ csv["Industry"] }}|{{ company_summary }}
            {{ tech_stack | join: "+" }}|{{ linkedin_headline }}|{{ service.name }}|{{ service.value_proposition }}|{{ sender.name }}|{{ sender.title }}|{{ sender.company }}
            """;
        EmailTemplates.Check(Template, "emailBody");

        var text = EmailTemplates.Render(Template, new TemplateModelBuilder().Build());

        Assert.Equal(
            "Ada|Lovelace|Ada Lovelace|Analytical Engines|CTO|https://engines.example|Computing|Builds engines.\n" +
            "Kubernetes+PostgreSQL|Mathematician|Cloud Cost Review|Lower cloud bills.|Sam|Advisor|Northwind",
            text);
    }

    [Fact]
    public void Render_WhenAColumnIsMissing_TheDefaultFilterFillsIn()
    {
        var model = new TemplateModelBuilder().WithoutColumns().Build();

        var text = EmailTemplates.Render("""In {{ csv["Industry"] | default: "your industry" }}""", model);

        Assert.Equal("In your industry", text);
    }

    [Theory]
    [InlineData(true, "Kubernetes users save most.")]
    [InlineData(false, "Teams save.")]
    public void Render_WhenTheTechStackDecidesABranch_ShowsThatBranch(bool kubernetes, string expected)
    {
        var model = new TemplateModelBuilder().WithTechStack(kubernetes ? ["Kubernetes"] : ["Heroku"]).Build();

        var text = EmailTemplates.Render("""{% if tech_stack contains "Kubernetes" %}Kubernetes users save most.{% else %}Teams save.{% endif %}""", model);

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("Hi {{ first_name }},\n\nAbout {{ industry }}.", "emailBody: unknown variable 'industry' on line 3")]
    [InlineData("{{ service.nmae }}", "emailBody: unknown variable 'service.nmae' on line 1")]
    [InlineData("{{ company | shout }}", "emailBody: ")]
    [InlineData("Hi,\n{% if company %}about {{ company }}", "emailBody: ")]
    [InlineData("{% raw %}{{ first_name }}{% endraw %}", "would leave '{{' or '{%' in the email")]
    public void Check_WhenTheTemplateCannotMakeAnEmail_RefusesSayingWhyAndWhere(string template, string reason)
    {
        var ex = Assert.Throws<DomainValidationException>(() => EmailTemplates.Check(template, "emailBody"));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenTheTemplateDeclaresItsOwnNames_AcceptsThem()
    {
        EmailTemplates.Check("{% assign greeting = \"Hi\" %}{% for tool in tech_stack %}{{ greeting }} {{ tool }} {{ forloop.index }}{% endfor %}", "emailBody");
    }

    [Fact]
    public void Render_WhenAValueHoldsLiquid_RendersItAsTextNeverAsCode()
    {
        var model = new TemplateModelBuilder().WithCompany("{{ sender.name }}{% if true %}Evil{% endif %} Corp").Build();

        var text = EmailTemplates.Render("At {{ company }}", model);

        Assert.False(EmailTemplates.Unfilled(text));
        Assert.DoesNotContain("Sam", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultBody_WhenOnlyTheAddressIsKnown_ReadsWellWithNoGapOrPlaceholder()
    {
        var model = new TemplateModelBuilder().Bare().Build();

        var text = EmailTemplates.Render(EmailTemplates.DefaultBody, model);

        Assert.StartsWith("Hi there,\n\nI'm reaching out about Cloud Cost Review.", text, StringComparison.Ordinal);
        Assert.Contains("Lower cloud bills.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" ,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", text, StringComparison.Ordinal);
        Assert.False(EmailTemplates.Unfilled(text));
    }

    [Fact]
    public async Task Generate_WhenTwoProspectsOfOneCompanyHaveDifferentFacts_WritesDifferentBodies()
    {
        var campaign = new CampaignBrief(
            Guid.NewGuid(), "c", "An idea for {{ company }}", "p", [], [], "Cloud Cost Review", "A review.", "Lower cloud bills.", 80, 180,
            null, new CampaignSender("Sam", null, "Northwind"));
        var generator = new TemplateEmailGenerator();
        ProspectFacts Prospect(string name, string title) =>
            new(Guid.NewGuid(), Guid.NewGuid(), name, $"{name.ToLowerInvariant()}@engines.example", "Analytical Engines", title, null, null, new Dictionary<string, string>());
        var enrichment = new EnrichmentOutcome(null, null, null, [], new Dictionary<string, SourceResult>());
        var analysis = new AnalysisOutcome([], [], null, null, null, 0, [], "template");

        var ada = await generator.GenerateAsync(Prospect("Ada", "CTO"), enrichment, analysis, campaign, TestContext.Current.CancellationToken);
        var charles = await generator.GenerateAsync(Prospect("Charles", "Head of Finance"), enrichment, analysis, campaign, TestContext.Current.CancellationToken);

        Assert.Equal("An idea for Analytical Engines", ada.Subject);
        Assert.NotEqual(ada.Body, charles.Body);
        Assert.Contains("as CTO,", ada.Body, StringComparison.Ordinal);
        Assert.EndsWith("Sam\nNorthwind", ada.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleCampaign_WithAndWithoutEnrichment_RendersAPersonalEmailWithNoGap()
    {
        var request = Outreach.Functions.Application.CampaignRequest.Parse(
            File.ReadAllText(Path.Combine(Infrastructure.TestEnvironment.RepositoryRoot, "samples", "campaign.json")));
        EmailTemplates.Check(request.EmailBody!, "emailBody");
        var enriched = new TemplateModelBuilder().Build() with { ServiceName = request.Service!.Name, ValueProposition = request.Service.ValueProposition! };
        var bare = new TemplateModelBuilder().Bare().Build() with { FirstName = "Maya", Csv = new Dictionary<string, string> { ["Industry"] = "Financial Services" } };

        var withFacts = EmailTemplates.Render(request.EmailBody!, enriched);
        var withoutFacts = EmailTemplates.Render(request.EmailBody!, bare);

        Assert.Contains("I was reading about Analytical Engines: Builds engines.", withFacts, StringComparison.Ordinal);
        Assert.Contains("Teams running Kubernetes and PostgreSQL", withFacts, StringComparison.Ordinal);
        Assert.Contains("given your role as CTO?", withFacts, StringComparison.Ordinal);
        Assert.StartsWith("Hi Maya,\n\nMost Financial Services teams", withoutFacts, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", withoutFacts, StringComparison.Ordinal);
    }

    /// <summary>A template model with every value set; methods take parts away.</summary>
    private sealed class TemplateModelBuilder
    {
        private TemplateModel _model = TemplateModel.Sample with
        {
            CompanySummary = "Builds engines.",
            LinkedinHeadline = "Mathematician",
        };

        public TemplateModelBuilder WithoutColumns()
        {
            _model = _model with { Csv = new Dictionary<string, string>() };
            return this;
        }

        public TemplateModelBuilder WithTechStack(IReadOnlyList<string> tools)
        {
            _model = _model with { TechStack = tools };
            return this;
        }

        public TemplateModelBuilder WithCompany(string company)
        {
            _model = _model with { Company = company };
            return this;
        }

        public TemplateModelBuilder Bare()
        {
            _model = new TemplateModel(null, null, null, null, null, null, new Dictionary<string, string>(), null, [], null, "Cloud Cost Review", "A review.", "Lower cloud bills.", null, null, null);
            return this;
        }

        public TemplateModel Build() => _model;
    }
}
