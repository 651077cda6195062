import { inflateSync } from 'node:zlib';

/** Decoded pixels: `rgba[(y * width + x) * 4 + channel]`. */
export interface Image {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * Decodes the PNGs a browser screenshot produces: 8-bit RGB or RGBA, not interlaced (PNG spec
 * §11.2.2 IHDR, §9 filtering). Anything else is refused, since tests only read screenshots.
 */
export function decodePng(png: Uint8Array): Image {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      }
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + i] = (line[i]! + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba[p * 4] = pixels[p * channels]!;
    rgba[p * 4 + 1] = pixels[p * channels + 1]!;
    rgba[p * 4 + 2] = pixels[p * channels + 2]!;
    rgba[p * 4 + 3] = channels === 4 ? pixels[p * channels + 3]! : 255;
  }
  return { width, height, rgba };
}

/**
 * Pixels drawn in a saturated colour (the charts' palette), as opposed to white paper, grey grid
 * lines and black text: a chart with no bar, line or marker has almost none.
 */
export function countColouredPixels(image: Image): number {
  let count = 0;
  for (let p = 0; p < image.width * image.height; p++) {
    const r = image.rgba[p * 4]!;
    const g = image.rgba[p * 4 + 1]!;
    const b = image.rgba[p * 4 + 2]!;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) count++;
  }
  return count;
}
