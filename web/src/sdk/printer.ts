// Owns one USB receipt printer from pair()/reconnect() to forget(): the device handle,
// the claimed interface and its endpoints. Calls are queued, so a status query never
// lands in the middle of a receipt. Every WebUSB call is raced with a timer: WebUSB
// cannot cancel a transfer, and a wedged printer must not freeze the kiosk.
import {
  PRINTER_MESSAGES,
  UNKNOWN_STATUS,
  blockingProblem,
  chunkRanges,
  classifyUsbError,
  parseStatus,
  pickInterface,
  statusRequest,
  type PrinterEndpoints,
  type PrinterProblem,
  type PrinterStatus,
} from './printer-status';

export { PRINTER_MESSAGES, type PrinterProblem, type PrinterStatus };

/** A failed printer call; `problem` picks the message shown to the cashier. */
export class PrinterError extends Error {
  constructor(
    readonly problem: PrinterProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PrinterError';
  }
}

/** The paired printer, as remembered across unplugs. */
export interface PrinterInfo {
  vendorId: number;
  productId: number;
  name: string;
  /** empty when the printer reports none; Chrome then forgets the permission on replug */
  serial: string;
}

// Vendor IDs of ESC/POS printers that do not (always) present a printer-class interface.
// 0x0416 Winbond, 0x0483 ST, 0x1FC9 NXP and 0x0FE6 ICS are chip makers whose IDs cheap
// printers reuse, so these also match unrelated gadgets: that is why the chooser is shown
// to a person instead of taking the first match.
const ESC_POS_VENDORS = [
  0x04b8, // Epson, in vendor-class mode
  0x0416,
  0x0483,
  0x1fc9,
  0x2d37,
  0x6868,
  0x0fe6,
  0x20d1,
  0x1504,
  0x0519,
  0x1d90,
  0x2730,
  0x0dd4,
];

/** What the pairing chooser lists: any printer-class device, plus known ESC/POS vendors. */
export const PRINTER_FILTERS: USBDeviceFilter[] = [
  { classCode: 7 },
  ...ESC_POS_VENDORS.map((vendorId) => ({ vendorId })),
];

/** Tuning for one printer. */
export interface PrinterOptions {
  /** bytes per transferOut; cheap printers drop data sent in big pieces (default 4096) */
  chunkBytes?: number;
  /** how long one USB call may take before the printer counts as hung (default 5000) */
  transferTimeoutMs?: number;
  /** how long to wait for a status byte before treating it as unknown (default 500) */
  statusTimeoutMs?: number;
}

export class UsbPrinter {
  /** Called when this printer is plugged in (true) or unplugged (false). */
  onChange?: (connected: boolean) => void;

  private device?: USBDevice;
  private endpoints?: PrinterEndpoints;
  private known?: PrinterInfo;
  /** Set by a 'disconnect' of our printer: a missing printer is then "unplugged", not "never paired". */
  private unplugged = false;
  private queue: Promise<unknown> = Promise.resolve();
  private closing?: Promise<unknown>;
  /** A status read that timed out stays outstanding (WebUSB cannot cancel it); the next read reuses it. */
  private pendingIn?: { read: Promise<USBInTransferResult>; settled: boolean };
  /** The last status query went unanswered: receipts stop asking until the printer replies again. */
  private silent = false;
  private readonly chunkBytes: number;
  private readonly transferTimeoutMs: number;
  private readonly statusTimeoutMs: number;

  /**
   * @param usb the WebUSB entry point; undefined where the browser has none
   * @param options chunk size and timeouts
   */
  constructor(
    private readonly usb: USB | undefined = globalThis.navigator?.usb,
    options: PrinterOptions = {},
  ) {
    this.chunkBytes = options.chunkBytes ?? 4096;
    this.transferTimeoutMs = options.transferTimeoutMs ?? 5000;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 500;
    usb?.addEventListener('connect', (e) => this.onConnect(e.device));
    usb?.addEventListener('disconnect', (e) => this.onDisconnect(e.device));
  }

  /** Whether this browser has WebUSB; without it, print through the print dialog. */
  get supported(): boolean {
    return this.usb !== undefined;
  }

  /** The paired printer, if any (kept while it is unplugged). */
  get info(): PrinterInfo | undefined {
    return this.known;
  }

