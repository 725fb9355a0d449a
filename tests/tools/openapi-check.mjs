// The API contract and the mock can never drift: docs/openapi.yaml is checked against the OpenAPI 3.1 schema
// (@seriousme/openapi-schema-validator), then every answer the mock recorded (`mock-server --record FILE`, one JSON
// line each) against its operation in the contract: the status is one the operation lists, every required header is
// there and matches its schema, and the body matches the response's schema (Ajv, JSON Schema 2020-12, the dialect of
// OpenAPI 3.1). An answer that no operation, or no status of its operation, accounts for is a failure.
//
//   node tests/tools/openapi-check.mjs                      the contract alone
//   node tests/tools/openapi-check.mjs RECORD.jsonl [...]   the contract, then every answer in the files
//   --spec FILE (first)                                     another contract than docs/openapi.yaml
//
// Answers that a fault wrote whole (`"fault": "body"`: the test's own status and raw body, off the contract on
// purpose) are matched to an operation only. A fault of a status alone gets the mock's own error body, and is checked
// as any answer. Key values arrive redacted (`"[redacted]"`), which keeps their JSON type.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const e2e = createRequire(new URL('../e2e/package.json', import.meta.url));
const Ajv2020 = e2e('ajv/dist/2020').default;
const addFormats = e2e('ajv-formats').default;
const YAML = e2e('yaml');
const { Validator } = await import(pathToFileURL(e2e.resolve('@seriousme/openapi-schema-validator')).href);

