// A small static file server for the built site, bound to the loopback
// address only. Python's http.server on bookworm serves .wasm without the
// application/wasm type, which makes the browser fall back to a slower
// instantiation and log an error; this one gets the types right.
//
//   node scripts/serve.mjs <site dir> [port]     (port 0 picks a free one)
// Also imported by the browser tests: serveSite(dir, port) -> {server, url}.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export function serveSite(root, port = 0, host = '127.0.0.1') {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    let urlPath;
    try { urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname); }
    catch { res.writeHead(400).end('bad request'); return; }
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.join(root, path.normalize(urlPath));
    if (!file.startsWith(root + path.sep)) { res.writeHead(403).end('forbidden'); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: ' + urlPath); return; }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      res.end(data);
    });
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
