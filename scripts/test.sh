#!/usr/bin/env bash
# The whole test suite: set-up, lint, type check, unit tests, integration and end-to-end tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export VIREO_GUEST_DIR="${VIREO_GUEST_DIR:-$ROOT/.cache/guest}"
echo "== lint"; npx eslint .
echo "== type check"; npx tsc --noEmit -p .
npx tsc --noEmit -p console
echo "== tests"
mapfile -t files < <(find src test console/src -name '*.test.ts' -not -path '*/node_modules/*' | sort)
node --disable-warning=ExperimentalWarning --import tsx --test --test-concurrency=2 --test-timeout=600000 "${files[@]}"
