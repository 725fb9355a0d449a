// Writes DIR/index.html: docs/embedding.md's plain page with the script-embed snippet pasted in, as a portal
// developer trying the element would (the "Try it against the mock backend" steps).
//   node plain-page.mjs DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documented, plainPage } from './documented.mjs';

const dir = process.argv[2];
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'index.html'), plainPage(documented('script-embed')));
