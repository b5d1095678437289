using System.Diagnostics;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Deployment;

/// <summary>
/// The azd hooks that set up sign-in (infra/hooks), run by sh with stand-ins for <c>az</c> and <c>azd</c> on PATH that
/// record their arguments and answer as Entra ID would: a first run makes the app registration, a re-run updates it in
/// place; and the console's config is written from the provisioned environment.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeploymentHookTests : IDisposable
{
    private const string AppId = "11111111-2222-4333-8444-555555555555";
    private readonly string _dir = Directory.CreateTempSubdirectory("outreach-hooks-").FullName;

    [Fact]
    public async Task Preprovision_WhenNoRegistrationExists_CreatesItWithScopeRoleAndServicePrincipalAndAssignsTheRoleOnce()
    {
        var calls = await RunHookAsync("preprovision.sh", new() { ["AZURE_ENV_NAME"] = "prod", ["AZURE_PRINCIPAL_ID"] = "user-1" });

        Assert.Contains("ad app list --display-name outreach-prod --query [0].appId -o tsv", calls);
        Assert.Contains("ad app create --display-name outreach-prod --sign-in-audience AzureADMyOrg --query appId -o tsv", calls);
        var patches = calls.Where(c => c.StartsWith("rest --method PATCH --uri https://graph.microsoft.com/v1.0/applications/object-1 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, patches.Count);
        var patch = patches[0];
        Assert.Contains("\"preAuthorizedApplications\": [{\"appId\": \"04b07795-8ddb-461a-bbee-02f9e1bf7b46\"", patches[1], StringComparison.Ordinal);
        Assert.Contains($"\"identifierUris\": [\"api://{AppId}\"]", patch, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"user_impersonation\"", patch, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"Outreach.User\"", patch, StringComparison.Ordinal);
        Assert.Matches("\"requestedAccessTokenVersion\": 2", patch);
        Assert.Contains($"ad sp create --id {AppId} --query id -o tsv", calls);
        Assert.Single(calls, c => c.StartsWith("rest --method POST --uri https://graph.microsoft.com/v1.0/servicePrincipals/sp-1/appRoleAssignedTo", StringComparison.Ordinal) && c.Contains("\"principalId\": \"user-1\"", StringComparison.Ordinal));
        Assert.Contains($"azd env set ENTRA_API_CLIENT_ID {AppId}", calls);
    }

    [Fact]
    public async Task Preprovision_WhenRunAgain_UpdatesTheSameRegistrationKeepingItsIdsAndAssignsNothingTwice()
    {
        var calls = await RunHookAsync("preprovision.sh", new()
        {
            ["AZURE_ENV_NAME"] = "prod", ["AZURE_PRINCIPAL_ID"] = "user-1", ["ENTRA_API_CLIENT_ID"] = AppId,
            ["STUB_SCOPE_ID"] = "scope-kept", ["STUB_ROLE_ID"] = "role-kept", ["STUB_SP_ID"] = "sp-1", ["STUB_ASSIGNED"] = "1",
        });

        Assert.DoesNotContain(calls, c => c.StartsWith("ad app create", StringComparison.Ordinal) || c.StartsWith("ad app list", StringComparison.Ordinal) || c.StartsWith("ad sp create", StringComparison.Ordinal));
        var patch = calls.First(c => c.StartsWith("rest --method PATCH", StringComparison.Ordinal));
        Assert.Contains("\"id\": \"scope-kept\"", patch, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"role-kept\"", patch, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.StartsWith("rest --method POST", StringComparison.Ordinal));
        Assert.Contains($"azd env set ENTRA_API_CLIENT_ID {AppId}", calls);
    }

    [Fact]
    public async Task WebConfig_FromTheProvisionedEnvironment_WritesWhereTheApiIsAndHowToSignIn()
    {
        var config = Path.Combine(TestEnvironment.RepositoryRoot, "Outreach.Web", "public", "config.json");
        var before = File.Exists(config) ? await File.ReadAllTextAsync(config, Ct) : null;
        try
        {
            await RunHookAsync("webconfig.sh", new()
            {
                ["AZURE_FUNCTION_APP_URL"] = "https://func-x.azurewebsites.net", ["ENTRA_API_CLIENT_ID"] = AppId, ["AZURE_TENANT_ID"] = "tenant-1",
            });

            var written = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(config, Ct))!;
            Assert.Equal(
                ("https://func-x.azurewebsites.net", AppId, "tenant-1", $"api://{AppId}/user_impersonation"),
                ((string?)written["apiBaseUrl"], (string?)written["clientId"], (string?)written["tenantId"], (string?)written["scope"]));
        }
        finally
        {
            if (before is null)
            {
                File.Delete(config);
            }
            else
            {
                await File.WriteAllTextAsync(config, before, Ct);
            }
        }
    }

    [Fact]
    public async Task WebConfig_BeforeProvisioning_FailsNamingTheMissingValue()
    {
        var (exit, _, error) = await RunAsync("webconfig.sh", new() { ["AZURE_FUNCTION_APP_URL"] = "https://func-x.azurewebsites.net" });

        Assert.NotEqual(0, exit);
        Assert.Contains("ENTRA_API_CLIENT_ID", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postdeploy_WhenNoSubscriptionExists_CreatesItOnTheAppsHostWithRetriesAndAnIdentityDeadLetter()
    {
        var (exit, output, error) = await RunAsync("postdeploy.sh", Deployed(new() { ["AZURE_FUNCTION_APP_URL"] = "https://outreach.contoso.example/" }));
        var calls = await CallsAsync();

        Assert.True(exit == 0, $"postdeploy.sh failed (exit {exit}):\n{error}\n{output}");
        Assert.Contains("creating the csv-uploads subscription", output, StringComparison.Ordinal);
        var create = Assert.Single(calls, c => c.StartsWith("eventgrid system-topic event-subscription create", StringComparison.Ordinal));
        Assert.Contains("--name csv-uploads --resource-group rg-prod --system-topic-name evgt-1 --endpoint-type webhook", create, StringComparison.Ordinal);
        Assert.Contains("--endpoint https://outreach.contoso.example/runtime/webhooks/blobs?functionName=Host.Functions.CsvUploadTrigger&code=blob-key-1 ", create, StringComparison.Ordinal);
        Assert.Contains("--included-event-types Microsoft.Storage.BlobCreated --subject-begins-with /blobServices/default/containers/prospect-uploads/blobs/ --subject-ends-with .csv", create, StringComparison.Ordinal);
        Assert.Contains("--max-delivery-attempts 30 --event-ttl 1440", create, StringComparison.Ordinal);
        Assert.Contains($"--deadletter-identity systemassigned --deadletter-identity-endpoint {StorageId}/blobServices/default/containers/eventgrid-deadletter", create, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.StartsWith("functionapp show", StringComparison.Ordinal));
        // The system key rides only in the endpoint az receives: never in what the hook prints.
        Assert.DoesNotContain("blob-key-1", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postdeploy_WhenRunAgain_UpdatesTheSameSubscriptionInPlace()
    {
        var (exit, output, error) = await RunAsync("postdeploy.sh", Deployed(new() { ["AZURE_FUNCTION_APP_URL"] = "https://outreach.contoso.example", ["STUB_SUBSCRIPTION"] = "1" }));
        var calls = await CallsAsync();

        Assert.True(exit == 0, $"postdeploy.sh failed (exit {exit}):\n{error}\n{output}");
        Assert.Contains("updating the csv-uploads subscription of evgt-1 in place", output, StringComparison.Ordinal);
        Assert.Single(calls, c => c.StartsWith("eventgrid system-topic event-subscription create --name csv-uploads ", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.Contains(" delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Postdeploy_WithoutTheAppUrlOutput_AsksTheAppForItsHostName()
    {
        var (exit, output, error) = await RunAsync("postdeploy.sh", Deployed([]));
        var calls = await CallsAsync();

        Assert.True(exit == 0, $"postdeploy.sh failed (exit {exit}):\n{error}\n{output}");
        Assert.Contains("functionapp show -g rg-prod -n func-x --query defaultHostName -o tsv", calls);
        Assert.Contains(calls, c => c.Contains("--endpoint https://func-x-abc123.westeurope-01.azurewebsites.net/runtime/webhooks/blobs?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Postdeploy_BeforeProvisioning_FailsNamingTheMissingOutput()
    {
        var (exit, _, error) = await RunAsync("postdeploy.sh", new() { ["AZURE_RESOURCE_GROUP"] = "rg-prod", ["AZURE_FUNCTION_APP_NAME"] = "func-x" });

        Assert.NotEqual(0, exit);
        Assert.Contains("AZURE_EVENTGRID_TOPIC_NAME", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "calls.log")), "The hook called az before checking its inputs.");
    }

    private const string StorageId = "/subscriptions/s-1/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/st1";

    // What azd passes a postdeploy hook: the provisioned outputs (main.bicep) and, through the stand-in, the app's key.
    private static Dictionary<string, string> Deployed(Dictionary<string, string> extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["AZURE_RESOURCE_GROUP"] = "rg-prod", ["AZURE_FUNCTION_APP_NAME"] = "func-x", ["AZURE_EVENTGRID_TOPIC_NAME"] = "evgt-1",
            ["AZURE_STORAGE_ACCOUNT_ID"] = StorageId, ["AZURE_EVENTGRID_DEADLETTER_CONTAINER"] = "eventgrid-deadletter", ["STUB_KEY"] = "blob-key-1",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    private async Task<List<string>> CallsAsync()
    {
        var log = Path.Combine(_dir, "calls.log");
        return File.Exists(log) ? [.. await File.ReadAllLinesAsync(log, Ct)] : [];
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Runs the hook and returns the calls the stand-ins recorded, one line each.
    private async Task<List<string>> RunHookAsync(string hook, Dictionary<string, string> environment)
    {
        var (exit, output, error) = await RunAsync(hook, environment);
        Assert.True(exit == 0, $"{hook} failed (exit {exit}):\n{error}\n{output}");
        return await CallsAsync();
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(string hook, Dictionary<string, string> environment)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        // The stand-in answers the queries the hooks make; STUB_* say what already exists. Each call is one line (newlines folded).
        await File.WriteAllTextAsync(Path.Combine(bin, "az"), $$"""
            #!/bin/sh
            printf '%s\n' "$*" | tr '\n' ' ' | sed 's/ $//' >> "{{_dir}}/calls.log"; echo >> "{{_dir}}/calls.log"
            case "$*" in
              "functionapp keys list"*) echo "${STUB_KEY:-}" ;;
              "functionapp show"*) echo "func-x-abc123.westeurope-01.azurewebsites.net" ;;
              "eventgrid system-topic event-subscription show"*) [ -n "${STUB_SUBSCRIPTION:-}" ] && echo csv-uploads || { echo "ERROR: (ResourceNotFound)" >&2; exit 3; } ;;
              "ad app list"*) echo "${STUB_APP_ID:-}" ;;
              "ad app create"*) echo "{{AppId}}" ;;
              *"--query id -o tsv") case "$*" in "ad sp show"*) [ -n "${STUB_SP_ID:-}" ] && echo "$STUB_SP_ID" || exit 3 ;; "ad sp create"*) echo sp-1 ;; *) echo object-1 ;; esac ;;
              *oauth2PermissionScopes*) echo "${STUB_SCOPE_ID:-}" ;;
              *appRoles*) echo "${STUB_ROLE_ID:-}" ;;
              *"--method GET"*) echo "${STUB_ASSIGNED:-0}" ;;
              *) ;;
            esac
            """.Replace("\r", string.Empty, StringComparison.Ordinal), Ct);
        await File.WriteAllTextAsync(Path.Combine(bin, "azd"), $"#!/bin/sh\necho \"azd $*\" >> \"{_dir}/calls.log\"\n", Ct);
        File.SetUnixFileMode(Path.Combine(bin, "az"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Path.Combine(bin, "azd"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo("sh", [Path.Combine(TestEnvironment.RepositoryRoot, "infra", "hooks", hook)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{bin}:/usr/bin:/bin";
        foreach (var name in new[] { "ENTRA_API_CLIENT_ID", "AZURE_PRINCIPAL_ID", "AZURE_TENANT_ID", "AZURE_FUNCTION_APP_URL", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "AZURE_EVENTGRID_TOPIC_NAME", "AZURE_STORAGE_ACCOUNT_ID", "AZURE_EVENTGRID_DEADLETTER_CONTAINER" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        ceiling.CancelAfter(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(ceiling.Token);
        return (process.ExitCode, await output, await error);
    }
}
