// What the Diagnostics tab shows, pure: disk sizes in binary units as kubectl and the console write
// them, and the guest's serial log made readable (terminal escape sequences and carriage returns
// removed; the guest writes for a terminal, the tab shows plain text).
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const shown = Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${UNITS[u]}`;
}

// CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-byte escapes (ESC c, ESC 7, …).
// eslint-disable-next-line no-control-regex -- matching terminal control bytes is the point
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x1b[0-9=>c]/g;
// eslint-disable-next-line no-control-regex -- other control bytes, keeping tab and newline
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

export function plainConsoleText(raw: string): string {
  return raw.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(/\r/g, '\n').replace(CONTROLS, '');
}

/** The lines the tab asks for: enough to see a boot, little enough to render at once. */
export const CONSOLE_TAIL_LINES = 200;
