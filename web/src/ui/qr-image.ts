// Draws the order QR as inline SVG: crisp at any kiosk scale, and built with
// createElementNS + attributes because the CSP forbids inline style.
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An `<svg role="img">` of `text` as a QR code, labelled `label` for screen readers.
 * The encoder is imported on first use so the card-scanning screens never load it.
 *
 * @throws Error if `text` is too long for a QR code.
 */
export async function renderQr(text: string, label: string): Promise<SVGSVGElement> {
  const { encodeQr, qrSvgPath } = await import('./qr-matrix');
  const { viewBox, d } = qrSvgPath(encodeQr(text));

  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', viewBox);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  // Module edges must stay sharp: anti-aliased seams between runs hurt decoding.
  svg.setAttribute('shape-rendering', 'crispEdges');

  // The quiet zone has to be light even on a dark theme, so paint it explicitly.
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#fff');

  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');

  svg.append(bg, path);
  return svg;
}
