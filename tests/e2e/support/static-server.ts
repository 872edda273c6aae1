// A tiny real HTTP server for browser tests that must see every request, service worker's included
// (page.route cannot): serves folders at base paths with their MIME types, answers Range requests
// with 206 (media elements seek with them) and adds the headers a test gives, e.g. a CSP.
import { createReadStream, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

/** One folder served at a base path. */
export interface StaticMount {
  /** The URL path it is served at, with slashes at both ends: `/edition/`. */
  base: string;
  /** The folder on disk. */
  root: string;
  /** Headers added to every response from this mount (not to 404s). */
  headers?: OutgoingHttpHeaders;
}

/** A running server: its origin (`http://127.0.0.1:PORT`), the paths requested, and `close()`. */
export interface StaticServer {
  origin: string;
  /** Every request's path (with query), in order. */
  requests: string[];
  close(): Promise<void>;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.vtt': 'text/vtt; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webm': 'audio/webm',
  '.mp3': 'audio/mpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type for a file name (`application/octet-stream` when unknown). */
export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Parses a single-range `Range: bytes=…` header against a file of `size` bytes: the inclusive
 * byte span, `'unsatisfiable'`, or null when there is no usable range (serve the whole file).
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2])); // the last N bytes
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startStaticServer(mounts: StaticMount[]): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    serve(mounts, req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function serve(mounts: StaticMount[], req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const mount = mounts.find((m) => path.startsWith(m.base));
  const file = mount && fileFor(mount, path);
  if (!mount || !file || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const headers: OutgoingHttpHeaders = {
    ...mount.headers,
    'content-type': mimeType(file.path),
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
  };
  const range = parseRange(req.headers.range, file.stats.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${file.stats.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: file.stats.size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'content-length': String(end - start + 1),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${file.stats.size}` } : {}),
  });
  if (req.method === 'HEAD' || file.stats.size === 0) res.end();
  else createReadStream(file.path, { start, end }).pipe(res);
}

/** The file a path names inside a mount (a folder means its index.html); null outside it or missing. */
function fileFor(mount: StaticMount, path: string): { path: string; stats: Stats } | null {
  const root = resolve(mount.root);
  let file = resolve(root, `.${sep}${path.slice(mount.base.length)}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    let stats = statSync(file);
    if (stats.isDirectory()) {
      file = resolve(file, 'index.html');
      stats = statSync(file);
    }
    return stats.isFile() ? { path: file, stats } : null;
  } catch {
    return null;
  }
}
