/** Dates and times, one format per language: vi `dd/mm/yyyy hh:mm`, en `d Mon yyyy, hh:mm` (24 h, local time). */
import type { Lang } from '@grdp/engine';
import { getLang } from './i18n/index.ts';

export function formatDateTime(iso: string, lang: Lang = getLang()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return lang === 'vi'
    ? d.toLocaleString('vi-VN', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      })
    : d.toLocaleString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      });
}
