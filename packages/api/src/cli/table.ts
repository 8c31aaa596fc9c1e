/** Aligned plain-text tables for a terminal: text columns left, numeric columns right. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

const width = (s: string) => [...s.normalize('NFC')].length;

export function renderTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat(widths[i]! - width(s));
    return columns[i]!.align === 'right' ? gap + s : s + gap;
  };
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, i))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}
