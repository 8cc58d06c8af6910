// The parts of the USB printer controller that need no USB: status bytes, chunking,
// picking the interface, naming failures, and what the cashier is told. Pure (no DOM
// access, structural types only) so it is unit-tested in Node.

/** Why a receipt did not print, one message each. */
export type PrinterProblem =
  | 'unsupported'
  | 'not_paired'
  | 'claimed_by_driver'
  | 'access_denied'
  | 'disconnected'
  | 'timeout'
  | 'out_of_paper'
  | 'cover_open'
  | 'offline'
  | 'failed';

/** What the printer said about itself; 'unknown' where it did not answer. */
export interface PrinterStatus {
  online: boolean;
  paper: 'ok' | 'near_end' | 'out' | 'unknown';
  coverOpen: boolean | 'unknown';
}

/** Nothing is known: the printer has no IN endpoint or did not answer. */
export const UNKNOWN_STATUS: PrinterStatus = Object.freeze({
  online: true,
  paper: 'unknown',
  coverOpen: 'unknown',
}) as PrinterStatus;

/** DLE EOT n: 1 printer status, 2 offline cause, 4 roll paper sensor. */
export function statusRequest(n: 1 | 2 | 4): Uint8Array<ArrayBuffer> {
  return new Uint8Array([0x10, 0x04, n]);
}

/**
 * Whether `b` can be a DLE EOT reply. Every reply has bit 1 and bit 4 set and bits 0
 * and 7 clear, which tells it apart from stray bytes (ASB blocks, ID strings).
 */
export function isStatusByte(b: number | undefined): b is number {
  return b !== undefined && (b & 0x93) === 0x12;
}

/**
 * Combines the replies to DLE EOT 1, 4 and 2 (undefined: not answered or not asked).
 * An online printer has its cover shut, so DLE EOT 2 is only needed when offline.
 */
export function parseStatus(
  printer: number | undefined,
  paper: number | undefined,
  offlineCause: number | undefined,
): PrinterStatus {
  if (!isStatusByte(printer)) return { ...UNKNOWN_STATUS };
  const online = (printer & 0x08) === 0;
  let paperState: PrinterStatus['paper'] = 'unknown';
  if (isStatusByte(paper)) {
    // Each sensor sets two bits (Epson sets both, some clones only one), so any of the pair counts.
    if (paper & 0x60) paperState = 'out';
    else if (paper & 0x0c) paperState = 'near_end';
    else paperState = 'ok';
  }
  let coverOpen: PrinterStatus['coverOpen'] = online ? false : 'unknown';
  if (!online && isStatusByte(offlineCause)) coverOpen = (offlineCause & 0x04) !== 0;
  return { online, paper: paperState, coverOpen };
}

/** The problem that stops a print, if the status shows one; unknown fields never stop it. */
export function blockingProblem(status: PrinterStatus): PrinterProblem | undefined {
  if (status.paper === 'out') return 'out_of_paper';
  if (status.coverOpen === true) return 'cover_open';
  if (!status.online) return 'offline';
  return undefined;
}

/** Start and end offsets of consecutive pieces of at most `size` bytes. */
export function chunkRanges(length: number, size: number): Array<[number, number]> {
  if (!(size >= 1)) throw new RangeError(`chunk size must be at least 1, got ${size}`);
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < length; start += size) ranges.push([start, Math.min(start + size, length)]);
  return ranges;
}

// Structural slices of the WebUSB descriptor objects, so this file needs no DOM types.
interface EndpointLike {
  endpointNumber: number;
  direction: 'in' | 'out';
  type: string;
}
interface AlternateLike {
  alternateSetting: number;
  interfaceClass: number;
  interfaceProtocol: number;
  endpoints: EndpointLike[];
}
interface InterfaceLike {
  interfaceNumber: number;
  alternates: AlternateLike[];
}

/** Where to send the receipt: an interface, its alternate setting and its bulk endpoints. */
export interface PrinterEndpoints {
  interfaceNumber: number;
  alternateSetting: number;
  out: number;
  /** absent on unidirectional printers, which cannot report status */
  in?: number;
}

/**
 * The interface to claim: one with a bulk OUT endpoint, a printer-class (7) one first,
 * since composite printers may also carry HID or vendor interfaces.
 */
