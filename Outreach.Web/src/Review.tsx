import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, type Email, type ProspectDetail, type ProspectSummary, type Pushes } from "./api";

const reviewFilters = ["", "PENDING_REVIEW", "NEEDS_ATTENTION", "APPROVED", "REJECTED"];
// The address check of each email's prospect; "none" is an address that was not checked (verification off).
const addressFilters = ["", "VALID", "RISKY", "INVALID", "UNKNOWN", "none"];
const sequencers = ["instantly", "smartlead", "lemlist"];

/**
 * The review screen: the batch's emails in a table (filter by review status, or only flagged ones), the selected
 * email beside it with the prospect and the facts it rests on, approve / reject with a note, j/k to move and a/r to
 * decide, export of the approved emails, and the failed prospects with their reason and a retry.
 */
export function Review({ batchId }: { batchId: string }) {
  const [emails, setEmails] = useState<Email[]>([]);
  const [failed, setFailed] = useState<ProspectSummary[]>([]);
  const [review, setReview] = useState("");
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [address, setAddress] = useState("");
  const [selected, setSelected] = useState(0);
  const [prospect, setProspect] = useState<ProspectDetail | null>(null);
  // A note and an edit belong to the email they were typed for, so moving on can never carry them to another.
  const [draftNote, setDraftNote] = useState<{ id: string; text: string } | null>(null);
  const [editing, setEditing] = useState<{ id: string; subject: string; body: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [layout, setLayout] = useState("generic");

  useEffect(() => {
    Promise.all([api.emails(batchId, review), api.failed(batchId)]).then(([page, failures]) => {
      setEmails(page.items);
      setFailed(failures.items);
    }, (e: Error) => setMessage(e.message));
  }, [batchId, review, version]);

  const shown = useMemo(
    () => emails.filter((e) => (!flaggedOnly || e.qualityFlags.length > 0) && (address === "" || (e.emailVerification ?? "none") === address)),
    [emails, flaggedOnly, address]);
  const current: Email | undefined = shown[Math.min(selected, shown.length - 1)];

  const note = draftNote && draftNote.id === current?.id ? draftNote.text : current?.reviewNote ?? "";
  const edit = editing && editing.id === current?.id ? editing : null;

  useEffect(() => {
    setProspect(null);
    if (current) api.prospect(current.prospectId).then(setProspect, (e: Error) => setMessage(e.message));
  }, [current?.id]);

  const decide = async (email: Email | undefined, text: string, status: "APPROVED" | "REJECTED") => {
    if (!email) return;
    try {
      const updated = await api.review(email.id, status, text);
      setEmails((all) => all.map((e) => (e.id === updated.id ? { ...e, reviewStatus: updated.reviewStatus, reviewNote: updated.reviewNote } : e)));
      setMessage(`${status === "APPROVED" ? "Approved" : "Rejected"}: ${email.email}`);
      setSelected((i) => Math.min(i + 1, latest.current.count - 1));
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const startEdit = (email: Email | undefined) => {
    if (email) setEditing({ id: email.id, subject: email.subject ?? "", body: email.body ?? "" });
  };

  const save = async () => {
    if (!current || !edit) return;
    try {
      const updated = await api.edit(current.id, edit.subject, edit.body);
      setEmails((all) => all.map((e) => (e.id === updated.id ? updated : e)));
      setEditing(null);
      setMessage(updated.qualityFlags.length > 0 ? `Saved; the quality gate flags it: ${updated.qualityFlags.join("; ")}` : "Saved; review it again.");
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  // The keys act on what the page shows now: the listener is registered once and reads this render's values, so a key
  // pressed right after a click never acts on the email selected before it.
  const latest = useRef({ current, note, count: shown.length });
  latest.current = { current, note, count: shown.length };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest("textarea, input, select") || event.ctrlKey || event.metaKey || event.altKey) return;
      const now = latest.current;
      if (event.key === "j") setSelected((i) => Math.min(i + 1, now.count - 1));
      else if (event.key === "k") setSelected((i) => Math.max(i - 1, 0));
      else if (event.key === "a") void decide(now.current, now.note, "APPROVED");
      else if (event.key === "r") void decide(now.current, now.note, "REJECTED");
      else if (event.key === "e") startEdit(now.current);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Writes the email again and refreshes the list until the new one is there (a minute at most).
  const regenerate = async (email: Email | undefined) => {
    if (!email) return;
    try {
      await api.regenerate(email.id);
      setMessage(`Writing the email to ${email.email} again…`);
      for (let attempt = 0; attempt < 60; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const page = await api.emails(batchId, review);
        if (page.items.some((e) => e.prospectId === email.prospectId && e.id !== email.id)) {
          setEmails(page.items);
          setMessage(`Written again: ${email.email}`);
          return;
        }
      }
      setMessage("Still writing; reload the page in a moment.");
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const approveUnflagged = async () => {
    try {
      const { approved } = await api.approveUnflagged(batchId);
      setMessage(`Approved ${approved} email${approved === 1 ? "" : "s"} with nothing flagged.`);
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const retry = async () => {
    try {
      await api.retry(batchId);
      setMessage("Retrying the failed prospects; this page shows them again when they finish.");
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <div class="review">
      <section aria-labelledby="emails-heading" class="list">
        <div class="toolbar">
          <h2 id="emails-heading">Emails ({shown.length})</h2>
          <label>
            Review{" "}
            <select value={review} onChange={(e) => { setReview((e.target as HTMLSelectElement).value); setSelected(0); }}>
              {reviewFilters.map((f) => <option key={f} value={f}>{f === "" ? "all" : f}</option>)}
            </select>
          </label>
          <label>
            Address{" "}
            <select value={address} onChange={(e) => { setAddress((e.target as HTMLSelectElement).value); setSelected(0); }}>
              {addressFilters.map((f) => <option key={f} value={f}>{f === "" ? "all" : f === "none" ? "not checked" : f}</option>)}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={flaggedOnly} onChange={(e) => { setFlaggedOnly((e.target as HTMLInputElement).checked); setSelected(0); }} /> flagged only
          </label>
          <button type="button" class="secondary" onClick={approveUnflagged}>Approve unflagged</button>
          <label>
            Layout{" "}
            <select value={layout} onChange={(e) => setLayout((e.target as HTMLSelectElement).value)}>
              {["generic", ...sequencers].map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
          <button type="button" onClick={() => api.exportApproved(batchId, layout).catch((e: Error) => setMessage(e.message))}>Export approved</button>
        </div>
        <PushPanel batchId={batchId} onMessage={setMessage} />
        <table>
          <thead>
            <tr><th scope="col">To</th><th scope="col">Company</th><th scope="col">Subject</th><th scope="col">Review</th><th scope="col">Flags</th></tr>
          </thead>
          <tbody>
            {shown.map((e, i) => (
              <tr key={e.id} aria-selected={e === current} class={e === current ? "selected" : ""} onClick={() => setSelected(i)} data-email={e.email ?? ""}>
                <td>{e.name ?? e.email}</td>
                <td>{e.company}</td>
                <td>{e.subject}</td>
                <td class={`status ${e.reviewStatus.toLowerCase()}`}>{e.reviewStatus}</td>
                <td>{e.qualityFlags.length > 0 ? e.qualityFlags.length : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {failed.length > 0 && (
          <section aria-labelledby="failed-heading" class="failed">
            <h2 id="failed-heading">Failed prospects ({failed.length})</h2>
            <ul>
              {failed.map((p) => <li key={p.id}>{p.name ?? p.email}: {p.errorMessage}</li>)}
            </ul>
            <button type="button" onClick={retry}>Retry failed prospects</button>
          </section>
        )}
      </section>
      <section aria-labelledby="pane-heading" class="pane">
        <h2 id="pane-heading">{current ? `To ${current.name ?? ""} <${current.email}>` : "No email selected"}</h2>
        {message && <p role="status" class="message">{message}</p>}
        {current && (
          <>
            <p class="meta">{current.company} · {current.reviewStatus}{current.model ? ` · ${current.model}` : ""}</p>
            {edit ? (
              <form class="editor" onSubmit={(e) => { e.preventDefault(); void save(); }}>
                <label>
                  Subject
                  <input value={edit.subject} onInput={(e) => setEditing({ ...edit, subject: (e.target as HTMLInputElement).value })} />
                </label>
                <label>
                  Body
                  <textarea rows={12} value={edit.body} onInput={(e) => setEditing({ ...edit, body: (e.target as HTMLTextAreaElement).value })} />
                </label>
                <div class="actions">
                  <button type="submit">Save edit</button>
                  <button type="button" class="secondary" onClick={() => setEditing(null)}>Cancel</button>
                </div>
              </form>
            ) : (
              <>
                <p class="subject"><strong>Subject:</strong> {current.subject}</p>
                <pre class="body">{current.body}</pre>
                {current.editedAt && <p class="meta">Edited; the generated text is kept as the original.</p>}
              </>
            )}
            {current.qualityFlags.length > 0 && (
              <ul class="flags" aria-label="Quality flags">{current.qualityFlags.map((f) => <li key={f}>{f}</li>)}</ul>
            )}
            <h3>Facts</h3>
            <ul class="facts">
              {(prospect?.facts ?? []).map((f) => (
                <li key={f.id} class={f.usedByEmail ? "used" : ""}>
                  <span class="source">{f.source}</span> {f.text}{f.usedByEmail ? " (used)" : ""}
                </li>
              ))}
            </ul>
            <label class="note">
              Note
              <textarea value={note} onInput={(e) => setDraftNote({ id: current.id, text: (e.target as HTMLTextAreaElement).value })} rows={2} />
            </label>
            <div class="actions">
              <button type="button" onClick={() => decide(current, note, "APPROVED")}>Approve (a)</button>
              <button type="button" class="secondary" onClick={() => decide(current, note, "REJECTED")}>Reject (r)</button>
              <button type="button" class="secondary" onClick={() => startEdit(current)} disabled={edit !== null}>Edit (e)</button>
              <button type="button" class="secondary" onClick={() => regenerate(current)} disabled={current.reviewStatus === "APPROVED"}>Regenerate</button>
              <span class="hint">j / k to move</span>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

/**
 * Push the approved emails to a sequencer's campaign: the sequencer, its campaign id, and what became of the emails
 * there, followed while the push job runs. The API says what is missing (a footer, a key) when it refuses.
 */
function PushPanel({ batchId, onMessage }: { batchId: string; onMessage: (m: string) => void }) {
  const [target, setTarget] = useState(sequencers[0]);
  const [campaign, setCampaign] = useState("");
  const [pushes, setPushes] = useState<Pushes | null>(null);
  const running = pushes?.jobs.some((j) => j.status === "PENDING" || j.status === "RUNNING") ?? false;

  useEffect(() => {
    api.pushes(batchId).then(setPushes, () => setPushes(null));
  }, [batchId]);

  // Followed while a push runs: one read a second, stopped as soon as no job is running.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => api.pushes(batchId).then(setPushes, (e: Error) => onMessage(e.message)), 1000);
    return () => clearInterval(timer);
  }, [batchId, running]);

  const push = async () => {
    try {
      const started = await api.push(batchId, target, campaign.trim());
      onMessage(`Pushing to ${target} as job ${started.jobId}.`);
      setPushes(await api.pushes(batchId));
    } catch (e) {
      onMessage((e as Error).message);
    }
  };

  return (
    <section class="push" aria-labelledby="push-heading">
      <h3 id="push-heading">Push to a sequencer</h3>
      <label for="push-target">Sequencer</label>{" "}
      <select id="push-target" value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
        {sequencers.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>{" "}
      <label for="push-campaign">Their campaign id</label>{" "}
      <input id="push-campaign" value={campaign} onInput={(e) => setCampaign((e.target as HTMLInputElement).value)} />{" "}
      <button type="button" disabled={running || campaign.trim() === ""} onClick={push}>Push approved</button>
      {pushes && pushes.targets.length > 0 && (
        <ul aria-live="polite">
          {pushes.targets.map((t) => (
            <li key={t.target} data-target={t.target}>{t.target}: {t.pushed} pushed, {t.skipped} skipped, {t.failed} failed</li>
          ))}
        </ul>
      )}
      {pushes?.jobs[0]?.error && <p class="error">{pushes.jobs[0].error}</p>}
    </section>
  );
}
