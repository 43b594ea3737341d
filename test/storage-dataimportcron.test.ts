// DataImportCron end to end: Debian's docker-registry on loopback (plain HTTP, listed in
// HyperConverged insecureRegistries) holds the tiny guest as a containerDisk. A cron ticking every
// 5 s (the seconds field is a Vireo extension) imports it on creation into `<cron>-<digest12>` and
// points its DataSource there; a new image under the same tag is imported at the next tick, the
// DataSource moves, and with importsToKeep 1 the first import is deleted. A cron whose registry is
// a port nobody listens on reports NoSource with one line and one Warning event, and imports nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataImportCron } from '../src/api/cdi/dataimportcron.ts';
import type { DataSource } from '../src/api/cdi/datasource.ts';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import { HCO_NAME, HCO_NAMESPACE } from '../src/api/hco/hyperconverged.ts';
import { R } from '../src/client/resources.ts';
import { httpVersionDigest } from '../src/controllers/storage/dataimportcron-logic.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { startRegistry, type TestRegistry } from './support/registry.ts';
import { pushContainerDisk } from './support/registry-push.ts';
import { guestDir, repo, waitFor } from './support/vm-e2e.ts';

const NS = 'default';
let tcp: TestControlPlane;
let reg: TestRegistry;
let files: string;

function cron(name: string, url: string, extra: Partial<NonNullable<DataImportCron['spec']>> = {}): DataImportCron {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataImportCron',
    metadata: { name, namespace: NS },
    spec: {
      schedule: '*/5 * * * * *',
      managedDataSource: `${name}-ds`,
      template: { spec: { source: { registry: { url } }, storage: { resources: { requests: { storage: '128Mi' } } } } },
      ...extra,
    },
  };
}

const cond = (c: DataImportCron | DataSource | undefined, type: string) => c?.status?.conditions?.find((x) => x.type === type);
const getCron = (name: string) => tcp.client.tryGet<DataImportCron>(R.dataimportcrons, NS, name);
const cronDvs = async (name: string) => (await tcp.client.list<DataVolume>(R.datavolumes, NS, { labelSelector: `cdi.kubevirt.io/dataImportCron=${name}` })).items.map((d) => d.metadata.name).sort();

