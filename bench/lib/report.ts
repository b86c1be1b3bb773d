// What a section hands back to bench/run.ts: its tables (already formatted), notes, and goals.

export interface Goal {
  name: string;
  /** null: not measured (skipped or failed), with the reason in `detail` */
  met: boolean | null;
  detail: string;
}

export interface SectionReport {
  title: string;
  tables: string[];
  notes: string[];
  goals: Goal[];
}

export interface BenchOptions {
  quick: boolean;
}

export function goalLine(g: Goal): string {
  const state = g.met === null ? "not measured" : g.met ? "met" : "NOT met";
  return `  [${state}] ${g.name} — ${g.detail}`;
}
