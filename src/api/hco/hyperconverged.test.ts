import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, brief, schemaErrors, yamlObject } from '../core/testing.ts';
import { hyperConvergedKind as hcoKind, type HyperConverged } from './hyperconverged.ts';

// Seed 004's HyperConverged examples. OpenShift keeps the object in openshift-cnv; Vireo in
// vireo-system, so the tests move them there (and check that openshift-cnv gets a clear error).
const CERT_CONFIG = `
apiVersion: hco.kubevirt.io/v1beta1
kind: HyperConverged
metadata:
  name: kubevirt-hyperconverged
  namespace: openshift-cnv
spec:
  certConfig:
    ca:
      duration: 48h0m0s
      renewBefore: 24h0m0s
    server:
      duration: 24h0m0s
      renewBefore: 12h0m0s
`;

const DEFAULT_CPU_MODEL = `
apiVersion: hco.kubevirt.io/v1beta1
kind: HyperConverged
metadata:
 name: kubevirt-hyperconverged
 namespace: openshift-cnv
spec:
  defaultCPUModel: "EPYC"
`;

// Seed 003 §8.16 (VDDK), placeholders filled.
const VDDK = `
apiVersion: hco.kubevirt.io/v1beta1
kind: HyperConverged
metadata:
  name: kubevirt-hyperconverged
  namespace: openshift-cnv
spec:
  vddkInitImage: registry.example.com:5000/vddk:8.0.2
`;

// Seed 004 §6.13.3.2: server.duration removed, so its 24h0m0s default exceeds ca.duration.
const CONFLICT = `
apiVersion: hco.kubevirt.io/v1beta1
kind: HyperConverged
metadata:
  name: kubevirt-hyperconverged
  namespace: vireo-system
spec:
  certConfig:
    ca:
      duration: 4h0m0s
      renewBefore: 1h0m0s
    server:
      renewBefore: 4h0m0s
`;

function load(text: string): HyperConverged {
  const hco = yamlObject<HyperConverged>(text);
  hco.metadata.namespace = 'vireo-system';
  return hco;
}

for (const [name, text] of [['certConfig', CERT_CONFIG], ['defaultCPUModel', DEFAULT_CPU_MODEL], ['vddkInitImage', VDDK]]) {
  test(`seed ${name} example is valid`, async () => {
    const hco = load(text);
    assert.deepEqual(schemaErrors(hcoKind.schema, hco), []);
    assert.deepEqual(await admit(hcoKind, hco), []);
    assert.deepEqual(schemaErrors(hcoKind.schema, hco), [], 'still valid after defaults');
  });
}

test('defaults like HCO', async () => {
  const hco = load(DEFAULT_CPU_MODEL);
  await admit(hcoKind, hco);
  assert.deepEqual(hco.spec?.certConfig, {
    ca: { duration: '48h0m0s', renewBefore: '24h0m0s' },
    server: { duration: '24h0m0s', renewBefore: '12h0m0s' },
  });
  assert.deepEqual(hco.spec?.liveMigrationConfig, {
    completionTimeoutPerGiB: 150,
    parallelMigrationsPerCluster: 5,
    parallelOutboundMigrationsPerNode: 2,
    progressTimeout: 150,
    allowAutoConverge: false,
    allowPostCopy: false,
  });
  assert.equal(hco.spec?.featureGates?.deployKubeSecondaryDNS, false);
  assert.equal(hco.spec?.featureGates?.VMPersistentState, false);
  assert.equal(hco.spec?.defaultCPUModel, 'EPYC');
});

test('defaults keep what the user set', async () => {
  const hco = load(DEFAULT_CPU_MODEL);
  hco.spec!.liveMigrationConfig = { parallelMigrationsPerCluster: 1, network: 'migration-net' };
  hco.spec!.featureGates = { VMPersistentState: true };
  await admit(hcoKind, hco);
  assert.equal(hco.spec?.liveMigrationConfig?.parallelMigrationsPerCluster, 1);
  assert.equal(hco.spec?.liveMigrationConfig?.network, 'migration-net');
  assert.equal(hco.spec?.featureGates?.VMPersistentState, true);
});

test('seed conflict: removed server.duration defaults to 24h and only the first conflict is reported', async () => {
  assert.deepEqual(brief(await admit(hcoKind, load(CONFLICT))), [
    { field: 'spec.certConfig', message: 'ca.duration is smaller than server.duration' },
  ]);
});

