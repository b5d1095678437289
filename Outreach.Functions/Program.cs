using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Functions;
using Outreach.Functions.Providers.Llm;

// The Functions host starts this worker. The registrations live in AddOutreachFunctions so the CLI and
// the tests run exactly the same services.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services.AddOutreachFunctions();

// The host says which model writes (the CLI prints the same line itself).
builder.Services.AddHostedService<LlmChoiceLog>();

await builder.Build().RunAsync();