const args = process.argv.slice(2);
const SPEC = args[0] === '--spec' ? args.splice(0, 2)[1] : new URL('../../docs/openapi.yaml', import.meta.url);
const NAME = String(SPEC).replace(/^file:.*\/docs\//, 'docs/');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
/** Distinct failures printed in full; the rest are counted. */
const SHOWN = 40;

function fail(message) {
  console.error(`openapi-check: ${message}`);
  process.exit(1);
}

// ── (a) The contract itself ─────────────────────────────────────────────────────────────────────────────────────
const spec = YAML.parse(readFileSync(SPEC, 'utf8'), { uniqueKeys: true });
const validator = new Validator();
const result = await validator.validate(spec);
if (!result.valid) {
  fail(`${NAME} is not a valid OpenAPI document:\n${JSON.stringify(result.errors, null, 2)}`);
}
if (!String(spec.openapi).startsWith('3.1.')) fail(`${NAME} is OpenAPI ${spec.openapi}, not 3.1`);

/** The value at a local `$ref` ("#/a/b"), following further `$ref`s. */
function deref(value) {
  const seen = new Set();
  while (value && typeof value.$ref === 'string') {
    if (seen.has(value.$ref)) fail(`a $ref cycle at ${value.$ref}`);
    seen.add(value.$ref);
    if (!value.$ref.startsWith('#/')) fail(`only local $refs are supported: ${value.$ref}`);
    let target = spec;
    for (const raw of value.$ref.slice(2).split('/')) {
      target = target?.[raw.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    if (target === undefined) fail(`the $ref ${value.$ref} leads nowhere`);
    value = target;
  }
  return value;
}

// Every schema is compiled by Ajv in strict mode, so that a misspelt keyword (`additionalProperty`) fails here
// instead of quietly allowing anything. `#/components/schemas/X` becomes a reference into one shared schema.
const COMPONENTS = 'urn:openapi:components';
const rewrite = (value) =>
  JSON.parse(
    JSON.stringify(value, (key, v) =>
      key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
        ? `${COMPONENTS}#/$defs/${v.slice('#/components/schemas/'.length)}`
        : v
    )
  );
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
addFormats(ajv);
try {
  ajv.addSchema({ $id: COMPONENTS, $defs: rewrite(spec.components?.schemas ?? {}) });
  for (const name of Object.keys(spec.components?.schemas ?? {})) ajv.getSchema(`${COMPONENTS}#/$defs/${name}`);
} catch (error) {
  fail(`a schema of components.schemas does not compile: ${error.message}`);
}
const compiled = new Map();
function compile(schema, where) {
  const text = JSON.stringify(schema);
  if (!compiled.has(text)) {
    try {
      compiled.set(text, ajv.compile(rewrite(schema)));
    } catch (error) {
      fail(`the schema of ${where} does not compile: ${error.message}`);
    }
  }
  return compiled.get(text);
}

// The operations, with their full path under their server (`/api` for the API, `/` for the mock's controls).
const operations = [];
for (const [template, item] of Object.entries(spec.paths ?? {})) {
  const base = (item.servers ?? spec.servers ?? [{ url: '' }])[0].url.replace(/\/$/, '');
  const full = base + template;
  const pattern = new RegExp(`^${full.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
  for (const method of METHODS) {
    if (!item[method]) continue;
    const op = item[method];
    operations.push({ id: op.operationId ?? `${method.toUpperCase()} ${full}`, method, full, pattern, op });
    // Every schema compiles now, exercised or not.
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      const r = deref(response);
      for (const [type, media] of Object.entries(r.content ?? {}))
        compile(media.schema ?? {}, `${op.operationId} ${status} ${type}`);
      for (const [name, header] of Object.entries(r.headers ?? {}))
        compile(deref(header).schema ?? {}, `${op.operationId} ${status} ${name}`);
    }
  }
}
const unmatched = spec['x-unmatched-requests'] ?? {};
const bases = [...new Set(operations.map((o) => o.full.split('/').slice(0, 2).join('/')))];
console.log(`openapi-check: ${NAME} is valid OpenAPI ${spec.openapi}: ${operations.length} operations`);

const records = args;
if (records.length === 0) process.exit(0);

// ── (b) Every recorded answer ───────────────────────────────────────────────────────────────────────────────────
const failures = new Map();
const exercised = new Map();
let answers = 0;
let rawBodies = 0;

const failing = new Set();

function report(problem, line) {
  failing.add(line);
  const entry = failures.get(problem) ?? { count: 0, first: line };
  entry.count += 1;
  failures.set(problem, entry);
}

/** The response object of `responses` for `status`: the exact code, then its range (`5XX`), then `default`. */
function responseFor(responses, status) {
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses?.[k]);
  return key && { key, response: deref(responses[key]) };
}

function check(answer, where) {
  const method = answer.method.toLowerCase() === 'head' ? 'get' : answer.method.toLowerCase();
  const request = `${answer.method} ${answer.path}${answer.query ? `?${answer.query}` : ''} → ${answer.status}`;
  const onPath = operations.filter((o) => o.pattern.test(answer.path));
  const op = onPath.find((o) => o.method === method);
  let id;
  let found;
  if (op && answer.fault === 'body') {
    // The test wrote this answer, status and body, to see the console survive it (a 403 csrf_failed to a GET, HTML
    // with 200): it speaks for the test, not for the contract. Its request must still be one the contract has.
    rawBodies += 1;
    return;
  }
  if (op) {
    id = op.id;
    found = responseFor(op.op.responses, answer.status);
    if (!found) {
      const listed = Object.keys(op.op.responses ?? {}).join(', ');
      return report(`${id}: status ${answer.status} is not one of its answers (${listed})`, `${where}: ${request}`);
    }
  } else {
    // No operation: the contract's answer to an unknown path, or to a method the path does not take.
    const kind = onPath.length ? 'wrongMethod' : 'unknownPath';
    id = `${kind} (x-unmatched-requests)`;
    if (!bases.some((base) => answer.path === base || answer.path.startsWith(`${base}/`))) {
      return report(`no operation or base of the contract has the path ${answer.path}`, `${where}: ${request}`);
    }
    if (!unmatched[kind]) return report(`${id}: the contract says nothing of it`, `${where}: ${request}`);
    found = { key: String(answer.status), response: deref(unmatched[kind]) };
    const expected = { unknownPath: 404, wrongMethod: 405 }[kind];
    if (answer.status !== expected) {
      const what = kind === 'unknownPath' ? 'has this path' : `takes ${answer.method} on this path`;
      return report(
        `no operation ${what}, and the answer is ${answer.status}, not the ${expected} of ${id}`,
        `${where}: ${request}`
      );
    }
  }
  const label = `${id} ${found.key}`;
  exercised.set(label, (exercised.get(label) ?? 0) + 1);
  // A request that the server took (2xx) must have been one the contract describes.
  const requestMedia = op && deref(op.op.requestBody)?.content?.['application/json'];
  if (requestMedia && answer.status < 300 && answer.requestBody !== null) {
    const validate = compile(requestMedia.schema ?? {}, `${id} request body`);
    if (!validate(answer.requestBody)) {
      for (const error of validate.errors) {
        const at = error.instancePath || '(the body)';
        report(`${id}: a request body it took: ${at}: ${error.message}`, `${where}: ${request}`);
      }
    }
  }
  const headers = answer.headers ?? {};
  for (const [name, raw] of Object.entries(found.response.headers ?? {})) {
    const header = deref(raw);
    const value = headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required) report(`${label}: the required header ${name} is missing`, `${where}: ${request}`);
      continue;
    }
    const validate = compile(header.schema ?? {}, `${label} header ${name}`);
    if (!validate(value)) {
      report(`${label}: header ${name}: ${ajv.errorsText(validate.errors, { dataVar: name })}`, `${where}: ${request}`);
    }
  }
  const content = found.response.content;
  if (!content) {
    if (answer.body !== null) report(`${label}: a body where the contract has none`, `${where}: ${request}`);
    return;
  }
  if (answer.method === 'HEAD') return;
  const type = (headers['content-type'] ?? '').split(';')[0].trim();
  const media = content[type];
  if (!media) {
    const listed = Object.keys(content).join(', ');
    return report(`${label}: Content-Type ${type || '(none)'} is not one of ${listed}`, `${where}: ${request}`);
  }
  if (!answer.bodyIsJson) return report(`${label}: the body is not JSON`, `${where}: ${request}`);
  const validate = compile(media.schema ?? {}, label);
  if (!validate(answer.body)) {
    for (const error of validate.errors) {
      const at = error.instancePath || '(the body)';
      const detail = `${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`;
      report(`${label}: body ${at}: ${detail} (schema ${error.schemaPath})`, `${where}: ${request}`);
    }
  }
}

for (const file of records) {
  if (!existsSync(file)) fail(`no record at ${file}: was the mock started with --record ${file}?`);
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim());
  if (lines.length === 0) fail(`the record ${file} is empty: no answer was checked`);
  lines.forEach((line, index) => {
    let answer;
    try {
      answer = JSON.parse(line);
    } catch (error) {
      fail(`${file}:${index + 1} is not JSON: ${error.message}`);
    }
    answers += 1;
    check(answer, `${file}:${index + 1}`);
  });
}

const never = operations.filter((o) => ![...exercised.keys()].some((k) => k.startsWith(`${o.id} `)));
console.log(
  `openapi-check: ${answers} recorded answers, ${exercised.size} operation-status pairs exercised` +
    (rawBodies ? `, ${rawBodies} written whole by a fault (matched to an operation only)` : '')
);
const pairs = [...exercised.entries()].sort().map(([label, n]) => `${label} ×${n}`);
console.log(`openapi-check: exercised: ${pairs.join(', ')}`);
if (never.length) console.log(`openapi-check: operations no test exercised: ${never.map((o) => o.id).join(', ')}`);
if (failures.size) {
  const sorted = [...failures.entries()].sort((a, b) => b[1].count - a[1].count);
  for (const [problem, { count, first }] of sorted.slice(0, SHOWN)) {
    console.error(`✗ ${problem}\n    ${count} answer(s), first ${first}`);
  }
  if (sorted.length > SHOWN) console.error(`… and ${sorted.length - SHOWN} more distinct failures`);
  fail(`${failing.size} of ${answers} recorded answers do not match ${NAME}`);
}
console.log(`openapi-check: every recorded answer matches ${NAME}`);
