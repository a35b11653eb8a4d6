/**
 * The arithmetic of the chapter-6 image figure (no DOM): which pixel the pointer is over, moving
 * the chosen pixel with the arrow keys, the 3×3 window a convolution would see around it, and the
 * reader's drawing (grey levels in [0, 1], row by row).
 */
export interface Pixel {
  row: number;
  col: number;
}

/** The pixel under (x, y) pixels from the picture's corner, cells `cell` px wide; null outside. */
export function pixelAt(x: number, y: number, cell: number, height: number, width: number): Pixel | null {
  const row = Math.floor(y / cell), col = Math.floor(x / cell);
  return row >= 0 && row < height && col >= 0 && col < width ? {row, col} : null;
}

/** The pixel one step away by an arrow key, kept inside the picture; null for any other key. */
export function stepPixel(p: Pixel, key: string, height: number, width: number): Pixel | null {
  const moves: Record<string, [number, number]> = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
  const m = moves[key];
  if (!m) return null;
  return {row: Math.max(0, Math.min(height - 1, p.row + m[0])), col: Math.max(0, Math.min(width - 1, p.col + m[1]))};
}

/** The 3×3 neighbourhood of p cut to the picture: {row0, col0, rows, cols}. */
export function convWindow(p: Pixel, height: number, width: number): {row0: number; col0: number; rows: number; cols: number} {
  const row0 = Math.max(0, p.row - 1), col0 = Math.max(0, p.col - 1);
  return {row0, col0, rows: Math.min(height - 1, p.row + 1) - row0 + 1, cols: Math.min(width - 1, p.col + 1) - col0 + 1};
}

/** A stroke paints the opposite of the pixel where it starts: dark (< ½) becomes 1, light becomes 0. */
export function paintValue(grey: readonly number[], i: number): number {
  return grey[i] < 0.5 ? 1 : 0;
}

/** The drawing the page starts from: two light squares far apart on a dark ground, and a bar. */
export function defaultDrawing(height: number, width: number): number[] {
  const g = new Array<number>(height * width).fill(0);
  const fill = (r0: number, c0: number, r1: number, c1: number) => {
    for (let r = Math.max(0, r0); r < Math.min(height, r1); r++) for (let c = Math.max(0, c0); c < Math.min(width, c1); c++) g[r * width + c] = 1;
  };
  const s = Math.max(1, Math.round(height / 6));
  fill(1, 1, 1 + s, 1 + s);
  fill(height - 1 - s, width - 1 - s, height - 1, width - 1);
  fill(Math.floor(height / 2), 1, Math.floor(height / 2) + 1, Math.floor(width / 2));
  return g;
}
