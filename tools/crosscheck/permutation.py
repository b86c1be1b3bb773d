#!/usr/bin/env python3
"""Permutation inference of analysis spec §5 (Moran) and §7 (LISA, Gi/Gi*), written from the spec text alone:
xoshiro128** seeded by SplitMix32, Lemire / mask-and-reject bounded integers, full Fisher-Yates for Moran and, for
the conditional permutation, one never-reset partial Fisher-Yates sample per permutation shared by all rows.
Plain Python integers, no dependencies.

Fills the permutation fields into the expected files that generate.R wrote for cases whose spec has
params.permutations > 0 (the analytical fields there come from spdep):
    python3 tools/crosscheck/permutation.py fixtures/crosscheck
"""
import json
import math
import os
import sys

M32 = 0xFFFFFFFF


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


class Xoshiro128ss:
    def __init__(self, seed):
        z = (seed % 2**32) ^ ((seed // 2**32) % 2**32)
        state = []
        for _ in range(4):  # four successive SplitMix32 outputs
            z = (z + 0x9E3779B9) & M32
            t = z
            t = ((t ^ (t >> 16)) * 0x21F0AAAD) & M32
            t = ((t ^ (t >> 15)) * 0x735A2D97) & M32
            state.append(t ^ (t >> 15))
        if state == [0, 0, 0, 0]:
            state[0] = 1
        self.s = state

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M32, 7) * 9) & M32
        t = (s[1] << 9) & M32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        return result

    def uniform(self, b):
        """uniform integer in [0, b)"""
        if b <= 2**21:
            threshold = (2**32 - b) % b
            while True:
                x = self.next()
                if (x * b) % 2**32 >= threshold:
                    return (x * b) >> 32
        mask = 2 ** math.ceil(math.log2(b)) - 1
        while True:
            x = self.next() & mask
            if x < b:
                return x


def used_rows(spec, column):
    rows = spec["data"]["rows"]
    drop = spec["params"].get("missing", "error") == "drop"
    kept = []
    for r in rows:
        v = r.get(column)
        if v is None:
            if not drop:
                raise SystemExit("missing value without missing: drop")
            continue
        kept.append((str(r["id"]), float(v)))
    return kept


def weights_of(spec, ids, self_included):
    """per row: list of (neighbour index, weight) in the spec's list order, self first for Gi*"""
    pos = {i: k for k, i in enumerate(ids)}
    style = spec["weights"].get("style", "W")
    out = []
    for i in ids:
        nbs = [pos[str(j)] for j in spec["weights"]["neighbors"][i] if str(j) in pos]
        entries = ([pos[i]] if self_included else []) + nbs
        w = 1.0 / len(entries) if style == "W" and entries else 1.0
        out.append([(j, w) for j in entries])
    return out


def pseudo_p(ge, le, R, alternative):
    pg = (ge + 1) / (R + 1)
    pl = (le + 1) / (R + 1)
    if alternative == "greater":
        return pg
    if alternative == "less":
        return pl
    return min(1.0, 2 * min(pg, pl))


def conditional_counts(W, v, self_included, R, seed):
    """M>= and M<= of the permuted lag per row (None for rows without neighbours)"""
    n = len(v)
    rows = [W[i][1:] if self_included else W[i] for i in range(n)]
    K = max(len(e) for e in rows)
    # the R shared index samples: K distinct indices of 0 .. n-2 each, partial Fisher-Yates, array never reset
    rng = Xoshiro128ss(seed)
    idx = list(range(n - 1))
    samples = []
    for _ in range(R):
        for t in range(K):
            j = t + rng.uniform(n - 1 - t)
            idx[t], idx[j] = idx[j], idx[t]
        samples.append(idx[:K])
    vmax = max(abs(a) for a in v)
    out = []
    for i in range(n):
        entries = rows[i]
        k = len(entries)
        if k == 0:
            out.append(None)
            continue
        observed = sum(w * v[j] for j, w in entries)
        tol = 1e-12 * sum(abs(w) for _, w in entries) * vmax
        ge = le = 0
        for sample in samples:
            taken = [j if j < i else j + 1 for j in sample[:k]]  # i itself is never drawn
            lag = sum(w * v[j] for (_, w), j in zip(entries, taken))
            if lag >= observed - tol:
                ge += 1
            if lag <= observed + tol:
                le += 1
        out.append((ge, le))
    return out


