// The API server's TLS material: a CA and a server certificate signed by it, generated on first
// start into the data dir, with a SAN for every address the server listens on. Regenerated only
// when the SANs no longer cover the listen addresses.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function writeAtomic(path: string, data: string, mode = 0o600): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode });
  renameSync(tmp, path);
}

function serial(): string {
  return `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
}

function makeCa(): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600_000);
  const attrs = [{ name: 'commonName', value: 'vireo-ca' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function makeServerCert(ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }, hosts: string[]) {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: 'vireo-apiserver' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  const altNames = hosts.map((h) => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function sans(certPem: string): string[] {
  const cert = forge.pki.certificateFromPem(certPem);
  const ext = cert.getExtension('subjectAltName') as { altNames?: { ip?: string; value?: string }[] } | undefined;
  return (ext?.altNames ?? []).map((a) => a.ip ?? a.value ?? '');
}

/**
 * The names a client may use for a listen address: itself, or for a wildcard (0.0.0.0, ::) this
 * host's name and every address of its interfaces, so agents on other hosts can verify the server.
 */
function namesFor(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  const addrs = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => host === '::' || a.family === 'IPv4'));
  // Link-local IPv6 addresses need a zone to be dialled: no client names the server by one.
  return [hostname(), ...addrs.filter((a) => !a.address.startsWith('fe80:')).map((a) => a.address)];
}

/** Loads or creates the CA and server certificate under `<dataDir>/pki`. */
export function ensureTls(dataDir: string, listenHosts: string[]): TlsMaterial {
  const dir = join(dataDir, 'pki');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caCrt = join(dir, 'ca.crt');
  const caKey = join(dir, 'ca.key');
  const srvCrt = join(dir, 'apiserver.crt');
  const srvKey = join(dir, 'apiserver.key');
  const hosts = [...new Set(['localhost', '127.0.0.1', '::1', ...listenHosts.flatMap(namesFor)])];
  let ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  if (existsSync(caCrt) && existsSync(caKey)) {
    ca = {
      cert: forge.pki.certificateFromPem(readFileSync(caCrt, 'utf8')),
      key: forge.pki.privateKeyFromPem(readFileSync(caKey, 'utf8')) as forge.pki.rsa.PrivateKey,
    };
  } else {
    ca = makeCa();
    writeAtomic(caKey, forge.pki.privateKeyToPem(ca.key));
    writeAtomic(caCrt, forge.pki.certificateToPem(ca.cert), 0o644);
  }
  const current = existsSync(srvCrt) && existsSync(srvKey) ? readFileSync(srvCrt, 'utf8') : undefined;
  if (!current || !hosts.every((h) => sans(current).includes(h))) {
    const srv = makeServerCert(ca, hosts);
    writeAtomic(srvKey, forge.pki.privateKeyToPem(srv.key));
    writeAtomic(srvCrt, forge.pki.certificateToPem(srv.cert), 0o644);
  }
  return { caPem: readFileSync(caCrt, 'utf8'), certPem: readFileSync(srvCrt, 'utf8'), keyPem: readFileSync(srvKey, 'utf8') };
}
