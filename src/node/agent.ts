// The node agent (KubeVirt's virt-handler and virt-launcher in one per-host process): registers the
// Node, adopts guests that outlived a previous agent, then watches the VMIs bound to this node and
// runs one QEMU per VMI. It reaches the API only through KubeClient, so it is the same code
// in-process (`vireo up`) and on another host (`vireo agent`). Stopping it leaves guests running.
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import type { KubeClient } from '../client/client.ts';
import { EventRecorder } from '../client/events.ts';
import { Informer, objectKey } from '../client/informer.ts';
import { R } from '../client/resources.ts';
import { WorkQueue } from '../client/workqueue.ts';
import { detectAccel, type AccelMode, type AccelResult } from './accel.ts';
import { adoptGuests } from './adoption.ts';
import { GuestAgentPoller } from './agent-poller.ts';
import { GuestAgentKeySync } from './ssh/guest-agent-sync.ts';
import type { GuestAccess } from './guest-access.ts';
import { cpuFacts, hostFacts } from './host-facts.ts';
import { NodeRegistration } from './registration.ts';
import { NodeStorage } from './storage/node-storage.ts';
import { NodeSnapshots } from './snapshot/node-snapshots.ts';
import { GuestDiskResizer } from './guest-disk-resize.ts';
import { VmiSync } from './vmi-sync.ts';
import { MigrationTargets } from './migration/incoming.ts';
import type { LaunchContext } from './launch.ts';
import { ApiPvcResolver } from './volumes/index.ts';
import { startAgentEndpoint } from './endpoint/endpoint.ts';
import { MetricsSampler } from './metrics/sampler.ts';

export interface NodeAgentOptions {
  client: KubeClient;
  nodeName: string;
  dataDir: string;
  accel: AccelMode;
  /** The node's InternalIP: where forwarded guest ports listen. Default 127.0.0.1. */
  address?: string;
  /** Local container-disk store; default `<dataDir>/images`. */
  imageDir?: string;
  /** Spawn → `running` limit for one guest; default 60 s. */
  startTimeoutMs?: number;
  /** Parallel VMI workers; default 8. */
  workers?: number;
  /** Metrics sampling interval; default VIREO_METRICS_INTERVAL_MS or 10 s (tests shorten it). */
  metricsIntervalMs?: number;
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));

export class NodeAgent implements GuestAccess {
  accel: AccelResult | undefined;
  private informer: Informer<VirtualMachineInstance> | undefined;
  private queue: WorkQueue | undefined;
  private sync: VmiSync | undefined;
  private registration: NodeRegistration | undefined;
  private poller: GuestAgentPoller | undefined;
  private agentKeys: GuestAgentKeySync | undefined;
  private storage: NodeStorage | undefined;
  private snapshots: NodeSnapshots | undefined;
  private diskResizer: GuestDiskResizer | undefined;
  private targets: MigrationTargets | undefined;
  private readonly address: string;
  private endpoint: { url: string; stop(): Promise<void> } | undefined;
  private metrics: MetricsSampler | undefined;

  constructor(private readonly opts: NodeAgentOptions) {
    this.address = opts.address ?? '127.0.0.1';
  }

