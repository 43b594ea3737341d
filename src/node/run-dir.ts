// Where each guest's files live on the node: `<dataDir>/vmis/<vmi uid>/`. The uid (not the name)
// keys it, so a VMI recreated under the same name never meets its predecessor's sockets.
import { join } from 'node:path';
import type { LaunchPaths } from '../qemu/launch-spec.ts';
import { VmiFailure } from './vmi-failure.ts';

export interface RunDir extends LaunchPaths {
  dir: string;
  /** QEMU's stdout/stderr (its error messages when it refuses to start). */
  qemuLog: string;
}

/** Unix socket paths must fit sun_path (108 bytes with the NUL). */
const SUN_PATH_MAX = 107;

export function vmisDir(dataDir: string): string {
  return join(dataDir, 'vmis');
}

export function runDirOf(dataDir: string, uid: string): RunDir {
  const dir = join(vmisDir(dataDir), uid);
  const paths: RunDir = {
    dir,
    qmpSocket: join(dir, 'qmp.sock'),
    serialSocket: join(dir, 'serial.sock'),
    serialLog: join(dir, 'serial.log'),
    vncSocket: join(dir, 'vnc.sock'),
    guestAgentSocket: join(dir, 'qga.sock'),
    pidFile: join(dir, 'qemu.pid'),
    qemuLog: join(dir, 'qemu.log'),
    firmwareLog: join(dir, 'firmware.log'),
  };
  const longest = Math.max(...[paths.qmpSocket, paths.serialSocket, paths.vncSocket, paths.guestAgentSocket].map((p) => Buffer.byteLength(p)));
  if (longest > SUN_PATH_MAX) {
    throw new VmiFailure('RunDirTooLong', `the node's run directory ${dir} is too long for unix sockets (${longest} > ${SUN_PATH_MAX} bytes); use a shorter --data-dir`);
  }
  return paths;
}
