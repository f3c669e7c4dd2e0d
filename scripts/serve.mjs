// A small static file server for the built site, bound to the loopback
// address only. Python's http.server on bookworm serves .wasm without the
// application/wasm type, which makes the browser fall back to a slower
// instantiation and log an error; this one gets the types right, and sends
// text and .wasm gzip-compressed to browsers that accept it (Content-Encoding:
// gzip, Vary: Accept-Encoding; each file is compressed once and kept in memory
// until it changes on disk).
//
//   node scripts/serve.mjs <site dir> [port]     (port 0 picks a free one)
// Also imported by the browser tests: serveSite(dir, port) -> {server, url}.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

// Types worth compressing (images are compressed already).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.txt', '.csv']);

// Does the request's Accept-Encoding allow gzip (and not with q=0)?
export function acceptsGzip(header) {
  for (const part of String(header || '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

// file -> {mtimeMs, size, gz}: compressed once per version of the file.
const gzipCache = new Map();
function gzipped(file, stat, data) {
  const hit = gzipCache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.gz;
  const gz = zlib.gzipSync(data, { level: 9 });
  gzipCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, gz });
  return gz;
}

export function serveSite(root, port = 0, host = '127.0.0.1') {
  root = path.resolve(root);
  // Compress the site's own files at start, so the first load waits for none.
  for (const name of fs.readdirSync(root)) {
    const file = path.join(root, name);
    try {
      const stat = fs.statSync(file);
      if (stat.isFile() && COMPRESSIBLE.has(path.extname(name).toLowerCase())) gzipped(file, stat, fs.readFileSync(file));
    } catch { /* a file that vanished: served (or not) on request */ }
  }
  const server = http.createServer((req, res) => {
    let urlPath;
    try { urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname); }
    catch { res.writeHead(400).end('bad request'); return; }
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.join(root, path.normalize(urlPath));
    if (!file.startsWith(root + path.sep)) { res.writeHead(403).end('forbidden'); return; }
    fs.stat(file, (statErr, stat) => fs.readFile(file, (err, data) => {
      if (statErr || err) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: ' + urlPath); return; }
      const ext = path.extname(file).toLowerCase();
      const headers = {
        'Content-Type': TYPES[ext] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
      };
      if (COMPRESSIBLE.has(ext)) {
        headers['Vary'] = 'Accept-Encoding';
        if (acceptsGzip(req.headers['accept-encoding'])) {
          data = gzipped(file, stat, data);
          headers['Content-Encoding'] = 'gzip';
        }
      }
      headers['Content-Length'] = data.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : data);
    }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({ server, url: `http://${host}:${server.address().port}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [dir, portArg = '8080'] = process.argv.slice(2);
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`serve: no index.html in '${dir}': build the site first (bash scripts/build.sh wasm)`);
    process.exit(2);
  }
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: port must be a whole number from 0 to 65535, got '${portArg}'`);
    process.exit(2);
  }
  serveSite(dir, port).then(({ url }) => {
    console.log(`Serving ${path.resolve(dir)}`);
    console.log(`Open the playground at ${url}   (Ctrl+C stops)`);
  }, (err) => {
    console.error(`serve: cannot listen on 127.0.0.1:${port}: ${err.message}` +
                  (err.code === 'EADDRINUSE' ? ' (choose another port: PORT=8081 scripts/serve.sh)' : ''));
    process.exit(1);
  });
}