  /**
   * Shows the browser's chooser and connects to the printer picked. Must be called from
   * a user gesture (a click handler), before any other await.
   */
  async pair(): Promise<PrinterInfo> {
    const usb = this.requireUsb();
    let device: USBDevice;
    try {
      device = await usb.requestDevice({ filters: PRINTER_FILTERS });
    } catch (e) {
      // NotFoundError: the chooser was closed without a pick; SecurityError: no user gesture.
      throw new PrinterError('not_paired', `no printer chosen: ${String(e)}`, { cause: e });
    }
    return this.run(async () => {
      try {
        if (this.device && this.device !== device) await this.closeQuietly(this.device);
        this.adopt(device);
        await this.ensureOpen();
        return this.known!;
      } catch (e) {
        throw await this.fail(e, 'pair');
      }
    });
  }

  /**
   * Finds the paired printer among the devices this site may use, without a prompt
   * (by serial number, else by vendor and product). Call on start and on
   * navigator.usb 'connect'. Undefined when there is none: unplugged, or the
   * permission was lost on replug.
   */
  reconnect(): Promise<PrinterInfo | undefined> {
    if (!this.usb) return Promise.resolve(undefined);
    return this.run(() => this.findPaired());
  }

  /**
   * Sends ESC/POS bytes in chunks, opening the printer first if needed. Refuses when the
   * printer reports no paper, an open cover or offline; prints anyway when it cannot say.
   * Always settles, with a PrinterError on failure.
   */
  print(bytes: Uint8Array): Promise<void> {
    // A copy: the caller may reuse its buffer while this waits in the queue.
    const data = bytes.slice();
    return this.run(async () => {
      try {
        const ep = await this.ensureOpen();
        const device = this.device!;
        if (ep.in !== undefined && !(this.silent && this.pendingIn && !this.pendingIn.settled)) {
          const problem = blockingProblem(await this.readStatus(device, ep));
          if (problem) throw new PrinterError(problem, `printer reports ${problem}`);
        }
        await this.send(device, ep, data);
      } catch (e) {
        throw await this.fail(e, 'print');
      }
    });
  }

  /**
   * Asks the printer for its state (DLE EOT 1, 4, and 2 when offline). Fields it does
   * not answer within statusTimeoutMs are 'unknown'; printers without an IN endpoint
   * are all 'unknown' at once.
   */
  status(): Promise<PrinterStatus> {
    return this.run(async () => {
      try {
        const ep = await this.ensureOpen();
        return await this.readStatus(this.device!, ep);
      } catch (e) {
        throw await this.fail(e, 'status');
      }
    });
  }

  /** Closes the printer and revokes the site's permission for it. */
  forget(): Promise<void> {
    return this.run(async () => {
      const device = this.device;
      this.drop();
      this.known = undefined;
      this.unplugged = false;
      if (!device) return;
      const revoke = typeof device.forget === 'function' ? () => device.forget() : () => device.close();
      await this.call('forget', revoke).catch(() => undefined);
    });
  }

  private requireUsb(): USB {
    if (!this.usb) throw new PrinterError('unsupported', 'this browser has no WebUSB (navigator.usb)');
    return this.usb;
  }

  /** Queues a task behind the previous one; tasks are bounded, so the queue cannot wedge. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private adopt(device: USBDevice): void {
    if (this.device !== device) this.drop();
    this.device = device;
    this.unplugged = false;
    this.known = {
      vendorId: device.vendorId,
      productId: device.productId,
      name:
        device.productName ||
        device.manufacturerName ||
        `USB printer ${hex(device.vendorId)}:${hex(device.productId)}`,
      serial: device.serialNumber ?? '',
    };
  }

  /** Forgets the handle (not the identity): the next call looks the printer up again. */
  private drop(): void {
    this.device = undefined;
    this.endpoints = undefined;
    this.pendingIn = undefined;
    this.silent = false;
  }

  private onConnect(device: USBDevice): void {
    if (this.device || !this.known || !matches(device, this.known)) return;
    this.adopt(device);
    this.onChange?.(true);
  }

  private onDisconnect(device: USBDevice): void {
    if (device !== this.device) return;
    this.drop();
    this.unplugged = true;
    this.onChange?.(false);
  }

