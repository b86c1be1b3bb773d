// The spec's `weights` object (analysis spec §1) as produced by the weight builders, plus the id checks they share.
import { RongheError } from "@ronghe/core";

export interface WeightsObject {
  /** region ids in input order */
  ids: string[];
  /** every id → neighbour ids in input order (`[]` = island) */
  neighbors: Record<string, string[]>;
  /** ids without neighbours, in input order */
  islands: string[];
  style: "W";
}

export function uniqueIds(items: ReadonlyArray<{ id: string | number }>, what: string): string[] {
  const ids: string[] = new Array(items.length);
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const raw = items[i].id;
    if (!(typeof raw === "string" || (typeof raw === "number" && Number.isFinite(raw)))) {
      throw new RongheError("invalid_input", `${what} ${i} has no id (string or number)`, { index: i });
    }
    const id = String(raw);
    if (seen.has(id))
      throw new RongheError("invalid_input", `${what} id "${id}" appears more than once`, { id });
    seen.add(id);
    ids[i] = id;
  }
  return ids;
}

/** Builds the weights object from per-index neighbour lists (each sorted ascending here). */
export function toWeightsObject(ids: string[], lists: number[][]): WeightsObject {
  const neighbors: Record<string, string[]> = {};
  const islands: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const list = lists[i].sort((a, b) => a - b);
    neighbors[ids[i]] = list.map((j) => ids[j]);
    if (list.length === 0) islands.push(ids[i]);
  }
  return { ids, neighbors, islands, style: "W" };
}
