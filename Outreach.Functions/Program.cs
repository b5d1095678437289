using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Outreach.Functions;

// The Functions host starts this worker. The registrations live in AddOutreachFunctions so the CLI and
// the tests run exactly the same services.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services.AddOutreachFunctions();

await builder.Build().RunAsync();
