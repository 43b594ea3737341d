#!/usr/bin/env bash
# Builds the web console (console/dist); skipped when the build is newer than every source.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Tests running side by side may each ask for a build; one builds, the others then find it fresh.
mkdir -p console/.cache
exec 9>console/.cache/build.lock
flock 9
out=console/dist/index.html
if [ -f "$out" ] && [ -z "$(find console/src console/build.ts console/build.sh package-lock.json -newer "$out" -not -name '*.test.ts' -print -quit)" ]; then
  exit 0
fi
echo "console: building console/dist"
node --import tsx console/build.ts
