/**
 * A fast reader for the plain subset of YAML that scenario files are written in (block mappings and sequences,
 * one-line flow collections, plain and one-line quoted scalars, `>`/`|` block scalars, comments).
 *
 * It answers either the value the `yaml` package's `parseDocument(...).toJS()` gives under the loader's options
 * (YAML 1.2 core schema, unique keys, strict), or `undefined` ("not sure"), never anything else. It says "not
 * sure" for every construct outside that subset (anchors, aliases, tags, directives, multi-line plain or quoted
 * scalars, multi-line flow collections, tabs, CR, control characters, duplicate keys, non-string keys, deep
 * nesting, ...) and for anything malformed: the loader then reads the text with the `yaml` package as before, so
 * every error, line number and limit comes from the one full reader. A property test
 * (yaml-fast.test.ts) checks the two agree on mutated scenario files.
 */

/** Thrown internally to give up; caught at the top. */
import { childPath } from './paths.ts';
import { type LineOf, lineOfMap } from './yaml-source.ts';

const NOT_SURE: unique symbol = Symbol('not sure');

// The YAML 1.2 core schema's plain-scalar tags (as in yaml/dist/schema/core and common/null).
const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_SPECIAL =
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/;
/** Numbers read here: plain decimals of at most 15 digits, where Number() and the yaml package's parseInt/parseFloat agree. */
const SIMPLE_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
/** Whether the text has a character the fast reader does not handle anywhere (tab, CR, other controls, BOM, NEL, line separators). */
function unsupportedChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 10) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) return true;
  }
  return false;
}
/** Characters that may not start a plain scalar (or need care): indicators, quotes and flow brackets. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const MAX_DEPTH = 32;
const MAX_KEY = 1000;

function notSure(): never {
  throw NOT_SURE;
}

function plainValue(text: string): unknown {
  if (SIMPLE_NUMBER.test(text)) {
    const digits = text.length - (text[0] === '-' ? 1 : 0) - (text.includes('.') ? 1 : 0);
    if (digits > 15) notSure();
    return Number(text);
  }
  // A first character that starts no core-schema tag (null, bool, int, float): a string.
  const c = text.charCodeAt(0);
  if (c > 57 && c !== 126 && c !== 110 && c !== 78 && c !== 116 && c !== 84 && c !== 102 && c !== 70) return text;
  if (CORE_NULL.test(text)) return null;
  if (CORE_BOOL.test(text)) return c === 116 || c === 84;
  if (CORE_SPECIAL.test(text)) notSure();
  return text;
}

/** A plain scalar may start with `-`, `?` or `:` only when a non-space follows; never with another indicator. */
function checkPlainStart(text: string): void {
  if (text.length === 0) notSure();
  if (INDICATOR_START.test(text)) {
    const c = text[0];
    if ((c === '-' || c === '?' || c === ':') && text.length > 1 && text[1] !== ' ') return;
    notSure();
  }
}

/** A mapping key as the yaml package stringifies it (String(jsKey)); null and boolean keys are left to it. */
function stringKey(key: unknown): string {
  const k = typeof key === 'number' ? String(key) : key;
  if (typeof k !== 'string' || k === '<<' || k.length > MAX_KEY) notSure();
  return k;
}

const hasOwn = (o: object, key: string) => Object.hasOwn(o, key);

function addKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (hasOwn(map, key)) notSure(); // a duplicate key: the full reader reports it
  // As the yaml package's addPairToJSMap does: an inherited name (`__proto__`, `toString`) becomes an own property.
  if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/** After a value on a line: nothing, or spaces then a comment. */
function checkRest(line: string, at: number): void {
  let i = at;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  if (i === line.length) return;
  if (line[i] === '#' && i > at) return;
  notSure();
}

/** Index of a comment (` #`) in a block plain scalar starting at `from`, or the line's length. */
function plainEnd(line: string, from: number): number {
  const hash = line.indexOf(' #', from);
  return hash < 0 ? line.length : hash;
}

