using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Outreach.Data.Ingestion;
using Outreach.Data.Persistence;
using Outreach.Data.Reads;
using Outreach.Functions.Activities;
using Outreach.Functions.Application;
using Outreach.Functions.Application.Erasure;
using Outreach.Functions.Application.Pushes;
using Outreach.Functions.Application.Suppressions;
using Outreach.Functions.Application.Webhooks;
using Outreach.Functions.Application.Workflow;
using Outreach.Functions.Contracts;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Providers;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.Llm;
using Outreach.Functions.Providers.Template;
using Outreach.Functions.Verification;
using Outreach.Functions.Webhooks;

namespace Outreach.Functions;

/// <summary>The app's services in one place, so the Functions host, <c>outreach</c> and the tests register the same things.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Persistence, the CSV importer, the upload processor, the pipeline and its default providers.</summary>
    public static IServiceCollection AddOutreachFunctions(this IServiceCollection services)
    {
        services.AddOutreachPersistence();
        services.AddOutreachQueries();
        services.AddSingleton<Catalog>();
        services.AddSingleton<SuppressionList>();
        services.AddOutreachImport();
        services.AddSingleton<BlobUploadProcessor>();
        services.AddSingleton<BatchSweeper>();

        services.AddOptions<PipelineOptions>()
            .BindConfiguration(PipelineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => StorageClients.Create(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ProspectStore>();

        // The steps ProcessProspect runs in one activity; transient like the providers they hold.
        services.AddTransient<EnrichProspect>();
        services.AddTransient<AnalyzeProspect>();
        services.AddTransient<GenerateEmail>();
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AddressVerifier>();
        services.AddSingleton<ResultsWriter>();
        services.AddSingleton<BatchControl>();

        // What the HTTP functions call, besides the queries.
        services.AddSingleton<UploadIntake>();
        services.AddSingleton<EmailReview>();
        services.AddSingleton<ProviderCatalog>();
        services.AddSingleton<HealthCheck>();
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WorkflowWizard>();
        services.AddSingleton<PersonErasure>();
        services.AddSingleton<SequencerClients>();
        services.AddSingleton<SequencerPush>();

        // Webhooks: receivers from settings and the API, deliveries through an address-guarded client that follows no redirect.
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookReceivers>();
        services.AddSingleton<WebhookRegistry>();
        services.AddHttpClient(WebhookOptions.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedConnection.CreateHandler(
                () => sp.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue.AllowPrivateAddresses, "the webhook sender", allowRedirects: false));

        // The provider clients; a client whose key is not set is never called. TryAdd lets tests supply their own.
        services.AddOutreachProviders();
        services.TryAddTransient<IProspectEnricher, ProviderEnricher>();
        services.TryAddSingleton<TemplateAnalyzer>();
        services.TryAddSingleton<TemplateEmailGenerator>();

        // The chosen LLM, or the template when no LLM key is set.
        services.TryAddTransient<IProspectAnalyzer, LlmAnalyzer>();
        services.TryAddTransient<IEmailGenerator, LlmEmailGenerator>();
        return services;
    }

    /// <summary>
    /// The read side alone: the plain-SQL reads and the application services the read routes call (batches, jobs,
    /// uploads, prospects and emails, campaigns and services, the suppression list), on the data source registered
    /// before it. <see cref="AddOutreachFunctions"/> includes it over the app's data source; a process that only reads
    /// (a read verb of <c>outreach</c>) registers it over <c>AddOutreachReadDatabase</c> (no enum mappings, no EF
    /// Core), and loads nothing of the pipeline, the providers or their HTTP clients.
    /// </summary>
    public static IServiceCollection AddOutreachQueries(this IServiceCollection services)
    {
        services.AddOutreachReads();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BatchQueries>();
        services.AddSingleton<JobQueries>();
        services.AddSingleton<UploadQueries>();
        services.AddSingleton<ProspectQueries>();
        services.AddSingleton<CatalogQueries>();
        services.AddSingleton<SuppressionQueries>();
        services.AddSingleton<ProviderQueries>();
        services.AddOutreachProviderOptions();
        return services;
    }
}
