// The console's only way to the API: same origin, the token travels as the cookie `outreach serve` set.

export type Paged<T> = { items: T[]; page: number; pageSize: number; total: number };

export type BatchSummary = {
  id: string; campaignId: string; campaignName: string; name: string; status: string;
  totalProspects: number; generatedEmails: number; failedProspects: number; skippedProspects: number; createdAt: string;
};

export type EmailFact = { id: string; source: string; text: string };

export type Email = {
  id: string; prospectId: string; name: string | null; email: string | null; company: string | null;
  subject: string | null; body: string | null; reviewStatus: string; qualityFlags: string[]; factsUsed: EmailFact[];
  reviewNote: string | null; model: string | null; originalSubject: string | null; originalBody: string | null; editedAt: string | null;
};

export type Fact = { id: string; source: string; text: string; usedByEmail: boolean };

export type ProspectDetail = {
  id: string; name: string | null; email: string; company: string | null; title: string | null; status: string;
  errorMessage: string | null; facts: Fact[]; emailVerification: string | null;
};

export type ProspectSummary = { id: string; ordinal: number; name: string | null; email: string; company: string | null; status: string; errorMessage: string | null };

/** An answer the API refused, with its problem-details `detail`. */
export class ApiError extends Error {
  constructor(readonly status: number, detail: string) {
    super(detail);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/${path}`, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
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
  return (await response.json()) as T;
}

export const api = {
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
  exportUrl: (batchId: string) => `/api/batches/${batchId}/emails.csv?approved=true`,
};
