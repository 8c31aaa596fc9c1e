/** Test helpers for chart images: PNG size, a pixel reader and colour comparison with a tolerance. */
import { createCanvas, Image } from '@napi-rs/canvas';
import { expect } from 'vitest';

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Decodes a PNG and returns a pixel reader (device pixels). */
export function pixels(png: Buffer): (x: number, y: number) => [number, number, number, number] {
  const img = new Image();
  img.src = png;
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  return (x, y) => {
    const i = (Math.round(y) * img.width + Math.round(x)) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
  };
}

export function hex(colour: string): [number, number, number] {
  const m = /^#(..)(..)(..)$/.exec(colour)!;
  return [Number.parseInt(m[1]!, 16), Number.parseInt(m[2]!, 16), Number.parseInt(m[3]!, 16)];
}

/** `rgba(r, g, b, a)` over an opaque `#RRGGBB` background. */
export function over(rgba: string, background: string): [number, number, number] {
  const [r, g, b, a] = /rgba\(([^)]+)\)/.exec(rgba)![1]!.split(',').map(Number) as [number, number, number, number];
  const bg = hex(background);
  return [r, g, b].map((c, k) => c * a + bg[k]! * (1 - a)) as [number, number, number];
}

export function expectColour(actual: readonly number[], expected: readonly number[], tolerance = 3): void {
  for (let k = 0; k < 3; k++)
    expect(Math.abs(actual[k]! - expected[k]!), `channel ${k}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tolerance,
    );
}
