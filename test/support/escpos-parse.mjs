// ESC/POS byte stream -> print operations, the way a 203 dpi receipt printer would lay
// them out. Pure (no I/O, no browser) so it can be unit-tested and fuzzed cheaply; the
// renderer turns the operations into pixels.
//
// Never throws: every read is bounds-checked and anything not understood becomes a
// warning with its byte offset, because the point of the tool is to show what a broken
// stream does, not to refuse it.

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

// Font A and B cells in dots; full-width (CJK) glyphs take two cells.
const FONTS = [
  { w: 12, h: 24 },
  { w: 9, h: 17 },
];
// Epson's default line spacing is about 3.75 mm; at 8 dots/mm that is 30 dots.
const DEFAULT_LINE_SPACING = 30;

// CP437 0x80-0xFF, the code page ESC t 0 selects on Epson-numbered printers.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

// Parameter byte counts of commands we accept but do not draw, so the stream stays in
// sync after them instead of printing their parameters as text.
const ESC_SKIP = {
  0x20: 1, // ESC SP right-side character spacing
  0x25: 1, // ESC % user-defined character set
  0x3d: 1, // ESC = peripheral select
  0x3f: 1, // ESC ? cancel user-defined character
  0x4c: 0, // ESC L page mode
  0x52: 1, // ESC R international character set
  0x53: 0, // ESC S standard mode
  0x54: 1, // ESC T page-mode direction
  0x55: 1, // ESC U unidirectional
  0x56: 1, // ESC V 90 degree rotation
  0x63: 2, // ESC c 3/4/5 n paper sensor / panel buttons
  0x7b: 1, // ESC { upside-down
  0x3c: 0, // ESC < return home
};
const GS_SKIP = {
  0x2f: 1, // GS / print downloaded image
  0x3a: 0, // GS : macro
  0x49: 1, // GS I printer ID (a query)
  0x50: 2, // GS P motion units
  0x61: 1, // GS a automatic status back
  0x62: 1, // GS b smoothing
  0x72: 1, // GS r status (a query)
  0x54: 1, // GS T
  0x5e: 3, // GS ^ macro execute
};
const FS_SKIP = {
  0x21: 1, // FS ! Chinese character print mode
  0x2d: 1, // FS - Chinese underline
  0x43: 1, // FS C Chinese code system
  0x53: 2, // FS S Chinese character spacing
  0x57: 1, // FS W Chinese quadruple size
  0x70: 2, // FS p print NV bit image
};

