import { useEffect, useState } from "preact/hooks";
import { api, type BatchSummary } from "./api";
import { Review } from "./Review";

/** The console: pick a batch, then review its emails. */
export function App() {
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
    <div class="shell">
      <header>
        <h1>Outreach</h1>
        <label>
          Batch{" "}
          <select value={batchId} onChange={(e) => choose((e.target as HTMLSelectElement).value)} disabled={!batches?.length}>
            {(batches ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.campaignName} · {b.name} · {b.status} ({b.generatedEmails}/{b.totalProspects})
              </option>
            ))}
          </select>
        </label>
      </header>
      <main>
        {error && <p role="alert" class="error">{error}</p>}
        {batches?.length === 0 && <p>No batches yet. Drop a CSV into the uploads container, or run <code>outreach run</code>.</p>}
        {batchId && <Review key={batchId} batchId={batchId} />}
      </main>
    </div>
  );
}
