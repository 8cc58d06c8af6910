// Runs one sale against the acquirer: the core builds and signs, transport sends,
// the core verifies. A sale shows "paid" only from a verified SUCCESS.
import type { Core, PayResultDto } from './core';
import { QrposError } from './errors';
import { send } from './transport';

export interface TerminalConfig {
  terminalId: string;
  /** hex Ed25519 seed. Sandbox demo only: activation (issue 5) keeps it inside the core, wrapped. */
  seedHex: string;
  acquirerPublicKeyHex: string;
  merchantName: string;
  currency: string;
  acquirerUrl: string;
}

export interface Sale {
  outTradeNo: string;
  amount: number;
  currency: string;
  authCode: string;
}

export type SaleOutcome =
  | { kind: 'paid'; result: PayResultDto }
  | { kind: 'declined'; code: string; message: string }
  /** no verified answer: the customer may or may not have been charged */
  | { kind: 'unknown'; code: string; message: string };

export class Terminal {
  constructor(
    private readonly core: Core,
    readonly config: TerminalConfig,
    private readonly clock: () => number = Date.now,
  ) {}

  newSale(amount: number, authCode: string): Sale {
    return {
      outTradeNo: this.core.newOutTradeNo(this.clock()),
      amount,
      currency: this.config.currency,
      authCode,
    };
  }

  /** Submits `sale`; safe to call again with the same sale (same out_trade_no) after an unknown outcome. */
  async submit(sale: Sale): Promise<SaleOutcome> {
    const request = this.core.buildPayRequest({
      terminalId: this.config.terminalId,
      terminalSeedHex: this.config.seedHex,
      acquirerPublicKeyHex: this.config.acquirerPublicKeyHex,
      outTradeNo: sale.outTradeNo,
      amount: sale.amount,
      currency: sale.currency,
      authCode: sale.authCode,
      timestampMs: this.clock(),
      nonce: this.core.newNonce(),
    });
    try {
      const answer = await send(request, { baseUrl: this.config.acquirerUrl, timeoutMs: 15_000 });
      const result = this.core.verifyPayResponse({
        acquirerPublicKeyHex: this.config.acquirerPublicKeyHex,
        requestNonce: request.nonce,
        outTradeNo: sale.outTradeNo,
        amount: sale.amount,
        currency: sale.currency,
        ...answer,
      });
      if (result.status === 'SUCCESS') return { kind: 'paid', result };
      if (result.status === 'ERROR')
        return { kind: 'declined', code: result.errorCode, message: result.errorMessage };
      if (result.status === 'FAILED')
        // The acquirer's decline reason (insufficient_funds, ...) tells the cashier what to say.
        return { kind: 'declined', code: result.errorCode || 'payment_failed', message: result.errorMessage };
      return { kind: 'unknown', code: 'user_paying', message: 'the customer is still confirming' };
    } catch (e) {
      if (e instanceof QrposError) return { kind: 'unknown', code: e.code, message: e.message };
      throw e;
    }
  }
}
