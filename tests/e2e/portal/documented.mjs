// The snippets of docs/embedding.md, as the tests use them: each is the code block that follows a
// `<!-- tested: NAME -->` line, so that the documentation cannot drift from what is tested.
import { readFileSync } from 'node:fs';

const DOCS_ORIGIN = 'https://console.example';
const docs = readFileSync(new URL('../../../docs/embedding.md', import.meta.url), 'utf8');

/** The block marked `NAME`, with the documentation's example origin replaced by the console's real one. */
export function documented(name, consoleOrigin = DOCS_ORIGIN) {
  const found = docs.match(new RegExp(`<!-- tested: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``));
  if (!found) throw new Error(`docs/embedding.md has no block marked "tested: ${name}"`);
  return found[1].trim().split(DOCS_ORIGIN).join(consoleOrigin);
}

/** The documentation's plain page, with `snippet` pasted where it says. */
export function plainPage(snippet) {
  const page = documented('plain-page');
  if (!page.includes('<!-- the snippet -->')) throw new Error('the plain page has no place for the snippet');
  return `${page.replace('<!-- the snippet -->', snippet)}\n`;
}