function doubleQuoted(line: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  let chunk = i;
  for (;;) {
    if (i >= line.length) notSure();
    const c = line.charCodeAt(i);
    if (c === 34) break; // "
    if (c === 92) {
      // \
      out += line.slice(chunk, i);
      const e = line[i + 1];
      if (e === '\\' || e === '"' || e === '/') out += e;
      else if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(i + 2, i + 6))) {
        out += String.fromCharCode(Number.parseInt(line.slice(i + 2, i + 6), 16));
        i += 4;
      } else notSure();
      i += 2;
      chunk = i;
      continue;
    }
    i++;
  }
  return [out + line.slice(chunk, i), i + 1];
}

function singleQuoted(line: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  for (;;) {
    const q = line.indexOf("'", i);
    if (q < 0) notSure();
    out += line.slice(i, q);
    if (line[q + 1] === "'") {
      out += "'";
      i = q + 2;
      continue;
    }
    return [out, q + 1];
  }
}

/** `,` `[` `]` `{` `}` `:` `#` `"` `'`: where a plain scalar in flow context ends (or the fast reader stops). */
function flowStop(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 58 || c === 35 || c === 34 || c === 39;
}

/** Marks the line of a JSON path (when lines are tracked). */
type Mark = ((path: string) => void) | undefined;

/**
 * One flow node on a line starting at `i` (after spaces): returns the value and the index after it. With `mark`,
 * every entry's path is marked on this line.
 */
function flowNode(line: string, i: number, depth: number, path: string, mark: Mark): [unknown, number] {
  if (depth > MAX_DEPTH) notSure();
  const c = line[i];
  if (c === '[') {
    const out: unknown[] = [];
    let j = skipSpaces(line, i + 1);
    if (line[j] === ']') return [out, j + 1];
    for (;;) {
      const p = mark ? childPath(path, out.length) : '';
      mark?.(p);
      const [v, k] = flowNode(line, j, depth + 1, p, mark);
      out.push(v);
      j = skipSpaces(line, k);
      if (line[j] === ']') return [out, j + 1];
      if (line[j] !== ',') notSure();
      j = skipSpaces(line, j + 1);
      if (line[j] === ']' || line[j] === ',') notSure();
    }
  }
  if (c === '{') {
    const out: Record<string, unknown> = {};
    let j = skipSpaces(line, i + 1);
    if (line[j] === '}') return [out, j + 1];
    for (;;) {
      const keyEnd = plainFlowEnd(line, j);
      const keyText = line.slice(j, keyEnd).trimEnd();
      checkPlainStart(keyText);
      if (line[keyEnd] !== ':' || line[keyEnd + 1] !== ' ') notSure();
      const key = stringKey(plainValue(keyText));
      const p = mark ? childPath(path, key) : '';
      mark?.(p);
      const [v, k] = flowNode(line, skipSpaces(line, keyEnd + 1), depth + 1, p, mark);
      addKey(out, key, v);
      j = skipSpaces(line, k);
      if (line[j] === '}') return [out, j + 1];
      if (line[j] !== ',') notSure();
      j = skipSpaces(line, j + 1);
      if (line[j] === '}' || line[j] === ',') notSure();
    }
  }
  let value: unknown;
  let end: number;
  if (c === '"') [value, end] = doubleQuoted(line, i);
  else if (c === "'") [value, end] = singleQuoted(line, i);
  else {
    end = plainFlowEnd(line, i);
    const text = line.slice(i, end).trimEnd();
    checkPlainStart(text);
    value = plainValue(text);
  }
  // A quoted or plain item followed by `:` would be a pair inside a sequence: leave that to the full reader.
  if (line[skipSpaces(line, end)] === ':') notSure();
  return [value, end];
}

/** The end of a plain scalar in flow context: the first flow indicator, `:`, `#` or quote (the caller checks which). */
function plainFlowEnd(line: string, i: number): number {
  let j = i;
  while (j < line.length && !flowStop(line.charCodeAt(j))) j++;
  if (j >= line.length) notSure();
  return j;
}

