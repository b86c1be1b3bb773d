#!/usr/bin/env bash
# Regenerates fixtures/crosscheck from the shared data (see README.md). Run from anywhere.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
data="${CROSSCHECK_DATA:-../shared/data}"
LC_ALL=C.UTF-8 CROSSCHECK_DATA="$data" Rscript tools/crosscheck/generate.R
python3 tools/crosscheck/permutation.py fixtures/crosscheck
python3 tools/crosscheck/exact.py "$data" fixtures/crosscheck
