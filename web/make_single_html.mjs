// Writes playground-single.html: the site's page with its scripts and the
// WebAssembly module inside it, for course platforms that take one file and for
// students who open a downloaded page from disk (file:// cannot fetch a .wasm).
//
//   node web/make_single_html.mjs <index.html> <playground-api.js> <playground.js> <playground.wasm> <playground-worker.js> <out.html>
//
// The page is index.html with the two <script src> tags replaced by the scripts
// themselves; the module travels as base64 and is handed to Emscripten as
// Module.wasmBinary, so nothing is fetched. The training worker's script (its
// module inside it) travels as text in <script type="text/plain"
// id="pg-worker-source">, which the app starts from a Blob URL. The same playground-api.js runs, so
// the URL-hash state, window.playground and postMessage behave as on the site.
// (Linking a second variant with -sSINGLE_FILE would double the link time, and
// linking straight to .html crashes Debian's emcc.)
import fs from 'node:fs';
import path from 'node:path';

const [indexFile, apiFile, jsFile, wasmFile, workerFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node make_single_html.mjs <index.html> <playground-api.js> <playground.js> <playground.wasm> <playground-worker.js> <out.html>');
  process.exit(2);
}

// A script's text inside <script>…</script> must not close the element or open
// an HTML comment; both rewrites keep the JavaScript's meaning ("<\/" is "</"
// in strings and regular expressions alike).
const inline = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

let html = fs.readFileSync(indexFile, 'utf8');
const api = fs.readFileSync(apiFile, 'utf8');
const js = fs.readFileSync(jsFile, 'utf8');
const wasm = fs.readFileSync(wasmFile);
const worker = fs.readFileSync(workerFile, 'utf8');

function replaceTag(re, what, replacement) {
  if (!re.test(html)) {
    console.error(`make_single_html: no ${what} in ${indexFile}`);
    process.exit(1);
  }
  html = html.replace(re, typeof replacement === 'function' ? replacement : () => replacement);
}

// <script src="playground-api.js" data-origins="…"></script>: the same tag and
// attributes (document.currentScript.dataset.origins still works), inline.
replaceTag(/<script\s+src="playground-api\.js"([^>]*)><\/script>/, '<script src="playground-api.js">',
           (_, attrs) => `<script${attrs}>\n${inline(api)}\n</script>`);

// Any other page script beside playground-api.js (<script src="playground-a11y.js">):
// inline too, attributes kept.
html = html.replace(/<script\s+src="([\w-]+\.js)"([^>]*)><\/script>/g, (tag, file, attrs) => {
  const p = path.join(path.dirname(apiFile), file);
  return fs.existsSync(p) ? `<script${attrs}>\n${inline(fs.readFileSync(p, 'utf8'))}\n</script>` : tag;
});

// <script async src="playground.js"></script>: the module's bytes, then the
// Emscripten glue (which finds Module.wasmBinary and fetches nothing).
const wasmScript =
  '<script>\n' +
  '// The WebAssembly module (base64), given to Emscripten as Module.wasmBinary.\n' +
  '(function () {\n' +
  `  var s = atob("${wasm.toString('base64')}");\n` +
  '  var b = new Uint8Array(s.length);\n' +
  '  for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);\n' +
  '  window.Module = window.Module || {};\n' +
  '  window.Module.wasmBinary = b;\n' +
  '})();\n' +
  '</script>\n';
const workerScript = `<script type="text/plain" id="pg-worker-source">\n${inline(worker)}\n</script>\n`;
replaceTag(/<script\s+async\s+src="playground\.js"><\/script>/, '<script async src="playground.js">',
           workerScript + wasmScript + `<script>\n${inline(js)}\n</script>`);

fs.writeFileSync(outFile + '.tmp', html);
fs.renameSync(outFile + '.tmp', outFile);
