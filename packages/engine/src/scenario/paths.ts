/** JSON paths of issues: `targets.Q4.product_taxes`, `sectors[2].id`. */

const SIMPLE_KEY = /^[A-Za-z0-9_-]+$/;
const LAST_SEGMENT = /(?:^[A-Za-z0-9_-]+|\.[A-Za-z0-9_-]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/;

/** `childPath('targets', 'Q4')` → `targets.Q4`; `childPath('sectors', 2)` → `sectors[2]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (SIMPLE_KEY.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

export function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const stripped = path.replace(LAST_SEGMENT, '');
  return stripped === path ? '' : stripped;
}
