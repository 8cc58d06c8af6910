/** Where a failure came from, so screens can say what to do next. */
export type QrposErrorKind =
  | 'core' // the core rejected input (code is a core error name such as invalid_amount)
  | 'acquirer' // the acquirer answered with a signed error (code is its error code)
  | 'network' // no verified answer: the outcome of a payment is unknown
  | 'config' // the terminal is not set up
  | 'storage'; // the browser's storage failed: nothing is sent that it cannot record

export class QrposError extends Error {
  constructor(
    readonly kind: QrposErrorKind,
    /** stable machine-readable code, e.g. "invalid_amount", "bad_signature", "timeout" */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'QrposError';
  }
}