  async start(): Promise<void> {
    const { client, nodeName, dataDir } = this.opts;
    await mkdir(join(dataDir, 'vmis'), { recursive: true, mode: 0o700 });
    const imageDir = this.opts.imageDir ?? join(dataDir, 'images');
    await mkdir(imageDir, { recursive: true });

    this.accel = await this.detect();
    const host = await hostFacts();
    const cpu = await cpuFacts(dataDir, this.accel.accel, host.qemuVersion);
    this.registration = new NodeRegistration(client, { nodeName, address: this.address, host, cpu, accel: this.accel });
    await this.registration.register();
    // Volumes (PV directories, disk.img, DataVolume imports): src/node/storage/.
    this.storage = new NodeStorage({ client, nodeName, dataDir });
    await this.storage.start();

    const recorder = new EventRecorder(client, 'virt-handler', nodeName);
    const queue = new WorkQueue((key) => sync.reconcile(key), `node agent ${nodeName}`, this.opts.workers ?? 8);
    const launch: LaunchContext = {
      client,
      nodeName,
      dataDir,
      imageDir,
      cacheDir: join(dataDir, 'image-cache'),
      facts: { accel: this.accel.accel, qemuVersion: host.qemuVersion, cpuModels: ['host-model', 'host-passthrough', ...cpu.models] },
      address: this.address,
      pvcs: new ApiPvcResolver(client),
      startTimeoutMs: this.opts.startTimeoutMs ?? 60_000,
    };
    const sync = new VmiSync({ client, nodeName, address: this.address, recorder, enqueue: (key) => queue.add(key), launch });
    this.queue = queue;
    this.sync = sync;

    // Adoption first: no VMI is synced before every surviving QEMU is known.
    const adoption = await adoptGuests({ client, dataDir, nodeName, recorder, onChange: (key) => queue.add(key) });
    for (const { vmi, guest } of adoption.adopted) sync.adopt(vmi, guest);

    this.informer = new Informer<VirtualMachineInstance>(client, R.vmis, { fieldSelector: `status.nodeName=${nodeName}` });
    this.informer.on((_type, obj) => queue.add(objectKey(obj)));
    this.informer.start();
    await this.informer.waitForSync();
    for (const { vmi } of adoption.adopted) queue.add(objectKey(vmi));
    queue.start();

    // Incoming live migrations: QEMUs waiting for a guest's state, handed to the sync once resumed.
    this.targets = new MigrationTargets({
      client,
      nodeName,
      address: this.address,
      recorder,
      launch,
      handOver: (vmi, guest, podUid, interfaces) => sync.adopt(vmi, guest, { podUid, interfaces }),
      enqueueSync: (key) => queue.add(key),
    });
    await this.targets.start();

    // VM snapshot copies of the volumes this node holds (src/node/snapshot/).
    this.snapshots = new NodeSnapshots({ client, roots: this.storage.roots, guestFor: (key) => sync.guestFor(key) });
    await this.snapshots.start();

    // Nothing talks to the guest agent of a guest migrating out: a timed-out command reconnects the
    // virtio-serial socket, which writes into guest memory while the source is being copied away.
    const agentReachable = () => sync.liveGuests().filter((g) => !g.migratingOut);
    // accessCredentials with qemuGuestAgent propagation, pushed whenever the agent (re)connects.
    const vmis = this.informer;
    const agentKeys = new GuestAgentKeySync({ client, recorder, guests: agentReachable, vmiFor: (key) => vmis.get(key) });
    this.agentKeys = agentKeys;
    agentKeys.start();
    this.poller = new GuestAgentPoller(agentReachable, (g) => {
      queue.add(g.key);
      agentKeys.kick(g);
    });
    this.poller.start();

    // Claims that grew reach their running guests at once (QMP block_resize), src/node/guest-disk-resize.ts.
    this.diskResizer = new GuestDiskResizer(client, () => sync.liveGuests());
    await this.diskResizer.start();

    // CPU, memory, disk and network samples of each guest, served as the VMI's metrics (src/node/metrics/).
    const informer = this.informer;
    const envInterval = Number(process.env.VIREO_METRICS_INTERVAL_MS);
    this.metrics = new MetricsSampler({
      nodeName,
      guests: () => sync.liveGuests(),
      vmiFor: (key) => informer.get(key),
      intervalMs: this.opts.metricsIntervalMs ?? (envInterval > 0 ? envInterval : undefined),
    });
    await this.metrics.start();

    // The endpoint the API server proxies pause/unpause/console/VNC/console-log/metrics and uploads to.
    this.endpoint = await startAgentEndpoint({ access: this, client, nodeName, address: this.address, uploads: this.storage.uploads, metrics: this.metrics });
  }

  /** Lets go of everything; QEMU processes keep running and are adopted by the next agent. */
  async stop(): Promise<void> {
    await this.endpoint?.stop();
    this.metrics?.stop();
    this.poller?.stop();
    this.agentKeys?.stop();
    await this.targets?.stop();
    await this.snapshots?.stop();
    await this.diskResizer?.stop();
    await this.storage?.stop();
    this.registration?.stop();
    this.queue?.stop();
    await this.informer?.stop();
    await Promise.all((this.sync?.liveGuests() ?? []).map((g) => g.detach()));
  }

  runDir(namespace: string, name: string): string | undefined {
    return this.sync?.guestFor(`${namespace}/${name}`)?.run.dir;
  }

  async qmp<T = unknown>(namespace: string, name: string, command: string, args?: Record<string, unknown>): Promise<T> {
    return this.guest(namespace, name).qmp.execute<T>(command, args);
  }

  async guestAgent<T = unknown>(namespace: string, name: string, command: string, args?: Record<string, unknown>): Promise<T> {
    const g = this.guest(namespace, name);
    if (g.migratingOut) throw new Error(`VirtualMachineInstance ${namespace}/${name} is migrating to another node: its guest agent answers again when the migration has ended`);
    return g.qga.command<T>(command, args);
  }

  private guest(namespace: string, name: string) {
    const g = this.sync?.guestFor(`${namespace}/${name}`);
    if (!g) throw new Error(`VirtualMachineInstance ${namespace}/${name} has no running guest on node ${this.opts.nodeName}`);
    return g;
  }

  /** KVM only if a real probe guest boots under it; `--accel tcg` skips the probe. */
  private async detect(): Promise<AccelResult> {
    const mode = this.opts.accel;
    if (mode === 'tcg') return detectAccel('tcg', { kernel: '', initrd: '' });
    const dir = process.env.VIREO_GUEST_DIR ?? join(REPO, '.cache/guest');
    const kernel = join(dir, 'vmlinuz');
    const initrd = join(dir, 'initramfs.gz');
    const present = await Promise.all([kernel, initrd].map((p) => access(p).then(() => true, () => false)));
    if (present.includes(false)) {
      const reason = `cannot probe KVM: the probe guest (${kernel}, ${initrd}) is missing; build it with scripts/guest/build-test-guest.sh`;
      if (mode === 'kvm') throw new Error(`KVM requested but ${reason}`);
      return { accel: 'tcg', kvmUsable: false, reason };
    }
    return detectAccel(mode, { kernel, initrd });
  }
}