def moran_p(W, z, R, seed, alternative):
    n = len(z)

    def cross(a):
        return sum(w * a[i] * a[j] for i in range(n) for j, w in W[i])

    observed = cross(z)
    rng = Xoshiro128ss(seed)
    a = list(z)
    ge = le = 0
    for _ in range(R):
        for pos in range(n - 1, 0, -1):
            j = rng.uniform(pos + 1)
            a[pos], a[j] = a[j], a[pos]
        c = cross(a)
        ge += c >= observed
        le += c <= observed
    return pseudo_p(ge, le, R, alternative)


def fill(spec_path, exp_path):
    spec = json.load(open(spec_path, encoding="utf-8"))
    exp = json.load(open(exp_path, encoding="utf-8"))
    p = spec["params"]
    R = p.get("permutations", 0)
    if R <= 0 or "result" not in exp:
        return False
    seed = p.get("seed", 12345)
    method = spec["method"]
    kept = used_rows(spec, p["column"])
    ids = [i for i, _ in kept]
    x = [v for _, v in kept]
    res = exp["result"]
    mean = sum(x) / len(x)
    if method == "moran":
        W = weights_of(spec, ids, False)
        z = [a - mean for a in x]
        res["permutation"] = {"permutations": R, "seed": seed,
                              "p": moran_p(W, z, R, seed, p.get("alternative", "greater"))}
    else:
        fill_local(spec, res, ids, x, mean, R, seed)
        exp.setdefault("tolerance", {}).setdefault("fields", {})["result.rows[*].p_sim"] = {"abs": 0}
    note = "; permutation p: tools/crosscheck/permutation.py (spec generator and draws, independent of the engine)"
    if note not in exp["source"]:  # idempotent when run again on filled files
        exp["source"] += note
    with open(exp_path, "w", encoding="utf-8") as f:
        f.write(json.dumps(exp, ensure_ascii=False, indent=2) + "\n")
    return True


def fill_local(spec, res, ids, x, mean, R, seed):
    p = spec["params"]
    method = spec["method"]
    star = method == "getis-ord" and p.get("star", True)
    W = weights_of(spec, ids, star)
    alternative = p.get("alternative", "two.sided")
    inference = p.get("inference", "analytical")
    significance = p.get("significance", 0.05)
    if method == "lisa":
        z = [a - mean for a in x]
        counts = conditional_counts(W, z, False, R, seed)
    else:
        counts = conditional_counts(W, x, star, R, seed)
    res["permutation"] = {"permutations": R, "seed": seed, "inference": inference}
    tally = {"HH": 0, "LL": 0, "HL": 0, "LH": 0, "NS": 0, "isolated": 0}
    for k, row in enumerate(res["rows"]):
        c = counts[k]
        if c is None:
            row["p_sim"] = None
        else:
            ge, le = c
            if method == "lisa":
                # I_i = (z_i/m2)·lag: same order as the lag for z_i > 0, reversed for z_i < 0, all tied at z_i = 0
                zi = x[k] - mean
                ge, le = (ge, le) if zi > 0 else (le, ge) if zi < 0 else (R, R)
            row["p_sim"] = pseudo_p(ge, le, R, alternative)
        if inference == "permutation":
            ps = row["p_sim"]
            sig = ps is not None and ps <= significance
            if method == "lisa":
                if row["quadrant"] != "isolated":
                    row["cluster"] = row["quadrant"] if sig else "NS"
            else:
                zz = row["z"]
                row["cluster"] = "hot" if sig and zz is not None and zz > 0 else \
                    "cold" if sig and zz is not None and zz < 0 else "NS"
        if method == "lisa":
            tally[row["cluster"]] += 1
    if method == "lisa":
        res["counts"] = tally


if __name__ == "__main__":
    d = sys.argv[1] if len(sys.argv) > 1 else "fixtures/crosscheck"
    for name in sorted(os.listdir(d)):
        if name.endswith(".spec.json"):
            base = os.path.join(d, name[: -len(".spec.json")])
            if fill(base + ".spec.json", base + ".expected.json"):
                print("permutation fields:", os.path.basename(base))
