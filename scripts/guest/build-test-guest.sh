#!/usr/bin/env bash
# Build the Vireo tiny test guest into OUTDIR: vmlinuz, initramfs.gz (busybox,
# /init from scripts/guest/rootfs), disk.qcow2 (FAT + syslinux, BIOS-bootable
# from virtio, SATA and SCSI), disk-uefi.qcow2 (GPT + ESP, kernel as the EFI
# stub) and manifest.json.
#
# Idempotent: when OUTDIR's manifest carries this recipe version it returns at
# once. Builds in a temp dir next to OUTDIR and renames it into place, so an
# interrupted build never looks complete. Needs no root filesystem changes
# beyond installing missing Debian packages.
set -euo pipefail

OUTDIR=${1:?usage: build-test-guest.sh OUTDIR}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOTFS_SRC=$HERE/rootfs

# The recipe version changes with this script or any guest file, so an edit
# rebuilds and an unchanged recipe never does.
RECIPE=$( (cat "${BASH_SOURCE[0]}"; cd "$ROOTFS_SRC" && find . -type f | LC_ALL=C sort | xargs cat) \
  | sha256sum | cut -c1-16)
RECIPE_VERSION="1-$RECIPE"

log() { echo "build-test-guest: $*" >&2; }

is_complete() {
  [ -f "$OUTDIR/manifest.json" ] && grep -q "\"recipeVersion\": \"$RECIPE_VERSION\"" "$OUTDIR/manifest.json"
}

if is_complete; then exit 0; fi

mkdir -p "$(dirname "$OUTDIR")"
OUTDIR=$(cd "$(dirname "$OUTDIR")" && pwd)/$(basename "$OUTDIR")
# Concurrent callers (parallel tests) wait for one build instead of racing.
exec 9>"$OUTDIR.lock"
flock 9
if is_complete; then exit 0; fi

need_pkgs=()
for p in busybox-static syslinux syslinux-common mtools dosfstools cpio qemu-utils genisoimage kmod fdisk; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need_pkgs[@]}" >&2
fi

WORK=$(mktemp -d "$OUTDIR.tmp.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Debian's current kernel: the package linux-image-amd64 depends on. The .deb
# is kept beside OUTDIR so a recipe change does not download it again.
KPKG=$(apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1)
[ -n "$KPKG" ] || { log "cannot resolve the kernel package of linux-image-amd64"; exit 1; }
DEBS=$OUTDIR.debs
mkdir -p "$DEBS"
if ! ls "$DEBS/${KPKG}_"*.deb >/dev/null 2>&1; then
  log "downloading $KPKG"
  (cd "$WORK" && apt-get download "$KPKG" >&2 2>/dev/null || apt-get download "$KPKG" >&2)
  mv "$WORK/${KPKG}_"*.deb "$DEBS/"
fi
KDEB=$(ls "$DEBS/${KPKG}_"*.deb | head -n 1)
dpkg -x "$KDEB" "$WORK/kernel"
KVER=$(ls "$WORK/kernel/lib/modules" | head -n 1)
KMODS=$WORK/kernel/lib/modules/$KVER
log "kernel $KVER"

# --- initramfs -------------------------------------------------------------
R=$WORK/root
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,run,tmp,mnt,etc}
cp /bin/busybox "$R/bin/busybox"
for a in $(/bin/busybox --list-full); do
  [ -e "$R/$a" ] || ln -s /bin/busybox "$R/$a"
done
cp -a "$ROOTFS_SRC/." "$R/"

# Copy each wanted module and, recursively, what it depends on (modinfo's
# "depends" plus softdep "pre:" crypto helpers), then let depmod write a
# modules.dep for busybox modprobe. Debian 6.1 ships them uncompressed; xz
# ones are unpacked here because busybox insmod cannot read them.
modfile() { find "$KMODS/kernel" -name "$1.ko" -o -name "$1.ko.xz" -o -name "$1.ko.zst" | head -n 1; }
declare -A seen=()
copy_mod() {
  local name=${1//-/_} f rel dep
  [ -n "${seen[$name]:-}" ] && return 0
  seen[$name]=1
  f=$(modfile "$1"); [ -n "$f" ] || f=$(modfile "${1//_/-}"); [ -n "$f" ] || f=$(modfile "${1//-/_}")
  if [ -z "$f" ]; then
    grep -qE "/(${1//-/_}|${1//_/-})\.ko" "$KMODS/modules.builtin" && return 0
    log "module $1 not found"; return 1
  fi
  rel=${f#"$KMODS/"}
  mkdir -p "$R/lib/modules/$KVER/$(dirname "$rel")"
  case "$f" in
    *.xz) xz -dc "$f" >"$R/lib/modules/$KVER/${rel%.xz}" ;;
    *.zst) zstd -qdc "$f" >"$R/lib/modules/$KVER/${rel%.zst}" ;;
    *) cp "$f" "$R/lib/modules/$KVER/$rel" ;;
  esac
  for dep in $(modinfo -F depends "$f" | tr ',' ' '); do copy_mod "$dep"; done
  # softdep "pre:" names a crypto algorithm (crct10dif); its C code is in NAME_generic.
  for dep in $(modinfo -F softdep "$f" | sed -n 's/.*pre:\([^:]*\).*/\1/p' | sed 's/ post$//'); do
    if [ -n "$(modfile "$dep")" ]; then copy_mod "$dep"
    elif [ -n "$(modfile "${dep}_generic")" ]; then copy_mod "${dep}_generic"
    fi
  done
}
while read -r m; do copy_mod "$m"; done <"$ROOTFS_SRC/etc/vireo/modules"
cp "$KMODS/modules.builtin" "$KMODS/modules.builtin.modinfo" "$KMODS/modules.order" "$R/lib/modules/$KVER/"
depmod -b "$R" "$KVER"

