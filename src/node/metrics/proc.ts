// Parsers for the kernel's per-process files the sampler reads for QEMU: /proc/PID/stat (CPU time)
// and /proc/PID/status (resident memory). Pure, so the odd cases (a comm with spaces or a ')') are
// unit-tested.

/** utime + stime in clock ticks, from /proc/PID/stat. */
export function cpuTicks(stat: string): number {
  // comm (field 2) is in parentheses and may hold spaces and ')': fields restart after the last ')'.
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error('unreadable /proc stat line: no ")"');
  const rest = stat.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unreadable /proc stat line: no utime/stime');
  return utime + stime;
}

/** VmRSS in bytes, from /proc/PID/status. */
export function rssBytes(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!m) throw new Error('no VmRSS line in /proc status');
  return Number(m[1]) * 1024;
}
