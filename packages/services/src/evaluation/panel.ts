// The data an evaluation computes on: the units (regions at the scheme's level), the years, the indicators with
// their resolved definitions, and every value (null = missing). Built from the store by `loadPanel`; tests can
// build one by hand.
import type { Subsystem } from "./scheme.ts";

export interface PanelRegion {
  code: string;
  name: string;
}

/** An index indicator with the direction actually used and the definition it came from. */
export interface ResolvedIndicator {
  code: string;
  nameZh: string;
  unit: string | null;
  direction: "+" | "-";
  subsystem: Subsystem;
  /** raw given weight (weighting "given" only) */
  weight: number | null;
}

export interface Panel {
  /** in the store's order (statistical code) */
  regions: PanelRegion[];
  /** ascending */
  years: number[];
  /** every indicator code whose values are held (index indicators first, then extra ones such as Theil inputs) */
  codes: string[];
  /** values[regionIndex][yearIndex][codeIndex], null = missing */
  values: (number | null)[][][];
}

export function panelValue(panel: Panel, r: number, y: number, code: string): number | null {
  const c = panel.codes.indexOf(code);
  return c < 0 ? null : panel.values[r][y][c];
}
