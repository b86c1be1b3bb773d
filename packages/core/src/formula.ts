// Formulas of derived indicators, e.g. `ECO-01 ÷ ECO-02` or `(POP-01 - POP-02) * 100`.
// A tiny recursive-descent parser over a closed grammar; formulas are never passed to eval.
//
//   expr   := term (("+" | "-" | "−") term)*
//   term   := unary (("*" | "×" | "/" | "÷") unary)*
//   unary  := ("-" | "−" | "+") unary | atom
//   atom   := NUMBER | CODE | ("min" | "max" | "abs") "(" expr ("," expr)* ")" | "(" expr ")"
//
// CODE is an indicator code: a letter, then letters/digits/_ with optional "-" segments (ECO-01, CQ-GDP-PC).
// Because "-" may sit inside a code, write subtraction with spaces ("ECO-01 - ECO-02") or with "−".
import { RongheError } from "./errors.ts";

export type FormulaNode =
  | { kind: "number"; value: number }
  | { kind: "ref"; code: string }
  | { kind: "neg"; arg: FormulaNode }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: FormulaNode; right: FormulaNode }
  | { kind: "call"; fn: FormulaFunction; args: FormulaNode[] };

export const FORMULA_FUNCTIONS = ["min", "max", "abs"] as const;
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];

type Token =
  | { t: "num"; v: number; pos: number }
  | { t: "code"; v: string; pos: number }
  | { t: "op"; v: "+" | "-" | "*" | "/"; pos: number }
  | { t: "("; pos: number }
  | { t: ")"; pos: number }
  | { t: ","; pos: number };

const OP_ALIASES: Record<string, "+" | "-" | "*" | "/"> = {
  "+": "+",
  "-": "-",
  "−": "-",
  "–": "-",
  "*": "*",
  "×": "*",
  "·": "*",
  "/": "/",
  "÷": "/",
};

