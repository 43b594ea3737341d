#!/usr/bin/env bash
# Installs everything Vireo and its tests need on a Debian 12 machine: Debian packages, npm
# packages, and the tiny test guest built from Debian's kernel and busybox. Idempotent: a second
# run installs nothing and returns quickly.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APT_PACKAGES=(
  qemu-system-x86 qemu-utils ovmf swtpm swtpm-tools   # hypervisor, firmware, TPM
  genisoimage                                          # cloud-init NoCloud media
  syslinux syslinux-common mtools dosfstools busybox-static cpio kmod xz-utils zstd  # test guest
  iproute2 iptables                                   # network namespaces for multi-node tests
  openssl curl ca-certificates
  docker-registry apache2-utils                       # OCI registry for containerDisk tests (own config per test; the system service is unused); htpasswd (bcrypt)
  chromium fonts-ipafont-gothic                       # browser tests; a Japanese font for the console's screenshots
  etcd-server etcd-client                             # cluster mode's store and etcdctl (tests start their own etcd on free ports)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: reinstall only when the lockfile changed since the last install.
stamp="node_modules/.vireo-lock-hash"
hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$hash" > "$stamp"
fi

# The tiny guest (Debian kernel + busybox) used by the demo VM and the tests.
export VIREO_GUEST_DIR="${VIREO_GUEST_DIR:-$ROOT/.cache/guest}"
bash scripts/guest/build-test-guest.sh "$VIREO_GUEST_DIR"
# The web console (console/dist), rebuilt only when its sources are newer than the build.
bash console/build.sh
echo "setup: done"
