// The console's only way to the API: same origin with the cookie `outreach serve` set, or the Function App with the
// signed-in user's token in Azure (auth.ts).
import { apiUrl, authorization, credentials } from "./auth";

export type Paged<T> = { items: T[]; page: number; pageSize: number; total: number };

export type Pushes = {
  batchId: string;
  targets: { target: string; pushed: number; skipped: number; failed: number }[];
  jobs: { jobId: string; status: string; progressCurrent: number; progressTotal: number; error: string | null }[];
  notPushed: { emailId: string; target: string; campaign: string; status: string; error: string | null }[];
};

export type BatchSummary = {
  id: string; campaignId: string; campaignName: string; name: string; status: string;
  totalProspects: number; generatedEmails: number; failedProspects: number; skippedProspects: number; createdAt: string;
};

export type EmailFact = { id: string; source: string; text: string };

export type Email = {
  id: string; prospectId: string; name: string | null; email: string | null; company: string | null;
  subject: string | null; body: string | null; reviewStatus: string; qualityFlags: string[]; factsUsed: EmailFact[];
  reviewNote: string | null; model: string | null; originalSubject: string | null; originalBody: string | null; editedAt: string | null;
  emailVerification: string | null;
};

export type Fact = { id: string; source: string; text: string; usedByEmail: boolean };

export type ProspectDetail = {
  id: string; name: string | null; email: string; company: string | null; title: string | null; status: string;
  errorMessage: string | null; facts: Fact[]; emailVerification: string | null;
};

export type ProspectSummary = { id: string; ordinal: number; name: string | null; email: string; company: string | null; status: string; errorMessage: string | null };

export type Workflow = {
  id: string; userSessionId: string; step: string; status: string; guided: boolean; campaignId: string | null; batchId: string | null;
  configuration: Record<string, string>; stepsCompleted: { step: string; completedAt: string }[]; errorMessage: string | null;
  createdAt: string; updatedAt: string;
};

export type UploadPreview = {
  accepted: number; rejected: { line: number; reason: string }[]; mapping: Record<string, string>; encoding: string; separator: string;
  headers: string[]; notes: string[];
};

export type Campaign = {
  id: string; name: string; emailSubject: string; prompt: string; enrichmentFlags: string[]; requiredEnrichment: string[]; serviceId: string;
  dedupeScope: string; maxSubjectChars: number; maxBodyWords: number; emailBody: string | null; senderName: string | null;
  senderTitle: string | null; senderCompany: string | null; minBodyWords: number; verification: string;
  footer: string | null; unsubscribe: string | null;
};

/** The body of a campaign creation or update (samples/campaign.json's shape). */
export type CampaignRequest = {
  name: string; emailSubject: string; emailBody: string | null; prompt: string; enrichmentFlags: string[]; requiredEnrichment: string[];
  service?: { name: string; description: string; valueProposition: string }; serviceId?: string; dedupeScope?: string;
  senderName: string | null; senderTitle: string | null; senderCompany: string | null; verification: string;
  footer: string | null; unsubscribe: string | null;
};

export type EmailPreview = { line: number; name: string | null; company: string | null; subject: string; body: string; footer: string | null };

export type Provider = { provider: string; enabled: boolean; keyIsSet: boolean; keyless: boolean; secretSetting: string; model: string | null };

export type Batch = {
  id: string; campaignId: string; name: string; status: string; totalProspects: number; enrichedProspects: number; generatedEmails: number;
  failedProspects: number; skippedProspects: number; percentDone: number; runtimeStatus: string | null; errorMessage: string | null;
  job: { id: string; type: string; status: string; progressCurrent: number; progressTotal: number } | null;
};

/** An answer the API refused, with its problem-details `detail`. */
export class ApiError extends Error {
  constructor(readonly status: number, detail: string) {
    super(detail);
  }
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const isFile = body instanceof Blob;
  const response = await fetch(apiUrl(path), {
    method,
    credentials: credentials(),
    headers: { ...(await authorization()), ...(body === undefined ? {} : { "Content-Type": isFile ? "text/csv" : "application/json" }) },
    body: body === undefined ? undefined : isFile ? body : JSON.stringify(body),
  });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      detail = (await response.json()).detail ?? detail;
    } catch {
      // Not problem details: keep the status line.
    }
    throw new ApiError(response.status, detail);
  }
  return response;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const text = await (await send(method, path, body)).text();
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

