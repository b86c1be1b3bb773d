// Response serialisation without zod's per-value encode pass. fastify-type-provider-zod runs `safeEncode` on
// every response before JSON.stringify; for lists of thousands of rows that walk costs several times the
// stringify itself. Schemas built only from plain objects, arrays, strings, numbers (optionally int), booleans,
// enums, nullable and optional are compiled here into a projection with the same checks, followed by the native
// JSON.stringify. A value zod would reject makes the projection give up, and the response then goes through
// zod's serializer, which raises the same ResponseSerializationError as before. The output is byte-identical to
// zod's (keys in schema order, unknown keys dropped, absent optional keys omitted). Any other schema shape uses
// zod's serializer unchanged.
import { createSerializerCompiler } from "fastify-type-provider-zod";
import { $ZodType } from "zod/v4/core";

/**
 * Returns `v` as zod's encode would (objects rebuilt with the schema's keys only, in schema order), or GIVE_UP
 * when the value does not match the schema. The caller stringifies the result with the native JSON.stringify.
 */
type Projector = (v: unknown) => unknown;

const GIVE_UP = Symbol("give-up");

// biome-ignore lint/suspicious/noExplicitAny: zod's internal definitions are untyped here on purpose
type Def = any;

function defOf(schema: unknown): Def | null {
  return schema instanceof $ZodType ? (schema._zod.def as Def) : null;
}

function noChecks(def: Def): boolean {
  return def.checks === undefined || def.checks.length === 0;
}

/** A projector for `schema`, or null when the shape is not one this module reproduces exactly. */
export function compileProjector(schema: unknown): Projector | null {
  const def = defOf(schema);
  if (def === null) return null;
  switch (def.type) {
    case "string":
      if (!noChecks(def) || def.coerce) return null;
      return (v) => (typeof v === "string" ? v : GIVE_UP);
    case "number": {
      if (def.coerce) return null;
      const checks = def.checks ?? [];
      if (checks.length > 1) return null;
      if (checks.length === 1) {
        const c = checks[0]._zod.def;
        if (c.check !== "number_format" || c.format !== "safeint") return null;
        return (v) => (typeof v === "number" && Number.isSafeInteger(v) ? v : GIVE_UP);
      }
      return (v) => (typeof v === "number" && Number.isFinite(v) ? v : GIVE_UP);
    }
    case "boolean":
      if (def.coerce) return null;
      return (v) => (typeof v === "boolean" ? v : GIVE_UP);
    case "enum": {
      const values = Object.values(def.entries as Record<string, unknown>);
      if (!values.every((x) => typeof x === "string")) return null;
      const allowed = new Set(values as string[]);
      return (v) => (typeof v === "string" && allowed.has(v) ? v : GIVE_UP);
    }
    case "nullable": {
      const inner = compileProjector(def.innerType);
      if (inner === null) return null;
      return (v) => (v === null ? null : inner(v));
    }
    case "array": {
      if (!noChecks(def)) return null;
      const element = compileProjector(def.element);
      if (element === null) return null;
      return (v) => {
        if (!Array.isArray(v)) return GIVE_UP;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const x = element(v[i]);
          if (x === GIVE_UP) return GIVE_UP;
          out[i] = x;
        }
        return out;
      };
    }
    case "object": {
      if (def.catchall !== undefined || !noChecks(def)) return null;
      const fields: Array<{ key: string; optional: boolean; project: Projector }> = [];
      for (const key of Object.keys(def.shape as Record<string, unknown>)) {
        const fieldDef = defOf(def.shape[key]);
        if (fieldDef === null || key === "__proto__") return null;
        const optional = fieldDef.type === "optional";
        const project = compileProjector(optional ? fieldDef.innerType : def.shape[key]);
        if (project === null) return null;
        fields.push({ key, optional, project });
      }
      return (v) => {
        if (typeof v !== "object" || v === null || Array.isArray(v)) return GIVE_UP;
        const obj = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const f of fields) {
          const value = obj[f.key];
          if (value === undefined && f.optional) continue;
          const x = f.project(value);
          if (x === GIVE_UP) return GIVE_UP;
          out[f.key] = x;
        }
        return out;
      };
    }
    default:
      return null;
  }
}

const zodSerializerCompiler = createSerializerCompiler({});

/** fastify serializer compiler: the projection when the schema allows it, zod's serializer otherwise. */
export const fastSerializerCompiler: typeof zodSerializerCompiler = (routeSchema) => {
  const viaZod = zodSerializerCompiler(routeSchema);
  const project = compileProjector(routeSchema.schema);
  if (project === null) return viaZod;
  return (data: unknown) => {
    const projected = project(data);
    return projected === GIVE_UP ? viaZod(data) : JSON.stringify(projected);
  };
};
