using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Templating;

/// <summary>
/// A campaign's subject and body are Liquid templates (Fluid). This is the one place that knows their variables:
/// it checks a template when a campaign is created — a syntax error, an unknown variable or filter, or output that
/// would still hold <c>{{</c> or <c>{%</c> is refused, naming the field, the variable and its line — and renders it
/// for a prospect. Prospect values are data: any Liquid delimiters in them are removed before rendering, so nothing
/// a CSV holds can become template code, and no email ever carries an unfilled placeholder.
/// </summary>
public static partial class EmailTemplates
{
    /// <summary>The body used when a campaign has none: it reads well with no enrichment and uses what there is.</summary>
    public const string DefaultBody = """
        Hi {{ first_name | default: "there" }},

        {% if linkedin_headline %}I came across your profile ({{ linkedin_headline }}) and thought of {{ service.name }}.{% elsif company_summary %}I was reading about {{ company }}: {{ company_summary | truncatewords: 25 }}{% elsif company %}I'm reaching out to {{ company }}{% if title %} because, as {{ title }}, you are likely close to this{% endif %}.{% else %}I'm reaching out about {{ service.name }}.{% endif %}
        {% if tech_stack.size > 0 %}
        Since you run {{ tech_stack | slice: 0, 3 | join: ", " }}, this may be timely: {{ service.value_proposition }}
        {% else %}
        {{ service.value_proposition }}
        {% endif %}
        Would a short call next week be useful?

        {{ sender.name | default: "" }}{% if sender.title %}, {{ sender.title }}{% endif %}{% if sender.company %}
        {{ sender.company }}{% endif %}
        """;

    /// <summary>Every variable a template may use.</summary>
    public static IReadOnlyList<string> Variables { get; } =
    [
        "first_name", "last_name", "name", "company", "title", "website", "csv", "company_summary", "tech_stack", "linkedin_headline",
        "service.name", "service.description", "service.value_proposition", "sender.name", "sender.title", "sender.company",
    ];

    private static readonly FluidParser Parser = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IFluidTemplate> ParsedTemplates = new(StringComparer.Ordinal);

    private static readonly TemplateOptions Options = new()
    {
        StrictFilters = true,
        MaxSteps = 100_000,
        MaxRecursion = 20,
    };

    private static readonly HashSet<string> Roots = new(Variables.Select(v => v.Split('.')[0]), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, HashSet<string>> Members = Variables.Where(v => v.Contains('.', StringComparison.Ordinal))
        .GroupBy(v => v.Split('.')[0], StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => new HashSet<string>(g.Select(v => v.Split('.')[1]), StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks <paramref name="template"/>; throws <see cref="DomainValidationException"/> naming <paramref name="field"/>, the problem and its line.</summary>
    public static void Check(string template, string field)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parsed = Parse(template, field);
        var collector = new VariableCollector();
        collector.VisitTemplate(parsed);
        foreach (var variable in collector.Referenced)
        {
            var root = variable.Split('.')[0];
            var known = collector.Declared.Contains(root)
                || (Roots.Contains(root) && (!variable.Contains('.', StringComparison.Ordinal) || !Members.TryGetValue(root, out var members) || members.Contains(variable.Split('.')[1])));
            if (!known)
            {
                throw new DomainValidationException(
                    $"{field}: unknown variable '{variable}' on line {LineOf(template, variable)}. Known variables: {string.Join(", ", Variables)} " +
                    "(an imported column is csv[\"Its Header\"]).");
            }
        }

        string sample;
        try
        {
            sample = Render(parsed, TemplateModel.Sample);
        }
        catch (Exception ex) when (ex is FluidException or InvalidOperationException or ArgumentException)
        {
            throw new DomainValidationException($"{field}: {ex.Message}");
        }

        if (Unfilled(sample))
        {
            throw new DomainValidationException($"{field}: the template would leave '{{{{' or '{{%' in the email (a raw block?). Emails must not carry placeholders.");
        }
    }

    /// <summary>Renders <paramref name="template"/> (already checked) for <paramref name="model"/>; trims the result.</summary>
    public static string Render(string template, TemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(template);
        // A campaign's two templates are rendered for every prospect: parse each text once (Fluid templates are
        // immutable and safe to render concurrently). Campaign texts are few; the cache is dropped if that changes.
        if (!ParsedTemplates.TryGetValue(template, out var parsed))
        {
            if (ParsedTemplates.Count >= 1_000)
            {
                ParsedTemplates.Clear();
            }

            parsed = ParsedTemplates.GetOrAdd(template, Parse(template, "template"));
        }

        var text = Render(parsed, model);
        return Unfilled(text)
            ? throw new InvalidOperationException("The rendered email still holds a Liquid placeholder.")
            : text;
    }

    /// <summary>
    /// The campaign's footer rendered for one prospect, or null when the campaign has none. A footer that cannot be
    /// rendered fails the prospect (the campaign's problem, not a blip), as a body would.
    /// </summary>
    public static string? RenderFooter(Contracts.CampaignBrief campaign, TemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (string.IsNullOrWhiteSpace(campaign.Footer))
        {
            return null;
        }

        try
        {
            return Render(campaign.Footer, model);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FluidException or DomainValidationException)
        {
            throw new Contracts.PermanentProspectException($"The campaign's footer cannot be rendered: {ex.Message}");
        }
    }

    /// <summary>Whether <paramref name="text"/> still holds Liquid delimiters.</summary>
    public static bool Unfilled(string text) => text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);

    private static IFluidTemplate Parse(string template, string field) =>
        Parser.TryParse(template, out var parsed, out var error) ? parsed : throw new DomainValidationException($"{field}: {error}");

    private static string Render(IFluidTemplate template, TemplateModel model)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in model.Values())
        {
            context.SetValue(name, FluidValue.Create(value, Options));
        }

        var text = template.Render(context, NullEncoder.Default);

        // Blank lines left by conditionals that rendered nothing collapse to one.
        return ExtraBlankLines().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim();
    }

    private static int LineOf(string template, string variable)
    {
        var root = Regex.Escape(variable.Split('.')[^1]);
        var match = Regex.Match(template, $@"\b{root}\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? template[..match.Index].Count(c => c == '\n') + 1 : 1;
    }

    [GeneratedRegex(@"\n[ \t]*\n(?:[ \t]*\n)+")]
    private static partial Regex ExtraBlankLines();

    /// <summary>Collects the variables a template reads and the names it declares itself (assign, capture, for).</summary>
    private sealed class VariableCollector : AstVisitor
    {
        public HashSet<string> Declared { get; } = new(StringComparer.OrdinalIgnoreCase) { "forloop", "tablerowloop", "empty", "blank", "nil", "null", "true", "false" };

        public List<string> Referenced { get; } = [];

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments is [IdentifierSegment root, ..] segments)
            {
                Referenced.Add(segments is [_, IdentifierSegment member, ..] && member.Identifier is not ("size" or "first" or "last")
                    ? $"{root.Identifier}.{member.Identifier}"
                    : root.Identifier);
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Declared.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Declared.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Declared.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }
    }
}
