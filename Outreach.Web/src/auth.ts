// Where the API is and how the console signs in. Locally (`outreach serve`) the API is on the same origin and the token
// travels as the cookie the printed URL set: there is no /config.json and nothing here does anything. In Azure the
// console is a Static Web App and the API a Flex Consumption Function App behind App Service authentication (Static Web
// Apps cannot link a Flex Consumption app): the deployment writes /config.json, and the console signs the person in with
// Entra ID (MSAL, loaded only then) and calls the API with their access token — never a function key.
import type { AccountInfo, PublicClientApplication } from "@azure/msal-browser";

/** What the deployment writes to /config.json. */
export type ConsoleConfig = { apiBaseUrl: string; clientId: string; tenantId: string; scope: string };

let config: ConsoleConfig | null = null;
let client: PublicClientApplication | null = null;
let account: AccountInfo | null = null;

async function loadConfig(): Promise<ConsoleConfig | null> {
  try {
    const response = await fetch("/config.json", { cache: "no-store", credentials: "same-origin" });
    // A server without the file may answer with the console's index.html (its SPA fallback): that is "no config" too.
    if (!response.ok || !(response.headers.get("Content-Type") ?? "").includes("json")) return null;
    const value = (await response.json()) as Partial<ConsoleConfig>;
    return value.apiBaseUrl && value.clientId && value.tenantId && value.scope ? (value as ConsoleConfig) : null;
  } catch {
    return null;
  }
}

/**
 * Before the console renders: reads the deployment's config and, when there is one, finishes a sign-in that is coming
 * back or starts one (the page then navigates to Entra ID and this never resolves).
 */
export async function signIn(): Promise<void> {
  config = await loadConfig();
  if (!config) return;
  const { PublicClientApplication } = await import("@azure/msal-browser");
  client = new PublicClientApplication({
    auth: { clientId: config.clientId, authority: `https://login.microsoftonline.com/${config.tenantId}`, redirectUri: `${location.origin}/` },
    cache: { cacheLocation: "sessionStorage" },
  });
  await client.initialize();
  const returned = await client.handleRedirectPromise();
  account = returned?.account ?? client.getAllAccounts()[0] ?? null;
  if (!account) {
    await client.loginRedirect({ scopes: [config.scope] });
    await new Promise(() => {});
  }
  client.setActiveAccount(account);
}

/** The URL of an API path: same origin locally, the Function App in Azure. */
export function apiUrl(path: string): string {
  return `${config?.apiBaseUrl.replace(/\/$/, "") ?? ""}/api/${path}`;
}

/** The headers that authorize a call: the signed-in user's access token in Azure, none locally (the cookie does it). */
export async function authorization(): Promise<Record<string, string>> {
  if (!client || !config || !account) return {};
  try {
    const result = await client.acquireTokenSilent({ scopes: [config.scope], account });
    return { Authorization: `Bearer ${result.accessToken}` };
  } catch {
    // The session ended or consent is needed: sign in again (the page navigates away).
    await client.acquireTokenRedirect({ scopes: [config.scope], account });
    return await new Promise(() => {});
  }
}

/** Same-origin calls carry the cookie; cross-origin ones (Azure) carry only the bearer token. */
export function credentials(): RequestCredentials {
  return config ? "omit" : "same-origin";
}
