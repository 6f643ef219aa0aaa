// Draws the toolbar icon (a page with a highlighted line and a margin note) as PNGs, so the icons are reproducible from source rather than opaque binaries.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const png = (size, pixel) => {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
};

const PAPER = [250, 248, 240, 255], INK = [60, 64, 72, 255], MARK = [255, 196, 0, 255], NOTE = [200, 40, 60, 255], CLEAR = [0, 0, 0, 0];
const pixel = (x, y) => {
  if (x < 0.08 || x > 0.92 || y < 0.04 || y > 0.96) return CLEAR;
  if (x > 0.74) return x < 0.8 ? NOTE : CLEAR; // the margin rule
  const line = Math.floor((y - 0.14) / 0.16);
  const inLine = y > 0.14 && (y - 0.14) % 0.16 < 0.08 && line < 5 && x > 0.16 && x < 0.66;
  if (inLine) return line === 2 ? MARK : INK;
  return PAPER;
};
mkdirSync('icons', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`icons/icon-${size}.png`, png(size, pixel));
