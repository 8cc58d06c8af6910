// web/src/sdk/printer-status.ts: DLE EOT replies, chunking, interface choice, error names
// and the cashier's messages, without a browser.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  PRINTER_MESSAGES,
  blockingProblem,
  chunkRanges,
  classifyUsbError,
  isStatusByte,
  parseStatus,
  pickInterface,
  statusRequest,
} from '../../build/web-unit/printer-status.js';

test('DLE EOT n is 10 04 n', () => {
  assert.deepEqual([...statusRequest(1)], [0x10, 0x04, 0x01]);
  assert.deepEqual([...statusRequest(4)], [0x10, 0x04, 0x04]);
});

test('a status byte has bits 1 and 4 set and bits 0 and 7 clear', () => {
  for (const b of [0x12, 0x16, 0x1a, 0x1e, 0x72, 0x7e]) assert.equal(isStatusByte(b), true, b.toString(16));
  for (const b of [undefined, 0x00, 0x10, 0x02, 0x13, 0x92, 0xff])
    assert.equal(isStatusByte(b), false, String(b));
});

test('an online printer with paper', () => {
  assert.deepEqual(parseStatus(0x12, 0x12, undefined), { online: true, paper: 'ok', coverOpen: false });
});

test('paper near end (bits 2-3) and paper out (bits 5-6), from either bit of the pair', () => {
  assert.equal(parseStatus(0x12, 0x1e, undefined).paper, 'near_end');
  assert.equal(parseStatus(0x12, 0x16, undefined).paper, 'near_end');
  assert.equal(parseStatus(0x1a, 0x7e, 0x32).paper, 'out');
  assert.equal(parseStatus(0x1a, 0x32, 0x32).paper, 'out');
  // python-escpos' documented "no paper" reply
  assert.equal(parseStatus(0x1a, 0x72, undefined).paper, 'out');
});

test('offline (DLE EOT 1 bit 3), with the cover open or not (DLE EOT 2 bit 2)', () => {
  assert.deepEqual(parseStatus(0x1a, 0x12, 0x16), { online: false, paper: 'ok', coverOpen: true });
  assert.deepEqual(parseStatus(0x1a, 0x12, 0x12), { online: false, paper: 'ok', coverOpen: false });
  assert.deepEqual(parseStatus(0x1a, 0x12, undefined), { online: false, paper: 'ok', coverOpen: 'unknown' });
});

test('no or garbled replies are unknown, and unknown never blocks a print', () => {
  const unknown = { online: true, paper: 'unknown', coverOpen: 'unknown' };
  assert.deepEqual(parseStatus(undefined, undefined, undefined), unknown);
  assert.deepEqual(parseStatus(0xff, 0x12, undefined), unknown);
  assert.deepEqual(parseStatus(0x12, 0x00, undefined), { online: true, paper: 'unknown', coverOpen: false });
  assert.equal(blockingProblem(unknown), undefined);
});

test('what stops a print: paper out first, then an open cover, then offline', () => {
  assert.equal(blockingProblem({ online: false, paper: 'out', coverOpen: true }), 'out_of_paper');
  assert.equal(blockingProblem({ online: false, paper: 'ok', coverOpen: true }), 'cover_open');
  assert.equal(blockingProblem({ online: false, paper: 'unknown', coverOpen: 'unknown' }), 'offline');
  assert.equal(blockingProblem({ online: true, paper: 'near_end', coverOpen: false }), undefined);
});

test('chunks cover every byte once, none larger than the size', () => {
  assert.deepEqual(chunkRanges(0, 4096), []);
  assert.deepEqual(chunkRanges(10, 4), [
    [0, 4],
    [4, 8],
    [8, 10],
  ]);
  assert.deepEqual(chunkRanges(8192, 4096), [
    [0, 4096],
    [4096, 8192],
  ]);
  assert.throws(() => chunkRanges(10, 0), RangeError);
});

const ep = (endpointNumber, direction, type = 'bulk') => ({ endpointNumber, direction, type });
const iface = (interfaceNumber, interfaceClass, endpoints, interfaceProtocol = 2) => ({
  interfaceNumber,
  alternates: [{ alternateSetting: 0, interfaceClass, interfaceProtocol, endpoints }],
});

test('picks the printer-class interface with its own endpoint numbers', () => {
  // A DeTong-like composite: HID first, printer second with OUT 3 / IN 4.
  const hid = iface(0, 3, [ep(1, 'in', 'interrupt')]);
  const printer = iface(1, 7, [ep(4, 'in'), ep(3, 'out')]);
  assert.deepEqual(pickInterface([hid, printer]), { interfaceNumber: 1, alternateSetting: 0, out: 3, in: 4 });
});

test('a vendor-class printer (Epson in vendor mode) is found by its bulk OUT endpoint', () => {
  assert.deepEqual(pickInterface([iface(0, 0xff, [ep(1, 'out'), ep(2, 'in')])]), {
    interfaceNumber: 0,
    alternateSetting: 0,
    out: 1,
    in: 2,
  });
});

test('a unidirectional printer (protocol 1) has no status channel; no bulk OUT is no printer', () => {
  assert.deepEqual(pickInterface([iface(0, 7, [ep(2, 'out'), ep(1, 'in')], 1)]), {
    interfaceNumber: 0,
    alternateSetting: 0,
    out: 2,
    in: undefined,
  });
  assert.equal(
    pickInterface([iface(0, 3, [ep(1, 'in', 'interrupt'), ep(2, 'out', 'interrupt')])]),
    undefined,
  );
  assert.equal(pickInterface([]), undefined);
});

test('WebUSB errors become problems', () => {
  const cases = [
    ['NotFoundError', 'The device was disconnected.', 'disconnected'],
    ['NetworkError', 'Unable to claim interface.', 'claimed_by_driver'],
    ['NetworkError', 'A transfer error has occurred.', 'failed'],
    ['SecurityError', 'Access denied.', 'access_denied'],
    ['InvalidStateError', 'The device must be opened first.', 'reopen'],
    ['AbortError', 'The transfer was cancelled.', 'timeout'],
    ['TypeError', '', 'failed'],
    [undefined, '', 'failed'],
  ];
  for (const [name, message, expected] of cases)
    assert.equal(classifyUsbError(name, message), expected, name);
});

test('every problem has a message in both languages', () => {
  const problems = [
    'unsupported',
    'not_paired',
    'claimed_by_driver',
    'access_denied',
    'disconnected',
    'timeout',
    'out_of_paper',
    'cover_open',
    'offline',
    'failed',
  ];
  assert.deepEqual(Object.keys(PRINTER_MESSAGES).sort(), [...problems].sort());
  for (const p of problems) {
    assert.match(PRINTER_MESSAGES[p]['zh-CN'], /[\u4e00-\u9fff]/, p);
    assert.ok(PRINTER_MESSAGES[p].en.length > 20, p);
  }
});