export function pickInterface(interfaces: readonly InterfaceLike[]): PrinterEndpoints | undefined {
  let best: PrinterEndpoints | undefined;
  let bestScore = -1;
  for (const iface of interfaces) {
    for (const alt of iface.alternates) {
      const bulk = alt.endpoints.filter((e) => e.type === 'bulk');
      const out = bulk.find((e) => e.direction === 'out');
      if (!out) continue;
      const inEp = bulk.find((e) => e.direction === 'in');
      // Protocol 1 is unidirectional: an IN endpoint there is not a status channel.
      const statusIn = alt.interfaceClass === 7 && alt.interfaceProtocol === 1 ? undefined : inEp;
      const score = (alt.interfaceClass === 7 ? 2 : 0) + (statusIn ? 1 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = {
          interfaceNumber: iface.interfaceNumber,
          alternateSetting: alt.alternateSetting,
          out: out.endpointNumber,
          in: statusIn?.endpointNumber,
        };
      }
    }
  }
  return best;
}

/**
 * The problem for a failed WebUSB call, by DOMException name and message; 'reopen' for
 * InvalidStateError (the handle was closed under us), which is worth one more try.
 */
export function classifyUsbError(name: string | undefined, message = ''): PrinterProblem | 'reopen' {
  switch (name) {
    case 'NotFoundError':
      return 'disconnected';
    case 'NetworkError':
      return /claim/i.test(message) ? 'claimed_by_driver' : 'failed';
    case 'SecurityError':
      return 'access_denied';
    case 'InvalidStateError':
      return 'reopen';
    case 'AbortError':
    case 'TimeoutError':
      return 'timeout';
  }
  return 'failed';
}

/** What happened and what to do, for the cashier, per problem. */
export const PRINTER_MESSAGES: Record<PrinterProblem, { 'zh-CN': string; en: string }> = {
  unsupported: {
    'zh-CN': '此浏览器不能直接连接 USB 打印机。请用系统打印对话框打印，或改用 Chrome / Edge 桌面版。',
    en: 'This browser cannot reach USB printers. Print with the print dialog, or use desktop Chrome or Edge.',
  },
  not_paired: {
    'zh-CN': '尚未连接打印机，或重新插拔后授权已失效。请在设置中重新配对打印机。',
    en: 'No printer is paired, or permission was lost after it was replugged. Pair the printer again in settings.',
  },
  claimed_by_driver: {
    'zh-CN':
      '打印机被系统驱动或其他程序占用（Linux 上通常是 usblp）。请按 docs/kiosk.md 卸载 usblp 后重新插拔。',
    en: 'The printer is held by a system driver or another app (usually usblp on Linux). Unload usblp as described in docs/kiosk.md, then replug it.',
  },
  access_denied: {
    'zh-CN':
      '系统拒绝访问打印机。Windows 需用 Zadig 为该打印机安装 WinUSB 驱动；Linux 需添加 udev 规则后重新插拔。',
    en: 'The system denied access to the printer. On Windows, install the WinUSB driver for it with Zadig; on Linux, add the udev rule and replug it.',
  },
  disconnected: {
    'zh-CN':
      '打印机断开了连接。请检查 USB 线和电源，重新连接后补打小票；若已插好仍无法打印，请在设置中重新配对。',
    en: 'The printer was disconnected. Check the USB cable and power, reconnect it, then reprint the receipt; if it is plugged in and still fails, pair it again in settings.',
  },
  timeout: {
    'zh-CN': '打印机没有响应。请检查电源和纸张，必要时重启打印机，然后补打小票。',
    en: 'The printer did not respond. Check its power and paper, restart it if needed, then reprint the receipt.',
  },
  out_of_paper: {
    'zh-CN': '打印机缺纸。请装入新纸卷后补打小票。',
    en: 'The printer is out of paper. Load a new roll, then reprint the receipt.',
  },
  cover_open: {
    'zh-CN': '打印机盖未合上。请合上纸仓盖后补打小票。',
    en: 'The printer cover is open. Close it, then reprint the receipt.',
  },
  offline: {
    'zh-CN': '打印机处于离线状态。请检查指示灯、纸张和纸仓盖，恢复后补打小票。',
    en: 'The printer is offline. Check its lights, paper and cover, then reprint the receipt.',
  },
  failed: {
    'zh-CN': '打印失败。请重新插拔打印机后补打小票；如仍失败，请联系维护人员。',
    en: 'Printing failed. Replug the printer and reprint the receipt; if it fails again, call for service.',
  },
};
