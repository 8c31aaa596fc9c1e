/**
 * Dates and times in the UI's language: the engine's one formatter (`formatDate`, `formatDateTime`: vi
 * `dd/mm/yyyy hh:mm`, en `d Mon yyyy, hh:mm`, 24 h, local time), which the CLI uses too.
 */
import { formatDate as engineDate, formatDateTime as engineDateTime, type Lang } from '@grdp/engine';
import { getLang } from './i18n/index.ts';

export const formatDateTime = (iso: string, lang: Lang = getLang()): string => engineDateTime(iso, lang);
export const formatDate = (ymd: string, lang: Lang = getLang()): string => engineDate(ymd, lang);
