// wasm/bind_money.cpp: amounts in integer minor units of ISO 4217 currencies.
// Amounts cross as numbers and must be integers within ±(2^53 − 1).
import type { NumberResult, TextResult } from './core-module';

export interface CurrencyDto {
  /** false when the terminal does not support the code; the other fields are then empty */
  found: boolean;
  /** ISO 4217 alpha code, e.g. "CNY" */
  alpha: string;
  /** ISO 4217 numeric code, e.g. 156 (EMV MPM tag 53 writes it with three digits: "036") */
  numeric: number;
  /** minor-unit digits per ISO 4217: 2 for CNY, 0 for JPY, 3 for KWD */
  exponent: number;
}

/** BCP 47 tags the display format knows. */
export type MoneyLocale = 'zh-CN' | 'en';

export interface MoneyFunctions {
  findCurrency(alpha: string): CurrencyDto;
  findCurrencyByNumeric(numeric: string): CurrencyDto;
  /** cashier input "23.72" -> 2372; errors invalid_amount | amount_too_large | unknown_currency | input_too_long */
  parseAmount(text: string, currency: string): NumberResult;
  /** EMV MPM tag 54 ("98.73", "98.", "98"); errors as parseAmount, without the terminal maximum */
  parseEmvAmount(text: string, currency: string): NumberResult;
  /** plain "23.72" ("" for an unknown currency or a non-integer amount) */
  formatAmount(minor: number, currency: string): string;
  /** "¥1,234.50" (zh-CN) / "CN¥1,234.50" (en), negative "-¥5.00"; errors unknown_currency | invalid_field | invalid_amount */
  formatDisplay(minor: number, currency: string, locale: MoneyLocale): TextResult;
}
