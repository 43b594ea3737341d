// A real etcd for tests: Debian's etcd-server (3.4) on free loopback ports with temp data dirs,
// one member by default or a cluster of several. Members die with the test process (pdeathsig);
// restart() stops one and starts it again on the same ports and data dir, so tests can check what
// survives. When etcd cannot start (not installed, crashes) startEtcd throws saying why: tests
// fail, they never skip silently.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface TestEtcd {
  /** http://127.0.0.1:PORT, the first member's client URL. */
  endpoint: string;
  /** Every member's client URL. */
  endpoints: string[];
  /** The first member's data dir. */
  dataDir: string;
  /** SIGTERM (or SIGKILL with `kill`) one member (default the first), then start it again. */
  restart(opts?: { kill?: boolean; member?: number }): Promise<void>;
  /** Stops one member and leaves it stopped until startMember. */
  stopMember(member: number, opts?: { kill?: boolean }): Promise<void>;
  startMember(member: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

async function healthy(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok && ((await res.json()) as { health?: string }).health === 'true';
  } catch {
    return false; // not listening yet
  }
}

interface Member {
  name: string;
  dataDir: string;
  client: string;
  peer: string;
  /** Set while its process runs. */
  child?: ChildProcess;
  log: string;
  spawnError?: Error;
}

function spawnMember(m: Member, cluster: Member[], token: string): void {
  const args = [
    '--name', m.name,
    '--data-dir', m.dataDir,
    '--listen-client-urls', m.client,
    '--advertise-client-urls', m.client,
    '--listen-peer-urls', m.peer,
    '--initial-advertise-peer-urls', m.peer,
    '--initial-cluster', cluster.map((c) => `${c.name}=${c.peer}`).join(','),
    '--initial-cluster-token', token, // ignored once the data dir exists
    '--logger', 'zap',
    '--log-outputs', 'stderr',
  ];
  const child = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', 'etcd', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  m.child = child;
  m.log = '';
  m.spawnError = undefined;
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (m.log = (m.log + s).slice(-20_000)));
  child.once('error', (e) => (m.spawnError = e)); // setpriv missing; reported by waitHealthy
}

const running = (c: ChildProcess | undefined): c is ChildProcess => !!c && c.exitCode === null && c.signalCode === null;

/** Waits for the member's /health (which needs a leader); throws with the end of its log if it never comes. */
async function waitHealthy(m: Member): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && !m.spawnError && running(m.child)) {
    if (await healthy(m.client)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const child = m.child!;
  if (running(child)) child.kill('SIGKILL');
  if (!m.spawnError) await exited(child);
  const why = m.spawnError?.message ?? m.log.trim().split('\n').slice(-3).join(' | ');
  const hint = /No such file|ENOENT/.test(why) ? ' (is Debian\'s etcd-server installed? run bash scripts/setup.sh)' : '';
  throw new Error(`etcd ${m.name} did not start on ${m.client}${hint}: ${why || `no output, exit ${child.exitCode ?? child.signalCode ?? 'timeout'}`}`);
}

async function halt(m: Member, signal: NodeJS.Signals): Promise<void> {
  const child = m.child;
  m.child = undefined;
  if (!running(child)) return;
  child.kill(signal);
  const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited(child);
  clearTimeout(t);
}

export async function startEtcd(opts: { members?: number } = {}): Promise<TestEtcd> {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-etcd-'));
  let token = basename(dir);
  let members: Member[] = [];
  try {
    // Ports are free when picked but may be taken before etcd binds them: try again.
    for (let attempt = 1; ; attempt++) {
      members = [];
      for (let i = 0; i < (opts.members ?? 1); i++) {
        members.push({ name: `m${i}`, dataDir: join(dir, `m${i}`), client: `http://127.0.0.1:${await freePort()}`, peer: `http://127.0.0.1:${await freePort()}`, log: '' });
      }
      token = `${basename(dir)}-${attempt}`;
      // Every member at once: none is healthy before a quorum has started.
      for (const m of members) spawnMember(m, members, token);
      const started = await Promise.allSettled(members.map(waitHealthy));
      const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (!failed) break;
      for (const m of members) {
        await halt(m, 'SIGKILL');
        rmSync(m.dataDir, { recursive: true, force: true });
      }
      if (attempt < 3 && /address already in use/.test((failed.reason as Error).message)) continue;
      throw failed.reason;
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const member = (i: number): Member => {
    const m = members[i];
    if (!m) throw new Error(`no etcd member ${i} (there are ${members.length})`);
    return m;
  };
  const startMember = async (i: number) => {
    const m = member(i);
    if (running(m.child)) throw new Error(`etcd ${m.name} is running`);
    spawnMember(m, members, token);
    await waitHealthy(m);
  };
  return {
    endpoint: members[0].client,
    endpoints: members.map((m) => m.client),
    dataDir: members[0].dataDir,
    async restart(o = {}) {
      await halt(member(o.member ?? 0), o.kill ? 'SIGKILL' : 'SIGTERM');
      await startMember(o.member ?? 0);
    },
    stopMember: (i, o = {}) => halt(member(i), o.kill ? 'SIGKILL' : 'SIGTERM'),
    startMember,
    async stop() {
      // SIGKILL: the data is deleted anyway, and members stopping gracefully together wait on each other for seconds.
      await Promise.all(members.map((m) => halt(m, 'SIGKILL')));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
