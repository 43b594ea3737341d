// The network plumbing of multi-node tests, with iproute2: a bridge in the host namespace and, per
// node, a network namespace joined to it by a veth pair. Synchronous on purpose: the same calls
// serve the process 'exit' handler, where nothing asynchronous runs.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Runs `ip ARGS`; a failure throws with ip's own message. */
export function ip(...args: string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`ip ${args.join(' ')}: ${err.stderr?.trim() || err.message}`, { cause: e });
  }
}

/** n lowercase letters and digits, for names that must stay short (interfaces: 15 bytes). */
export function randomTag(n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}

let probed: Promise<string | undefined> | undefined;

/**
 * Why multi-node tests cannot run here (no iproute2, no CAP_NET_ADMIN), or undefined when they
 * can: probed once by adding and deleting a namespace and a bridge.
 */
export function netnsAvailable(): Promise<string | undefined> {
  probed ??= Promise.resolve().then(() => {
    const tag = randomTag(5);
    const ns = `vireo-probe-${tag}`;
    const br = `vpb${tag}`;
    try {
      ip('netns', 'add', ns);
    } catch (e) {
      return `network namespaces are not available (needs iproute2 and CAP_NET_ADMIN): ${(e as Error).message}`;
    }
    try {
      ip('link', 'add', br, 'type', 'bridge');
      ip('link', 'del', br);
      return undefined;
    } catch (e) {
      return `cannot create a bridge (needs CAP_NET_ADMIN): ${(e as Error).message}`;
    } finally {
      ip('netns', 'del', ns);
    }
  });
  return probed;
}

/** A /24 in 10.100–250.x.0 that no interface here already uses; returns "10.a.b". */
export function pickSubnet(): string {
  const used = ip('-o', '-4', 'addr', 'show') + ip('-4', 'route', 'show');
  for (let i = 0; i < 50; i++) {
    const [a, b] = randomBytes(2);
    const prefix = `10.${100 + (a % 151)}.${b}`;
    if (!used.includes(`${prefix}.`)) return prefix;
  }
  throw new Error('no free 10.x.y.0/24 subnet found for the test bridge');
}

export function addBridge(name: string, cidr: string): void {
  ip('link', 'add', name, 'type', 'bridge');
  ip('addr', 'add', cidr, 'dev', name);
  ip('link', 'set', name, 'up');
}

/**
 * Joins namespace `ns` to `bridge`: veth `hostEnd` on the bridge, its peer moved into the
 * namespace as eth0 with `cidr`, lo up, default route via `gateway`.
 */
export function addNodeNetns(ns: string, bridge: string, hostEnd: string, cidr: string, gateway: string): void {
  ip('netns', 'add', ns);
  const peer = `${hostEnd}p`;
  ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', peer);
  ip('link', 'set', hostEnd, 'master', bridge);
  ip('link', 'set', hostEnd, 'up');
  ip('link', 'set', peer, 'netns', ns);
  ip('-n', ns, 'link', 'set', peer, 'name', 'eth0');
  ip('-n', ns, 'addr', 'add', cidr, 'dev', 'eth0');
  ip('-n', ns, 'link', 'set', 'eth0', 'up');
  ip('-n', ns, 'link', 'set', 'lo', 'up');
  ip('-n', ns, 'route', 'add', 'default', 'via', gateway);
}

/** PIDs of every process in `ns` (none when the namespace is gone). */
export function netnsPids(ns: string): number[] {
  if (!netnsExists(ns)) return [];
  return ip('netns', 'pids', ns).split('\n').filter(Boolean).map(Number);
}

export function netnsExists(ns: string): boolean {
  return ip('netns', 'list').split('\n').some((l) => l.split(' ')[0] === ns);
}

export function linkExists(name: string): boolean {
  try {
    ip('link', 'show', 'dev', name);
    return true;
  } catch {
    return false; // "Device does not exist": the one failure `ip link show dev` has
  }
}

/** SIGKILLs every process in `ns`; returns how many were signalled. */
export function killNetnsProcesses(ns: string): number {
  let n = 0;
  for (const pid of netnsPids(ns)) {
    try {
      process.kill(pid, 'SIGKILL');
      n++;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  }
  return n;
}

/** Removes the namespace (its eth0 and so the veth pair go with it) if it is there. */
export function deleteNetns(ns: string): void {
  if (netnsExists(ns)) ip('netns', 'del', ns);
}

export function deleteLink(name: string): void {
  if (linkExists(name)) ip('link', 'del', name);
}
