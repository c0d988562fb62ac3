import { COLOUR_MAP_TABLES } from './colourMapTables';
import { VolumeStats, Window } from './windowing';

/** The colour maps a viewport offers, in the order the colour-map key cycles through them. */
export const COLOUR_MAPS = [
  'grey',
  'inverted-grey',
  'viridis',
  'magma',
  'inferno',
  'plasma',
  'cividis',
  'turbo',
  'jet',
  'hot',
  'bone',
  'coolwarm',
] as const;
export type ColourMapName = (typeof COLOUR_MAPS)[number];
export const DEFAULT_COLOUR_MAP: ColourMapName = 'grey';

export function isColourMap(value: unknown): value is ColourMapName {
  return typeof value === 'string' && (COLOUR_MAPS as readonly string[]).includes(value);
}

/** How a colour map is named to users: `Inverted grey`, `viridis` (matplotlib's names as they are). */
export function colourMapLabel(name: ColourMapName): string {
  return name === 'grey' ? 'Grey' : name === 'inverted-grey' ? 'Inverted grey' : name;
}

/** Diverging maps are centred on 0 when the data spans 0. */
export function isDiverging(name: ColourMapName): boolean {
  return name === 'coolwarm';
}

/** The map `step` places after `name` in COLOUR_MAPS, wrapping round. */
export function nextColourMap(name: ColourMapName, step: 1 | -1): ColourMapName {
  const n = COLOUR_MAPS.length;
  return COLOUR_MAPS[(COLOUR_MAPS.indexOf(name) + step + n) % n];
}

const tables = new Map<string, Uint32Array>();

/**
 * The 256 colours of a map as ImageData pixels (one little-endian ABGR Uint32 each), reversed
 * when `invert` (matplotlib's `_r` maps); inverted grey is grey reversed.
 */
export function colourMapTable(name: ColourMapName, invert: boolean): Uint32Array {
  const reversed = invert !== (name === 'inverted-grey');
  const base = name === 'inverted-grey' ? 'grey' : name;
  const key = `${base}/${reversed}`;
  let table = tables.get(key);
  if (!table) {
    const hex = COLOUR_MAP_TABLES.get(base)!;
    table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      const at = (reversed ? 255 - i : i) * 6;
      const [r, g, b] = [0, 2, 4].map((o) => parseInt(hex.slice(at + o, at + o + 2), 16));
      table[i] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
    }
    tables.set(key, table);
  }
  return table;
}

/** A diverging map's window, made symmetric about 0 when the data has values on both sides of it. */
export function centredOnZero(w: Window, stats: VolumeStats): Window {
  if (!(stats.min < 0 && stats.max > 0)) return w;
  const m = Math.max(Math.abs(w.low), Math.abs(w.high));
  return { low: -m, high: m };
}
