// The console's stylesheet, bundled: style/main.css lists the stylesheets in cascade order with `@import` (the tokens,
// the shared base, then each component's own, at the path of the Rust file that renders it), and lightningcss's
// bundler inlines them into one file, the one stylesheet a first load fetches. Trunk copies a CSS file as it is and
// does not follow its imports, so the post-build hook (post-build.mjs) replaces Trunk's copy with this bundle, in dev
// builds too.
//
// The bundle must hold every stylesheet under style/ (but embed.css, the element's own, which post-build.mjs puts in
// front of the bundle for the shadow root), and each component's stylesheet must sit at the path of its Rust file
// (style/components/shell.css for src/components/shell.rs): a stylesheet that no `@import` reaches, or one whose
// component has moved or gone, stops the build.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(new URL('./package.json', import.meta.url));
const { bundleAsync } = require('lightningcss');

/** Stylesheets under style/ that are not part of the bundle. */
const OWN_FILES = ['embed.css'];
/** Folders of style/ that mirror src/: one stylesheet per Rust file. */
const MIRRORED = ['components', 'pages', 'panels'];

/**
 * Bundles `style/main.css` of the repository at `repo` (a file URL of its root), minified or not. Returns the CSS and
 * the stylesheets it holds (paths relative to style/), or throws with what is wrong.
 */
export async function bundleStyles(repo, { minify }) {
  const root = fileURLToPath(new URL('style/', repo));
  const read = new Set();
  const { code } = await bundleAsync({
    filename: join(root, 'main.css'),
    minify,
    resolver: {
      read(file) {
        read.add(relative(root, file).split(sep).join('/'));
        return readFileSync(file, 'utf8');
      },
    },
  });
  const all = readdirSync(root, { recursive: true })
    .map((file) => file.split(sep).join('/'))
    .filter((file) => file.endsWith('.css') && !OWN_FILES.includes(file));
  const problems = [];
  const missing = all.filter((file) => !read.has(file));
  if (missing.length) problems.push(`style/main.css imports no ${missing.map((f) => `style/${f}`).join(', ')}`);
  for (const file of all.filter((f) => MIRRORED.includes(f.split('/')[0]))) {
    const source = new URL(`src/${file.replace(/\.css$/, '.rs')}`, repo);
    try {
      readFileSync(source);
    } catch {
      problems.push(`style/${file} has no component at src/${file.replace(/\.css$/, '.rs')}`);
    }
  }
  if (problems.length) throw new Error(problems.join('; '));
  return { code: Buffer.from(code), files: [...read] };
}

// `node build/styles.mjs`: the check alone, without a build (test.sh's first layer runs it).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { code, files } = await bundleStyles(new URL('../', import.meta.url), { minify: true });
    console.log(`styles: ${files.length} stylesheets bundled, ${code.length} bytes minified`);
  } catch (error) {
    console.error(`styles: ${error.message}`);
    process.exit(1);
  }
}
