// Which evaluation scheme a report uses: one given as an object, a file, the name of a shipped scheme in
// `schemes/`, or by default the shipped Chongqing scheme for 500000 and any region inside it.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isWithin, parseRegionCode, RongheError } from "@ronghe/core";
import type { EvaluationScheme } from "../evaluation/scheme.ts";
import { parseSchemeText } from "../evaluation/scheme.ts";
import { repoPath } from "../repo-root.ts";

/** The repository's `schemes/` directory. */
export const SCHEMES_DIR = repoPath("schemes");
export const DEFAULT_SCHEMES: ReadonlyArray<{ region: string; name: string }> = [
  { region: "500000", name: "chongqing-default" },
];
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

export interface SchemeSource {
  scheme?: EvaluationScheme;
  /** path of a YAML or JSON scheme file */
  schemeFile?: string;
  /** name of a shipped scheme (schemes/NAME.yaml) */
  schemeName?: string;
}

export interface ResolvedScheme {
  scheme: EvaluationScheme;
  /** what the appendix names as the scheme file */
  file: string | null;
}

export async function resolveScheme(regionCode: string, source: SchemeSource): Promise<ResolvedScheme> {
  if (source.scheme) return { scheme: source.scheme, file: null };
  if (source.schemeFile) return { scheme: await readScheme(source.schemeFile), file: source.schemeFile };
  let name = source.schemeName;
  if (name === undefined) {
    const code = parseRegionCode(regionCode).code;
    name = DEFAULT_SCHEMES.find((d) => isWithin(code, d.region))?.name;
    if (name === undefined) {
      throw new RongheError(
        "invalid_input",
        `区域 ${code} 没有默认评价方案，请用 --scheme 指定 / no default scheme for region ${code}: give --scheme FILE`,
        { region: code },
      );
    }
  }
  if (!NAME.test(name)) {
    throw new RongheError("invalid_input", `scheme name "${name}" may contain letters, digits, . _ - only`, {
      schemeName: name,
    });
  }
  const path = join(SCHEMES_DIR, `${name}.yaml`);
  return {
    scheme: await readScheme(path, `schemes/${name}.yaml`, "not_found"),
    file: `schemes/${name}.yaml`,
  };
}

async function readScheme(
  path: string,
  shown = path,
  missingCode: "not_found" | "unreadable_file" = "unreadable_file",
): Promise<EvaluationScheme> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new RongheError(
      missing ? missingCode : "unreadable_file",
      `cannot read scheme ${shown}: ${(error as Error).message}`,
      {
        file: shown,
      },
    );
  }
  return parseSchemeText(text, path);
}
