// Scanner guns and scan boxes type the code as a keyboard would, but far faster than
// a person, usually ending with Enter. This tells such bursts from human typing, so
// a code is taken anywhere in the app without a focused field.

export interface WedgeOptions {
  /** a pause longer than this starts a new burst */
  maxGapMs: number;
  /** a burst is a scan only if its keys came at most this far apart on average:
   *  guns type a key every 2-20 ms, people 80 ms or more. Averaging tolerates the
   *  odd late event from a busy browser. */
  maxAverageGapMs: number;
  /** bursts shorter than this are typing, not a scan */
  minLength: number;
  /** guns set up without an Enter suffix: a fast burst that then pauses is a scan
   *  when this says the text is whole (e.g. the core classifies it as payable) */
  isComplete?: (text: string) => boolean;
}

export const DEFAULT_WEDGE: WedgeOptions = { maxGapMs: 100, maxAverageGapMs: 30, minLength: 8 };

/** Pure burst detector: feed key events with their times, get whole scans out. */
export class WedgeDetector {
  private buffer = '';
  private firstAt = 0;
  private lastAt = -Infinity;

  constructor(private readonly options: WedgeOptions = DEFAULT_WEDGE) {}

  private isScan(text: string): boolean {
    const averageGap = (this.lastAt - this.firstAt) / Math.max(1, text.length - 1);
    return text.length >= this.options.minLength && averageGap <= this.options.maxAverageGapMs;
  }

  /** Returns the scanned text when this key completes a burst, else undefined. */
  key(key: string, atMs: number): string | undefined {
    if (atMs - this.lastAt > this.options.maxGapMs) this.buffer = '';
    if (key === 'Enter') {
      const text = this.buffer;
      const scan = this.isScan(text);
      this.buffer = '';
      this.lastAt = atMs;
      return scan ? text : undefined;
    }
    this.lastAt = atMs;
    if (key.length !== 1) return undefined;
    if (this.buffer === '') this.firstAt = atMs;
    this.buffer += key;
    return undefined;
  }

  /** Call when no key came for a while: a whole code typed without Enter is a scan. */
  flush(atMs: number): string | undefined {
    const text = this.buffer;
    if (!text || atMs - this.lastAt <= this.options.maxGapMs) return undefined;
    if (!this.isScan(text) || !this.options.isComplete?.(text)) {
      // Not (yet) a whole code: leave it. The keys' own timestamps decide whether the
      // next key continues this burst; a busy page must not cut a scan in two.
      return undefined;
    }
    this.buffer = '';
    return text;
  }
}

/** Listens on the whole document and reports scans; stops with the returned function. */
export function listenForWedge(
  onScan: (text: string) => void,
  options: WedgeOptions = DEFAULT_WEDGE,
): () => void {
  const detector = new WedgeDetector(options);
  let idle: ReturnType<typeof setTimeout> | undefined;
  const handler = (e: KeyboardEvent) => {
    clearTimeout(idle);
    const text = detector.key(e.key, e.timeStamp);
    if (text !== undefined) {
      e.preventDefault();
      onScan(text);
    } else if (options.isComplete) {
      // Event times and performance.now() share the page's time origin.
      idle = setTimeout(() => {
        const whole = detector.flush(performance.now());
        if (whole !== undefined) onScan(whole);
      }, options.maxGapMs + 20);
    }
  };
  document.addEventListener('keydown', handler, true);
  return () => {
    clearTimeout(idle);
    document.removeEventListener('keydown', handler, true);
  };
}
