#!/usr/bin/env bash
# Builds the web console (console/dist); skipped when the build is newer than every source.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
out=console/dist/index.html
if [ -f "$out" ] && [ -z "$(find console/src console/build.ts console/build.sh package-lock.json -newer "$out" -not -name '*.test.ts' -print -quit)" ]; then
  exit 0
fi
echo "console: building console/dist"
node --import tsx console/build.ts