(cd "$R" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) | gzip -9n >"$WORK/initramfs.gz"
cp "$WORK/kernel/boot/vmlinuz-$KVER" "$WORK/vmlinuz"

CMDLINE="console=ttyS0 quiet"

# --- BIOS disk: a FAT superfloppy with syslinux in its boot sector ----------
cat >"$WORK/syslinux.cfg" <<EOF
DEFAULT vireo
PROMPT 0
TIMEOUT 0
LABEL vireo
  LINUX /vmlinuz
  INITRD /initrd.gz
  APPEND $CMDLINE
EOF
mkfs.fat -C -n VIREOBOOT "$WORK/disk.img" 65536 >/dev/null
mcopy -i "$WORK/disk.img" "$WORK/vmlinuz" ::vmlinuz
mcopy -i "$WORK/disk.img" "$WORK/initramfs.gz" ::initrd.gz
mcopy -i "$WORK/disk.img" "$WORK/syslinux.cfg" ::syslinux.cfg
syslinux --install "$WORK/disk.img"
qemu-img convert -O qcow2 "$WORK/disk.img" "$WORK/disk.qcow2"
rm "$WORK/disk.img"

# --- UEFI disk: GPT with one ESP; the kernel is its own EFI loader ----------
# (Debian's kernel is an EFI stub; startup.nsh passes the command line in
# case the firmware's boot manager falls to the shell.)
ESP=$WORK/esp.img
mkfs.fat -C -F 32 -n VIREOESP "$ESP" 65536 >/dev/null 2>&1 || mkfs.fat -C -n VIREOESP "$ESP" 65536 >/dev/null
mmd -i "$ESP" ::EFI ::EFI/BOOT
mcopy -i "$ESP" "$WORK/vmlinuz" ::EFI/BOOT/BOOTX64.EFI
mcopy -i "$ESP" "$WORK/initramfs.gz" ::initrd.gz
printf 'fs0:\\EFI\\BOOT\\BOOTX64.EFI initrd=\\initrd.gz %s\r\n' "$CMDLINE" >"$WORK/startup.nsh"
mcopy -i "$ESP" "$WORK/startup.nsh" ::startup.nsh
truncate -s $((66 * 1024 * 1024)) "$WORK/disk-uefi.img"
printf 'label: gpt\nstart=2048, size=131072, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="ESP"\n' \
  | sfdisk --quiet "$WORK/disk-uefi.img"
dd if="$ESP" of="$WORK/disk-uefi.img" bs=512 seek=2048 conv=notrunc status=none
rm "$ESP"
qemu-img convert -O qcow2 "$WORK/disk-uefi.img" "$WORK/disk-uefi.qcow2"
rm "$WORK/disk-uefi.img"

# --- manifest, then the atomic switch ----------------------------------------
rm -rf "$WORK/kernel" "$WORK/root" "$WORK/syslinux.cfg" "$WORK/startup.nsh"
{
  printf '{\n  "recipeVersion": "%s",\n  "kernelVersion": "%s",\n  "kernelPackage": "%s",\n' \
    "$RECIPE_VERSION" "$KVER" "$(basename "$KDEB")"
  printf '  "cmdline": "%s",\n  "files": {\n' "$CMDLINE"
  sep=
  for f in vmlinuz initramfs.gz disk.qcow2 disk-uefi.qcow2; do
    printf '%s    "%s": { "bytes": %d, "sha256": "%s" }' "$sep" "$f" \
      "$(stat -c %s "$WORK/$f")" "$(sha256sum "$WORK/$f" | cut -d' ' -f1)"
    sep=$',\n'
  done
  printf '\n  }\n}\n'
} >"$WORK/manifest.json"
chmod 755 "$WORK"

if [ -e "$OUTDIR" ]; then
  mv "$OUTDIR" "$WORK.old"
fi
mv "$WORK" "$OUTDIR"
rm -rf "$WORK.old"
trap - EXIT
log "built $OUTDIR ($RECIPE_VERSION)"
