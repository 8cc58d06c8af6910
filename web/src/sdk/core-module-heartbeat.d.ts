// wasm/bind_heartbeat.cpp: the terminal's signed heartbeat (docs/protocol.md
// "Heartbeat", qrpos/heartbeat.hpp) and the clock skew its answer reveals.
import type { TextResult } from './core-module';

/** The heartbeat body (protocol JSON, snake_case), what buildHeartbeatRequest signs. */
export interface HeartbeatBody {
  /** 1-32 printable ASCII characters */
  version: string;
  camera: 'ok' | 'denied' | 'missing' | 'lost' | 'unknown';
  printer: 'none' | 'ready' | 'offline' | 'error' | 'paper_out' | 'unknown';
  /** integer ms: terminal minus acquirer, as last measured (readHeartbeatAnswer) */
  clock_skew_ms: number;
  /** integer >= 0: journal records still to resume */
  unfinished: number;
  /** a short error code, 0-64 printable ASCII characters ("" for none) */
  last_error: string;
  /** the journal chain's last entry, if any */
  journal_head?: { seq: number; hash: string };
}

/** The parsed `value` of buildHeartbeatRequest: ready for fetch. */
export interface HeartbeatRequest {
  method: 'POST';
  path: '/v1/terminals/heartbeat';
  nonce: string;
  body: string;
  headers: Record<string, string>;
}

/** The parsed `value` of readHeartbeatAnswer: the answer verified. */
export interface HeartbeatAnswer {
  /** 200: stored by the acquirer */
  accepted: boolean;
  /** the acquirer's signed Qrpos-Timestamp */
  serverTimeMs: number;
  /** nowMs - serverTimeMs: positive when the terminal is ahead (includes the answer's travel time) */
  clockSkewMs: number;
  /** |clockSkewMs| > 2 min: warn the cashier */
  clockOff: boolean;
  /** the acquirer's error code when refused (e.g. stale_timestamp), else "" */
  errorCode: string;
}

export interface HeartbeatFunctions {
  /** Signs POST /v1/terminals/heartbeat. `heartbeatJson`: a HeartbeatBody; 16 bytes of entropy. */
  buildHeartbeatRequest(
    terminalId: string,
    terminalSeedHex: string,
    heartbeatJson: string,
    timestampMs: number,
    entropyHex: string,
  ): TextResult;
  /** The verified answer (refusals included); bad_signature / malformed_message: nothing is known. */
  readHeartbeatAnswer(
    acquirerPublicKeyHex: string,
    requestNonce: string,
    httpStatus: number,
    timestampMs: number,
    signature: string,
    body: string,
    nowMs: number,
  ): TextResult;
}
