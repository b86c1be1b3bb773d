import { openStore } from "@ronghe/store";
import type { RegionInput, ObservationInput } from "@ronghe/store";
const url = process.argv[2];
const s = await openStore(url, { schema: "bench_tmp" });
const regions: RegionInput[] = [{ code: "500000", statCode: "500000000000", parentCode: null, level: "province", name: "重庆市" }];
for (let i = 0; i < 60000; i++) { const c = `500235${String(100 + (i % 900)).padStart(3,"0")}${String(Math.floor(i / 900) + 200).padStart(3,"0")}`; regions.push({ code: c, statCode: c, parentCode: c.slice(0,9), level: "village", name: `村${i}`, kind: "村委会" }); }
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let t = performance.now(); let c = cpu();
const lap = (l: string) => { console.log(l, "wall", (performance.now()-t).toFixed(0), "cpu", (cpu()-c).toFixed(0)); t = performance.now(); c = cpu(); };
await s.upsertRegions(regions); lap("regions 60k");
for (const code of ["A","B","C"]) await s.upsertIndicators([{code,nameZh:code,nameEn:null,unit:"",direction:"+",dimension:null,role:"whole",levels:["village"],aggregation:"sum",weightIndicator:null,formula:null,description:null,source:null,builtin:false,notes:null}]);
const rows: ObservationInput[] = [];
for (let i = 1; i <= 20000; i++) for (const ind of ["A","B","C"]) for (let y = 2011; y <= 2020; y++) rows.push({ regionCode: regions[i].code, indicatorCode: ind, period: y, value: i * 1.5 + y, source: "bench" });
t = performance.now(); c = cpu();
console.log(await s.writeObservations(rows, { author: "bench" })); lap("obs 600k new");
rows[5] = { ...rows[5], value: -1 };
console.log(await s.writeObservations(rows, { author: "bench" })); lap("obs 600k again");
if (s.kind === "postgres") await s.raw("DROP SCHEMA bench_tmp CASCADE");
await s.close();
