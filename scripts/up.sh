#!/usr/bin/env bash
# Sets everything up, then runs `vireo up` in the foreground.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
exec "$ROOT/bin/vireo" up "$@"
