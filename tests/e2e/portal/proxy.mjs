// A reverse proxy's one step, shared by the test servers: `req` passed on to `origin` as it came, and its answer
// back as it came (502 when the origin cannot be reached).
import { request as forward } from 'node:http';

export function proxy(req, res, origin) {
  const target = new URL(req.url, origin);
  const upstream = forward(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}
