import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/** A logo is drawn about 120 × 60 points: more pixels than this only cost memory at every PDF. */
export const LOGO_MAX_PIXELS = 1500;
export const LOGO_MAX_BYTES = 1024 * 1024;

export type LogoProblem = { kind: 'unreadable'; detail: string } | { kind: 'too_large'; detail: string };

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Checks a PNG all the way down — chunks, size, compressed pixels, the filter of every row —
 * because the PDF library decodes PNGs with transparency in a callback where a corrupt
 * image would throw out of reach. Null when it is sound.
 */
export function pngProblem(png: Buffer): LogoProblem | null {
  const unreadable = (detail: string): LogoProblem => ({ kind: 'unreadable', detail });
  if (png.length < 33 || png.toString('latin1', 12, 16) !== 'IHDR') return unreadable('No PNG header.');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [bits = 0, colorType = 0, , , interlace = 0] = png.subarray(24, 29);
  const channels = CHANNELS[colorType];
  if (!channels || ![1, 2, 4, 8, 16].includes(bits)) return unreadable('Unknown PNG colour type or depth.');
  if (interlace !== 0) return unreadable('Interlaced PNGs are not taken: save it without interlacing.');
  if (width === 0 || height === 0) return unreadable('Empty image.');
  if (width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS)
    return { kind: 'too_large', detail: `At most ${LOGO_MAX_PIXELS} × ${LOGO_MAX_PIXELS} pixels.` };
  const data: Buffer[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > png.length) return unreadable('Cut-off PNG chunk.');
    if (type === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const rowBytes = Math.ceil((width * channels * bits) / 8);
  const expected = height * (1 + rowBytes);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(data), { maxOutputLength: expected + 1024 });
  } catch {
    return unreadable('Corrupt PNG pixels.');
  }
  if (pixels.length < expected) return unreadable('Missing PNG pixels.');
  for (let row = 0; row < height; row++) {
    if ((pixels[row * (1 + rowBytes)] ?? 5) > 4) return unreadable('Corrupt PNG row.');
  }
  return null;
}

/** Draws the image on a throwaway page: null when the PDF library takes it. */
export async function drawableProblem(image: Buffer): Promise<LogoProblem | null> {
  const doc = new PDFDocument({ size: 'A4' });
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
    doc.resume();
  });
  try {
    doc.image(image, 0, 0, { fit: [120, 60] });
  } catch {
    doc.end();
    await done.catch(() => {});
    return { kind: 'unreadable', detail: 'This image cannot be drawn on a document.' };
  }
  doc.end();
  await done;
  return null;
}
