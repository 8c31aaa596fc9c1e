import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, decodeUtf8, detectSeparator, parseCsv, writeCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, CRLF or LF', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n1,,3';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('keeps an empty last field and ignores one final line break', () => {
    expect(parseCsv('a;b;\r\n', ';')).toEqual([['a', 'b', '']]);
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('refuses an unclosed quote and text after a closing quote, with the line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"x"y,1')).toThrow(/line 2/);
  });

  it('detects the separator from the header line, outside quotes', () => {
    expect(detectSeparator('Kỳ;Chỉ tiêu;Tăng trưởng (%)\nQ1;total;7,36')).toBe(';');
    expect(detectSeparator('"a;b",c,d')).toBe(',');
    expect(detectSeparator('a\tb\tc')).toBe('\t');
  });

  it('round-trips what writeCsv writes (BOM stripped by decodeUtf8)', () => {
    const records = [
      ['Kỳ', 'Ghi chú'],
      ['Q1', 'có ; và "ngoặc"\nxuống dòng'],
    ];
    const text = writeCsv(records, ';');
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(parseCsv(decodeUtf8(Buffer.from(text, 'utf8')), ';')).toEqual(records);
  });
});

describe('decodeUtf8', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeUtf8(Buffer.from('\ufeffKỳ', 'utf8'))).toBe('Kỳ');
    expect(decodeUtf8(Buffer.from('Kỳ', 'utf8'))).toBe('Kỳ');
  });

  it('refuses UTF-16 and legacy code pages with a message that says to save as UTF-8', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Kỳ;Chỉ tiêu', 'utf16le')]);
    expect(() => decodeUtf8(utf16)).toThrow(/UTF-16.*CSV UTF-8/);
    expect(() => decodeUtf8(Buffer.from('Kỳ', 'utf16le'))).toThrow(/UTF-16/);
    // "Kỳ" in Windows-1258: K, y, combining hook above (0xD2).
    expect(() => decodeUtf8(Buffer.from([0x4b, 0x79, 0xd2, 0x3b, 0x61]))).toThrow(/not UTF-8.*Windows-1258/);
  });
});
