import { useEffect, useRef, useState } from "preact/hooks";
import {
  api, type Batch, type Campaign, type CampaignRequest, type EmailPreview, type Provider, type UploadPreview, type Workflow,
} from "./api";
import { Review } from "./Review";

// The browser's own id: kept in localStorage, so another tab or a visit a day later finds the same wizard.
const browserKey = "outreach.userSessionId";
function browserSession(): string {
  let id = localStorage.getItem(browserKey);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(browserKey, id);
  }
  return id;
}

const steps: [string, string][] = [
  ["UPLOAD_CSV", "Upload"],
  ["CAMPAIGN_SETTINGS", "Campaign"],
  ["ENRICHMENT_CONFIG", "Sources"],
  ["BEGIN_ENRICHMENT", "Enrichment"],
  ["EMAIL_GENERATION", "Emails"],
  ["COMPLETED", "Review"],
];
const finished = ["COMPLETED", "PARTIAL", "FAILED"];
const sources: [string, string][] = [["linkedin", "LinkedIn profile"], ["website", "Company website"], ["techstack", "Tech stack"]];

/**
 * The wizard: the seed's workflow as a person walks it — upload with a dry run, campaign settings with a live preview,
 * sources, progress of enrichment and generation with pause/resume/cancel, then the review. Every step is recorded in
 * the session on the server, so leaving and coming back resumes where it was.
 */
export function Wizard() {
  const [session, setSession] = useState<Workflow | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The batch is done and its emails are under review: the sixth step, though the session stays at EMAIL_GENERATION until the finish.
  const [reviewing, setReviewing] = useState(false);

  const open = async () => {
    setError(null);
    try {
      const mine = await api.workflows(browserSession());
      const current = mine.find((s) => s.guided && ["ACTIVE", "PAUSED", "ERROR"].includes(s.status));
      setSession(current ?? (await api.startWorkflow(browserSession())));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  useEffect(() => { void open(); }, []);

  const startOver = async () => {
    if (session && session.status !== "ERROR" && session.status !== "COMPLETED") {
      try {
        await api.abandon(session.id);
      } catch (e) {
        setError((e as Error).message);
        return;
      }
    }
    setSession(await api.startWorkflow(browserSession()));
  };

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!session) return <p>Loading…</p>;
  const at = reviewing && session.step !== "COMPLETED" ? steps.length - 1 : steps.findIndex(([s]) => s === session.step);

  return (
    <div class="wizard">
      <ol class="steps" aria-label="Steps">
        {steps.map(([step, label], i) => (
          <li key={step} class={i < at ? "done" : i === at ? "current" : ""} aria-current={i === at ? "step" : undefined}>
            <span class="number">{i + 1}</span> {label}
          </li>
        ))}
      </ol>
      {session.configuration.fileName && <p class="meta">File: {session.configuration.fileName}{session.configuration.campaignName ? ` · Campaign: ${session.configuration.campaignName}` : ""}</p>}
      {session.status === "ERROR" ? (
        <section aria-labelledby="error-heading">
          <h2 id="error-heading">Something went wrong</h2>
          <p role="alert" class="error">{session.errorMessage}</p>
          <button type="button" onClick={startOver}>Start a new upload</button>
        </section>
      ) : session.step === "UPLOAD_CSV" ? (
        <UploadStep session={session} onChange={setSession} />
      ) : session.step === "CAMPAIGN_SETTINGS" ? (
        <CampaignStep session={session} onChange={setSession} />
      ) : session.step === "ENRICHMENT_CONFIG" ? (
        <SourcesStep session={session} onChange={setSession} />
      ) : session.step === "COMPLETED" ? (
        <section aria-labelledby="done-heading">
          <h2 id="done-heading">Completed</h2>
          <p>The review is done. The approved emails are in the export of this batch; the batch stays under Batches.</p>
          <button type="button" onClick={startOver}>Start a new upload</button>
        </section>
      ) : (
        <ProgressStep session={session} onChange={setSession} onReview={setReviewing} />
      )}
      {session.status !== "ERROR" && session.step !== "COMPLETED" && !session.batchId && (
        <p><button type="button" class="secondary" onClick={startOver}>Start over</button></p>
      )}
    </div>
  );
}

type StepProps = { session: Workflow; onChange: (s: Workflow) => void };

function UploadStep({ session, onChange }: StepProps) {
  const [preview, setPreview] = useState<UploadPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  useEffect(() => {
    if (session.configuration.draftBlob) api.filePreview(session.id).then(setPreview, (e: Error) => setMessage(e.message));
  }, [session.id]);

  const stage = async (file: File | undefined) => {
    if (!file) return;
    setMessage(`Reading ${file.name}…`);
    try {
      const staged = await api.stageFile(session.id, file);
      setPreview(staged.preview);
      onChange(staged.session);
      setMessage(null);
    } catch (e) {
      setPreview(null);
      setMessage((e as Error).message);
    }
  };

  const next = async () => {
    try {
      onChange(await api.advance(session.id, "CAMPAIGN_SETTINGS"));
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload prospects</h2>
      <div
        class={`drop ${over ? "over" : ""}`}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); void stage(e.dataTransfer?.files[0]); }}
      >
        <p>Drop a CSV file here, or</p>
        <label class="button">
          Choose a CSV file
          <input type="file" accept=".csv,text/csv,text/plain" class="visually-hidden" onChange={(e) => void stage((e.target as HTMLInputElement).files?.[0])} />
        </label>
        <p class="hint">Nothing is imported until enrichment begins: this is a dry run.</p>
      </div>
      {message && <p role="status" class="message">{message}</p>}
      {preview && <FilePreview preview={preview} />}
      <div class="actions">
        <button type="button" onClick={next} disabled={!preview || preview.accepted === 0}>Continue to campaign settings</button>
      </div>
    </section>
  );
}

