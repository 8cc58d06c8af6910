// The codes a restaurant puts on its tables (SPEC "Table codes"): one static code per
// table that opens the table's bill page at the acquirer (/t/<terminal>/<table>),
// either as a plain URL or inside an EMV merchant-presented QR (tools module
// buildMpm), with the tip the merchant wants the customer offered.

export type TipMode = 'none' | 'prompt' | 'fixed' | 'percentage';
export const TIP_MODES: readonly TipMode[] = ['none', 'prompt', 'fixed', 'percentage'];

export interface TableCodeForm {
  /** "1-12", "1,2,A3", "1-4 8" */
  tables: string;
  tipMode: TipMode;
  /** major units for fixed ("5.00"), percent for percentage ("10") */
  tipValue: string;
  style: 'emv' | 'url';
}

export const DEFAULT_TABLE_FORM: TableCodeForm = {
  tables: '1-12',
  tipMode: 'none',
  tipValue: '',
  style: 'url',
};

export interface TableCard {
  table: string;
  payload: string;
}

const TABLE = /^[A-Za-z0-9_-]{1,16}$/;
const MAX_TABLES = 200;

/** "1-12, A1" -> ["1", ..., "12", "A1"]; undefined when any part is not a table or a range. */
export function parseTables(text: string): string[] | undefined {
  const out: string[] = [];
  for (const part of text.split(/[\s,，、]+/).filter(Boolean)) {
    const range = /^(\d{1,4})-(\d{1,4})$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to < from || to - from >= MAX_TABLES) return undefined;
      for (let n = from; n <= to; n++) out.push(String(n));
    } else if (TABLE.test(part)) out.push(part);
    else return undefined;
    if (out.length > MAX_TABLES) return undefined;
  }
  return out.length ? [...new Set(out)] : undefined;
}

/** "5" or "5.5" -> "5.00" / "5.50"; undefined when not a positive amount with at most 2 decimals. */
function decimal2(text: string, maxInt: number): string | undefined {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m || Number(m[1]) > maxInt) return undefined;
  const value = `${Number(m[1])}.${(m[2] ?? '').padEnd(2, '0')}`;
  return Number(value) > 0 ? value : undefined;
}

/** The tip as the table page's query and as EMV IDs 55/56/57; undefined when the value is wrong. */
export function tipFields(
  form: Pick<TableCodeForm, 'tipMode' | 'tipValue'>,
): { query: string; mpm: Record<string, string> } | undefined {
  switch (form.tipMode) {
    case 'none':
      return { query: '', mpm: {} };
    case 'prompt':
      return { query: 'tip=01', mpm: { tipMode: 'prompt' } };
    case 'fixed': {
      const fee = decimal2(form.tipValue, 999_999);
      return fee ? { query: `tip=02&fee=${fee}`, mpm: { tipMode: 'fixed_fee', feeFixed: fee } } : undefined;
    }
    case 'percentage': {
      const pct = decimal2(form.tipValue, 99);
      // EMV ID 57 is "00.01"-"99.99": two integer digits.
      return pct
        ? {
            query: `tip=03&pct=${pct}`,
            mpm: { tipMode: 'percentage_fee', feePercentage: pct.padStart(5, '0') },
          }
        : undefined;
    }
  }
}

/** The table's bill page at the acquirer. */
export function tableUrl(origin: string, terminalId: string, table: string, query = ''): string {
  return `${origin}/t/${encodeURIComponent(terminalId)}/${encodeURIComponent(table)}${query ? `?${query}` : ''}`;
}

const CURRENCY_NUMERIC: Record<string, string> = {
  CNY: '156',
  HKD: '344',
  MOP: '446',
  SGD: '702',
  JPY: '392',
  USD: '840',
  EUR: '978',
};

/** What buildMpm reads for a static table code (SPEC "Table codes"). */
export function tableMpmInput(
  origin: string,
  merchant: { terminalId: string; merchantName: string; merchantId: string; currency: string },
  table: string,
  tip: Record<string, string>,
): Record<string, unknown> {
  // ID 59 is ASCII; a Chinese name goes in 64/01 and the merchant id stands in for it.
  const ascii = merchant.merchantName
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .slice(0, 25);
  return {
    pointOfInitiation: 'static_code',
    merchantAccounts: [
      {
        id: '26',
        children: [
          { id: '00', value: 'COM.QRPOS.SANDBOX' },
          { id: '01', value: tableUrl(origin, merchant.terminalId, table) },
        ],
      },
    ],
    mcc: '5812',
    currency: CURRENCY_NUMERIC[merchant.currency] ?? '156',
    countryCode: 'CN',
    merchantName: ascii || merchant.merchantId.slice(0, 25),
    merchantCity: 'Shanghai',
    terminalLabel: merchant.terminalId.slice(0, 25),
    language: 'ZH',
    alternateName: [...merchant.merchantName].slice(0, 25).join(''),
    ...tip,
  };
}
