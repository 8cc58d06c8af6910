// wasm/bind_money.cpp: amounts in integer minor units of ISO 4217 currencies.
import type { NumberResult } from './core-module';

export interface MoneyFunctions {
  parseAmount(text: string, currency: string): NumberResult;
  formatAmount(minor: number, currency: string): string;
}