function hex(b) {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/** The line as a string; gaps left by tabs and ESC $ become spaces of font A width. */
function lineText(items) {
  let out = '';
  let end = null;
  for (const it of items) {
    if (it.kind !== 'char') continue;
    if (end !== null && it.x > end) out += ' '.repeat(Math.round((it.x - end) / FONTS[0].w));
    out += it.ch;
    end = it.x + it.w;
  }
  return out.trimEnd();
}

function freshStyle() {
  return { font: 0, bold: false, underline: 0, invert: false, wMul: 1, hMul: 1 };
}

/**
 * Parses `bytes` as printed on paper `widthDots` wide.
 *
 * @returns {{ops: object[], text: string[], qr: string[], barcodes: string[], cuts: number, warnings: string[]}}
 *   `ops` are, in paper order: `line` (glyphs and inline bit images at absolute x),
 *   `feed` (blank dots), `bitmap` (1 = black, row-major), `qr` (data still to be
 *   encoded), `barcode` (Code 128 text still to be encoded) and `cut`.
 */
export function parseEscPos(bytes, { widthDots = 384 } = {}) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const ops = [];
  const text = [];
  const qr = [];
  const barcodes = [];
  const warnings = [];
  let cuts = 0;

  // Chinese clones power on in Chinese mode; ESC @ does not leave it.
  let chinese = true;
  let codePage = 0;
  let style = freshStyle();
  let align = 0;
  let lineSpacing = DEFAULT_LINE_SPACING;
  let leftMargin = 0;
  let areaWidth = widthDots;
  const bc = { height: 162, module: 3, hri: 0, hriFont: 0 };
  const qrState = { module: 3, ecc: 'L', data: null };

  // The line buffer: what has been received since the last print.
  let items = [];
  let x = 0;
  let lineAlign = null;

  const warn = (off, msg) => {
    // A fuzzed stream can produce thousands; the first few hundred say enough.
    if (warnings.length < 500) warnings.push(`@${off}: ${msg}`);
  };
  const right = () => Math.min(widthDots, leftMargin + areaWidth);

  /** Prints the line buffer. With `feedIfEmpty`, an empty buffer still feeds one line. */
  function printLine(feedIfEmpty) {
    if (items.length === 0) {
      if (feedIfEmpty) {
        ops.push({ type: 'feed', dots: lineSpacing });
        text.push('');
      }
      lineAlign = null;
      x = 0;
      return;
    }
    const end = Math.max(...items.map((it) => it.x + it.w));
    const height = Math.max(...items.map((it) => it.h));
    const free = right() - leftMargin - end;
    const a = lineAlign ?? align;
    const shift = leftMargin + (a === 1 ? Math.floor(free / 2) : a === 2 ? free : 0);
    for (const it of items) it.x += Math.max(leftMargin, shift);
    ops.push({ type: 'line', height, advance: Math.max(height, lineSpacing), items });
    text.push(lineText(items));
    items = [];
    x = 0;
    lineAlign = null;
  }

  function putChar(ch, wide, off) {
    const f = FONTS[style.font];
    const w = (wide ? 2 * f.w : f.w) * style.wMul;
    const h = f.h * style.hMul;
    if (w > right() - leftMargin) {
      warn(off, `character wider than the print area: dropped`);
      return;
    }
    // Like the printer: a character that does not fit starts the next line.
    if (leftMargin + x + w > right()) printLine(false);
    if (items.length === 0) lineAlign = align;
    items.push({ kind: 'char', ch, x, w, h, wide, ...style });
    x += w;
  }

  /** Bitmap ops print only at the start of a line; the printer flushes text first. */
  function startBlock(off, what) {
    if (items.length > 0) {
      warn(off, `${what} in the middle of a line: the pending text is printed first`);
      printLine(false);
    }
  }

  const need = (i, n, what) => {
    if (i + n > b.length) {
      warn(i, `${what} truncated at end of stream`);
      return false;
    }
    return true;
  };

  let i = 0;
  // A command cut short by the end of the stream ends parsing: its parameters are not text.
  const param = (n, what) => {
    if (need(i, n, what)) return b.subarray(i, i + n);
    i = b.length;
    return null;
  };
  while (i < b.length) {
    const c = b[i];
    const off = i;

    if (c === 0x0a) {
      printLine(true);
      i++;
    } else if (c === 0x0d) {
      i++; // LF does the printing; CR after it would otherwise feed twice.
    } else if (c === 0x09) {
      // Default tab stops: every 8 font-A characters.
      const step = 8 * FONTS[style.font].w * style.wMul;
      const next = (Math.floor(x / step) + 1) * step;
      if (leftMargin + next <= right()) x = next;
      i++;
    } else if (c === ESC) {
      if (!need(i, 2, 'ESC')) break;
      const cmd = b[i + 1];
      i += 2;
      const p = (n) => param(n, `ESC ${hex(cmd)}`);
      switch (cmd) {
        case 0x40: // ESC @: back to the power-on state, which has Chinese mode on
          chinese = true;
          style = freshStyle();
          align = 0;
          lineSpacing = DEFAULT_LINE_SPACING;
          codePage = 0;
          leftMargin = 0;
          areaWidth = widthDots;
          Object.assign(bc, { height: 162, module: 3, hri: 0, hriFont: 0 });
          Object.assign(qrState, { module: 3, ecc: 'L', data: null });
          items = [];
          x = 0;
          lineAlign = null;
          break;
        case 0x61: {
          const a = p(1);
          if (!a) break;
          i++;
          const n = a[0] >= 48 ? a[0] - 48 : a[0];
          if (n > 2) warn(off, `ESC a ${a[0]}: no such alignment`);
          else align = n;
          break;
        }
        case 0x45:
        case 0x47: {
          const a = p(1);
          if (!a) break;
          i++;
          style.bold = (a[0] & 1) === 1;
          break;
        }
        case 0x2d: {
          const a = p(1);
          if (!a) break;
          i++;
          const n = a[0] >= 48 ? a[0] - 48 : a[0];
          style.underline = n >= 1 && n <= 2 ? n : 0;
          break;
        }
        case 0x21: {
          const a = p(1);
          if (!a) break;
          i++;
          const n = a[0];
          style.font = n & 1;
          style.bold = (n & 0x08) !== 0;
          style.hMul = n & 0x10 ? 2 : 1;
          style.wMul = n & 0x20 ? 2 : 1;
          style.underline = n & 0x80 ? 1 : 0;
          break;
        }
        case 0x4d: {
          const a = p(1);
          if (!a) break;
          i++;
          const n = a[0] >= 48 ? a[0] - 48 : a[0];
          if (n > 1) warn(off, `ESC M ${a[0]}: only fonts A and B are modelled, using A`);
          style.font = n === 1 ? 1 : 0;
          break;
        }
        case 0x32:
          lineSpacing = DEFAULT_LINE_SPACING;
          break;
        case 0x33: {
          const a = p(1);
          if (!a) break;
          i++;
          lineSpacing = a[0];
          break;
        }
        case 0x64: {
          const a = p(1);
          if (!a) break;
          i++;
          printLine(false);
          if (a[0] > 0) ops.push({ type: 'feed', dots: a[0] * lineSpacing });
          break;
        }
        case 0x4a: {
          const a = p(1);
          if (!a) break;
          i++;
          printLine(false);
          if (a[0] > 0) ops.push({ type: 'feed', dots: a[0] });
          break;
        }
        case 0x74: {
          const a = p(1);
          if (!a) break;
          i++;
          codePage = a[0];
          if (codePage !== 0) warn(off, `ESC t ${codePage}: only code page 0 (CP437) is modelled`);
          break;
        }
        case 0x70: {
          if (!p(3)) break;
          i += 3;
          text.push('[drawer]');
          break;
        }
        case 0x24:
        case 0x5c: {
          const a = p(2);
          if (!a) break;
          i += 2;
          const n = a[0] | (a[1] << 8);
          // Relative moves are signed 16-bit.
          const nx = cmd === 0x24 ? n : x + (n >= 0x8000 ? n - 0x10000 : n);
          if (nx >= 0 && leftMargin + nx <= right()) x = nx;
          else warn(off, `ESC ${hex(cmd)}: position ${nx} outside the print area, ignored`);
          break;
        }
        case 0x2a: {
          const a = p(3);
          if (!a) break;
          i += 3;
          const m = a[0];
          const cols = a[1] | (a[2] << 8);
          const bytesPerCol = m >= 32 ? 3 : 1;
          if (![0, 1, 32, 33].includes(m)) {
            // Its data length depends on the mode, so nothing after it can be trusted.
            warn(off, `ESC * ${m}: unknown bit-image mode, rest of stream skipped`);
            i = b.length;
            break;
          }
          const avail = Math.min(cols * bytesPerCol, b.length - i);
          if (avail < cols * bytesPerCol) warn(off, 'ESC * bit image truncated at end of stream');
          const data = b.subarray(i, i + avail);
          i += avail;
          putColumnImage(m, cols, data, off);
          break;
        }
        default:
          if (cmd in ESC_SKIP) {
            const n = ESC_SKIP[cmd];
            if (!p(n)) break;
            i += n;
            warn(off, `ESC ${hex(cmd)} accepted, not drawn`);
          } else {
            warn(off, `unknown command ESC ${hex(cmd)}: skipped 2 bytes`);
          }
      }
    } else if (c === GS) {
      if (!need(i, 2, 'GS')) break;
      const cmd = b[i + 1];
      i += 2;
      const p = (n) => param(n, `GS ${hex(cmd)}`);
      switch (cmd) {
        case 0x42: {
          const a = p(1);
          if (!a) break;
          i++;
          style.invert = (a[0] & 1) === 1;
          break;
        }
        case 0x21: {
          const a = p(1);
          if (!a) break;
          i++;
          const w = (a[0] >> 4) + 1;
          const h = (a[0] & 15) + 1;
          if (w > 8 || h > 8) warn(off, `GS ! ${hex(a[0])}: size above 8x ignored`);
          else Object.assign(style, { wMul: w, hMul: h });
          break;
        }
        case 0x56: {
          const a = p(1);
          if (!a) break;
          i++;
          const m = a[0];
          let partial;
          let feed = 0;
          if (m === 0 || m === 48) partial = false;
          else if (m === 1 || m === 49) partial = true;
          else if (m === 65 || m === 66) {
            const n = p(1);
            if (!n) break;
            i++;
            partial = m === 66;
            feed = n[0];
          } else {
            warn(off, `GS V ${m}: unknown cut mode`);
            break;
          }
          printLine(false);
          if (feed) ops.push({ type: 'feed', dots: feed });
          ops.push({ type: 'cut', partial });
          cuts++;
          break;
        }
        case 0x68:
        case 0x77:
        case 0x48:
        case 0x66: {
          const a = p(1);
          if (!a) break;
          i++;
          const n = a[0];
          if (cmd === 0x68) bc.height = Math.max(1, n);
          else if (cmd === 0x77) {
            if (n < 1 || n > 6) warn(off, `GS w ${n}: module width outside 1-6, ignored`);
            else bc.module = n;
          } else if (cmd === 0x48) bc.hri = (n >= 48 ? n - 48 : n) & 3;
          else bc.hriFont = (n >= 48 ? n - 48 : n) === 1 ? 1 : 0;
          break;
        }
        case 0x6b: {
          const a = p(1);
          if (!a) break;
          i++;
          const m = a[0];
          if (m <= 6) {
            // Function A: NUL-terminated, not Code 128.
            const end = b.indexOf(0, i);
            i = end < 0 ? b.length : end + 1;
            warn(off, `GS k ${m}: function A barcodes are not drawn`);
            break;
          }
          const nb = p(1);
          if (!nb) break;
          i++;
          const n = nb[0];
          const data = p(n);
          if (!data) break;
          i += n;
          if (m !== 73) {
            warn(off, `GS k ${m}: only Code 128 (73) is drawn`);
            break;
          }
          const decoded = decodeCode128(data, (msg) => warn(off, msg));
          if (decoded === null) break;
          startBlock(off, 'barcode');
          barcodes.push(decoded);
          ops.push({ type: 'barcode', text: decoded, ...bc, align });
          if (bc.hri & 1) text.push(decoded);
          if (bc.hri & 2) text.push(decoded);
          break;
        }
        case 0x76: {
          const a = p(6);
          if (!a) break;
          i += 6;
          if (a[0] !== 0x30) {
            warn(off, `GS v ${hex(a[0])}: unknown`);
            break;
          }
          const m = a[1];
          const xBytes = a[2] | (a[3] << 8);
          const rows = a[4] | (a[5] << 8);
          const want = xBytes * rows;
          const avail = Math.min(want, b.length - i);
          if (avail < want) warn(off, `GS v 0 raster truncated: ${avail} of ${want} bytes`);
          const data = b.subarray(i, i + avail);
          i += avail;
          startBlock(off, 'raster image');
          putRaster(m, xBytes, xBytes > 0 ? Math.ceil(avail / xBytes) : 0, data, off);
          break;
        }
        case 0x28: {
          const a = p(3);
          if (!a) break;
          const fnClass = a[0];
          const len = a[1] | (a[2] << 8);
          i += 3;
          const body = p(len);
          if (!body) break;
          i += len;
          if (fnClass === 0x6b) gsParenK(body, off);
          else warn(off, `GS ( ${String.fromCharCode(fnClass)}: skipped ${len} bytes`);
          break;
        }
        case 0x38: {
          // GS 8 L: like GS ( L with a 32-bit length.
          const a = p(5);
          if (!a) break;
          const len = a[1] + a[2] * 256 + a[3] * 65536 + a[4] * 16777216;
          i = Math.min(b.length, i + 5 + len);
          warn(off, `GS 8: graphics command skipped`);
          break;
        }
        case 0x4c:
        case 0x57: {
          const a = p(2);
          if (!a) break;
          i += 2;
          const n = a[0] | (a[1] << 8);
          if (cmd === 0x4c) leftMargin = Math.min(n, widthDots - 1);
          else areaWidth = Math.max(1, n);
          break;
        }
        default:
          if (cmd in GS_SKIP) {
            const n = GS_SKIP[cmd];
            if (!p(n)) break;
            i += n;
            warn(off, `GS ${hex(cmd)} accepted, not drawn`);
          } else {
            warn(off, `unknown command GS ${hex(cmd)}: skipped 2 bytes`);
          }
      }
    } else if (c === FS) {
      if (!need(i, 2, 'FS')) break;
      const cmd = b[i + 1];
      i += 2;
      if (cmd === 0x26) chinese = true;
      else if (cmd === 0x2e) chinese = false;
      else if (cmd in FS_SKIP) {
        const n = FS_SKIP[cmd];
        if (i + n > b.length) {
          warn(off, `FS ${hex(cmd)} truncated at end of stream`);
          break;
        }
        i += n;
        warn(off, `FS ${hex(cmd)} accepted, not drawn`);
      } else warn(off, `unknown command FS ${hex(cmd)}: skipped 2 bytes`);
    } else if (c === DLE) {
      if (!need(i, 3, 'DLE')) break;
      if (b[i + 1] === 0x04 || b[i + 1] === 0x14) {
        // Real-time status request / DLE DC4: the host expects a reply, nothing prints.
        warn(off, `DLE ${hex(b[i + 1])} ${b[i + 2]}: status request, ignored`);
        i += b[i + 1] === 0x14 ? Math.min(5, b.length - i) : 3;
      } else {
        warn(off, `unknown DLE ${hex(b[i + 1])}: skipped 2 bytes`);
        i += 2;
      }
    } else if (c < 0x20 || c === 0x7f) {
      warn(off, `control byte ${hex(c)} ignored`);
      i++;
    } else if (c < 0x80) {
      putChar(String.fromCharCode(c), false, off);
      i++;
    } else if (chinese) {
      i += putGb18030(off);
    } else {
      if (codePage === 0) {
        putChar(CP437_HIGH[c - 0x80], false, off);
        warn(off, `byte ${hex(c)} outside Chinese mode: printed as CP437 '${CP437_HIGH[c - 0x80]}'`);
      } else {
        putChar('?', false, off);
        warn(off, `byte ${hex(c)} in code page ${codePage}: not modelled, printed as '?'`);
      }
      i++;
    }
  }
  printLine(false);

  return { ops, text, qr, barcodes, cuts, warnings };

  /** Returns how many bytes the GB18030 character at `off` took. */
  function putGb18030(off) {
    const c = b[off];
    let len = 0;
    if (c === 0x80)
      len = 1; // WHATWG GB18030 maps a lone 0x80 to the euro sign
    else if (c <= 0xfe && off + 1 < b.length) {
      const c2 = b[off + 1];
      if ((c2 >= 0x40 && c2 <= 0x7e) || (c2 >= 0x80 && c2 <= 0xfe)) len = 2;
      else if (c2 >= 0x30 && c2 <= 0x39 && off + 3 < b.length) {
        const c3 = b[off + 2];
        const c4 = b[off + 3];
        if (c3 >= 0x81 && c3 <= 0xfe && c4 >= 0x30 && c4 <= 0x39) len = 4;
      }
    }
    if (len === 0) {
      warn(off, `byte ${hex(c)} is not a GB18030 sequence in Chinese mode: printed as '?'`);
      putChar('?', false, off);
      return 1;
    }
    const s = new TextDecoder('gb18030').decode(b.subarray(off, off + len));
    putChar(s, len > 1, off);
    return len;
  }

  function putRaster(m, xBytes, rows, data, off) {
    const sx = m & 1 ? 2 : 1;
    const sy = m & 2 ? 2 : 1;
    if ((m & 0xfc) !== 0 && (m & 0xfc) !== 0x30) warn(off, `GS v 0 mode ${m}: unknown, drawn as ${m & 3}`);
    const srcW = xBytes * 8;
    let w = srcW * sx;
    const h = rows * sy;
    if (w === 0 || h === 0) return;
    const maxW = right() - leftMargin;
    if (w > maxW) {
      warn(off, `GS v 0 image ${w} dots wide on a ${maxW}-dot print area: clipped`);
      w = maxW;
    }
    const bits = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      const row = Math.floor(y / sy) * xBytes;
      for (let px = 0; px < w; px++) {
        const sxp = Math.floor(px / sx);
        const byte = data[row + (sxp >> 3)] ?? 0;
        bits[y * w + px] = (byte >> (7 - (sxp & 7))) & 1;
      }
    }
    ops.push({ type: 'bitmap', w, h, bits, align, leftMargin, areaRight: right() });
  }

  function putColumnImage(m, cols, data, off) {
    const per = m >= 32 ? 3 : 1;
    const sx = m === 0 || m === 32 ? 2 : 1;
    // 8-dot modes print at a third of the vertical density: each bit is 3 dots tall.
    const sy = m >= 32 ? 1 : 3;
    const w = cols * sx;
    const h = per * 8 * sy;
    if (w === 0) return;
    if (leftMargin + x + w > right()) {
      warn(off, `ESC * image does not fit the rest of the line: dropped`);
      return;
    }
    const bits = new Uint8Array(w * h);
    for (let px = 0; px < w; px++) {
      const col = Math.floor(px / sx);
      for (let y = 0; y < h; y++) {
        const dot = Math.floor(y / sy);
        const byte = data[col * per + (dot >> 3)] ?? 0;
        bits[y * w + px] = (byte >> (7 - (dot & 7))) & 1;
      }
    }
    if (items.length === 0) lineAlign = align;
    items.push({ kind: 'bits', x, w, h, bits });
    x += w;
  }

  function gsParenK(body, off) {
    if (body.length < 2) {
      warn(off, 'GS ( k with no function');
      return;
    }
    const [cn, fn] = body;
    if (cn !== 0x31) {
      warn(off, `GS ( k cn=${hex(cn)}: only QR (0x31) is drawn`);
      return;
    }
    const arg = body[2];
    switch (fn) {
      case 65:
        if (arg !== 0x32) warn(off, `QR model ${hex(arg ?? 0)}: drawn as model 2`);
        break;
      case 67:
        if (arg >= 1 && arg <= 16) qrState.module = arg;
        else warn(off, `QR module size ${arg}: outside 1-16, ignored`);
        break;
      case 69: {
        const level = 'LMQH'[(arg ?? 0) - 0x30];
        if (level) qrState.ecc = level;
        else warn(off, `QR error correction ${arg}: unknown, ignored`);
        break;
      }
      case 80:
        qrState.data = body.slice(3);
        break;
      case 81: {
        if (qrState.data === null || qrState.data.length === 0) {
          warn(off, 'QR print with no stored data: nothing printed');
          break;
        }
        startBlock(off, 'QR code');
        const data = qrState.data;
        const str = new TextDecoder().decode(data);
        qr.push(str);
        ops.push({ type: 'qr', data, text: str, module: qrState.module, ecc: qrState.ecc, align });
        break;
      }
      default:
        warn(off, `GS ( k QR function ${fn}: not modelled`);
    }
  }
}

