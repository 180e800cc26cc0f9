// The widgets' documentation comes from custom-elements.json (generated from JSDoc by the
// build). Fails when an element registered by a bundle is missing from it, or is documented
// without its events, parts or tokens.
import fs from 'node:fs';

const manifest = JSON.parse(fs.readFileSync(new URL('../packages/widgets/custom-elements.json', import.meta.url), 'utf8'));
const documented = new Map();
for (const mod of manifest.modules) for (const d of mod.declarations ?? []) if (d.tagName) documented.set(d.tagName, d);

const sources = fs
  .readdirSync(new URL('../packages/widgets/src', import.meta.url), { recursive: true })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('testing'))
  .map((f) => fs.readFileSync(new URL(`../packages/widgets/src/${f}`, import.meta.url), 'utf8'));
const registered = new Set(sources.flatMap((text) => [...text.matchAll(/defineElement\(\s*'(pf-[a-z-]+)'/g)].map((m) => m[1])));

const problems = [];
for (const tag of registered) {
  const d = documented.get(tag);
  if (!d) problems.push(`${tag}: not in custom-elements.json (JSDoc @tag missing?)`);
  else {
    if (!d.events?.some((e) => e.name === 'pf-error')) problems.push(`${tag}: no @event pf-error`);
    if (!d.cssParts?.length) problems.push(`${tag}: no @csspart`);
    if (!d.cssProperties?.length) problems.push(`${tag}: no @cssproperty`);
    if (!d.attributes?.some((a) => a.name === 'commune')) problems.push(`${tag}: no commune attribute`);
  }
}
if (registered.size === 0) problems.push('no element registered through defineElement()');
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`custom-elements.json documents ${[...registered].sort().join(', ')}.`);
