import { useEffect, useState } from "preact/hooks";
import { api, type BatchSummary } from "./api";
import { Review } from "./Review";
import { Wizard } from "./Wizard";

/** The console: the wizard for a new upload, or any batch's review. */
export function App() {
  const [view, setView] = useState<"wizard" | "batches">(() => (new URLSearchParams(location.search).get("batch") ? "batches" : "wizard"));
  return (
    <div class="shell">
      <header>
        <h1>Outreach</h1>
        <nav aria-label="Views">
          <button type="button" class={view === "wizard" ? "tab active" : "tab"} aria-pressed={view === "wizard"} onClick={() => setView("wizard")}>New upload</button>
          <button type="button" class={view === "batches" ? "tab active" : "tab"} aria-pressed={view === "batches"} onClick={() => setView("batches")}>Batches</button>
        </nav>
      </header>
      <main>{view === "wizard" ? <Wizard /> : <Batches />}</main>
    </div>
  );
}

/** Pick a batch, then review its emails. */
function Batches() {
  const [batches, setBatches] = useState<BatchSummary[] | null>(null);
  const [batchId, setBatchId] = useState<string>(() => new URLSearchParams(location.search).get("batch") ?? "");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.batches().then((page) => {
      setBatches(page.items);
      if (!batchId && page.items.length > 0) setBatchId(page.items[0].id);
    }, (e: Error) => setError(e.message));
  }, []);

  const choose = (id: string) => {
    setBatchId(id);
    history.replaceState(null, "", `?batch=${id}`);
  };

  return (
    <>
      <label class="picker">
        Batch{" "}
        <select value={batchId} onChange={(e) => choose((e.target as HTMLSelectElement).value)} disabled={!batches?.length}>
          {(batches ?? []).map((b) => (
            <option key={b.id} value={b.id}>
              {b.campaignName} · {b.name} · {b.status} ({b.generatedEmails}/{b.totalProspects})
            </option>
          ))}
        </select>
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      {batches?.length === 0 && <p>No batches yet. Start one under New upload, drop a CSV into the uploads container, or run <code>outreach run</code>.</p>}
      {batchId && <Review key={batchId} batchId={batchId} />}
    </>
  );
}
