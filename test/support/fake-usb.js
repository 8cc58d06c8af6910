// A stand-in for WebUSB holding one ESC/POS receipt printer, for browser tests. Inject it
// with Playwright's page.addInitScript({ path }) so it replaces navigator.usb before any
// page script runs. Plain browser JavaScript, no imports.
//
// The printer: 0416:5011 (a Zjiang/POS-58 clone), configuration 1 (unset until
// selectConfiguration, as on a freshly plugged device), interface 0 of class 7/1/2
// with bulk IN endpoint 1 and bulk OUT endpoint 2. It answers DLE EOT 1, 2, 3 and 4.
//
// window.__usb holds every transferOut's bytes (`transfers`, arrays of numbers) and the
// controls: unplug(), unplugAfterBytes(n), replug(), setPaper('ok'|'near_end'|'out'),
// setCover(open), answersStatus(bool), claimFails('usblp' | false), hangNextTransfer(after = 0),
// forgetPermission(), grantPermission(), setSerial(string | null).
(() => {
  const VENDOR_ID = 0x0416;
  const PRODUCT_ID = 0x5011;

  const state = {
    plugged: true,
    permitted: false, // until requestDevice, as for a site that never paired
    paper: 'ok',
    coverOpen: false,
    answers: true,
    claimFailure: false,
    hangAfter: -1, // transfers to let through before one hangs; -1: none hangs
    unplugAfter: Infinity,
    sent: 0,
    serialNumber: 'FAKE-0001',
  };
  const transfers = [];
  // Each transferOut that reached the fake, whatever became of it, for diagnostics.
  const log = [];

  const fail = (name, message) => Promise.reject(new DOMException(message, name));

  function bytesOf(data) {
    if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
    if (ArrayBuffer.isView(data))
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    throw new TypeError('data must be a BufferSource');
  }

  class FakeEndpoint {
    constructor(alternate, endpointNumber, direction) {
      this.endpointNumber = endpointNumber;
      this.direction = direction;
      this.type = 'bulk';
      this.packetSize = 64;
    }
  }

  class FakeAlternate {
    constructor() {
      this.alternateSetting = 0;
      this.interfaceClass = 7;
      this.interfaceSubclass = 1;
      this.interfaceProtocol = 2; // bidirectional: the IN endpoint carries status
      this.interfaceName = null;
      this.endpoints = [new FakeEndpoint(this, 1, 'in'), new FakeEndpoint(this, 2, 'out')];
    }
  }

  class FakeInterface {
    constructor(device) {
      this.interfaceNumber = 0;
      this.alternates = [new FakeAlternate()];
      this.alternate = this.alternates[0];
      Object.defineProperty(this, 'claimed', { enumerable: true, get: () => device._claimed.has(0) });
    }
  }

  class FakeConfiguration {
    constructor(device) {
      this.configurationValue = 1;
      this.configurationName = null;
      this.interfaces = [new FakeInterface(device)];
    }
  }

  class FakeUSBDevice {
    constructor(serialNumber) {
      this.usbVersionMajor = 2;
      this.usbVersionMinor = 0;
      this.usbVersionSubminor = 0;
      this.deviceClass = 0; // class is per interface, as on real printers
      this.deviceSubclass = 0;
      this.deviceProtocol = 0;
      this.vendorId = VENDOR_ID;
      this.productId = PRODUCT_ID;
      this.deviceVersionMajor = 1;
      this.deviceVersionMinor = 0;
      this.deviceVersionSubminor = 0;
      this.manufacturerName = 'Fake';
      this.productName = 'POS-58 receipt printer';
      this.serialNumber = serialNumber;
      this.configurations = [new FakeConfiguration(this)];
      this._configuration = null;
      this._opened = false;
      this._gone = false;
      this._claimed = new Set();
      this._pending = new Set(); // transfers not yet settled: { reject }
      this._replies = []; // status bytes the printer has sent and nobody has read
    }

    get configuration() {
      return this._configuration;
    }
    get opened() {
      return this._opened;
    }

    _check(needOpen = true) {
      if (this._gone) return new DOMException('The device was disconnected.', 'NotFoundError');
      if (needOpen && !this._opened)
        return new DOMException('The device must be opened first.', 'InvalidStateError');
      return undefined;
    }

    _endpoint(number, direction) {
      const iface = this._configuration?.interfaces.find((i) =>
        i.alternate.endpoints.some((e) => e.endpointNumber === number && e.direction === direction),
      );
      if (!iface)
        return new DOMException(
          'The specified endpoint is not part of a claimed and selected alternate interface.',
          'NotFoundError',
        );
      if (!this._claimed.has(iface.interfaceNumber)) {
        return new DOMException(
          'The specified endpoint is not part of a claimed and selected alternate interface.',
          'InvalidStateError',
        );
      }
      return undefined;
    }

    // A transfer that settles later: close() aborts it, unplugging fails it.
    _pendingTransfer(executor) {
      return new Promise((resolve, reject) => {
        const entry = {
          resolve: (v) => (this._pending.delete(entry), resolve(v)),
          reject: (e) => (this._pending.delete(entry), reject(e)),
        };
        this._pending.add(entry);
        executor?.(entry);
      });
    }

    _abortAll(name, message) {
      for (const entry of [...this._pending]) entry.reject(new DOMException(message, name));
    }

    async open() {
      const e = this._check(false);
      if (e) throw e;
      this._opened = true;
    }

    async close() {
      const e = this._check(false);
      if (e) throw e;
      this._abortAll('AbortError', 'The transfer was cancelled.');
      this._claimed.clear();
      this._opened = false;
    }

    async forget() {
      state.permitted = false;
      if (this._opened) await this.close();
    }

    async selectConfiguration(value) {
      const e = this._check();
      if (e) throw e;
      const config = this.configurations.find((c) => c.configurationValue === value);
      if (!config)
        throw new DOMException(
          'The configuration value provided is not supported by the device.',
          'NotFoundError',
        );
      this._claimed.clear();
      this._configuration = config;
    }

    async claimInterface(number) {
      const e = this._check();
      if (e) throw e;
      if (!this._configuration)
        throw new DOMException('The device must have a configuration selected.', 'InvalidStateError');
      if (!this._configuration.interfaces.some((i) => i.interfaceNumber === number)) {
        throw new DOMException(
          'The interface number provided is not supported by the device in its current configuration.',
          'NotFoundError',
        );
      }
      // What Chrome reports on Linux while usblp is bound to the interface.
      if (state.claimFailure) throw new DOMException('Unable to claim interface.', 'NetworkError');
      this._claimed.add(number);
    }

    async releaseInterface(number) {
      const e = this._check();
      if (e) throw e;
      this._claimed.delete(number);
    }

    async selectAlternateInterface(number, setting) {
      const e = this._check();
      if (e) throw e;
      if (!this._claimed.has(number))
        throw new DOMException('The interface must be claimed first.', 'InvalidStateError');
      if (setting !== 0)
        throw new DOMException('The alternate setting provided is not supported.', 'NotFoundError');
    }

    async clearHalt(direction, number) {
      const e = this._check() ?? this._endpoint(number, direction);
      if (e) throw e;
    }

    async reset() {
      const e = this._check();
      if (e) throw e;
      this._abortAll('AbortError', 'The transfer was cancelled.');
      this._replies.length = 0;
    }

    transferOut(number, data) {
      const e = this._check() ?? this._endpoint(number, 'out');
      if (e) return Promise.reject(e);
      const bytes = bytesOf(data);
      log.push(bytes.length);
      if (state.hangAfter === 0) {
        // A wedged printer: the host never gets the data through. Only close() or an unplug ends it.
        state.hangAfter = -1;
        return this._pendingTransfer();
      }
      if (state.hangAfter > 0) state.hangAfter--;
      if (state.sent + bytes.length > state.unplugAfter) {
        unplug();
        return fail('NotFoundError', 'The device was disconnected.');
      }
      state.sent += bytes.length;
      transfers.push([...bytes]);
      this._interpret(bytes);
      return new Promise((resolve) =>
        setTimeout(() => resolve(new USBOutTransferResultShape('ok', bytes.length)), 0),
      );
    }

    transferIn(number, length) {
      const e = this._check() ?? this._endpoint(number, 'in');
      if (e) return Promise.reject(e);
      return this._pendingTransfer((entry) => {
        entry.length = length;
        entry.isRead = true;
        this._deliver();
      });
    }

    async controlTransferIn() {
      return { status: 'stall', data: undefined };
    }

    async controlTransferOut() {
      return { status: 'stall', bytesWritten: 0 };
    }

    // Only whole DLE EOT n commands are answered; a real printer would also spot them inside data.
    _interpret(bytes) {
      if (bytes.length !== 3 || bytes[0] !== 0x10 || bytes[1] !== 0x04 || !state.answers) return;
      const reply = statusByte(bytes[2]);
      if (reply === undefined) return;
      setTimeout(() => {
        if (this._gone) return;
        this._replies.push(reply);
        this._deliver();
      }, 1);
    }

    _deliver() {
      const read = [...this._pending].find((p) => p.isRead);
      if (!read || this._replies.length === 0) return;
      const out = this._replies.splice(0, read.length);
      read.resolve(new USBInTransferResultShape('ok', new DataView(new Uint8Array(out).buffer)));
    }
  }

  // Real USBOutTransferResult / USBInTransferResult cannot be built from page script in
  // every Chromium, so these carry the same fields.
  class USBOutTransferResultShape {
    constructor(status, bytesWritten = 0) {
      this.status = status;
      this.bytesWritten = bytesWritten;
    }
  }
  class USBInTransferResultShape {
    constructor(status, data) {
      this.status = status;
      this.data = data;
    }
  }

  function statusByte(n) {
    const out = state.paper === 'out';
    const near = state.paper === 'near_end';
    switch (n) {
      case 1: // bit 3: offline, which an Epson printer is with no paper or an open cover
        return 0x12 | (out || state.coverOpen ? 0x08 : 0);
      case 2: // bit 2: cover open, bit 5: stopped by paper end
        return 0x12 | (state.coverOpen ? 0x04 : 0) | (out ? 0x20 : 0);
      case 3:
        return 0x12;
      case 4: // bits 2-3: near end, bits 5-6: paper end
        return 0x12 | (near || out ? 0x0c : 0) | (out ? 0x60 : 0);
    }
    return undefined;
  }

  function matchesFilter(device, f) {
    if (f.vendorId !== undefined && f.vendorId !== device.vendorId) return false;
    if (f.productId !== undefined && f.productId !== device.productId) return false;
    if (f.serialNumber !== undefined && f.serialNumber !== device.serialNumber) return false;
    if (f.classCode !== undefined) {
      const alternates = device.configurations.flatMap((c) => c.interfaces.flatMap((i) => i.alternates));
      const classes = [device.deviceClass, ...alternates.map((a) => a.interfaceClass)];
      if (!classes.includes(f.classCode)) return false;
    }
    return true;
  }

  class FakeUSB extends EventTarget {
    constructor() {
      super();
      this.onconnect = null;
      this.ondisconnect = null;
    }

    async getDevices() {
      return state.plugged && state.permitted ? [device] : [];
    }

    async requestDevice(options) {
      if (!options || !Array.isArray(options.filters)) throw new TypeError('filters is required');
      // The fake "person" picks the printer whenever the chooser lists it.
      if (!state.plugged || !options.filters.some((f) => matchesFilter(device, f))) {
        throw new DOMException('No device selected.', 'NotFoundError');
      }
      state.permitted = true;
      return device;
    }

    _fire(type, target) {
      // Chrome only tells a site about devices it may use.
      if (!state.permitted) return;
      const event = new Event(type);
      Object.defineProperty(event, 'device', { value: target });
      this[`on${type}`]?.call(this, event);
      this.dispatchEvent(event);
    }
  }

  const usb = new FakeUSB();
  let device = new FakeUSBDevice(state.serialNumber);

  function unplug() {
    if (!state.plugged) return;
    state.plugged = false;
    const gone = device;
    gone._gone = true;
    gone._opened = false;
    gone._claimed.clear();
    usb._fire('disconnect', gone);
    gone._abortAll('NotFoundError', 'The device was disconnected.');
  }

  function replug() {
    if (state.plugged) return;
    // The browser hands out a new USBDevice object for the new connection.
    device = new FakeUSBDevice(state.serialNumber);
    state.plugged = true;
    state.unplugAfter = Infinity;
    state.sent = 0;
    usb._fire('connect', device);
  }

  Object.defineProperty(Navigator.prototype, 'usb', { configurable: true, get: () => usb });

  window.__usb = {
    transfers,
    log,
    get device() {
      return device;
    },
    unplug,
    replug,
    unplugAfterBytes(n) {
      state.sent = 0;
      state.unplugAfter = n;
    },
    setPaper(paper) {
      if (!['ok', 'near_end', 'out'].includes(paper)) throw new TypeError(`unknown paper state ${paper}`);
      state.paper = paper;
    },
    setCover(open) {
      state.coverOpen = Boolean(open);
    },
    answersStatus(answers) {
      state.answers = Boolean(answers);
    },
    claimFails(reason) {
      state.claimFailure = reason || false;
    },
    /** The transfer after the next `after` ones (default: the very next) never completes. */
    hangNextTransfer(after = 0) {
      state.hangAfter = after;
    },
    forgetPermission() {
      state.permitted = false;
    },
    grantPermission() {
      state.permitted = true;
    },
    setSerial(serial) {
      state.serialNumber = serial;
    },
  };
})();
