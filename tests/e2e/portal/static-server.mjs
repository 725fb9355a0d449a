// A plain static file server, as operators put in front of a copied dist/: file types by extension, no CSP, no
// precompressed twins, a fallback to index.html for paths without an extension, and /api/ passed on to the backend.
// It misbehaves as real deployments do when told to (POST /__static/mode, JSON; `{}` is a well-set server):
//   {"wasmType": "application/octet-stream"}  a server that does not know the .wasm extension;
//   {"missing": "_bg.wasm"}                    files whose name ends so answer 404 (a partial copy of the build);
//   {"rewriteJs": true}                        every .js file changed on its way (a proxy or CDN that rewrites JS);
//   {"under": "/console"}                      the build served under a sub-path it was not built for.
//
//   node static-server.mjs PORT DIST_DIR API_ORIGIN
import { createServer } from 'node:http';
import { proxy } from './proxy.mjs';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const [port, dist, apiOrigin] = process.argv.slice(2);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
};
let mode = {};

function file(path) {
  const full = normalize(join(dist, path));
  if (!full.startsWith(normalize(dist))) return null;
  try {
    return statSync(full).isFile() ? readFileSync(full) : null;
  } catch {
    return null;
  }
}

createServer((req, res) => {
  const url = new URL(req.url, 'http://static');
  if (url.pathname === '/__static/mode' && req.method === 'POST') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      mode = JSON.parse(body || '{}');
      res.writeHead(204).end();
    });
    return;
  }
  if (url.pathname === '/__static/ready.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('ready');
  if (url.pathname.startsWith('/api/')) {
    proxy(req, res, apiOrigin);
    return;
  }
  let path = url.pathname;
  if (mode.under) {
    if (!path.startsWith(`${mode.under}/`))
      return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    path = path.slice(mode.under.length);
  }
  const extension = extname(path);
  let body = extension ? file(path) : file('index.html');
  if (mode.missing && path.endsWith(mode.missing)) body = null;
  if (!body) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  let type = types[extension || '.html'] ?? 'application/octet-stream';
  if (extension === '.wasm' && mode.wasmType) type = mode.wasmType;
  if (extension === '.js' && mode.rewriteJs)
    body = Buffer.concat([body, Buffer.from('\n/* rewritten by a proxy */\n')]);
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' }).end(body);
}).listen(Number(port), '127.0.0.1', () => console.log(`static server on http://127.0.0.1:${port}`));
