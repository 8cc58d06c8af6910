// wasm/tools/bind_messages.cpp: protocol v1 bodies (qrpos/messages.hpp), validated.
import type { TextResult } from './core-module';

/** Which body parseMessage reads. */
export type MessageKind =
  | 'trade'
  | 'refund'
  | 'pay_request'
  | 'refund_request'
  | 'order_request'
  | 'cancel_request'
  | 'activate_request'
  | 'activate_response'
  | 'daily_report'
  | 'error'
  | 'lookup_request'
  | 'lookup';

export interface MessagesFunctions {
  /** The body validated and re-encoded canonically, or a typed error (malformed_message, invalid_field, ...). */
  parseMessage(kind: MessageKind, json: string): TextResult;
}
