#!/usr/bin/env python3
"""Getis-Ord Gi and Gi* in exact rational arithmetic (spec §5 formulas, fractions.Fraction; one square root in
50-digit decimal) on ill-conditioned data: St. Louis homicide rates plus 1e6. There spdep 1.2-7's Σx² − x̄²
forms lose about six digits (z off by 5e-6 relative), so the reference is exact arithmetic instead.
    python3 tools/crosscheck/exact.py ../shared/data fixtures/crosscheck
"""
import csv
import json
import math
import os
import sys
from decimal import Decimal, getcontext
from fractions import Fraction as F

getcontext().prec = 50


def dec(f):
    return Decimal(f.numerator) / Decimal(f.denominator)


def read_gal(path):
    with open(path) as fh:
        lines = [l.split() for l in fh.read().strip().splitlines()]
    nb = {}
    k = 1
    while k < len(lines):
        rid, _count = lines[k]
        nb[int(rid)] = [int(j) for j in lines[k + 1]]
        k += 2
    return nb


def case(name, ids, x_text, nb, star, style, alternative):
    x = [F(v) for v in x_text]
    n = len(x)
    total = sum(x)
    mean = total / n
    s2 = sum((v - mean) ** 2 for v in x) / n
    rows = []
    for i in range(n):
        js = ([i] if star else []) + nb[i]
        w = F(1, len(js)) if style == "W" else F(1)
        lag = w * sum(x[j] for j in js)
        wi = w * len(js)
        s1 = w * w * len(js)
        if star:
            xb, var, denom = mean, s2 * (n * s1 - wi * wi) / (n - 1), total
        else:
            others = x[:i] + x[i + 1:]
            xb = sum(others) / (n - 1)
            si2 = sum(v * v for v in others) / (n - 1) - xb * xb
            var, denom = si2 * ((n - 1) * s1 - wi * wi) / (n - 2), total - x[i]
        z = float(dec(lag - wi * xb) / dec(var).sqrt())
        p = {"greater": 0.5 * math.erfc(z / math.sqrt(2)), "less": 0.5 * math.erfc(-z / math.sqrt(2)),
             "two.sided": math.erfc(abs(z) / math.sqrt(2))}[alternative]
        sig = p <= 0.05
        rows.append({"id": ids[i], "g": float(lag / denom), "expected_g": float(wi * xb / denom),
                     "variance_g": float(var / denom / denom), "z": z, "p": p,
                     "cluster": "hot" if sig and z > 0 else "cold" if sig and z < 0 else "NS"})
    params = {"column": "v", "star": star, "alternative": alternative}
    spec = {"spec_version": 1, "method": "getis-ord", "params": params,
            "data": {"rows": [{"id": i, "v": float(v)} for i, v in zip(ids, x_text)]},
            "weights": {"neighbors": {ids[i]: [ids[j] for j in nb[i]] for i in range(n)}, "style": style}}
    expected = {"case": name,
                "source": "exact rational arithmetic of the spec §5 formulas (tools/crosscheck/exact.py, Python fractions); "
                          "data: libpysal stl HR7984 + 1e6, stl.gal rook contiguity",
                "tolerance": {"abs": 1e-9, "rel": 1e-9, "fields": {"result.rows[*].z": {"abs": 1e-8, "rel": 1e-8}}},
                "result": {"n": n, "n_islands": 0, "star": star, "alternative": alternative, "significance": 0.05,
                           "rows": rows}}
    return spec, expected


def main():
    data, out = sys.argv[1], sys.argv[2]
    src = os.path.join(data, "validation-sources")
    with open(os.path.join(src, "stl_hom_attributes.csv"), newline="") as fh:
        recs = list(csv.DictReader(fh))
    ids = [r["FIPS"] for r in recs]
    # 1e6 + value, rounded to a double first: the spec holds that double, the exact arithmetic uses it too
    x = [1e6 + float(r["HR7984"]) for r in recs]
    gal = read_gal(os.path.join(src, "stl.gal"))
    nb = [[j - 1 for j in gal[i + 1]] for i in range(len(ids))]
    for name, star, style, alt in [("getis-ord-gi-large-offset-exact", False, "B", "two.sided"),
                                   ("getis-ord-star-large-offset-exact", True, "W", "greater")]:
        spec, expected = case(name, ids, x, nb, star, style, alt)
        for suffix, obj in (("spec", spec), ("expected", expected)):
            with open(os.path.join(out, f"{name}.{suffix}.json"), "w", encoding="utf-8") as fh:
                fh.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")
        print(name)


if __name__ == "__main__":
    main()