/** Waits until the cron's DataSource is Ready on the import of `digest`. */
async function servedAt(name: string, digest: string): Promise<void> {
  const dvName = `${name}-${digest.slice('sha256:'.length, 'sha256:'.length + 12)}`;
  await waitFor(`DataSource ${name}-ds Ready on ${dvName}`, 90_000, async () => {
    const ds = await tcp.client.tryGet<DataSource>(R.datasources, NS, `${name}-ds`);
    return ds?.spec?.source.pvc?.name === dvName && cond(ds, 'Ready')?.status === 'True' ? ds : undefined;
  }, 200);
  const c = await getCron(name);
  assert.deepEqual(c?.status?.lastImportedPVC, { namespace: NS, name: dvName });
  assert.equal(cond(c, 'UpToDate')?.status, 'True');
  const dv = await tcp.client.get<DataVolume>(R.datavolumes, NS, dvName);
  assert.equal(dv.status?.phase, 'Succeeded');
  if (dv.spec?.source?.registry) assert.match(dv.spec.source.registry.url ?? '', new RegExp(`@${digest}$`), 'the import is pinned to the digest');
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

before(async () => {
  execFileSync('bash', [join(repo, 'scripts/guest/build-test-guest.sh'), guestDir], { timeout: 600_000 });
  files = mkdtempSync(join(tmpdir(), 'vireo-dic-'));
  execFileSync('qemu-img', ['convert', '-O', 'raw', join(guestDir, 'disk.qcow2'), join(files, 'disk.raw')]);
  reg = await startRegistry();
  tcp = await startControlPlane({ agent: { accel: 'tcg' } });
  await tcp.client.mergePatch(R.hyperconvergeds, HCO_NAMESPACE, HCO_NAME, { spec: { storageImport: { insecureRegistries: [reg.host] } } });
});

after(async () => {
  await tcp?.stop();
  await reg?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('DataImportCron', { timeout: 180_000 }, () => {
  it('imports on creation, follows a new digest at the next tick and garbage-collects past importsToKeep', async () => {
    const v1 = await pushContainerDisk(reg, 'tiny', 'latest', join(guestDir, 'disk.qcow2'));
    await tcp.client.create(R.dataimportcrons, NS, cron('tiny', `docker://${reg.host}/tiny:latest`, { importsToKeep: 1 }));
    await servedAt('tiny', v1);

    // Same tag, new image (the raw disk in a plain tar layer): a new manifest digest.
    const v2 = await pushContainerDisk(reg, 'tiny', 'latest', join(files, 'disk.raw'), { gzip: false, diskName: 'tiny.raw' });
    assert.notEqual(v2, v1);
    await servedAt('tiny', v2);
    const second = `tiny-${v2.slice(7, 19)}`;
    await waitFor('the first import to be garbage-collected', 30_000, async () => {
      const names = await cronDvs('tiny');
      return names.length === 1 && names[0] === second ? names : undefined;
    }, 200);
    const c = await getCron('tiny');
    assert.deepEqual(c?.status?.currentImports, [{ dataVolumeName: second, digest: v2 }]);
  });

  it('follows an http source by its ETag', async () => {
    let etag = '"v1"';
    const disk = join(guestDir, 'disk.qcow2');
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { ETag: etag, 'Content-Length': statSync(disk).size });
      createReadStream(disk).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tiny.qcow2`;
      const c = cron('web', url);
      c.spec!.template.spec.source = { http: { url } };
      await tcp.client.create(R.dataimportcrons, NS, c);
      await servedAt('web', httpVersionDigest(url, '"v1"', undefined));
      etag = '"v2"';
      await servedAt('web', httpVersionDigest(url, '"v2"', undefined));
      assert.equal((await cronDvs('web')).length, 2, 'importsToKeep 3 keeps both');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('reports an unreachable registry once, with one line, and creates no DataVolume', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    await tcp.client.create(R.dataimportcrons, NS, cron('offline', `docker://${host}/tiny:latest`));
    const c = await waitFor('NoSource on the offline cron', 30_000, async () => {
      const x = await getCron('offline');
      return cond(x, 'Progressing')?.reason === 'NoSource' ? x : undefined;
    }, 200);
    const msg = cond(c, 'Progressing')?.message ?? '';
    assert.match(msg, new RegExp(`connection refused by registry ${host.replace(/\./g, '\\.')}`));
    assert.doesNotMatch(msg, /\n/);
    assert.equal(cond(c, 'Progressing')?.status, 'False');
    assert.equal(cond(c, 'UpToDate')?.status, 'False');
    const firstPoll = c.status?.lastExecutionTimestamp;
    // Two more ticks: polled again on schedule, but still one Warning event and no DataVolume.
    await waitFor('two more polls', 20_000, async () => {
      const x = await getCron('offline');
      const t = x?.status?.lastExecutionTimestamp;
      return t && firstPoll && Date.parse(t) - Date.parse(firstPoll) >= 10_000 ? x : undefined;
    }, 500);
    assert.deepEqual(await cronDvs('offline'), []);
    const events = await tcp.client.list<KubeObject & { reason: string; type: string; count?: number; involvedObject: { name: string } }>(R.events, NS);
    const warnings = events.items.filter((e) => e.involvedObject.name === 'offline' && e.type === 'Warning');
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.equal(warnings[0]?.reason, 'NoSource');
    assert.equal(warnings[0]?.count ?? 1, 1);
    assert.equal(await tcp.client.tryGet(R.datasources, NS, 'offline-ds'), undefined);
  });
});
