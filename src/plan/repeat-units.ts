import type { WorkUnit } from './planner.js';

/**
 * `--repeat n`: every unit n times, as repetitions 0..n-1, in one seeded shuffle, so each copy of a
 * file runs among different neighbours and the same seed gives the same order again.
 */
export function repeatUnits(units: readonly WorkUnit[], count: number, seed: number): WorkUnit[] {
  const copies = Array.from({ length: count }, (_, repetition) => units.map((unit): WorkUnit => ({ ...unit, id: `${unit.id} ~${repetition + 1}`, repetition }))).flat();
  return shuffle(copies, seed);
}

/** Fisher–Yates with mulberry32: small, fast and the same on every machine */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
