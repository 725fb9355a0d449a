// A stand-in for a customer's admin portal, on an origin of its own, for the embedding tests (specs/embedding.spec.js).
// It serves its pages from this folder, and two pages made of docs/embedding.md's snippets, under the CSP that
// docs/embedding.md tells portals to send. Like a portal that embeds the script, it passes `/admin/mdm/` and `/api/`
// on to the console's server (a reverse proxy), so that the console is on the portal's origin.
//
//   node server.mjs PORT CONSOLE_ORIGIN [EXTRA_FRAME_ORIGIN ...]
import { createServer } from 'node:http';
import { proxy } from './proxy.mjs';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createHash } from 'node:crypto';
import { documented, plainPage } from './documented.mjs';

const [port, consoleOrigin, ...extraFrameOrigins] = process.argv.slice(2);
const portalCsp = documented('portal-csp', consoleOrigin).replace(/^Content-Security-Policy:\s*/i, '');
const pages = {
  '/snippet/script-embed.html': () => plainPage(documented('script-embed', consoleOrigin)),
  '/snippet/iframe.html': () => plainPage(documented('iframe', consoleOrigin)),
};
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

createServer((req, res) => {
  const path = new URL(req.url, 'http://portal').pathname;
  if (path.startsWith('/admin/mdm/') || path.startsWith('/api/')) {
    proxy(req, res, consoleOrigin);
    return;
  }
  let body;
  try {
    body =
      pages[path]?.() ??
      (/^\/[\w-]+\.(html|js|css)$/.test(path) && readFileSync(new URL(`.${path}`, import.meta.url), 'utf8'));
  } catch {
    body = null;
  }
  if (!body) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  const type = types[extname(path)];
  const headers = { 'content-type': type, 'cache-control': 'no-cache' };
  if (type.startsWith('text/html')) {
    // The portal's own inline scripts, allowed by hash: the documented policy is what the console needs, not more.
    const hashes = [...body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      ([, code]) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`
    );
    const frames = extraFrameOrigins.length ? ` ${extraFrameOrigins.join(' ')}` : '';
    headers['content-security-policy'] = portalCsp
      .replace(/script-src ([^;]*)/, (all) => [all, ...hashes].join(' '))
      .replace(/frame-src ([^;]*)/, (all) => all + frames);
  }
  res.writeHead(200, headers).end(body);
}).listen(Number(port), '127.0.0.1', () => console.log(`portal listening on http://localhost:${port}`));
