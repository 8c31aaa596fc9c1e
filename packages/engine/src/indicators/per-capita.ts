import { fail } from '../errors.ts';
import { Dec } from '../numeric/index.ts';
import type { LocalizedText } from '../scenario/types.ts';
import type { PerCapitaUnit } from './types.ts';

export interface GrdpPerCapitaInput {
  /** GRDP at current prices, billion VND (tỷ đồng). */
  grdpBillionVnd: number;
  /** Average population, persons (người). */
  population: number;
  unit: PerCapitaUnit;
  /** VND per USD, needed when `unit` is USD. */
  vndPerUsd?: number;
}

export interface GrdpPerCapita {
  value: number;
  unit: PerCapitaUnit;
  /** How the figure was computed, units stated, in both languages. */
  formula: LocalizedText;
}

const DIVISOR: Record<Exclude<PerCapitaUnit, 'USD'>, number> = { 'million VND': 1e6, 'thousand VND': 1e3, VND: 1 };
const UNIT_VI: Record<PerCapitaUnit, string> = {
  'million VND': 'triệu đồng/người',
  'thousand VND': 'nghìn đồng/người',
  VND: 'đồng/người',
  USD: 'USD/người',
};

/**
 * GRDP per capita = GRDP at current prices ÷ average population, exact. GRDP in billion VND is multiplied by 10⁹
 * to VND, divided by persons, then divided by 10⁶ (million VND), 10³ (thousand VND) or the exchange rate (USD).
 *
 * @example
 * grdpPerCapita({ grdpBillionVnd: 616565.83, population: 3755949, unit: 'million VND' }).value // 164.157…
 */
export function grdpPerCapita(input: GrdpPerCapitaInput): GrdpPerCapita {
  const { grdpBillionVnd, population, unit, vndPerUsd } = input;
  if (!Number.isFinite(grdpBillionVnd) || grdpBillionVnd < 0) fail('INPUT_INVALID', 'grdp', 'GRDP is a level ≥ 0');
  if (!Number.isFinite(population) || population <= 0) fail('INPUT_INVALID', 'population', 'population is above 0');
  let divisor: InstanceType<typeof Dec>;
  if (unit === 'USD') {
    if (vndPerUsd === undefined || !Number.isFinite(vndPerUsd) || vndPerUsd <= 0)
      fail('INPUT_INVALID', 'vndPerUsd', 'GRDP per capita in USD needs the exchange rate (VND per USD)');
    divisor = new Dec(vndPerUsd);
  } else divisor = new Dec(DIVISOR[unit]);
  const vnd = new Dec(grdpBillionVnd).times(1e9);
  const value = vnd.div(population).div(divisor).toNumber();
  const step = unit === 'USD' ? `÷ ${vndPerUsd} VND/USD` : unit === 'VND' ? '' : `÷ ${DIVISOR[unit]}`;
  const stepVi = unit === 'USD' ? `÷ ${vndPerUsd} đồng/USD` : step;
  return {
    value,
    unit,
    formula: {
      vi: `${grdpBillionVnd} tỷ đồng × 10⁹ ÷ ${population} người ${stepVi} = ${UNIT_VI[unit]}`.replace(/\s+/g, ' '),
      en: `${grdpBillionVnd} billion VND × 10⁹ ÷ ${population} persons ${step} = ${unit} per person`.replace(
        /\s+/g,
        ' ',
      ),
    },
  };
}
