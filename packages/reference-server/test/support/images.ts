import { deflateSync } from 'node:zlib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real PNG, 8 bits per channel, RGBA (with transparency: the PDF library's slow path) or
 * RGB, a gradient. `pixels` replaces the compressed pixel data (to make a corrupt one).
 */
export function png(width: number, height: number, options: { alpha?: boolean; pixels?: Buffer } = {}): Buffer {
  const alpha = options.alpha ?? true;
  const channels = alpha ? 4 : 3;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, alpha ? 6 : 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push(...[x * 7, y * 11, 120, 255].slice(0, channels).map((v) => v % 256));
  }
  const pixels = options.pixels ?? deflateSync(Buffer.from(rows));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** How many images the first page of a PDF paints (pdf.js, as a reader would draw it). */
export async function paintedImages(data: ArrayBuffer | Uint8Array): Promise<number> {
  const pdf = await getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const ops = await (await pdf.getPage(1)).getOperatorList();
  await pdf.destroy();
  return ops.fnArray.filter((fn) => fn === OPS.paintImageXObject).length;
}
