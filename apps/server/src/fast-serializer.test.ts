import { ObservationListSchema, RegionListSchema } from "@ronghe/api-contract";
import fc from "fast-check";
import { createSerializerCompiler } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileProjector, fastSerializerCompiler } from "./fast-serializer.ts";

// biome-ignore lint/suspicious/noExplicitAny: fastify's compiler input is untyped
const compile = (c: any, schema: z.ZodType) => c({ schema, method: "GET", url: "/t", httpStatus: "200" });
const viaZod = (schema: z.ZodType) => compile(createSerializerCompiler({}), schema) as (d: unknown) => string;
const viaFast = (schema: z.ZodType) => compile(fastSerializerCompiler, schema) as (d: unknown) => string;

function outcome(f: (d: unknown) => string, data: unknown): { json?: string; error?: string } {
  try {
    return { json: f(data) };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

const MIXED = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.enum(["county", "township"]),
  score: z.number().nullable(),
  note: z.string().optional(),
  tags: z.array(z.boolean()),
  nested: z.object({ 'we"ird': z.string().nullable() }).nullable(),
});

const anyValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, -0, 0.1),
  fc.string(),
  fc.constantFrom("county", "township", "village", "<&>", "\u2028"),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.boolean(), { maxLength: 3 }),
  fc.record({ 'we"ird': fc.oneof(fc.string(), fc.constant(null), fc.integer()) }),
);
const mixedRecord = fc.record(
  {
    id: anyValue,
    name: anyValue,
    level: anyValue,
    score: anyValue,
    note: anyValue,
    tags: anyValue,
    nested: anyValue,
    extra: anyValue,
  },
  { requiredKeys: [] },
);

const validRecord = fc.record(
  {
    id: fc.integer(),
    name: fc.string(),
    level: fc.constantFrom("county", "township"),
    score: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)),
    note: fc.oneof(fc.string(), fc.constant(undefined)),
    tags: fc.array(fc.boolean(), { maxLength: 3 }),
    nested: fc.oneof(fc.constant(null), fc.record({ 'we"ird': fc.oneof(fc.string(), fc.constant(null)) })),
    extra: anyValue,
  },
  { requiredKeys: ["id", "name", "level", "score", "tags", "nested"] },
);

describe("fastSerializerCompiler", () => {
  it("writes valid data exactly as zod does", () => {
    const fast = viaFast(MIXED);
    const zod = viaZod(MIXED);
    fc.assert(
      fc.property(validRecord, (data) => {
        expect(fast(data)).toBe(zod(data));
      }),
      { numRuns: 1000 },
    );
  });

  it("gives zod's exact output or zod's error, for valid and invalid data alike", () => {
    const fast = viaFast(MIXED);
    const zod = viaZod(MIXED);
    fc.assert(
      fc.property(mixedRecord, (data) => {
        expect(outcome(fast, data)).toEqual(outcome(zod, data));
      }),
      { numRuns: 2000 },
    );
  });

  it("matches zod on the observation and region list schemas", () => {
    const obs = {
      items: [
        {
          regionCode: "500235100000",
          regionName: "盘龙街道",
          indicator: "LND-03",
          period: 2011,
          value: 12.5,
          unit: "%",
          status: "draft",
          revision: 1,
          derived: false,
          rolledUp: false,
          source: "a <b> & c",
          extra: "dropped",
        },
        {
          source: null,
          rolledUp: true,
          derived: false,
          revision: null,
          status: null,
          unit: null,
          value: null,
          period: 2012,
          indicator: "X",
          regionName: "n",
          regionCode: "c",
        },
      ],
    };
    expect(viaFast(ObservationListSchema)(obs)).toBe(viaZod(ObservationListSchema)(obs));
    const regions = {
      items: [
        {
          code: "500235",
          name: "云阳县",
          level: "county",
          kind: null,
          parentCode: "500000",
          urClass: null,
          lng: 108.7,
          lat: 30.9,
          hasGeometry: true,
        },
      ],
      total: 1,
    };
    expect(viaFast(RegionListSchema)(regions)).toBe(viaZod(RegionListSchema)(regions));
    expect(() => viaFast(RegionListSchema)({ ...regions, total: 1.5 })).toThrow();
    expect(() =>
      viaFast(ObservationListSchema)({ items: [{ ...obs.items[0], value: Number.NaN }] }),
    ).toThrow();
  });

  it("leaves shapes it does not reproduce to zod", () => {
    expect(compileProjector(z.object({ a: z.string().min(1) }))).toBeNull();
    expect(compileProjector(z.object({ a: z.string() }).strict())).toBeNull();
    expect(compileProjector(z.object({ d: z.date() }))).toBeNull();
    expect(compileProjector(z.object({ a: z.string() }))).not.toBeNull();
  });
});
