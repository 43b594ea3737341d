import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureTls } from './tls.ts';

test('a server listening on 0.0.0.0 gets a certificate naming every IPv4 address of this host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-tls-'));
  try {
    const cert = new X509Certificate(ensureTls(dir, ['0.0.0.0']).certPem);
    const ipv4 = Object.values(networkInterfaces()).flatMap((l) => (l ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address));
    assert.ok(ipv4.length > 0);
    for (const ip of ipv4) assert.equal(cert.checkIP(ip), ip, `${ip} missing from ${cert.subjectAltName}`);
    assert.equal(cert.checkHost('localhost'), 'localhost');
    assert.equal(cert.checkIP('192.0.2.77'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
