/**
 * Routes. The app uses hash routes (static serving needs no rewrite): `#/` scenario list, `#/s/<id>` dashboard,
 * `#/s/<id>/entry`, `#/s/<id>/whatif?…`, `#/s/<id>/draft?…` (the draft studio, its state in the query),
 * `#/s/<id>/appendix` (the scenario's table as the plan's appendix, printable) and `#/s/<id>/draft/appendix?…`
 * (the same for the draft the query describes), `#/s/<id>/department/<dept>` (a department's indicators report),
 * `#/tokens`. The embed page is a real path, `/embed/<scenario>/<chart>?lang=&view=`
 * (the server falls back to index.html there). Hashes not starting with `#/` (the skip link) are not routes.
 */
import { legacyWebShocks } from '@grdp/engine';

export type Route =
  | { name: 'scenarios' }
  | { name: 'tokens' }
  | { name: 'dashboard'; id: string; query: URLSearchParams }
  | { name: 'entry'; id: string; query: URLSearchParams }
  | { name: 'whatif'; id: string; query: URLSearchParams }
  | { name: 'draft'; id: string; query: URLSearchParams }
  /** `draft`: the table drafted from the studio state in `query`, else the stored scenario's. */
  | { name: 'appendix'; id: string; draft: boolean; query: URLSearchParams }
  | { name: 'department'; id: string; department: string }
  | { name: 'embed'; id: string; chart: string; query: URLSearchParams }
  | { name: 'notFound' };

export function parseRoute(loc: Pick<Location, 'pathname' | 'hash' | 'search'>): Route {
  const embed = /^\/embed\/([^/]+)\/([^/]+)\/?$/.exec(loc.pathname);
  if (embed)
    return {
      name: 'embed',
      id: decodeURIComponent(embed[1]!),
      chart: decodeURIComponent(embed[2]!),
      query: new URLSearchParams(loc.search),
    };
  const hash = loc.hash.startsWith('#/') ? loc.hash.slice(1) : '/';
  const [path = '/', search = ''] = hash.split('?', 2);
  const query = new URLSearchParams(search);
  if (path === '/' || path === '') return { name: 'scenarios' };
  if (path === '/tokens' || path === '/tokens/') return { name: 'tokens' };
  const dept = /^\/s\/([^/]+)\/department\/([^/]+)\/?$/.exec(path);
  if (dept) return { name: 'department', id: decodeURIComponent(dept[1]!), department: decodeURIComponent(dept[2]!) };
  const appendix = /^\/s\/([^/]+)\/(draft\/)?appendix\/?$/.exec(path);
  if (appendix)
    return { name: 'appendix', id: decodeURIComponent(appendix[1]!), draft: appendix[2] !== undefined, query };
  const m = /^\/s\/([^/]+)(?:\/(entry|whatif|draft))?\/?$/.exec(path);
  if (!m) return { name: 'notFound' };
  const id = decodeURIComponent(m[1]!);
  if (m[2] === 'entry') return { name: 'entry', id, query };
  if (m[2] === 'draft') return { name: 'draft', id, query };
  if (m[2] === 'whatif') return { name: 'whatif', id, query: upgradeShockQuery(query) };
  return { name: 'dashboard', id, query };
}

/**
 * Old what-if links carry `s=agriculture.Q3:-2,…`; they become `shock=agriculture:Q3:-2pp` params, the engine's one
 * shock syntax (the what-if view then writes the new form into the address bar).
 */
export function upgradeShockQuery(query: URLSearchParams): URLSearchParams {
  const old = query.get('s');
  if (old === null) return query;
  query.delete('s');
  for (const shock of legacyWebShocks(old)) query.append('shock', shock);
  return query;
}

export function href(route: Route): string {
  switch (route.name) {
    case 'scenarios':
      return '#/';
    case 'tokens':
      return '#/tokens';
    case 'dashboard':
    case 'entry':
    case 'whatif': {
      const suffix = route.name === 'dashboard' ? '' : `/${route.name}`;
      const q = route.query.toString();
      return `#/s/${encodeURIComponent(route.id)}${suffix}${q ? `?${q}` : ''}`;
    }
    case 'draft':
    case 'appendix': {
      const suffix = route.name === 'draft' ? '/draft' : route.draft ? '/draft/appendix' : '/appendix';
      const q = route.query.toString();
      return `#/s/${encodeURIComponent(route.id)}${suffix}${q ? `?${q}` : ''}`;
    }
    case 'department':
      return `#/s/${encodeURIComponent(route.id)}/department/${encodeURIComponent(route.department)}`;
    case 'embed':
      return `/embed/${encodeURIComponent(route.id)}/${encodeURIComponent(route.chart)}?${route.query}`;
    default:
      return '#/';
  }
}

/** Replaces the query of the current hash route without a new history entry or a re-render. */
export function replaceQuery(query: URLSearchParams): void {
  const [path = '/'] = location.hash.slice(1).split('?', 1);
  const q = query.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}#${path}${q ? `?${q}` : ''}`);
}
