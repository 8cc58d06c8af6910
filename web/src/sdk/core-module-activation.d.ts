// wasm/bind_activation.cpp: terminal activation (qrpos/activation.hpp).
import type { TextResult } from './core-module';

/** `value` of buildActivateRequest, parsed: ready for fetch. */
export interface ActivateRequestDto {
  method: 'POST';
  path: string;
  body: string;
  /** to check the answer with readActivateAnswer */
  nonce: string;
  headers: Record<string, string>;
}

/** `value` of readActivateAnswer, parsed: exactly one of the two is present. */
export interface ActivateAnswerDto {
  terminal?: {
    terminalId: string;
    merchantId: string;
    merchantName: string;
    currency: string;
    acquirerPublicKey: string;
  };
  /** the acquirer's signed refusal, e.g. invalid_activation_code */
  error?: { code: string; message: string };
}

export interface ActivationFunctions {
  /** A new terminal key seed (hex) from 32 bytes of entropy (hex). */
  newTerminalSeed(entropyHex: string): TextResult;
  /** The signed activation request; invalid_field if the code is not 12 digits. 16 bytes of entropy. */
  buildActivateRequest(
    seedHex: string,
    activationCode: string,
    device: string,
    nowMs: number,
    entropyHex: string,
  ): TextResult;
  /** bad_signature unless the trusted acquirer signed this answer to this request. */
  readActivateAnswer(
    acquirerPublicKeyHex: string,
    requestNonce: string,
    httpStatus: number,
    timestampMs: number,
    signature: string,
    body: string,
  ): TextResult;
}