  private async findPaired(): Promise<PrinterInfo | undefined> {
    const devices = await this.usb!.getDevices().catch(() => [] as USBDevice[]);
    if (this.device && devices.includes(this.device)) return this.known;
    const device = this.known
      ? devices.find((d) => matches(d, this.known!))
      : devices.find((d) => looksLikePrinter(d));
    if (!device) {
      this.drop();
      return undefined;
    }
    this.adopt(device);
    return this.known;
  }

  private async ensureOpen(): Promise<PrinterEndpoints> {
    this.requireUsb();
    await this.closing;
    if (!this.device) await this.findPaired();
    const device = this.device;
    if (!device) {
      if (this.unplugged) throw new PrinterError('disconnected', 'the printer was unplugged');
      throw new PrinterError('not_paired', 'no paired printer is available (getDevices() has none)');
    }
    if (this.endpoints && device.opened) return this.endpoints;
    try {
      return await this.open(device);
    } catch (e) {
      if (!needsReopen(e)) throw e;
      await this.closeQuietly(device);
      return this.open(device);
    }
  }

  private async open(device: USBDevice): Promise<PrinterEndpoints> {
    this.endpoints = undefined;
    if (!device.opened) await this.call('open', () => device.open());
    if (device.configuration === null) {
      await this.call('selectConfiguration', () => device.selectConfiguration(1));
    }
    const interfaces = device.configuration?.interfaces ?? [];
    const ep = pickInterface(interfaces);
    if (!ep) throw new PrinterError('failed', 'the device has no bulk OUT endpoint: not a receipt printer');
    const iface = interfaces.find((i) => i.interfaceNumber === ep.interfaceNumber)!;
    if (!iface.claimed) await this.call('claimInterface', () => device.claimInterface(ep.interfaceNumber));
    if (iface.alternate && iface.alternate.alternateSetting !== ep.alternateSetting) {
      await this.call('selectAlternateInterface', () =>
        device.selectAlternateInterface(ep.interfaceNumber, ep.alternateSetting),
      );
    }
    this.endpoints = ep;
    this.pendingIn = undefined;
    this.silent = false;
    return ep;
  }

  private async send(device: USBDevice, ep: PrinterEndpoints, data: Uint8Array<ArrayBuffer>): Promise<void> {
    let reopened = false;
    for (const [start, end] of chunkRanges(data.length, this.chunkBytes)) {
      for (;;) {
        try {
          const out = ep.out;
          const r = await this.call('transferOut', () => device.transferOut(out, data.subarray(start, end)));
          if (r.status === 'stall') {
            await this.call('clearHalt', () => device.clearHalt('out', out)).catch(() => undefined);
          }
          if (r.status !== 'ok' || r.bytesWritten !== end - start) {
            throw new PrinterError(
              'failed',
              `transfer ${r.status}, ${r.bytesWritten} of ${end - start} bytes`,
            );
          }
          break;
        } catch (e) {
          // The handle was closed under us (another tab, a driver): reopen and resend this chunk, once.
          if (reopened || !needsReopen(e) || this.device !== device) throw e;
          reopened = true;
          this.endpoints = undefined;
          ep = await this.ensureOpen();
        }
      }
    }
  }

  private async readStatus(device: USBDevice, ep: PrinterEndpoints): Promise<PrinterStatus> {
    if (ep.in === undefined) return { ...UNKNOWN_STATUS };
    const printer = await this.ask(device, ep, 1);
    if (printer === undefined) return { ...UNKNOWN_STATUS };
    const paper = await this.ask(device, ep, 4);
    const offlineCause = printer & 0x08 ? await this.ask(device, ep, 2) : undefined;
    return parseStatus(printer, paper, offlineCause);
  }

