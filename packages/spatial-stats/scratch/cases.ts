import { readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { parseAnalysisSpec } from "@ronghe/core";
import { runMoranSpec, runLisaSpec, runGetisOrdSpec, runGeodetectorSpec } from "../src/index.ts";
const dir = "/work/shared/validation/analysis";
const run: Record<string, (s: any) => any> = { moran: runMoranSpec, lisa: runLisaSpec, "getis-ord": runGetisOrdSpec, geodetector: runGeodetectorSpec };
for (const c of ["moran-stl-hr8893", "lisa-stl-hr8893", "getis-ord-grid-basic", "geodetector-ntd", "geodetector-gdverse-tiny"]) {
  const spec = parseAnalysisSpec(JSON.parse(readFileSync(`${dir}/${c}.spec.json`, "utf8")));
  const out = run[spec.method](spec);
  const env = { method: spec.method, spec_version: 1, result: out.result, warnings: out.warnings };
  writeFileSync(`/tmp/${c}.out.json`, JSON.stringify(env));
  try { console.log(c, execFileSync("node", [`${dir}/compare.mjs`, `${dir}/${c}.expected.json`, `/tmp/${c}.out.json`, "0"]).toString().trim()); }
  catch (e: any) { console.log(c, "FAIL", e.stdout?.toString(), e.stderr?.toString()); }
}
