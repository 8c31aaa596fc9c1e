/** docs/architecture.md matches the code: the arrows between packages, and every file it names exists. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url).pathname;
const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');

function internalDeps(pkg: string): string[] {
  const json = JSON.parse(readFileSync(join(ROOT, 'packages', pkg, 'package.json'), 'utf8'));
  return Object.keys(json.dependencies ?? {})
    .filter((d) => d.startsWith('@grdp/'))
    .map((d) => d.slice('@grdp/'.length))
    .sort();
}

/** Every .ts file below `dir` (no node_modules). */
function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.parentPath.includes('node_modules'))
    .map((e) => join(e.parentPath, e.name));
}

describe('tests/ and bench/ use the packages by their public entries', () => {
  it('never import a package’s src/ or test-support/ files by a relative path', () => {
    const files = [...tsFiles('tests'), ...tsFiles('bench')];
    expect(files.length).toBeGreaterThan(20);
    const deep = /from '(?:\.\.\/)+packages\/(?:engine|charts|api)\/(?:src|test-support)\//;
    const offenders = files.filter((f) => deep.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => f.slice(ROOT.length))).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  it('states each package’s internal dependencies as its package.json does', () => {
    for (const pkg of ['engine', 'charts', 'api', 'web']) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`@grdp/${pkg}\` |`));
      expect(row, pkg).toBeDefined();
      const stated = row!
        .split('|')[2]!
        .split(',')
        .map((s) => s.trim())
        .filter((s) => ['engine', 'charts', 'api', 'web'].includes(s))
        .sort();
      expect(stated, pkg).toEqual(internalDeps(pkg));
    }
    // The leaves: neither api nor web depends on the other.
    expect(internalDeps('api')).not.toContain('web');
    expect(internalDeps('web')).not.toContain('api');
  });

  it('names only files that exist', () => {
    const paths = [...doc.matchAll(/`((?:engine|api|web|charts)\/src\/[\w/.-]+\.ts)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) expect(existsSync(join(ROOT, 'packages', p)), p).toBe(true);
    for (const p of [...doc.matchAll(/`((?:tests|packages)\/[\w/.-]+\.(?:ts|md))`/g)].map((m) => m[1]!))
      expect(existsSync(join(ROOT, p)), p).toBe(true);
  });
});