function skipSpaces(line: string, i: number): number {
  let j = i;
  while (j < line.length && line.charCodeAt(j) === 32) j++;
  return j;
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

class Reader {
  readonly lines: string[];
  /** The index of the next line not yet read. */
  at = 0;
  /** With line tracking: the 1-based line of each JSON path, as lineLookup (yaml-source.ts) gives it. */
  readonly lineMap: Map<string, number> | undefined;
  /** A path whose line the fast reader cannot be sure of (an empty sequence item): ask the full reader. */
  uncertain = false;
  /** The value read. */
  result: Record<string, unknown> | undefined;

  constructor(text: string, trackLines: boolean) {
    this.lines = text.split('\n');
    this.lineMap = trackLines ? new Map() : undefined;
  }

  /** The first mark of a path wins, as in lineLookup: an entry is on its key's line. */
  mark(path: string, lineIndex: number): void {
    if (this.lineMap && !this.lineMap.has(path)) this.lineMap.set(path, lineIndex + 1);
  }

  /** A Mark for one-line flow collections on line `lineIndex`. */
  flowMark(lineIndex: number): Mark {
    return this.lineMap ? (path) => this.mark(path, lineIndex) : undefined;
  }

  /** The next line that is neither blank nor a comment (moves `at` to it), or -1. */
  next(): number {
    const { lines } = this;
    while (this.at < lines.length) {
      const line = lines[this.at]!;
      const ind = indentOf(line);
      if (ind < line.length && line[ind] !== '#') {
        if (ind === 0 && (line.startsWith('---') || line.startsWith('...') || line[0] === '%')) notSure();
        return this.at;
      }
      this.at++;
    }
    return -1;
  }

  /** A block mapping whose keys are at column `col`; its first entry starts at (`this.at`, `col`). */
  map(col: number, depth: number, path: string): Record<string, unknown> {
    if (depth > MAX_DEPTH) notSure();
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = this.lines[this.at]!;
      const colon = entryColon(line, col);
      if (colon < 0) notSure();
      const keyText = line.slice(col, colon).trimEnd();
      checkPlainStart(keyText);
      if (keyText.includes(' #')) notSure();
      const key = stringKey(plainValue(keyText));
      const p = this.lineMap ? childPath(path, key) : '';
      this.mark(p, this.at);
      const value = this.value(line, colon + 1, col, depth, true, p);
      addKey(out, key, value);
      const n = this.next();
      if (n < 0) return out;
      const ind = indentOf(this.lines[n]!);
      if (ind < col) return out;
      if (ind > col) notSure();
    }
  }

  /** A block sequence whose `-` are at column `col`, the first at line `this.at`. */
  seq(col: number, depth: number, path: string): unknown[] {
    if (depth > MAX_DEPTH) notSure();
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[this.at]!;
      if (!isDash(line, col)) notSure();
      const start = skipSpaces(line, col + 1);
      const p = this.lineMap ? childPath(path, out.length) : '';
      if (start < line.length && line[start] !== '#') this.mark(p, this.at);
      if (start < line.length && line[start] !== '#' && entryColon(line, start) >= 0) {
        // A mapping that starts on the dash's line: its keys are at column `start`.
        out.push(this.map(start, depth + 1, p));
      } else {
        if (line[start] === '-' && (line[start + 1] === ' ' || start + 1 === line.length)) notSure();
        out.push(this.value(line, col + 1, col, depth, false, p));
      }
      const n = this.next();
      if (n < 0) return out;
      const next = this.lines[n]!;
      const ind = indentOf(next);
      if (ind > col) notSure();
      if (ind < col || !isDash(next, col)) return out;
    }
  }

  /**
   * The value after a key's `:` or a `-` at `from` on the current line, which belongs to a node at column
   * `col`. Leaves `at` past the value's last line.
   */
  value(line: string, from: number, col: number, depth: number, inMap: boolean, path: string): unknown {
    if (from < line.length && line.charCodeAt(from) !== 32) notSure();
    const i = skipSpaces(line, from);
    this.at++;
    if (i === line.length || line[i] === '#') {
      if (line[i] === '#' && i === from) notSure();
      // Nothing on the line: a nested block, or null.
      const n = this.next();
      const next = n < 0 ? '' : this.lines[n]!;
      const ind = indentOf(next);
      if (n >= 0 && ind > col) {
        this.mark(path, n);
        return this.node(ind, depth + 1, path);
      }
      if (n >= 0 && ind === col && inMap && isDash(next, col)) return this.seq(col, depth + 1, path);
      // An empty mapping value is on its key's line; where the yaml package puts an empty item is not sure.
      if (!inMap) this.uncertain = true;
      return null;
    }
    const c = line[i];
    if (c === '[' || c === '{') {
      const [v, end] = flowNode(line, i, depth + 1, path, this.flowMark(this.at - 1));
      checkRest(line, end);
      return v;
    }
    if (c === '"' || c === "'") {
      const [v, end] = c === '"' ? doubleQuoted(line, i) : singleQuoted(line, i);
      checkRest(line, end);
      return v;
    }
    if (c === '|' || c === '>') return this.blockScalar(line, i, col);
    const end = plainEnd(line, i);
    const text = line.slice(i, end).trimEnd();
    checkPlainStart(text);
    if (text.includes(': ') || text.endsWith(':')) notSure();
    return plainValue(text);
  }

  /** A node starting at line `this.at`, column `col`: a mapping or a sequence (a scalar alone on its line is left to the full reader). */
  node(col: number, depth: number, path: string): unknown {
    const line = this.lines[this.at]!;
    if (isDash(line, col)) return this.seq(col, depth, path);
    return this.map(col, depth, path);
  }

  /** `>`, `>-`, `|` or `|-` with its lines, all at one indentation deeper than `col`. `at` is the next line already. */
  blockScalar(line: string, i: number, col: number): string {
    const folded = line[i] === '>';
    let j = i + 1;
    const strip = line[j] === '-';
    if (strip) j++;
    checkRest(line, j);
    const { lines } = this;
    const first = lines[this.at];
    if (first === undefined) notSure();
    const indent = indentOf(first);
    if (indent <= col || indent === first.length) notSure();
    const parts: string[] = [];
    let blanks = 0;
    let last = this.at;
    while (this.at < lines.length) {
      const l = lines[this.at]!;
      if (l.length === 0) {
        blanks++;
        this.at++;
        continue;
      }
      const ind = indentOf(l);
      if (ind < indent) {
        if (ind === l.length) notSure();
        break;
      }
      if (ind > indent || l.endsWith(' ')) notSure();
      if (parts.length > 0) parts.push(folded ? (blanks === 0 ? ' ' : '\n'.repeat(blanks)) : '\n'.repeat(blanks + 1));
      parts.push(l.slice(indent));
      blanks = 0;
      last = this.at;
      this.at++;
    }
    // Clipped at the end of a text without a final newline: left to the full reader.
    if (!strip && last === lines.length - 1) notSure();
    return parts.join('') + (strip ? '' : '\n');
  }
}

