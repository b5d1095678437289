using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Outreach.Domain.Persistence;

// The Functions host starts this worker; registrations here are shared with the CLI and the tests
// through the extension methods they call, so the three run the same code.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services.AddOutreachPersistence();

await builder.Build().RunAsync();
