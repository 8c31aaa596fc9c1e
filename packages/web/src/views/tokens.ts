/**
 * Tokens (`#/tokens`, for admins): create an editor or admin token (the new token is shown once, with a copy
 * button), list the tokens by name and role, revoke one. The first admin token comes from the command line
 * (`npm run grdp -- token create --name … --role admin`; the server says so at start while there is none).
 */
import { ApiError, api, type TokenInfo } from '../api.ts';
import { copyText, h, mount } from '../dom.ts';
import { errorText } from '../error-text.ts';
import { formatDateTime } from '../format-date.ts';
import { t } from '../i18n/index.ts';
import { tokenField } from '../token-field.ts';
import type { ViewContext } from '../view-context.ts';

/** As the README and the server's first-start line give it. */
const FIRST_ADMIN_COMMAND = 'npm run grdp -- token create --name "Quản trị" --role admin';

export async function renderTokens(ctx: ViewContext): Promise<void> {
  const admin = tokenField('admin');
  const status = h('div', { id: 'tokens-status', role: 'status', 'aria-live': 'polite' });
  const list = h('div', { id: 'token-list', class: 'table-wrap' });
  const created = h('div', { id: 'token-created', 'aria-live': 'polite' });

  const refreshList = async () => {
    const token = admin.value();
    if (!token) {
      mount(list, h('p', { class: 'help' }, t('needAdminToken')));
      return;
    }
    try {
      mount(list, tokenTable(await api.listTokens(token), refreshList, admin.value));
    } catch (err) {
      mount(list, h('p', { class: 'error', role: 'alert' }, errorText(err)));
    }
  };

  const nameInput = h('input', { type: 'text', id: 'new-token-name', maxlength: 200, required: true });
  const roleSelect = h(
    'select',
    { id: 'new-token-role' },
    h('option', { value: 'editor' }, t('roleEditor')),
    h('option', { value: 'admin' }, t('roleAdmin')),
  );
  const form = h(
    'form',
    {
      class: 'card',
      id: 'token-create',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const token = admin.value();
        if (!token) {
          status.textContent = t('needAdminToken');
          admin.input.focus();
          return;
        }
        try {
          const c = await api.createToken(nameInput.value.trim(), roleSelect.value as 'editor' | 'admin', token);
          const value = h('code', { id: 'new-token-value' }, c.token);
          mount(
            created,
            h(
              'div',
              { class: 'card ok' },
              h('p', null, `${t('tokenCreated')} ${c.name} (${roleName(c.role)}). ${t('tokenShownOnce')}`),
              h('p', { class: 'token-value' }, value),
              h(
                'button',
                {
                  type: 'button',
                  id: 'copy-token',
                  onclick: async () => {
                    await copyText(c.token);
                    status.textContent = t('copied');
                  },
                },
                t('copy'),
              ),
            ),
          );
          nameInput.value = '';
          await refreshList();
        } catch (err) {
          status.textContent = errorText(err);
        }
      },
    },
    h('h2', null, t('newToken')),
    h('label', null, t('tokenName'), nameInput),
    h('label', null, t('tokenRole'), roleSelect),
    h('button', { type: 'submit', id: 'create-token' }, t('createToken')),
  );
  admin.input.addEventListener('change', () => void refreshList());

  mount(
    ctx.main,
    h('h1', null, t('tokensTitle')),
    h('p', { class: 'help' }, `${t('tokensHelp')} `, h('code', null, FIRST_ADMIN_COMMAND)),
    h('section', { class: 'card' }, admin.element),
    form,
    created,
    status,
    h('h2', null, t('tokenList')),
    list,
  );
  await refreshList();
}

const roleName = (role: string) => (role === 'admin' ? t('roleAdmin') : t('roleEditor'));

function tokenTable(tokens: TokenInfo[], refresh: () => Promise<void>, adminToken: () => string | null): HTMLElement {
  if (tokens.length === 0) return h('p', null, t('noTokens'));
  return h(
    'table',
    { class: 'data', id: 'tokens-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [t('tokenName'), t('tokenRole'), t('createdAt'), t('status'), ''].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      tokens.map((tok) =>
        h(
          'tr',
          { dataset: { id: tok.id } },
          h('td', null, tok.name),
          h('td', null, roleName(tok.role)),
          h('td', null, formatDateTime(tok.createdAt)),
          h('td', null, tok.revokedAt ? `${t('revoked')} ${formatDateTime(tok.revokedAt)}` : t('active')),
          h(
            'td',
            null,
            !tok.revokedAt &&
              h(
                'button',
                {
                  type: 'button',
                  class: 'revoke',
                  onclick: async (e: Event) => {
                    const token = adminToken();
                    if (!token || !confirm(`${t('revokeConfirm')} ${tok.name}?`)) return;
                    (e.target as HTMLButtonElement).disabled = true;
                    try {
                      await api.revokeToken(tok.id, token);
                    } catch (err) {
                      if (!(err instanceof ApiError)) throw err;
                      alert(errorText(err));
                    }
                    await refresh();
                  },
                },
                t('revoke'),
              ),
          ),
        ),
      ),
    ),
  );
}
