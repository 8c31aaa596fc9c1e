/** Safe YAML parsing, and the line of a JSON path in the source for issues. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { SCENARIO_MAX_DEPTH } from './limits.ts';

import { childPath, parentPath } from './paths.ts';

export type LineOf = (path: string) => number | undefined;

export type YamlDocument = ReturnType<typeof parseDocument>;

export function readYaml(text: string): { doc?: YamlDocument; lineCounter: LineCounter; thrown?: unknown } {
  const lineCounter = new LineCounter();
  try {
    const doc = parseDocument(text, {
      lineCounter,
      version: '1.2',
      schema: 'core',
      customTags: [],
      resolveKnownTags: false,
      merge: false,
      uniqueKeys: true,
      strict: true,
      prettyErrors: true,
    });
    return { doc, lineCounter };
  } catch (thrown) {
    return { lineCounter, thrown };
  }
}

/** The range of the first collection nested deeper than SCENARIO_MAX_DEPTH (aliases are counted after expansion). */
export function deepNode(node: unknown, depth: number): [number, number, number] | undefined {
  if (!isMap(node) && !isSeq(node)) return undefined;
  if (depth >= SCENARIO_MAX_DEPTH) return node.range ?? [0, 0, 0];
  for (const item of node.items) {
    const found = isPair(item)
      ? (deepNode(item.key, depth + 1) ?? deepNode(item.value, depth + 1))
      : deepNode(item, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Maps JSON paths to 1-based lines: a mapping entry is on its key's line; a path not in the text, its parent's. */
export function lineLookup(doc: YamlDocument, lineCounter: LineCounter): LineOf {
  const lines = new Map<string, number>();
  const mark = (path: string, node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range && !lines.has(path)) lines.set(path, lineCounter.linePos(range[0]).line);
  };
  const walk = (node: unknown, path: string, depth: number) => {
    if (depth > SCENARIO_MAX_DEPTH) return;
    mark(path, node);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const path2 = childPath(path, String(pair.key.value));
        mark(path2, pair.key);
        walk(pair.value, path2, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, childPath(path, i), depth + 1);
      });
    }
  };
  walk(doc.contents, '', 0);
  return lineOfMap(lines);
}

/** A path's line from a map of marked paths: its own, else its nearest marked parent's. */
export function lineOfMap(lines: Map<string, number>): LineOf {
  return (path) => {
    for (let p: string | undefined = path; p !== undefined; p = parentPath(p)) {
      const line = lines.get(p);
      if (line !== undefined) return line;
    }
    return undefined;
  };
}
