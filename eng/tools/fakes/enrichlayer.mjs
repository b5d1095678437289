// A stand-in for Enrich Layer's person profile endpoint (GET /profile?profile_url=…, Bearer key) for
// eng/faults.sh: it answers in Enrich Layer's (Proxycurl's) profile shape, and — like real providers do —
// echoes the caller's key in its error messages. Every 25th profile is refused its first three calls
// (429 with Retry-After, then 503, then 429), so the app's in-call retries run out and the error, key
// and all, surfaces to the pipeline's durable retry; the next attempt succeeds.
//   node eng/tools/fakes/enrichlayer.mjs <port-file>   (listens on a free loopback port, writes it to <port-file>)
import http from 'node:http';
import { writeFileSync } from 'node:fs';

const attempts = new Map();
const counts = { profiles: 0, refused: 0 };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const auth = req.headers.authorization ?? '';
  const send = (status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/stats') return send(200, counts);
  if (url.pathname !== '/profile') return send(404, { error: 'not found' });

  const profile = url.searchParams.get('profile_url') ?? '';
  const slug = profile.replace(/\/+$/, '').split('/').pop() ?? 'someone';
  const number = Number.parseInt(slug.replace(/\D+/g, ''), 10) || 0;
  const attempt = (attempts.get(slug) ?? 0) + 1;
  attempts.set(slug, attempt);
  if (number % 25 === 0 && attempt <= 3) {
    counts.refused++;
    if (attempt === 2) return send(503, { error: `Service unavailable for key ${auth}` });
    return send(429, { error: `Rate limit exceeded for API key ${auth}; retry later` }, { 'retry-after': '1' });
  }

  counts.profiles++;
  send(200, {
    public_identifier: slug,
    full_name: `Person ${number}`,
    headline: `Head of Platform at Company ${number % 50}`,
    occupation: `Head of Platform at Company ${number % 50}`,
    summary: 'Runs the cloud platform team.',
    city: 'Lisbon',
    country_full_name: 'Portugal',
    experiences: [{ company: `Company ${number % 50}`, title: 'Head of Platform', starts_at: { day: 1, month: 1, year: 2021 }, ends_at: null }],
    education: [],
  });
});

server.listen(0, '127.0.0.1', () => writeFileSync(process.argv[2], String(server.address().port)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