test('each ordering rule, with its wording', async () => {
  const cert = (ca: [string, string], server: [string, string]) => {
    const hco = load(CERT_CONFIG);
    hco.spec!.certConfig = { ca: { duration: ca[0], renewBefore: ca[1] }, server: { duration: server[0], renewBefore: server[1] } };
    return admit(hcoKind, hco).then(brief);
  };
  assert.deepEqual(await cert(['1h', '2h'], ['30m', '20m']), [{ field: 'spec.certConfig', message: 'ca.duration is smaller than ca.renewBefore' }]);
  assert.deepEqual(await cert(['1h', '30m'], ['2h', '20m']), [{ field: 'spec.certConfig', message: 'ca.duration is smaller than server.duration' }]);
  assert.deepEqual(await cert(['1h', '30m'], ['30m', '40m']), [{ field: 'spec.certConfig', message: 'server.duration is smaller than server.renewBefore' }]);
  // All three broken: only the first, in the seed's order.
  assert.deepEqual(await cert(['1h', '2h'], ['3h', '4h']), [{ field: 'spec.certConfig', message: 'ca.duration is smaller than ca.renewBefore' }]);
  // Equal values are allowed ("less than or equal").
  assert.deepEqual(await cert(['1h', '1h'], ['60m', '3600s']), []);
});

test('durations must parse and be at least 10 minutes', async () => {
  const hco = load(CERT_CONFIG);
  hco.spec!.certConfig!.server = { duration: '9m59s', renewBefore: '2 days' };
  assert.deepEqual(brief(await admit(hcoKind, hco)), [
    { field: 'spec.certConfig.server.duration', message: 'Invalid value: "9m59s": value is too small: must be at least 10m0s' },
    { field: 'spec.certConfig.server.renewBefore', message: 'Invalid value: "2 days": must be a golang ParseDuration string such as 48h0m0s, 1h30m or 90m' },
  ]);
});

test('only kubevirt-hyperconverged in vireo-system', async () => {
  const hco = yamlObject<HyperConverged>(CERT_CONFIG);
  hco.metadata.name = 'my-hco';
  assert.deepEqual(brief(await admit(hcoKind, hco)), [
    { field: 'metadata.name', message: 'Invalid value: "my-hco": the HyperConverged must be named kubevirt-hyperconverged: it is the one cluster-wide configuration object' },
    { field: 'metadata.namespace', message: `Invalid value: "openshift-cnv": the HyperConverged must be in namespace vireo-system (Vireo's openshift-cnv): it is the one cluster-wide configuration object` },
  ]);
});

test('feature gates: the seed VMPersistentState patch is accepted; unknown gates are named', async () => {
  const hco = load(CERT_CONFIG);
  hco.spec!.featureGates = { VMPersistentState: true, downwardMetrics: true, enableFoo: true };
  assert.deepEqual(schemaErrors(hcoKind.schema, hco), []);
  const errs = await admit(hcoKind, hco);
  assert.equal(errs.length, 1);
  assert.equal(errs[0].field, 'spec.featureGates.enableFoo');
  assert.match(errs[0].message, /^Unsupported value: "enableFoo": unknown feature gate; known gates: .*VMPersistentState/);
});

test('tuningPolicy is annotation or highBurst (seed highBurst patch)', () => {
  const hco = load(CERT_CONFIG);
  hco.spec!.tuningPolicy = 'highBurst';
  assert.deepEqual(schemaErrors(hcoKind.schema, hco), []);
  (hco.spec as Record<string, unknown>).tuningPolicy = 'lowLatency';
  assert.ok(schemaErrors(hcoKind.schema, hco).some((e) => e.startsWith('/spec/tuningPolicy')));
});

test('insecure registries are host[:port] without scheme', async () => {
  const hco = load(CERT_CONFIG);
  hco.spec!.insecureRegistries = ['registry.example.com:5000', '192.168.1.5', '[fd00::1]:5000', 'https://registry.example.com'];
  hco.spec!.storageImport = { insecureRegistries: ['registry.example.com/path', 'r.example.com:99999'] };
  assert.deepEqual(brief(await admit(hcoKind, hco)), [
    { field: 'spec.insecureRegistries[3]', message: 'Invalid value: "https://registry.example.com": must be host[:port] without a scheme or path, e.g. registry.example.com:5000' },
    { field: 'spec.storageImport.insecureRegistries[0]', message: 'Invalid value: "registry.example.com/path": must be host[:port] without a scheme or path, e.g. registry.example.com:5000' },
    { field: 'spec.storageImport.insecureRegistries[1]', message: 'Invalid value: "r.example.com:99999": port must be between 1 and 65535' },
  ]);
});

test('bandwidthPerMigration is a quantity', async () => {
  const hco = load(CERT_CONFIG);
  hco.spec!.liveMigrationConfig = { bandwidthPerMigration: 'fast' };
  assert.deepEqual(brief(await admit(hcoKind, hco)), [
    { field: 'spec.liveMigrationConfig.bandwidthPerMigration', message: 'Invalid value: "fast": must be a non-negative quantity such as 64Mi' },
  ]);
});
