#!/usr/bin/env bash
# Build the Vireo tiny test guest into OUTDIR: vmlinuz, vmlinux (PVH ELF for
# fast -kernel boots), initramfs.gz (busybox, /init from scripts/guest/rootfs),
# disk.qcow2 (FAT + syslinux, BIOS-bootable from virtio, SATA and SCSI),
# disk-uefi.qcow2 (GPT + ESP with an unsigned unified kernel image) and
# manifest.json.
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
# Leftovers of builds that were killed; we hold the lock, so none is running.
rm -rf "$OUTDIR".tmp.*

need_pkgs=()
for p in busybox-static syslinux syslinux-common mtools dosfstools cpio qemu-utils genisoimage kmod fdisk binutils xz-utils; do
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
# Print the path of PKG's .deb, downloading it (not installing) if needed.
fetch_deb() {
  if ! ls "$DEBS/${1}_"*.deb >/dev/null 2>&1; then
    log "downloading $1"
    mkdir -p "$WORK/dl"
    # apt warns when _apt cannot write here; harmless, so only show real failures.
    (cd "$WORK/dl" && apt-get download "$1" >"$WORK/dl.log" 2>&1) || { cat "$WORK/dl.log" >&2; exit 1; }
    mv "$WORK/dl/${1}_"*.deb "$DEBS/"
  fi
  ls "$DEBS/${1}_"*.deb | head -n 1
}
KDEB=$(fetch_deb "$KPKG")
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
# modules.dep for busybox modprobe. Debian 6.1 ships them uncompressed
# (CONFIG_MODULE_COMPRESS_NONE); should a later kernel compress them, they are
# unpacked here so the guest needs no decompression support of its own.
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
# modules: loaded at boot; modules-on-demand: only copied, for tests to modprobe (efivarfs).
while read -r m; do copy_mod "$m"; done < <(cat "$ROOTFS_SRC/etc/vireo/modules" "$ROOTFS_SRC/etc/vireo/modules-on-demand")
cp "$KMODS/modules.builtin" "$KMODS/modules.builtin.modinfo" "$KMODS/modules.order" "$R/lib/modules/$KVER/"
depmod -b "$R" "$KVER"

# Fixed mtimes and order: the same recipe gives the same initramfs bytes.
find "$R" -exec touch -h -d @0 {} +
(cd "$R" && find . | LC_ALL=C sort | cpio --quiet --reproducible -o -H newc -R 0:0) | gzip -9n >"$WORK/initramfs.gz"
cp "$WORK/kernel/boot/vmlinuz-$KVER" "$WORK/vmlinuz"

# vmlinux: the uncompressed ELF, bootable by QEMU -kernel through PVH. Under
# TCG it skips the bzImage's xz decompressor, about 3 s of every boot.
# The boot header gives the payload's offset (0x248) and length (0x24c).
u32() { od -An -t u4 -j "$2" -N 4 "$1" | tr -d ' '; }
poff=$(( $(u32 "$WORK/vmlinuz" 0x248) + 0x200 * ($(od -An -t u1 -j 0x1f1 -N 1 "$WORK/vmlinuz" | tr -d ' ') + 1) ))
plen=$(u32 "$WORK/vmlinuz" 0x24c)
P=$WORK/payload
dd if="$WORK/vmlinuz" of="$P" bs=1M iflag=skip_bytes,count_bytes skip="$poff" count="$plen" status=none
# Each payload ends with its 4-byte size, which the decompressors ignore.
case "$(od -An -t x1 -N 4 "$P" | tr -d ' ')" in
  fd377a58) xz -dc --single-stream <"$P" >"$WORK/vmlinux" ;;
  1f8b*) gzip -dc <"$P" >"$WORK/vmlinux" 2>/dev/null || true ;;
  28b52ffd) zstd -qdc <"$P" >"$WORK/vmlinux" ;;
  *) log "unknown kernel payload compression"; exit 1 ;;
esac
rm "$P"
[ "$(head -c 4 "$WORK/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ] || { log "vmlinux extraction failed"; exit 1; }

# no_timer_check: on a loaded host, TCG can make the kernel's boot-time IO-APIC timer check miss its
# ticks and panic ("IO-APIC + timer doesn't work!"); hypervisor guests routinely skip that check.
CMDLINE="console=ttyS0 quiet no_timer_check"

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

# --- UEFI disk: GPT with one ESP holding a unified kernel image -------------
# The kernel's own EFI stub would start without a command line or initrd
# when firmware loads it as BOOTX64.EFI, so join kernel + initramfs + cmdline
# with systemd-boot's stub (Debian systemd-boot-efi, unpacked, not installed).
# It is unsigned: secure boot must refuse it.
dpkg -x "$(fetch_deb systemd-boot-efi)" "$WORK/sdboot"
printf '%s' "$CMDLINE" >"$WORK/cmdline.txt"
printf 'NAME="Vireo Tiny Linux"\nID=vireo-tiny\nVERSION_ID=1\n' >"$WORK/os-release"
# Section addresses as systemd 252's documentation gives them, above the stub's own.
objcopy \
  --add-section .osrel="$WORK/os-release" --change-section-vma .osrel=0x20000 \
  --add-section .cmdline="$WORK/cmdline.txt" --change-section-vma .cmdline=0x30000 \
  --add-section .linux="$WORK/vmlinuz" --change-section-vma .linux=0x2000000 \
  --add-section .initrd="$WORK/initramfs.gz" --change-section-vma .initrd=0x3000000 \
  "$WORK/sdboot/usr/lib/systemd/boot/efi/linuxx64.efi.stub" "$WORK/BOOTX64.EFI"
ESP=$WORK/esp.img
mkfs.fat -C -F 32 -n VIREOESP "$ESP" 65536 >/dev/null
mmd -i "$ESP" ::EFI ::EFI/BOOT
mcopy -i "$ESP" "$WORK/BOOTX64.EFI" ::EFI/BOOT/BOOTX64.EFI
truncate -s $((66 * 1024 * 1024)) "$WORK/disk-uefi.img"
printf 'label: gpt\nstart=2048, size=131072, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="ESP"\n' \
  | sfdisk --quiet "$WORK/disk-uefi.img"
dd if="$ESP" of="$WORK/disk-uefi.img" bs=512 seek=2048 conv=notrunc status=none
qemu-img convert -O qcow2 "$WORK/disk-uefi.img" "$WORK/disk-uefi.qcow2"
rm -rf "$ESP" "$WORK/disk-uefi.img" "$WORK/sdboot" "$WORK/BOOTX64.EFI" "$WORK/cmdline.txt" "$WORK/os-release"

# --- manifest, then the atomic switch ----------------------------------------
rm -rf "$WORK/kernel" "$WORK/root" "$WORK/syslinux.cfg" "$WORK/dl" "$WORK/dl.log"
{
  printf '{\n  "recipeVersion": "%s",\n  "kernelVersion": "%s",\n  "kernelPackage": "%s",\n' \
    "$RECIPE_VERSION" "$KVER" "$(basename "$KDEB")"
  printf '  "cmdline": "%s",\n  "files": {\n' "$CMDLINE"
  sep=
  for f in vmlinuz vmlinux initramfs.gz disk.qcow2 disk-uefi.qcow2; do
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
