/**
 * A scenario with `n` sectors and a band for every period and key, without base levels: evaluating it runs the
 * calibration (a linear programme that grows with n). The heaviest thing an anonymous request can ask for.
 */
export function bigScenario(n: number, growth = 6): Record<string, unknown> {
  const sectors = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `Ngành ${i}` }));
  const row: Record<string, unknown> = { total: [growth, growth + 1] };
  for (let i = 0; i < n; i++) row[`s${i}`] = [3 + (i % 7), 4 + (i % 7)];
  const targets: Record<string, unknown> = {};
  for (const p of ['Q1', 'Q2', 'Q3', 'Q4', 'H1', '9M', 'FY']) targets[p] = row;
  return {
    id: 'big-2024',
    title: { vi: 'Lớn', en: 'Big' },
    region: 'Thử',
    year: 2024,
    source: 'test',
    sectors,
    targets,
  };
}
