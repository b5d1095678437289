using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Functions;
using Outreach.Functions.Providers.Llm;
using Outreach.Functions.Triggers.Http.Access;

// The Functions host starts this worker. The registrations live in AddOutreachFunctions so the CLI and
// the tests run exactly the same services.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The API's access rule in Azure (App Service authentication and the app role) before every HTTP function.
builder.UseWhen<AccessMiddleware>(AccessMiddleware.IsHttp);
builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName);
builder.Services.AddSingleton(sp => new AccessPolicy(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccessOptions>>()));

builder.Services.AddOutreachFunctions();

// The host says which model writes (the CLI prints the same line itself).
builder.Services.AddHostedService<LlmChoiceLog>();

await builder.Build().RunAsync();