/**
 * Turns GS k 73 data into the text a scanner would read. The data names its code set
 * first ({A, {B, {C); "{{" is a literal brace and set C carries two digits per byte.
 *
 * @returns {string|null} null when the data cannot be a Code 128 symbol.
 */
export function decodeCode128(data, warn = () => {}) {
  let set = null;
  let out = '';
  if (data.length < 2 || data[0] !== 0x7b || ![0x41, 0x42, 0x43].includes(data[1])) {
    warn('Code 128 data does not start with {A, {B or {C: not printed');
    return null;
  }
  for (let k = 0; k < data.length; k++) {
    const c = data[k];
    if (c === 0x7b && k + 1 < data.length) {
      const n = data[++k];
      if (n === 0x41 || n === 0x42 || n === 0x43) set = n;
      else if (n === 0x7b) out += '{';
      else if (n === 0x53) {
        // Shift: the next character comes from the other of A/B; text-wise it is itself.
        if (k + 1 < data.length) out += String.fromCharCode(data[++k]);
      } else if (n >= 0x31 && n <= 0x34) {
        // FNC1-4 carry no text of their own.
        if (n !== 0x31) warn(`Code 128 FNC${n - 0x30} has no text: left out`);
      } else {
        warn(`Code 128 "{${String.fromCharCode(n)}": unknown escape, not printed`);
        return null;
      }
    } else if (set === 0x43) {
      if (c > 99) {
        warn(`Code 128 set C byte ${c} is not 0-99: not printed`);
        return null;
      }
      out += String(c).padStart(2, '0');
    } else if (c > 0x7f || (set === 0x42 && c < 0x20)) {
      warn(`Code 128 byte ${hex(c)} not in code set ${String.fromCharCode(set)}: not printed`);
      return null;
    } else out += String.fromCharCode(c);
  }
  if (out.length === 0) {
    warn('Code 128 with no data: not printed');
    return null;
  }
  return out;
}
