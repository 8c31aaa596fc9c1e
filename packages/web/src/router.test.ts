import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router.ts';

const at = (hash: string) => parseRoute({ pathname: '/', search: '', hash });

describe('routes', () => {
  it('reads a what-if link with shocks in the engine syntax', () => {
    const r = at('#/s/an-giang-2023/whatif?b=mid&shock=agriculture:Q3:-2pp&shock=services:Q4:%2B1pp');
    expect(r.name).toBe('whatif');
    if (r.name !== 'whatif') return;
    expect(r.query.getAll('shock')).toEqual(['agriculture:Q3:-2pp', 'services:Q4:+1pp']);
  });

  it('rewrites an old what-if link (s=agriculture.Q3:-2,…) to shock params', () => {
    const r = at('#/s/an-giang-2023/whatif?b=mid&s=agriculture.Q3:-2,services.Q4:1.5');
    if (r.name !== 'whatif') throw new Error(r.name);
    expect(r.query.get('s')).toBeNull();
    expect(r.query.getAll('shock')).toEqual(['agriculture:Q3:-2pp', 'services:Q4:1.5pp']);
    expect(r.query.get('b')).toBe('mid');
  });

  it('reads the draft studio, with or without its state, and writes its link back', () => {
    const r = at('#/s/an-giang-2023/draft');
    expect(r).toEqual({ name: 'draft', id: 'an-giang-2023', query: new URLSearchParams() });
    expect(href(r)).toBe('#/s/an-giang-2023/draft');
    const withState = at('#/s/an-giang-2023/draft?fy=agriculture:3.2,4.1&reconcile=shift');
    if (withState.name !== 'draft') throw new Error(withState.name);
    expect(withState.query.getAll('fy')).toEqual(['agriculture:3.2,4.1']);
    expect(href(withState)).toBe('#/s/an-giang-2023/draft?fy=agriculture%3A3.2%2C4.1&reconcile=shift');
    expect(at(href(withState))).toEqual(withState);
  });

  it("reads the appendix of a stored scenario and of a draft's state", () => {
    expect(at('#/s/an-giang-2023/appendix')).toEqual({
      name: 'appendix',
      id: 'an-giang-2023',
      draft: false,
      query: new URLSearchParams(),
    });
    const d = at('#/s/an-giang-2023/draft/appendix?profile=shape&shape=agriculture:-1,2,0,-1');
    expect(d).toMatchObject({ name: 'appendix', id: 'an-giang-2023', draft: true });
    expect(at(href(d))).toEqual(d);
  });

  it('reads embeds and dashboards', () => {
    expect(parseRoute({ pathname: '/embed/an-giang-2023/fan', search: '?view=cumulative', hash: '' })).toMatchObject({
      name: 'embed',
      id: 'an-giang-2023',
      chart: 'fan',
    });
    expect(at('#/s/an-giang-2023')).toMatchObject({ name: 'dashboard', id: 'an-giang-2023' });
  });
});