  /** Sends DLE EOT n and returns its reply byte, or undefined after statusTimeoutMs. */
  private async ask(device: USBDevice, ep: PrinterEndpoints, n: 1 | 2 | 4): Promise<number | undefined> {
    // A read that settled since it timed out holds a late reply to an older question.
    if (this.pendingIn?.settled) this.pendingIn = undefined;
    await this.call('status request', () => device.transferOut(ep.out, statusRequest(n)));
    const deadline = Date.now() + this.statusTimeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      const reply = left > 0 ? await this.readIn(device, ep.in!, left) : undefined;
      if (reply === undefined) {
        this.silent = true;
        return undefined;
      }
      // Some printers send an empty packet first; if bytes piled up, the newest is the answer.
      if (reply.length > 0) {
        this.silent = false;
        return reply[reply.length - 1];
      }
    }
  }

  /** One bulk IN read, waiting at most `ms`; undefined when nothing came. */
  private async readIn(device: USBDevice, endpoint: number, ms: number): Promise<Uint8Array | undefined> {
    let pending = this.pendingIn;
    if (!pending) {
      const read = device.transferIn(endpoint, 64);
      const entry = { read, settled: false };
      const settle = () => void (entry.settled = true);
      read.then(settle, settle);
      pending = this.pendingIn = entry;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
    try {
      const r = await Promise.race([pending.read, timedOut]);
      if (r === undefined) return undefined;
      this.pendingIn = undefined;
      if (r.status === 'stall') {
        await this.call('clearHalt', () => device.clearHalt('in', endpoint)).catch(() => undefined);
      }
      if (r.status !== 'ok' || !r.data) return new Uint8Array();
      return new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
    } catch (e) {
      this.pendingIn = undefined;
      // Only an unplug is worth failing for; any other broken read just leaves the status unknown.
      const problem = classifyUsbError((e as DOMException)?.name, String(e));
      if (problem === 'disconnected')
        throw new PrinterError(problem, `status read: ${String(e)}`, { cause: e });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs one WebUSB call, failing with 'timeout' after transferTimeoutMs. */
  private async call<T>(what: string, op: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new PrinterError('timeout', `${what}: no answer within ${this.transferTimeoutMs} ms`)),
        this.transferTimeoutMs,
      );
    });
    const pending = op();
    pending.catch(() => undefined); // if the timer wins, a later rejection is not "unhandled"
    try {
      return await Promise.race([pending, timeout]);
    } catch (e) {
      if (e instanceof PrinterError) throw e;
      const problem = classifyUsbError((e as DOMException)?.name, String(e));
      throw new PrinterError(problem === 'reopen' ? 'failed' : problem, `${what}: ${String(e)}`, {
        cause: e,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Turns any failure into a PrinterError and leaves the handle ready for the next try. */
  private async fail(e: unknown, what: string): Promise<PrinterError> {
    let err =
      e instanceof PrinterError ? e : new PrinterError('failed', `${what}: ${String(e)}`, { cause: e });
    const device = this.device;
    // A generic transfer error from a printer that has just gone is an unplug.
    if (err.problem === 'failed' && device && this.usb) {
      const present = await this.usb.getDevices().then(
        (all) => all.includes(device),
        () => true,
      );
      if (!present) err = new PrinterError('disconnected', err.message, { cause: err });
    }
    switch (err.problem) {
      case 'disconnected':
        this.drop();
        break;
      case 'timeout':
      case 'failed':
      case 'claimed_by_driver':
      case 'access_denied':
        // Close so the next call starts from open(): aborts a hung transfer and retries the claim.
        if (device) this.closing = this.closeQuietly(device);
        break;
    }
    return err;
  }

  private async closeQuietly(device: USBDevice): Promise<void> {
    this.endpoints = undefined;
    this.pendingIn = undefined;
    if (device.opened) await this.call('close', () => device.close()).catch(() => undefined);
  }
}

function needsReopen(e: unknown): boolean {
  const cause = e instanceof PrinterError ? e.cause : e;
  return (cause as DOMException | undefined)?.name === 'InvalidStateError';
}

function matches(device: USBDevice, known: PrinterInfo): boolean {
  if (device.vendorId !== known.vendorId || device.productId !== known.productId) return false;
  return !known.serial || device.serialNumber === known.serial;
}

function looksLikePrinter(device: USBDevice): boolean {
  if (ESC_POS_VENDORS.includes(device.vendorId) || device.deviceClass === 7) return true;
  return device.configurations.some((c) =>
    c.interfaces.some((i) => i.alternates.some((a) => a.interfaceClass === 7)),
  );
}

function hex(n: number): string {
  return n.toString(16).padStart(4, '0');
}
