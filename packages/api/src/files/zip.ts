/**
 * A guard in front of the XLSX reader: walks the zip's central directory, refuses ZIP64, encryption, unknown
 * compression, too many entries and a declared uncompressed total above the limit, then inflates every entry
 * with `maxOutputLength` set to its declared size, so that an entry that lies about its size (a zip bomb) stops
 * at that size instead of filling memory. Only a file that passes is handed to exceljs.
 */
import { inflateRawSync } from 'node:zlib';
import { ApiError } from '../errors.ts';

export interface ZipLimits {
  /** Largest sum of the entries' uncompressed sizes, bytes (default 50 MiB). */
  maxUncompressed?: number;
  /** Most entries (default 2,000). */
  maxEntries?: number;
}

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MiB = 1024 * 1024;

const unreadable = (why: string) => new ApiError('IMPORT_UNREADABLE', `The XLSX file is not a valid workbook: ${why}`);

function findEndRecord(buf: Buffer): number {
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= earliest; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw unreadable('it is not a zip archive (no end of central directory)');
}

/** Lists the entries of a zip from its central directory, checking the limits; throws IMPORT_UNREADABLE. */
export function checkZip(buf: Buffer, limits: ZipLimits = {}): ZipEntryInfo[] {
  const maxUncompressed = limits.maxUncompressed ?? 50 * MiB;
  const maxEntries = limits.maxEntries ?? 2000;
  if (buf.length < 22) throw unreadable('it is too short to be a zip archive');
  const end = findEndRecord(buf);
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const offset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    throw unreadable('ZIP64 archives are not accepted');
  if (count > maxEntries) throw unreadable(`it has ${count} entries (at most ${maxEntries})`);
  if (offset + size > end) throw unreadable('the central directory is outside the file');

  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL) throw unreadable('the central directory is damaged');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    if (flags & 1) throw unreadable(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw unreadable(`${name} uses an unsupported compression method ${method}`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff)
      throw unreadable('ZIP64 archives are not accepted');
    total += uncompressedSize;
    if (total > maxUncompressed)
      throw unreadable(
        `it would expand to more than ${Math.round(maxUncompressed / MiB)} MiB (declared sizes in the zip directory)`,
      );
    inflateEntry(buf, name, method, localOffset, compressedSize, uncompressedSize);
    entries.push({ name, compressedSize, uncompressedSize });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry, refusing output beyond its declared size. */
function inflateEntry(buf: Buffer, name: string, method: number, at: number, compressed: number, declared: number) {
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL)
    throw unreadable(`the local header of ${name} is damaged`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + compressed > buf.length) throw unreadable(`${name} is cut short`);
  const data = buf.subarray(start, start + compressed);
  if (method === 0) {
    if (compressed !== declared) throw unreadable(`${name} has inconsistent sizes`);
    return;
  }
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, declared) });
  } catch (e) {
    const tooBig = e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw unreadable(tooBig ? `${name} expands beyond its declared size` : `${name} cannot be decompressed`);
  }
  if (out.length !== declared) throw unreadable(`${name} expands beyond its declared size`);
}
