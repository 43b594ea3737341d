// Where an idle QEMU's memory goes, from /proc/PID/smaps: the guest's RAM (the anonymous mapping
// of its size), TCG's translation cache (the executable anonymous mapping; KVM has none), the rest
// of its anonymous memory, and its files (the binary and libraries: page cache every QEMU on the
// host shares). "Beyond guest RAM" is the anonymous memory outside the guest's RAM: what each more
// VM costs. VmRSS minus the RAM size, the figure used before, undercounts it when the guest has not
// touched all its RAM and overcounts it by the files.
import { readFileSync } from 'node:fs';

export interface QemuMemory {
  rssMiB: number;
  guestRamResidentMiB: number;
  tcgCacheMiB: number;
  /** Anonymous memory outside the guest's RAM, TCG's cache included. */
  beyondGuestMiB: number;
  filesMiB: number;
}

interface Mapping {
  sizeKiB: number;
  perms: string;
  name: string;
  rssKiB: number;
}

function mappings(pid: string): Mapping[] {
  const out: Mapping[] = [];
  let cur: Mapping | undefined;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      cur = { sizeKiB: (parseInt(head[2]!, 16) - parseInt(head[1]!, 16)) / 1024, perms: head[3]!, name: head[4]!, rssKiB: 0 };
      out.push(cur);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (cur && rss) cur.rssKiB = Number(rss[1]);
  }
  return out;
}

/** `guestMiB`: the RAM the VM asked for (QEMU may hold a few KiB more, see memoryArg). */
export function qemuMemory(pid: string, guestMiB: number): QemuMemory {
  const maps = mappings(pid);
  const isGuestRam = (m: Mapping) => m.name === '' && m.sizeKiB >= guestMiB * 1024 && m.sizeKiB < (guestMiB + 4) * 1024;
  const ram = maps.filter(isGuestRam);
  if (ram.length !== 1) throw new Error(`expected one ${guestMiB} MiB anonymous mapping in QEMU ${pid}, found ${ram.length}`);
  const tcg = maps.filter((m) => m.name === '' && m.perms.includes('x'));
  const sum = (ms: Mapping[], f: (m: Mapping) => number) => ms.reduce((n, m) => n + f(m), 0) / 1024;
  const isFile = (m: Mapping) => m.name.startsWith('/');
  return {
    rssMiB: sum(maps, (m) => m.rssKiB),
    guestRamResidentMiB: sum(ram, (m) => m.rssKiB),
    tcgCacheMiB: sum(tcg, (m) => m.rssKiB),
    beyondGuestMiB: sum(maps.filter((m) => !isGuestRam(m) && !isFile(m)), (m) => m.rssKiB),
    filesMiB: sum(maps.filter(isFile), (m) => m.rssKiB),
  };
}
