// A small static host for the benchmark, behaving as a real one would: it serves a build folder
// under a sub-path (default /edition/), gzips text responses (HTML, CSS, JS, JSON, SVG, VTT), sends
// correct content types, ETag + Last-Modified validators (304 when unchanged), long-lived caching
// for content-hashed files under assets/ and `no-cache` (revalidate) for everything else, answers
// Range requests for audio, and sends README's security headers (but Referrer-Policy, see below;
// the policies with the page and the worker script only). It counts the bytes it writes to
// the network (headers included), per request and in total: the honest measure of a visit,
// service-worker requests included.
// Usage: const host = await startGzipHost({ root: 'dist' }); host.url; host.reset(); host.bytes(); await host.close();
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.vtt': 'text/vtt; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webm': 'audio/webm',
  '.mp3': 'audio/mpeg',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.vtt', '.txt', '.webmanifest']);

/** README's recommended security headers (the ```http block under "Security headers"), or none. */
function securityHeaders(readme = 'README.md') {
  try {
    const text = readFileSync(readme, 'utf8');
    const block = /## Security headers[\s\S]*?```http\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    return Object.fromEntries(
      block
        .split('\n')
        .map((line) => /^([\w-]+):\s*(.+)$/.exec(line.trim()))
        .filter(Boolean)
        // Not Referrer-Policy: the referrer tells the service worker's requests (referred by sw.js) from the page's.
        .filter((m) => m[1].toLowerCase() !== 'referrer-policy')
        .map((m) => [m[1], m[2].replace(/frame-ancestors [^;]+/, "frame-ancestors 'self'")]),
    );
  } catch {
    return {};
  }
}

/**
 * Starts the host on 127.0.0.1 (a free port unless `port` is given).
 * @param {{ root: string, base?: string, port?: number, headers?: boolean }} options
 */
export async function startGzipHost({ root, base = '/edition/', port = 0, headers = true }) {
  const rootDir = resolve(root);
  const extra = headers ? securityHeaders() : {};
  const files = new Map(); // path → { raw, gzip, etag, mtime }
  const load = (path) => {
    if (files.has(path)) return files.get(path);
    let entry = null;
    try {
      const stat = statSync(path);
      if (stat.isFile()) {
        const raw = readFileSync(path);
        const ext = extname(path);
        entry = {
          raw,
          gzip: COMPRESSIBLE.has(ext) ? gzipSync(raw, { level: 6 }) : null,
          etag: `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`,
          mtime: stat.mtime.toUTCString(),
          type: TYPES[ext] ?? 'application/octet-stream',
        };
      }
    } catch {
      entry = null;
    }
    files.set(path, entry);
    return entry;
  };

  let log = [];
  const sockets = new Set();
  let closedBytes = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const record = { method: req.method, path: url.pathname, status: 0, bodyBytes: 0, encoding: null, by: req.headers['service-worker'] === 'script' ? 'worker script' : /\/sw\.js(\?|$)/.test(req.headers['referer'] ?? '') ? 'worker' : 'page' };
    log.push(record);
    const send = (status, head, body) => {
      record.status = status;
      record.bodyBytes = req.method === 'HEAD' || !body ? 0 : body.length;
      // CSP and Permissions-Policy act on documents and workers only: sent with the page and sw.js,
      // nosniff with everything (as a host configured for the edition would).
      const document = /^text\/html/.test(head['Content-Type'] ?? '') || url.pathname.endsWith('/sw.js');
      const policy = document ? extra : Object.fromEntries(Object.entries(extra).filter(([name]) => /^x-content-type-options$/i.test(name)));
      res.writeHead(status, { ...policy, ...head });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (url.pathname === base.slice(0, -1)) return send(301, { Location: base }, null);
    if (!url.pathname.startsWith(base)) return send(404, { 'Content-Type': 'text/plain' }, Buffer.from('Not found'));
    let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const path = normalize(join(rootDir, rel));
    if (!path.startsWith(rootDir)) return send(403, {}, null);
    const file = load(path);
    if (!file) return send(404, { 'Content-Type': 'text/plain' }, Buffer.from('Not found'));
    const hashed = rel.startsWith('assets/');
    const head = {
      'Content-Type': file.type,
      ETag: file.etag,
      'Last-Modified': file.mtime,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Accept-Ranges': 'bytes',
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === file.etag) return send(304, head, null);
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers['range'] ?? '');
    if (range && !file.gzip) {
      const size = file.raw.length;
      const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
      const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(size - 1, Number(range[2]));
      if (start > end || start >= size) return send(416, { ...head, 'Content-Range': `bytes */${size}` }, null);
      return send(206, { ...head, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 }, file.raw.subarray(start, end + 1));
    }
    if (file.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      record.encoding = 'gzip';
      return send(200, { ...head, 'Content-Encoding': 'gzip', 'Content-Length': file.gzip.length }, file.gzip);
    }
    return send(200, { ...head, 'Content-Length': file.raw.length }, file.raw);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + base,
    /** Bytes written to the network since the last reset (headers and bodies, every connection). */
    bytes: () => closedBytes + [...sockets].reduce((sum, s) => sum + s.bytesWritten, 0),
    /** The requests since the last reset. */
    requests: () => log,
    /** Forgets the counts (connections still open keep counting from now). */
    reset() {
      log = [];
      closedBytes = -[...sockets].reduce((sum, s) => sum + s.bytesWritten, 0);
    },
    close: () =>
      new Promise((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

// Run directly: serve a folder for a manual look (node tests/bench/gzip-server.mjs dist 4313).
if (import.meta.url === `file://${process.argv[1]}`) {
  const host = await startGzipHost({ root: process.argv[2] ?? 'dist', port: Number(process.argv[3] ?? 0) });
  console.log(`Serving ${process.argv[2] ?? 'dist'} at ${host.url} (gzip, ETag, Cache-Control)`);
}
