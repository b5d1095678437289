// Sign-in as deployed in Azure, in a real browser (Debian's Chromium through playwright-core), run by Outreach.Tests
// (ConsoleBrowserTests) against `outreach serve`: the page is given the /config.json a deployment writes, Entra ID's
// endpoints and the Function App are answered by the browser's own routes (this machine reaches neither), and the
// script reports the authorization request the console sent the person to and every API call it tried first.
//   OUTREACH_URL    the URL `outreach serve` printed (with its token)
//   CHROMIUM        the browser (default /usr/bin/chromium)
//   SCREENSHOTS     a directory for a screenshot
import { run } from "./browser.mjs";

const url = process.env.OUTREACH_URL;
if (!url) throw new Error("OUTREACH_URL is not set: the URL `outreach serve` printed.");

const tenant = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const clientId = "11111111-2222-4333-8444-555555555555";
const config = { apiBaseUrl: "https://func-outreach.azurewebsites.net", clientId, tenantId: tenant, scope: `api://${clientId}/user_impersonation` };
const login = "https://login.microsoftonline.com";

await run("signin-", async ({ context, page, result, shot }) => {
  result.apiCalls = [];
  await context.route("**/config.json", (route) => route.fulfill({ json: config }));
  await context.route(`${config.apiBaseUrl}/**`, (route) => {
    result.apiCalls.push(route.request().url());
    return route.fulfill({ status: 401 });
  });
  await context.route(`${login}/**`, (route) => {
    const requested = new URL(route.request().url());
    if (requested.pathname.endsWith("/discovery/instance")) {
      return route.fulfill({ json: {
        tenant_discovery_endpoint: `${login}/${tenant}/v2.0/.well-known/openid-configuration`, "api-version": "1.1",
        metadata: [{ preferred_network: "login.microsoftonline.com", preferred_cache: "login.windows.net", aliases: ["login.microsoftonline.com", "login.windows.net"] }],
      } });
    }
    if (requested.pathname.endsWith("/.well-known/openid-configuration")) {
      return route.fulfill({ json: {
        issuer: `${login}/${tenant}/v2.0`, authorization_endpoint: `${login}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${login}/${tenant}/oauth2/v2.0/token`, end_session_endpoint: `${login}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${login}/${tenant}/discovery/v2.0/keys`, response_types_supported: ["code"], scopes_supported: ["openid", "profile", "offline_access"],
      } });
    }
    if (requested.pathname.endsWith("/oauth2/v2.0/authorize")) {
      result.authorize = { host: requested.host, path: requested.pathname, ...Object.fromEntries(requested.searchParams) };
      return route.fulfill({ contentType: "text/html", body: "<!doctype html><html lang=en><title>Sign in</title><h1>Sign in</h1></html>" });
    }
    return route.fulfill({ status: 404 });
  });

  await page.goto(url);
  await page.waitForURL(/login\.microsoftonline\.com/);
  await shot("entra");
});