function syntaxError(formula: string, message: string, position: number): RongheError {
  return new RongheError("formula_syntax", `formula "${formula}": ${message}`, { formula, position });
}

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "(" || ch === "（") {
      tokens.push({ t: "(", pos: i++ });
      continue;
    }
    if (ch === ")" || ch === "）") {
      tokens.push({ t: ")", pos: i++ });
      continue;
    }
    if (ch === "," || ch === "，") {
      tokens.push({ t: ",", pos: i++ });
      continue;
    }
    if (OP_ALIASES[ch]) {
      tokens.push({ t: "op", v: OP_ALIASES[ch], pos: i++ });
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(formula.slice(i));
    if (num) {
      tokens.push({ t: "num", v: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const code = /^[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/.exec(formula.slice(i));
    if (code) {
      tokens.push({ t: "code", v: code[0], pos: i });
      i += code[0].length;
      continue;
    }
    throw syntaxError(formula, `unexpected character "${ch}"`, i);
  }
  return tokens;
}

/** Parses a formula into a tree; throws `formula_syntax` with the character position of the problem. */
export function parseFormula(formula: string): FormulaNode {
  const tokens = tokenize(formula);
  let k = 0;
  const peek = () => tokens[k];
  const end = formula.length;

  function expr(): FormulaNode {
    let left = term();
    for (let tok = peek(); tok && tok.t === "op" && (tok.v === "+" || tok.v === "-"); tok = peek()) {
      k++;
      left = { kind: "binary", op: tok.v, left, right: term() };
    }
    return left;
  }
  function term(): FormulaNode {
    let left = unary();
    for (let tok = peek(); tok && tok.t === "op" && (tok.v === "*" || tok.v === "/"); tok = peek()) {
      k++;
      left = { kind: "binary", op: tok.v, left, right: unary() };
    }
    return left;
  }
  function unary(): FormulaNode {
    const tok = peek();
    if (tok && tok.t === "op" && (tok.v === "-" || tok.v === "+")) {
      k++;
      const arg = unary();
      return tok.v === "-" ? { kind: "neg", arg } : arg;
    }
    return atom();
  }
  function atom(): FormulaNode {
    const tok = peek();
    if (!tok) throw syntaxError(formula, "unexpected end", end);
    if (tok.t === "num") {
      k++;
      return { kind: "number", value: tok.v };
    }
    if (tok.t === "code") {
      k++;
      const next = peek();
      const fn = tok.v.toLowerCase();
      if (next && next.t === "(" && (FORMULA_FUNCTIONS as readonly string[]).includes(fn)) {
        k++;
        const args = [expr()];
        while (peek()?.t === ",") {
          k++;
          args.push(expr());
        }
        expect(")");
        if (fn === "abs" && args.length !== 1)
          throw syntaxError(formula, "abs() takes one argument", tok.pos);
        return { kind: "call", fn: fn as FormulaFunction, args };
      }
      return { kind: "ref", code: tok.v };
    }
    if (tok.t === "(") {
      k++;
      const inner = expr();
      expect(")");
      return inner;
    }
    throw syntaxError(formula, `unexpected "${tokenText(tok)}"`, tok.pos);
  }
  function expect(t: ")"): void {
    const tok = peek();
    if (!tok || tok.t !== t) throw syntaxError(formula, `expected "${t}"`, tok ? tok.pos : end);
    k++;
  }

  if (tokens.length === 0) throw syntaxError(formula, "empty formula", 0);
  const tree = expr();
  if (k < tokens.length) throw syntaxError(formula, `unexpected "${tokenText(tokens[k])}"`, tokens[k].pos);
  return tree;
}

function tokenText(tok: Token): string {
  return "v" in tok ? String(tok.v) : tok.t;
}

/** Indicator codes a formula refers to, each once, in order of first use. */
export function formulaReferences(node: FormulaNode): string[] {
  const out = new Set<string>();
  const walk = (n: FormulaNode): void => {
    if (n.kind === "ref") out.add(n.code);
    else if (n.kind === "neg") walk(n.arg);
    else if (n.kind === "binary") {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === "call") n.args.forEach(walk);
  };
  walk(node);
  return [...out];
}

/**
 * Evaluates a formula. `lookup` returns an input's value or null when missing; any missing input makes the
 * result null (never NaN). Division by zero throws `formula_division_by_zero`; a non-finite result is null.
 */
export function evaluateFormula(node: FormulaNode, lookup: (code: string) => number | null): number | null {
  const value = evalNode(node, lookup);
  return value !== null && Number.isFinite(value) ? value : null;
}

function evalNode(n: FormulaNode, lookup: (code: string) => number | null): number | null {
  switch (n.kind) {
    case "number":
      return n.value;
    case "ref": {
      const v = lookup(n.code);
      return v === null || v === undefined || Number.isNaN(v) ? null : v;
    }
    case "neg": {
      const v = evalNode(n.arg, lookup);
      return v === null ? null : -v;
    }
    case "binary": {
      const a = evalNode(n.left, lookup);
      const b = evalNode(n.right, lookup);
      if (a === null || b === null) return null;
      switch (n.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          if (b === 0) {
            throw new RongheError("formula_division_by_zero", "division by zero in formula", {
              divisor: formatNode(n.right),
            });
          }
          return a / b;
      }
      break;
    }
    case "call": {
      const args = n.args.map((a) => evalNode(a, lookup));
      if (args.some((a) => a === null)) return null;
      const xs = args as number[];
      if (n.fn === "min") return Math.min(...xs);
      if (n.fn === "max") return Math.max(...xs);
      return Math.abs(xs[0]);
    }
  }
  return null;
}

/** Prints a formula tree back in canonical ASCII form (spaces around operators). */
export function formatNode(n: FormulaNode): string {
  switch (n.kind) {
    case "number":
      return String(n.value);
    case "ref":
      return n.code;
    case "neg":
      return `-${wrap(n.arg)}`;
    case "binary":
      return `${wrap(n.left)} ${n.op} ${wrap(n.right)}`;
    case "call":
      return `${n.fn}(${n.args.map(formatNode).join(", ")})`;
  }
}

function wrap(n: FormulaNode): string {
  return n.kind === "binary" ? `(${formatNode(n)})` : formatNode(n);
}

export interface CompiledFormula {
  code: string;
  formula: string;
  tree: FormulaNode;
  references: string[];
}

/**
 * Parses every formula of a catalogue and checks it as a whole: each referenced code must exist
 * (`formula_unknown_code`) and no formula may depend on itself through any chain (`formula_cycle`).
 * Returns the compiled formulas in dependency order (inputs before the indicators that use them).
 */
export function compileCatalogueFormulas(
  indicators: ReadonlyArray<{ code: string; formula: string | null | undefined }>,
): CompiledFormula[] {
  const known = new Set(indicators.map((i) => i.code));
  const compiled = new Map<string, CompiledFormula>();
  for (const ind of indicators) {
    if (!ind.formula) continue;
    let tree: FormulaNode;
    try {
      tree = parseFormula(ind.formula);
    } catch (error) {
      if (error instanceof RongheError) {
        throw new RongheError(error.code, `indicator ${ind.code}: ${error.message}`, {
          indicator: ind.code,
          ...error.details,
        });
      }
      throw error;
    }
    const references = formulaReferences(tree);
    for (const ref of references) {
      if (!known.has(ref)) {
        throw new RongheError(
          "formula_unknown_code",
          `indicator ${ind.code}: formula refers to unknown indicator ${ref}`,
          {
            indicator: ind.code,
            code: ref,
            formula: ind.formula,
          },
        );
      }
    }
    compiled.set(ind.code, { code: ind.code, formula: ind.formula, tree, references });
  }
  // Depth-first topological sort; a grey node met again closes a cycle.
  const state = new Map<string, 1 | 2>();
  const order: CompiledFormula[] = [];
  const stack: string[] = [];
  const visit = (code: string): void => {
    const f = compiled.get(code);
    if (!f) return;
    const s = state.get(code);
    if (s === 2) return;
    if (s === 1) {
      const cycle = [...stack.slice(stack.indexOf(code)), code];
      throw new RongheError("formula_cycle", `formulas form a cycle: ${cycle.join(" → ")}`, { cycle });
    }
    state.set(code, 1);
    stack.push(code);
    for (const ref of f.references) visit(ref);
    stack.pop();
    state.set(code, 2);
    order.push(f);
  };
  for (const code of compiled.keys()) visit(code);
  return order;
}