function isDash(line: string, col: number): boolean {
  return line.charCodeAt(col) === 45 && (col + 1 === line.length || line.charCodeAt(col + 1) === 32);
}

/** The index of a mapping entry's `:` (followed by a space or the end of the line) for a key starting at `col`, or -1. */
function entryColon(line: string, col: number): number {
  const c = line[col];
  if (c === '"' || c === "'" || c === '[' || c === '{' || c === '?' || c === '#') return -1;
  let k = line.indexOf(':', col);
  while (k >= 0) {
    if (k + 1 === line.length || line.charCodeAt(k + 1) === 32) {
      const hash = line.indexOf(' #', col);
      return hash >= 0 && hash < k ? -1 : k;
    }
    k = line.indexOf(':', k + 1);
  }
  return -1;
}

function read(text: string, trackLines: boolean): Reader | undefined {
  if (unsupportedChars(text)) return undefined;
  try {
    const r = new Reader(text, trackLines);
    const n = r.next();
    if (n < 0 || indentOf(r.lines[n]!) !== 0 || isDash(r.lines[n]!, 0)) return undefined;
    r.mark('', n);
    r.result = r.map(0, 1, '');
    if (r.at < r.lines.length && r.next() >= 0) return undefined;
    return r;
  } catch (e) {
    if (e === NOT_SURE) return undefined;
    throw e;
  }
}

/**
 * The JS value of a YAML text in the scenario subset, as the `yaml` package would give it under the loader's
 * options, or `undefined` when the text is outside the subset (or malformed): read it with the full reader then.
 */
export function fastYaml(text: string): Record<string, unknown> | undefined {
  return read(text, false)?.result;
}

/**
 * The lines of JSON paths in a text `fastYaml` reads, as `lineLookup` gives them (a second, tracking pass, for
 * issues), or `undefined` when the fast reader is not sure of one.
 */
export function fastYamlLines(text: string): LineOf | undefined {
  const r = read(text, true);
  return r && !r.uncertain ? lineOfMap(r.lineMap!) : undefined;
}
