// The evaluation schemes shipped in the repository's `schemes/` directory (YAML or JSON), known by file stem.
// A name from a request only selects among the files listed there: it never becomes part of a path.
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { RongheError } from "@ronghe/core";
import { type EvaluationScheme, parseSchemeText, SCHEMES_DIR } from "@ronghe/services";

const EXTENSIONS = [".yaml", ".yml", ".json"];
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

export interface ShippedScheme {
  /** file stem, what `POST /api/evaluations {schemeName}` takes */
  name: string;
  file: string;
  scheme: EvaluationScheme;
}

/** Every shipped scheme that parses, by name; a file that does not parse is left out (loading it names the error). */
export async function listShippedSchemes(dir: string = SCHEMES_DIR): Promise<ShippedScheme[]> {
  const out: ShippedScheme[] = [];
  for (const file of await schemeFiles(dir)) {
    try {
      out.push({
        name: stem(file),
        file,
        scheme: parseSchemeText(await readFile(join(dir, file), "utf8"), file),
      });
    } catch {
      // listed nowhere; POST with this name reports the parse error
    }
  }
  return out;
}

/** The shipped scheme called `name`; `not_found` when there is none, `invalid_scheme` when it does not parse. */
export async function loadShippedScheme(name: string, dir: string = SCHEMES_DIR): Promise<EvaluationScheme> {
  const file = NAME.test(name) ? (await schemeFiles(dir)).find((f) => stem(f) === name) : undefined;
  if (file === undefined)
    throw new RongheError(
      "not_found",
      `没有名为 ${name.slice(0, 100)} 的评价方案 / no shipped scheme of that name`,
      {
        field: "schemeName",
      },
    );
  return parseSchemeText(await readFile(join(dir, file), "utf8"), file);
}

async function schemeFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  return entries.filter((f) => EXTENSIONS.includes(extname(f).toLowerCase()) && NAME.test(stem(f))).sort();
}

const stem = (file: string) => file.slice(0, file.length - extname(file).length);