/** Saves what an API path answers as a file (an authorized fetch, so it works with a bearer token as with the cookie). */
async function download(path: string, fileName: string): Promise<void> {
  const blob = await (await send("GET", path)).blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export const api = {
  workflows: (userSessionId: string) => call<Workflow[]>("GET", `workflows?userSessionId=${encodeURIComponent(userSessionId)}`),
  startWorkflow: (userSessionId: string) => call<Workflow>("POST", "workflows", { userSessionId }),
  workflow: (id: string) => call<Workflow>("GET", `workflows/${id}`),
  stageFile: (id: string, file: File) => call<{ session: Workflow; preview: UploadPreview }>("PUT", `workflows/${id}/file?name=${encodeURIComponent(file.name)}`, file),
  filePreview: (id: string) => call<UploadPreview>("GET", `workflows/${id}/file`),
  emailPreview: (id: string, campaign: CampaignRequest, row: number) => call<EmailPreview>("POST", `workflows/${id}/email-preview?row=${row}`, campaign),
  advance: (id: string, step: string, extra: { campaignId?: string; configuration?: Record<string, string | null> } = {}) =>
    call<Workflow>("POST", `workflows/${id}/advance`, { step, ...extra }),
  abandon: (id: string) => call<Workflow>("POST", `workflows/${id}/abandon`),
  campaigns: () => call<Paged<Campaign>>("GET", "campaigns?pageSize=200"),
  campaign: (id: string) => call<Campaign>("GET", `campaigns/${id}`),
  createCampaign: (body: CampaignRequest) => call<Campaign>("POST", "campaigns", body),
  updateCampaign: (id: string, body: CampaignRequest) => call<{ campaign: Campaign; changes: string[] }>("PUT", `campaigns/${id}`, body),
  providers: () => call<Provider[]>("GET", "providers"),
  batch: (id: string) => call<Batch>("GET", `batches/${id}`),
  failures: (id: string) => call<{ reason: string; count: number }[]>("GET", `batches/${id}/failures`),
  control: (id: string, action: "pause" | "resume" | "cancel") => call<unknown>("POST", `batches/${id}/${action}`),
  batches: () => call<Paged<BatchSummary>>("GET", "batches?pageSize=200"),
  emails: (batchId: string, review: string) =>
    call<Paged<Email>>("GET", `batches/${batchId}/emails?pageSize=200${review ? `&review=${encodeURIComponent(review)}` : ""}`),
  failed: (batchId: string) => call<Paged<ProspectSummary>>("GET", `batches/${batchId}/prospects?status=FAILED&pageSize=200`),
  prospect: (id: string) => call<ProspectDetail>("GET", `prospects/${id}`),
  review: (emailId: string, status: "APPROVED" | "REJECTED", note: string) =>
    call<Email>("PUT", `emails/${emailId}/review`, { status, note: note.trim() === "" ? null : note.trim() }),
  regenerate: (emailId: string) => call<{ jobId: string }>("POST", `emails/${emailId}/regenerate`),
  approveUnflagged: (batchId: string) => call<{ approved: number }>("POST", `batches/${batchId}/approve`),
  edit: (emailId: string, subject: string, body: string) => call<Email>("PUT", `emails/${emailId}`, { subject, body }),
  retry: (batchId: string) => call<unknown>("POST", `batches/${batchId}/retry`, { jobType: "FULL_PIPELINE" }),
  exportApproved: (batchId: string, format = "generic") =>
    download(`batches/${batchId}/emails.csv?approved=true&format=${format}`, `emails-${batchId}${format === "generic" ? "" : `-${format}`}.csv`),
  push: (batchId: string, target: string, campaign: string) => call<{ jobId: string }>("POST", `batches/${batchId}/push`, { target, campaign }),
  pushes: (batchId: string) => call<Pushes>("GET", `batches/${batchId}/pushes`),
};
