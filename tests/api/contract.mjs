// Sends real requests to a real sluice-server (SLUICE_URL, started by scripts/check-api.sh with
// tests/api/contract-config.json) and validates every answer, success and error, against
// docs/openapi.yaml: the status must be declared for the operation, the content type and body
// must match its schema, declared required headers must be present. Fails when an operation of
// the spec was never answered with a success, so the spec cannot describe what the server
// does not do, nor the server answer what the spec does not say.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const specPath = process.env.SLUICE_OPENAPI ?? join(here, '../../docs/openapi.yaml');
const base = process.env.SLUICE_URL;
if (!base) {
  console.error('contract: SLUICE_URL is not set (run scripts/check-api.sh)');
  process.exit(2);
}

const spec = YAML.parse(readFileSync(specPath, 'utf8'));
// Local references ('#/components/...') point into the spec, added to Ajv under the id 'spec'.
const rewriteRefs = (v) => {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v && typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v))
      out[k] = k === '$ref' && typeof x === 'string' && x.startsWith('#') ? `spec${x}` : rewriteRefs(x);
    return out;
  }
  return v;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'spec', $defs: {}, ...rewriteRefs({ components: spec.components }) });

const resolve = (obj) => {
  while (obj && obj.$ref) {
    obj = obj.$ref.slice(2).split('/').reduce((o, k) => o[k.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
  }
  return obj;
};
const validators = new Map();
const validatorFor = (key, schema) => {
  if (!validators.has(key)) validators.set(key, ajv.compile(rewriteRefs(schema)));
  return validators.get(key);
};

const failures = [];
const answered = new Map(); // operationId -> Set of statuses
let checked = 0;

function expect(cond, what) {
  if (!cond) failures.push(what);
  return cond;
}

// One request, validated against the operation PATH (a template of the spec) and METHOD.
async function call(method, template, path, { headers = {}, body, raw } = {}) {
  const init = { method: method.toUpperCase(), headers: { ...headers } };
  if (raw !== undefined) init.body = raw;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  const what = `${init.method} ${path} -> ${res.status}`;
  const ctype = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  let json;
  if (ctype === 'application/json') {
    try { json = JSON.parse(text); } catch { failures.push(`${what}: body is not JSON: ${text.slice(0, 80)}`); }
  }
  checked++;
  const item = spec.paths[template];
  const op = item?.[method];
  if (!op) {
    // Outside the spec (unknown path, wrong method): still the common error body.
    const v = validatorFor('Error', { $ref: '#/components/schemas/Error' });
    expect(ctype === 'application/json' && v(json), `${what}: not the error body: ${text.slice(0, 120)}`);
    return { status: res.status, json, text, headers: res.headers };
  }
  const statuses = answered.get(op.operationId) ?? new Set();
  statuses.add(res.status);
  answered.set(op.operationId, statuses);
  const declared = op.responses[String(res.status)] ?? op.responses.default;
  if (!expect(declared, `${what}: status ${res.status} is not declared for ${op.operationId}: ${text.slice(0, 160)}`))
    return { status: res.status, json, text, headers: res.headers };
  const resp = resolve(declared);
  for (const [name, h] of Object.entries(resp.headers ?? {})) {
    const hdr = resolve(h);
    const value = res.headers.get(name);
    if (hdr.required) expect(value !== null, `${what}: header ${name} is missing`);
    if (value !== null && hdr.schema) {
      const v = validatorFor(`${op.operationId}:${res.status}:h:${name}`, hdr.schema);
      expect(v(value), `${what}: header ${name}: '${value}' ${ajv.errorsText(v.errors)}`);
    }
  }
  const content = resp.content ?? {};
  if (expect(content[ctype], `${what}: content type '${ctype}' is not declared (${Object.keys(content)})`)) {
    const v = validatorFor(`${op.operationId}:${res.status}:${ctype}`, content[ctype].schema);
    const value = ctype === 'application/json' ? json : text;
    expect(v(value), `${what}: body does not match ${op.operationId} ${res.status}: ${ajv.errorsText(v.errors)}\n  ${text.slice(0, 300)}`);
  }
  return { status: res.status, json, text, headers: res.headers };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const code = (r) => r.json?.error?.code;
async function waitFor(pred, what, ms = 15000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const C = '60-64'; // opens 5 s after the server starts (contract-config.json)
const SLOW = '65-69'; // admits one person every two seconds
const LATER = '18-49'; // opens in two hours
const person = (i) => ({ name: `계약시험${i}`, birth_date: `1959-0${1 + (i % 9)}-1${i % 10}`, phone: `010-5555-${String(1000 + i)}` });

async function main() {
  // Service endpoints.
  expect((await call('get', '/healthz', '/healthz')).status === 200, 'healthz is not 200');
  expect((await call('get', '/readyz', '/readyz')).status === 200, 'readyz is not 200');
  expect((await call('get', '/metrics', '/metrics')).status === 200, 'metrics is not 200');

  // Before the opening: a pre-queue ticket, the same ticket on refresh, no admission.
  const cohorts = await call('get', '/v1/cohorts', '/v1/cohorts');
  expect(cohorts.json?.cohorts?.find((c) => c.id === C)?.state === 'prequeue', `${C} is not in pre-queue at start`);
  const pre = await call('post', '/v1/queue/{cohort}/join', `/v1/queue/${C}/join`, { body: { client: 'contract' } });
  expect(pre.status === 201 && pre.json.state === 'prequeue', 'pre-queue join is not 201 prequeue');
  const again = await call('post', '/v1/queue/{cohort}/join', `/v1/queue/${C}/join`, { headers: { 'X-Sluice-Ticket': pre.json.ticket } });
  expect(again.status === 200 && again.json.ticket === pre.json.ticket, 'a refresh does not give the same ticket');
  const prePos = await call('get', '/v1/queue/{cohort}/position', `/v1/queue/${C}/position`, { headers: { 'X-Sluice-Ticket': pre.json.ticket } });
  expect(prePos.json?.state === 'prequeue' && typeof prePos.json.opens_in_s === 'number', 'pre-queue position has no opens_in_s');
  const early = await call('post', '/v1/queue/{cohort}/admit', `/v1/queue/${C}/admit`, { headers: { 'X-Sluice-Ticket': pre.json.ticket } });
  expect(early.status === 409 && code(early) === 'not_open_yet', 'admit before the opening is not 409 not_open_yet');
  const screening = await call('get', '/v1/queue/{cohort}/challenge', `/v1/queue/${C}/challenge`);
  expect(screening.status === 200 && screening.json?.required === false && screening.json.challenge === null, 'abuse screening is not off by default');
  expect((await call('get', '/v1/queue/{cohort}/challenge', '/v1/queue/nope/challenge')).status === 404, 'unknown cohort challenge is not 404');
  const fairBefore = await call('get', '/v1/cohorts/{cohort}/fairness', `/v1/cohorts/${C}/fairness`);
  expect(fairBefore.json?.seed === null, 'the seed is published before the opening');

  // Refusals of the waiting room.
  expect(code(await call('post', '/v1/queue/{cohort}/join', `/v1/queue/${LATER}/join`)) === 'not_open_yet', 'join before pre-queue is not refused');
  expect((await call('post', '/v1/queue/{cohort}/join', '/v1/queue/nope/join')).status === 404, 'unknown cohort join is not 404');
  expect((await call('get', '/v1/queue/{cohort}/status', '/v1/queue/nope/status')).status === 404, 'unknown cohort status is not 404');
  expect((await call('get', '/v1/cohorts/{cohort}/fairness', '/v1/cohorts/nope/fairness')).status === 404, 'unknown cohort fairness is not 404');
  expect((await call('post', '/v1/queue/{cohort}/join', `/v1/queue/${C}/join`, { raw: '{"a":', headers: { 'Content-Type': 'application/json' } })).status === 400, 'malformed JSON is not 400');
  expect((await call('post', '/v1/queue/{cohort}/join', `/v1/queue/${C}/join`, { raw: 'hello', headers: { 'Content-Type': 'text/plain' } })).status === 415, 'text/plain is not 415');
  expect((await call('post', '/v1/queue/{cohort}/join', `/v1/queue/${C}/join`, { raw: JSON.stringify({ pad: 'x'.repeat(70000) }), headers: { 'Content-Type': 'application/json' } })).status === 413, 'an oversized body is not 413');
  expect((await call('get', '/v1/queue/{cohort}/position', `/v1/queue/${C}/position`)).status === 401, 'position without a ticket is not 401');
  expect((await call('post', '/v1/queue/{cohort}/admit', `/v1/queue/${C}/admit`, { headers: { 'X-Sluice-Ticket': 'AAAA' } })).status === 401, 'a forged ticket is not 401');
  expect((await call('post', '/v1/queue/{cohort}/admit', `/v1/queue/${LATER}/admit`, { headers: { 'X-Sluice-Ticket': pre.json.ticket } })).status === 403, 'a ticket of another cohort is not 403');
  expect((await call('get', '/nope', '/nope')).status === 404, 'unknown path is not 404');
  expect((await call('put', '/v1/cohorts', '/v1/cohorts')).status === 405, 'PUT /v1/cohorts is not 405');

  // A slow cohort: the second person waits and is told so.
  const slow = [];
  for (let i = 0; i < 3; i++) slow.push(await call('post', '/v1/queue/{cohort}/join', `/v1/queue/${SLOW}/join`));
  const last = slow[2].json.ticket;
  const waitPos = await call('get', '/v1/queue/{cohort}/position', `/v1/queue/${SLOW}/position`, { headers: { 'X-Sluice-Ticket': last } });
  expect(waitPos.json?.state === 'queued' && waitPos.json.ahead >= 1, 'the third of a slow cohort is not queued behind others');
  const notYet = await call('post', '/v1/queue/{cohort}/admit', `/v1/queue/${SLOW}/admit`, { headers: { 'X-Sluice-Ticket': last } });
  expect(notYet.status === 409 && code(notYet) === 'not_yet_served', 'admit before the turn is not 409 not_yet_served');

  // The opening.
  await waitFor(async () => (await call('get', '/v1/cohorts', '/v1/cohorts')).json.cohorts.find((c) => c.id === C).state === 'open', `${C} to open`);
  const fairAfter = await call('get', '/v1/cohorts/{cohort}/fairness', `/v1/cohorts/${C}/fairness`);
  expect(typeof fairAfter.json?.seed === 'string', 'the seed is not published after the opening');
  // The status body is the same for every waiter and refreshed on the controller's tick.
  await waitFor(async () => (await call('get', '/v1/queue/{cohort}/status', `/v1/queue/${C}/status`)).json?.state === 'open', 'status to say open', 3000);

  // Tokens for the booking zone.
  async function admitted() {
    const j = await call('post', '/v1/queue/{cohort}/join', `/v1/queue/${C}/join`);
    expect(j.status === 201 && j.json.state === 'queued', 'join after the opening is not 201 queued');
    const t = j.json.ticket;
    await waitFor(async () => (await call('get', '/v1/queue/{cohort}/position', `/v1/queue/${C}/position`, { headers: { 'X-Sluice-Ticket': t } })).json?.state === 'served', 'a place to be served');
    const a = await call('post', '/v1/queue/{cohort}/admit', `/v1/queue/${C}/admit`, { headers: { 'X-Sluice-Ticket': t } });
    expect(a.status === 200, `admit is ${a.status}`);
    const b = await call('post', '/v1/queue/{cohort}/admit', `/v1/queue/${C}/admit`, { headers: { 'X-Sluice-Ticket': t } });
    expect(b.json?.admission_token === a.json?.admission_token, 'admit twice gives another token');
    return { Authorization: `Bearer ${a.json.admission_token}` };
  }
  const auth = await admitted();

  // Identity.
  expect((await call('post', '/v1/identity/verify', '/v1/identity/verify', { body: person(1) })).status === 401, 'verify without a token is not 401');
  expect((await call('post', '/v1/identity/verify', '/v1/identity/verify', { headers: { Authorization: 'Bearer AAAA' }, body: person(1) })).status === 403, 'verify with a forged token is not 403');
  expect((await call('post', '/v1/identity/verify', '/v1/identity/verify', { headers: auth, body: { name: '' } })).status === 400, 'verify with missing fields is not 400');
  const id = await call('post', '/v1/identity/verify', '/v1/identity/verify', { headers: auth, body: person(1) });
  expect(id.status === 200 && id.json.eligible === true, 'verify is not 200 eligible');

  // Clinics.
  expect((await call('get', '/v1/clinics', '/v1/clinics?limit=1')).status === 401, 'clinics without a token is not 401');
  expect((await call('get', '/v1/clinics', '/v1/clinics?limit=0', { headers: auth })).status === 400, 'limit=0 is not 400');
  expect((await call('get', '/v1/clinics', '/v1/clinics?date=tomorrow', { headers: auth })).status === 400, 'a bad date is not 400');
  const clinics = await call('get', '/v1/clinics', '/v1/clinics?available=true&limit=3', { headers: auth });
  expect(clinics.status === 200 && clinics.json.clinics.length === 3, 'clinics is not 200 with 3 rows');
  const day = clinics.json.clinics[0];

  // Reservations.
  const booking = { person_id: id.json.person_id, clinic_id: day.id, date: day.date, dose: 1 };
  const post = (key, body, headers = auth) =>
    call('post', '/v1/reservations', '/v1/reservations', { headers: key ? { ...headers, 'Idempotency-Key': key } : headers, body });
  expect((await post(null, booking)).status === 400, 'no Idempotency-Key is not 400');
  expect((await post('k-unknown-clinic', { ...booking, clinic_id: 'X99999' })).status === 404, 'unknown clinic is not 404');
  expect((await post('k-no-date', { ...booking, date: '2099-01-01' })).status === 422, 'a date not offered is not 422');
  expect((await post('k-no-person', { ...booking, person_id: '0'.repeat(32) })).status === 404, 'an unverified person is not 404');
  const made = await post('k-book', booking);
  expect(made.status === 201, `reservation is ${made.status}`);
  const same = await post('k-book', booking);
  expect(same.text === made.text, 'the same key does not give the same answer');
  expect((await post('k-other', { ...booking, dose: 2 })).status === 403, 'a consumed token is not refused');
  const rid = made.json.reservation_id;
  const key = { 'X-Sluice-Manage-Key': made.json.manage_key };
  expect((await call('get', '/v1/reservations/{id}', `/v1/reservations/${rid}`, { headers: key })).status === 200, 'get reservation is not 200');
  expect((await call('get', '/v1/reservations/{id}', `/v1/reservations/${rid}`)).status === 401, 'get without a key is not 401');
  expect((await call('get', '/v1/reservations/{id}', `/v1/reservations/${rid}`, { headers: { 'X-Sluice-Manage-Key': 'wrong' } })).status === 403, 'a wrong key is not 403');
  const unknown = await call('get', '/v1/reservations/{id}', '/v1/reservations/re-nope', { headers: key });
  // The manage key is derived from the id with the server's key: an id that was never issued
  // cannot have a valid key, so it is a forgery (403), and ids cannot be probed for existence.
  expect(unknown.status === 403, `an unknown reservation is ${unknown.status} ${unknown.text}`);
  const del = await call('delete', '/v1/reservations/{id}', `/v1/reservations/${rid}`, { headers: key });
  expect(del.status === 200 && del.json.status === 'cancelled', 'cancel is not 200 cancelled');
  const del2 = await call('delete', '/v1/reservations/{id}', `/v1/reservations/${rid}`, { headers: key });
  expect(del2.text === del.text, 'a second cancel answers differently');
  expect((await call('delete', '/v1/reservations/{id}', `/v1/reservations/${rid}`)).status === 401, 'cancel without a key is not 401');

  // A second citizen books the same day again; the first one's dose went back.
  const auth2 = await admitted();
  const id2 = await call('post', '/v1/identity/verify', '/v1/identity/verify', { headers: auth2, body: person(2) });
  const made2 = await post('k-book-2', { ...booking, person_id: id2.json.person_id }, auth2);
  expect(made2.status === 201, `second reservation is ${made2.status}`);

  // Every operation of the spec answered at least once with a success.
  for (const [path, item] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(item)) {
      if (!op?.operationId) continue;
      const seen = [...(answered.get(op.operationId) ?? [])];
      expect(seen.some((s) => s >= 200 && s < 300), `${method.toUpperCase()} ${path} (${op.operationId}) never answered with a success`);
      console.log(`contract: ${op.operationId.padEnd(18)} answered ${seen.sort().join(', ')}`);
    }
}

try {
  await main();
} catch (e) {
  failures.push(`stopped: ${e.stack ?? e}`);
}
if (failures.length) {
  console.error(`contract: ${failures.length} of ${checked} answers or expectations failed:`);
  for (const f of failures) console.error(`  - ${f}`);
  process.exit(1);
}
console.log(`contract: ${checked} answers valid against ${specPath}`);
