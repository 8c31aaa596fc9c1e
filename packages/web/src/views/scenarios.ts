/**
 * Scenario list and upload. Upload sends the file as is (YAML or JSON) with PUT /api/scenarios/:id and an admin
 * token; the API's validation issues are listed with their path and line, and the lines are marked in a preview.
 */
import { ApiError, type ApiIssue, api } from '../api.ts';
import { h, mount } from '../dom.ts';
import { errorText } from '../error-text.ts';
import { getLang, t } from '../i18n/index.ts';
import { tokenField } from '../token-field.ts';
import type { ViewContext } from '../view-context.ts';

export async function renderScenarios(ctx: ViewContext): Promise<void> {
  const lang = getLang();
  const list = await api.listScenarios();
  const dateFmt = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const table = h(
    'table',
    { class: 'data', id: 'scenario-list' },
    h('caption', null, t('scenarios')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [t('scenarioTitle'), t('region'), t('year'), t('updated'), ''].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      list.map((s) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, h('a', { href: `#/s/${encodeURIComponent(s.id)}` }, s.title[lang])),
          h('td', null, s.region),
          h('td', null, String(s.year)),
          h('td', null, `${dateFmt.format(new Date(s.updatedAt))} · ${s.updatedBy}`),
          h(
            'td',
            { class: 'links' },
            h('a', { href: `#/s/${encodeURIComponent(s.id)}/entry` }, t('navEntry')),
            ' · ',
            h('a', { href: `#/s/${encodeURIComponent(s.id)}/whatif` }, t('navWhatif')),
          ),
        ),
      ),
    ),
  );
  mount(ctx.main, h('h1', null, t('scenarios')), h('div', { class: 'table-wrap' }, table), uploadForm(ctx));
}

function uploadForm(ctx: ViewContext): HTMLElement {
  const result = h('div', { id: 'upload-result', role: 'status', 'aria-live': 'polite' });
  const fileInput = h('input', { type: 'file', id: 'upload-file', accept: '.yaml,.yml,.json', required: true });
  const idInput = h('input', { type: 'text', id: 'upload-id', pattern: '[a-z0-9]+(-[a-z0-9]+)*', required: true });
  const admin = tokenField('admin');
  let text = '';
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    text = await file.text();
    // Prefill the id from the file (YAML `id: …` or JSON `"id": "…"`); the API checks it matches the path.
    const m = /^\s*"?id"?\s*:\s*"?([a-z0-9-]+)"?/m.exec(text);
    if (m && !idInput.value) idInput.value = m[1]!;
  });
  const form = h(
    'form',
    {
      class: 'card upload',
      id: 'upload-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const file = fileInput.files?.[0];
        if (!file) return;
        text ||= await file.text();
        const type = /\.json$/i.test(file.name) ? 'application/json' : 'application/yaml';
        mount(result, t('loading'));
        try {
          const answer = await api.putScenario(idInput.value.trim(), text, type, admin.value() ?? '');
          mount(
            result,
            h('p', { class: 'ok' }, `${t('uploaded')}: `, h('a', { href: `#/s/${answer.id}` }, answer.id)),
            answer.warnings.length > 0 && issueList(t('warnings'), answer.warnings, text),
          );
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          mount(
            result,
            h('p', { class: 'error', role: 'alert' }, errorText(err)),
            issueList(t('validationErrors'), err.issues.length > 0 ? err.issues : issuesOf(err), text),
          );
          // Show the first marked line inside the preview.
          const pre = result.querySelector<HTMLElement>('pre.preview');
          const marked = pre?.querySelector<HTMLElement>('.marked');
          if (pre && marked) pre.scrollTop = Math.max(0, marked.offsetTop - pre.offsetTop - 60);
        }
      },
    },
    h('h2', null, t('upload')),
    h('p', { class: 'help' }, t('uploadHelp')),
    h('label', null, t('file'), fileInput),
    h('label', null, t('scenarioId'), idInput),
    admin.element,
    h('button', { type: 'submit' }, t('send')),
    result,
  );
  void ctx;
  return form;
}

function issuesOf(err: ApiError): ApiIssue[] {
  return err.path ? [{ code: err.code, path: err.path, message: err.message }] : [];
}

/** The issues as a table, then the file's lines with the ones named by an issue marked. */
function issueList(title: string, issues: readonly ApiIssue[], text: string): HTMLElement | null {
  if (issues.length === 0) return null;
  const marked = new Map<number, ApiIssue[]>();
  for (const i of issues) if (i.line) marked.set(i.line, [...(marked.get(i.line) ?? []), i]);
  const lines = text.split(/\r?\n/);
  return h(
    'div',
    { class: 'issues' },
    h(
      'table',
      { class: 'data', id: 'upload-issues' },
      h('caption', null, title),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('path'), t('line'), 'Code', t('message')].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        issues.map((i) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, h('code', null, i.path)),
            h('td', null, i.line ? String(i.line) : ''),
            h('td', { class: 'text' }, h('code', null, i.code)),
            h('td', { class: 'text' }, i.message),
          ),
        ),
      ),
    ),
    marked.size > 0 &&
      h(
        'pre',
        { class: 'preview', tabindex: '0' },
        lines.map((line, k) => {
          const at = marked.get(k + 1);
          return h(
            'span',
            { class: at ? 'line marked' : 'line', ...(at && { title: at.map((x) => x.message).join('; ') }) },
            h('span', { class: 'ln', 'aria-hidden': 'true' }, String(k + 1).padStart(4)),
            ` ${line}`,
            at ? h('span', { class: 'mark' }, `  ← ${at.map((x) => x.message).join('; ')}`) : '',
            '\n',
          );
        }),
      ),
  );
}
