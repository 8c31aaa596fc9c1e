/**
 * The saved what-ifs of a scenario: each with its name (a link that reopens it), author and date, and a delete
 * button (the API lets the author or an admin delete; the editor token typed on the page is sent).
 */
import { legacyWebShocks } from '@grdp/engine';
import { api, type Whatif } from '../../api.ts';
import { h, mount } from '../../dom.ts';
import { errorText } from '../../error-text.ts';
import { formatDateTime } from '../../format-date.ts';
import { t } from '../../i18n/index.ts';

/** The studio's address of a saved what-if. */
export function whatifHref(scenarioId: string, w: Whatif): string {
  const q = new URLSearchParams();
  const body = w.body as { baseline?: string; asOf?: string; shocks?: string | string[] };
  if (body.baseline) q.set('b', body.baseline);
  if (body.asOf) q.set('asof', body.asOf);
  const shocks = typeof body.shocks === 'string' ? legacyWebShocks(body.shocks) : (body.shocks ?? []);
  for (const shock of shocks) q.append('shock', shock);
  q.set('w', w.id);
  return `#/s/${encodeURIComponent(scenarioId)}/whatif?${q}`;
}

export interface SavedList {
  element: HTMLElement;
  refresh(): Promise<void>;
}

export function savedList(scenarioId: string, token: () => string | null, status: HTMLElement): SavedList {
  const element = h('ul', { class: 'saved', id: 'saved-whatifs' });
  const refresh = async () => {
    let list: Whatif[];
    try {
      list = await api.listWhatifs(scenarioId);
    } catch (err) {
      mount(element, h('li', { class: 'error' }, errorText(err)));
      return;
    }
    if (list.length === 0) {
      mount(element, h('li', { class: 'help' }, t('noSavedWhatifs')));
      return;
    }
    mount(
      element,
      list.map((w) =>
        h(
          'li',
          { dataset: { id: w.id } },
          h('a', { href: whatifHref(scenarioId, w) }, w.name),
          ` — ${w.author}, `,
          h('time', { datetime: w.createdAt }, formatDateTime(w.createdAt)),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'delete-whatif secondary',
              onclick: async () => {
                const tok = token();
                if (!tok) {
                  status.textContent = t('needToken');
                  return;
                }
                if (!confirm(`${t('deleteConfirm')} "${w.name}"?`)) return;
                try {
                  await api.deleteWhatif(scenarioId, w.id, tok);
                } catch (err) {
                  status.textContent = errorText(err);
                }
                await refresh();
              },
            },
            t('deleteWhatif'),
          ),
        ),
      ),
    );
  };
  return { element, refresh };
}
