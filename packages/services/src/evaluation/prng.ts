// Seeded pseudo-random numbers for rank uncertainty: mulberry32 (32-bit state, period 2^32), enough for
// drawing alternatives and weight perturbations; the same seed gives the same draws on every platform.
export type Random = () => number;

/** Uniform draws in [0, 1) from a 32-bit integer seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