function FilePreview({ preview }: { preview: UploadPreview }) {
  return (
    <div class="preview">
      <p class="summary" role="status">
        {preview.accepted} rows accepted, {preview.rejected.length} rejected · {preview.encoding} · separator "{preview.separator === "\t" ? "tab" : preview.separator}"
      </p>
      {preview.notes.length > 0 && <ul class="notes">{preview.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
      <div class="columns">
        <table aria-label="Column mapping">
          <thead><tr><th scope="col">Column</th><th scope="col">Used as</th></tr></thead>
          <tbody>
            {preview.headers.map((h) => <tr key={h}><td>{h}</td><td>{preview.mapping[h] ?? "extra data"}</td></tr>)}
          </tbody>
        </table>
        {preview.rejected.length > 0 && (
          <table aria-label="Rejected rows">
            <thead><tr><th scope="col">Line</th><th scope="col">Reason</th></tr></thead>
            <tbody>
              {preview.rejected.map((r) => <tr key={r.line}><td>{r.line}</td><td>{r.reason}</td></tr>)}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

type Form = {
  name: string; emailSubject: string; emailBody: string; prompt: string; serviceName: string; serviceDescription: string; valueProposition: string;
  senderName: string; senderTitle: string; senderCompany: string; footer: string; unsubscribe: string;
};
const emptyForm: Form = {
  name: "", emailSubject: "", emailBody: "", prompt: "", serviceName: "", serviceDescription: "", valueProposition: "",
  senderName: "", senderTitle: "", senderCompany: "", footer: "", unsubscribe: "",
};

/** The campaign's settings as a request; an existing campaign keeps its service, sources and verification. */
function requestOf(form: Form, existing: Campaign | null): CampaignRequest {
  const blank = (v: string) => (v.trim() === "" ? null : v);
  return {
    name: form.name,
    emailSubject: form.emailSubject,
    emailBody: blank(form.emailBody),
    prompt: form.prompt,
    enrichmentFlags: existing?.enrichmentFlags ?? ["linkedin", "website", "techstack"],
    requiredEnrichment: existing?.requiredEnrichment ?? [],
    ...(existing ? { serviceId: existing.serviceId } : { service: { name: form.serviceName, description: form.serviceDescription, valueProposition: form.valueProposition } }),
    dedupeScope: existing?.dedupeScope,
    senderName: blank(form.senderName),
    senderTitle: blank(form.senderTitle),
    senderCompany: blank(form.senderCompany),
    verification: existing?.verification ?? "skip_invalid",
    footer: blank(form.footer),
    unsubscribe: blank(form.unsubscribe),
  };
}

function CampaignStep({ session, onChange }: StepProps) {
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [chosen, setChosen] = useState<Campaign | null>(null);
  const [form, setForm] = useState<Form>(emptyForm);
  const [row, setRow] = useState(0);
  const [preview, setPreview] = useState<EmailPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => { api.campaigns().then((p) => setCampaigns(p.items), (e: Error) => setMessage(e.message)); }, []);

  const choose = (id: string) => {
    const campaign = campaigns.find((c) => c.id === id) ?? null;
    setChosen(campaign);
    setForm(campaign ? {
      ...emptyForm, name: campaign.name, emailSubject: campaign.emailSubject, emailBody: campaign.emailBody ?? "", prompt: campaign.prompt,
      senderName: campaign.senderName ?? "", senderTitle: campaign.senderTitle ?? "", senderCompany: campaign.senderCompany ?? "",
      footer: campaign.footer ?? "", unsubscribe: campaign.unsubscribe ?? "",
    } : emptyForm);
  };

  // The live preview: the templates rendered on a row of the file, a moment after the typing stops.
  useEffect(() => {
    if (form.emailSubject.trim() === "") {
      setPreview(null);
      return;
    }
    const timer = setTimeout(() => {
      api.emailPreview(session.id, requestOf(form, chosen), row).then((p) => { setPreview(p); setPreviewError(null); }, (e: Error) => setPreviewError(e.message));
    }, 350);
    return () => clearTimeout(timer);
  }, [form, chosen, row]);

  const set = (key: keyof Form) => (e: Event) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value });

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const campaign = chosen
        ? (await api.updateCampaign(chosen.id, requestOf(form, chosen))).campaign
        : await api.createCampaign(requestOf(form, null));
      onChange(await api.advance(session.id, "ENRICHMENT_CONFIG", { campaignId: campaign.id, configuration: { campaignCreated: chosen ? "false" : "true" } }));
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const field = (key: keyof Form, label: string, multiline = false) => (
    <label>
      {label}
      {multiline
        ? <textarea rows={key === "emailBody" ? 9 : 3} value={form[key]} onInput={set(key)} />
        : <input value={form[key]} onInput={set(key)} disabled={key === "name" && chosen !== null} />}
    </label>
  );

  return (
    <section aria-labelledby="campaign-heading">
      <h2 id="campaign-heading">Campaign settings</h2>
      <div class="campaign-step">
      <form class="editor" onSubmit={save}>
        <label>
          Campaign
          <select value={chosen?.id ?? ""} onChange={(e) => choose((e.target as HTMLSelectElement).value)}>
            <option value="">New campaign</option>
            {campaigns.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        {field("name", "Name")}
        {field("emailSubject", "Subject template")}
        {field("emailBody", "Body template (Liquid; empty for the built-in one)", true)}
        {field("prompt", "Instructions for the model", true)}
        {!chosen && (
          <fieldset>
            <legend>Service</legend>
            {field("serviceName", "Service name")}
            {field("serviceDescription", "Service description", true)}
            {field("valueProposition", "Value proposition", true)}
          </fieldset>
        )}
        <fieldset>
          <legend>Sender</legend>
          {field("senderName", "Sender name")}
          {field("senderTitle", "Sender title")}
          {field("senderCompany", "Sender company")}
        </fieldset>
        <fieldset>
          <legend>Compliance</legend>
          {field("footer", "Footer template (postal address and an opt-out sentence)", true)}
          {field("unsubscribe", "Opt-out (mailto: or https:// address)")}
        </fieldset>
        {message && <p role="alert" class="error">{message}</p>}
        <div class="actions"><button type="submit">Save campaign and continue</button></div>
      </form>
      <aside aria-labelledby="preview-heading" class="pane">
        <h3 id="preview-heading">Preview{preview ? ` on line ${preview.line}: ${preview.name ?? ""}${preview.company ? ` (${preview.company})` : ""}` : ""}</h3>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => setRow((r) => Math.max(r - 1, 0))} disabled={row === 0}>Previous row</button>
          <button type="button" class="secondary" onClick={() => setRow((r) => r + 1)}>Next row</button>
        </div>
        {previewError && <p role="alert" class="error">{previewError}</p>}
        {preview && !previewError && (
          <div aria-live="polite">
            <p class="subject" data-testid="preview-subject"><strong>Subject:</strong> {preview.subject}</p>
            <pre class="body">{preview.body}{preview.footer ? `\n\n${preview.footer}` : ""}</pre>
            <p class="hint">Written by the template, before enrichment; a model writes from the research instead when one is set up.</p>
          </div>
        )}
      </aside>
      </div>
    </section>
  );
}

function SourcesStep({ session, onChange }: StepProps) {
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [providers, setProviders] = useState<Provider[]>([]);
  const [flags, setFlags] = useState<string[]>([]);
  const [required, setRequired] = useState<string[]>([]);
  const [verification, setVerification] = useState("skip_invalid");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!session.campaignId) return;
    api.campaign(session.campaignId).then((c) => {
      setCampaign(c);
      setFlags(c.enrichmentFlags);
      setRequired(c.requiredEnrichment);
      setVerification(c.verification);
    }, (e: Error) => setMessage(e.message));
    api.providers().then(setProviders, (e: Error) => setMessage(e.message));
  }, [session.campaignId]);

  const toggle = (list: string[], set: (l: string[]) => void, flag: string, on: boolean) => set(on ? [...list.filter((f) => f !== flag), flag] : list.filter((f) => f !== flag));

  const begin = async () => {
    if (!campaign) return;
    setBusy(true);
    try {
      const request: CampaignRequest = {
        name: campaign.name, emailSubject: campaign.emailSubject, emailBody: campaign.emailBody, prompt: campaign.prompt,
        enrichmentFlags: flags, requiredEnrichment: required.filter((r) => flags.includes(r)), serviceId: campaign.serviceId,
        dedupeScope: campaign.dedupeScope, senderName: campaign.senderName, senderTitle: campaign.senderTitle, senderCompany: campaign.senderCompany,
        verification, footer: campaign.footer, unsubscribe: campaign.unsubscribe,
      };
      await api.updateCampaign(campaign.id, request);
      onChange(await api.advance(session.id, "BEGIN_ENRICHMENT", {
        configuration: { enrichmentFlags: flags.join(","), requiredEnrichment: request.requiredEnrichment.join(","), verification },
      }));
    } catch (e) {
      setMessage((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">Research sources</h2>
      {/* The choices appear with the campaign's own: shown before it loads, a choice made then would be overwritten by it. */}
      {campaign ? (
        <>
          <fieldset>
            <legend>Sources</legend>
            {sources.map(([flag, label]) => (
              <div key={flag} class="source-row">
                <label><input type="checkbox" checked={flags.includes(flag)} onChange={(e) => toggle(flags, setFlags, flag, (e.target as HTMLInputElement).checked)} /> {label}</label>
                <label><input type="checkbox" checked={required.includes(flag)} disabled={!flags.includes(flag)} onChange={(e) => toggle(required, setRequired, flag, (e.target as HTMLInputElement).checked)} /> required for {label}</label>
              </div>
            ))}
          </fieldset>
          <label>
            Address verification{" "}
            <select value={verification} onChange={(e) => setVerification((e.target as HTMLSelectElement).value)}>
              <option value="off">off</option>
              <option value="skip_invalid">skip invalid addresses</option>
              <option value="valid_only">valid addresses only</option>
            </select>
          </label>
        </>
      ) : <p role="status">Loading the campaign…</p>}
      <table aria-label="Providers">
        <thead><tr><th scope="col">Provider</th><th scope="col">Enabled</th><th scope="col">Key</th></tr></thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.provider}>
              <td>{p.provider}</td>
              <td>{p.enabled ? "yes" : "no"}</td>
              <td>{p.keyless ? "managed identity" : p.keyIsSet ? "set" : `not set (${p.secretSetting})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">A source without a key is skipped; a required source that fails fails its prospect. Provider calls per batch are capped by Providers__MaxCallsPerBatch.</p>
      {message && <p role="alert" class="error">{message}</p>}
      <div class="actions"><button type="button" onClick={begin} disabled={!campaign || busy}>Begin enrichment</button></div>
    </section>
  );
}

function ProgressStep({ session, onChange, onReview }: StepProps & { onReview: (reviewing: boolean) => void }) {
  const [batch, setBatch] = useState<Batch | null>(null);
  const [failures, setFailures] = useState<{ reason: string; count: number }[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const samples = useRef<{ at: number; done: number }[]>([]);
  const batchId = session.batchId;

  useEffect(() => {
    if (!batchId) return;
    let stop = false;
    const poll = async () => {
      try {
        const [b, f, s] = await Promise.all([api.batch(batchId), api.failures(batchId), api.workflow(session.id)]);
        if (stop) return;
        setBatch(b);
        setFailures(f);
        if (s.step !== session.step || s.status !== session.status) onChange(s);
        samples.current = [...samples.current.slice(-9), { at: Date.now(), done: b.generatedEmails + b.failedProspects }];
        if (!finished.includes(b.status)) setTimeout(poll, 1500);
      } catch (e) {
        if (!stop) {
          setMessage((e as Error).message);
          setTimeout(poll, 3000);
        }
      }
    };
    void poll();
    return () => { stop = true; };
  }, [batchId, session.step, session.status]);

  const control = async (action: "pause" | "resume" | "cancel") => {
    if (!batchId) return;
    try {
      await api.control(batchId, action);
      setMessage(action === "pause" ? "Pausing: prospects already under way finish first." : action === "resume" ? "Resumed." : "Cancelled.");
      onChange(await api.workflow(session.id));
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const finish = async () => {
    try {
      onChange(await api.advance(session.id, "COMPLETED"));
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const total = batch?.totalProspects ?? 0;
  const first = samples.current[0];
  const last = samples.current[samples.current.length - 1];
  const rate = first && last && last.at > first.at ? ((last.done - first.done) * 1000) / (last.at - first.at) : 0;
  const left = total - (last?.done ?? 0);
  const eta = rate > 0 ? Math.ceil(left / rate) : null;
  const done = batch !== null && finished.includes(batch.status);
  const paused = batch?.runtimeStatus === "Suspended" || session.status === "PAUSED";
  const reviewable = done && batch !== null && batch.status !== "FAILED";
  useEffect(() => onReview(reviewable), [reviewable]);
  if (!batchId) return <p>Starting…</p>;

  return (
    <>
      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">{done ? "Emails written" : session.step === "EMAIL_GENERATION" ? "Writing emails" : "Researching prospects"}</h2>
        {batch && (
          <>
            <p role="status" class="summary">Batch {batch.name}: <strong data-testid="batch-status">{batch.status}</strong>{paused ? " (paused)" : ""}</p>
            <div class="bars">
              <label>Researched {Math.min(total, batch.enrichedProspects)} of {total}<progress max={total} value={Math.min(total, batch.enrichedProspects)} /></label>
              <label>Emails {batch.generatedEmails} of {total}<progress max={total} value={batch.generatedEmails} /></label>
            </div>
            <p class="meta">
              Failed {batch.failedProspects}{batch.skippedProspects > 0 ? ` · skipped ${batch.skippedProspects}` : ""}
              {!done && rate > 0 ? ` · ${rate.toFixed(1)} prospects/s · about ${eta}s left` : ""}
            </p>
            {failures.length > 0 && (
              <table aria-label="Failures by reason">
                <thead><tr><th scope="col">Reason</th><th scope="col">Prospects</th></tr></thead>
                <tbody>{failures.map((f) => <tr key={f.reason}><td>{f.reason}</td><td>{f.count}</td></tr>)}</tbody>
              </table>
            )}
          </>
        )}
        {message && <p role="status" class="message">{message}</p>}
        {!done && (
          <div class="actions">
            {paused
              ? <button type="button" onClick={() => control("resume")}>Resume</button>
              : <button type="button" onClick={() => control("pause")}>Pause</button>}
            <button type="button" class="secondary" onClick={() => control("cancel")}>Cancel</button>
          </div>
        )}
      </section>
      {reviewable && batch && (
        <section aria-labelledby="review-heading" class="review-step">
          <div class="toolbar">
            <h2 id="review-heading">Review</h2>
            <button type="button" onClick={finish}>Finish review</button>
          </div>
          <Review batchId={batch.id} />
        </section>
      )}
    </>
  );
}
