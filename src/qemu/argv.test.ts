// Golden tests, Proxmox cfg2cmd style: each testdata/<case>.yaml must build exactly
// testdata/<case>.argv. After an intended change, regenerate with
//   UPDATE_GOLDEN=1 node --import tsx --test src/qemu/argv.test.ts
// and review the diff. Error cases must throw a LaunchError with the stated message and field.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildQemuArgv, LaunchError } from './argv.ts';
import { loadCases, TESTDATA } from './testdata.ts';

const update = process.env.UPDATE_GOLDEN === '1';
const cases = loadCases();

describe('golden argv', () => {
  for (const c of cases) {
    test(c.name, () => {
      if (c.error) {
        assert.throws(
          () => buildQemuArgv(c.input),
          (e: unknown) => {
            assert.ok(e instanceof LaunchError, `expected LaunchError, got ${String(e)}`);
            assert.equal(e.message, c.error?.message);
            if (c.error?.field) assert.equal(e.field, c.error.field);
            return true;
          },
        );
        assert.equal(existsSync(c.argvPath), false, `${c.name} is an error case but has an .argv file`);
        return;
      }
      const text = buildQemuArgv(c.input).join('\n') + '\n';
      if (update) writeFileSync(c.argvPath, text);
      assert.ok(existsSync(c.argvPath), `missing ${c.argvPath}; run with UPDATE_GOLDEN=1`);
      assert.equal(text, readFileSync(c.argvPath, 'utf8'));
    });
  }

  test('there are enough cases and no stale .argv files', () => {
    assert.ok(cases.filter((c) => !c.error).length >= 14);
    const names = new Set(cases.map((c) => c.name));
    const stale = readdirSync(TESTDATA).filter((f) => f.endsWith('.argv') && !names.has(f.slice(0, -'.argv'.length)));
    assert.deepEqual(stale, []);
  });
});

describe('argv properties', () => {
  const byName = (n: string) => {
    const c = cases.find((x) => x.name === n);
    assert.ok(c, n);
    return c;
  };

  test('same input, same argv (no hidden state)', () => {
    for (const c of cases.filter((x) => !x.error)) {
      assert.deepEqual(buildQemuArgv(structuredClone(c.input)), buildQemuArgv(c.input));
    }
  });

  test('a migration target differs from its source only by -incoming defer', () => {
    const target = byName('14-migration-target').input;
    const source = buildQemuArgv({ ...target, incoming: false });
    assert.deepEqual(buildQemuArgv(target), [...source, '-incoming', 'defer']);
  });

  test('every PCI device has an explicit id and address on pcie.0, all distinct', () => {
    for (const c of cases.filter((x) => !x.error)) {
      const argv = buildQemuArgv(c.input);
      const addrs: string[] = [];
      argv.forEach((a, i) => {
        if (argv[i - 1] !== '-device') return;
        const model = a.split(',')[0];
        if (/-pci$|^(VGA|e1000e?|rtl8139|pcnet|ne2k_pci)$/.test(model)) {
          assert.match(a, /,id=[^,]+/, `${c.name}: ${a}`);
          const addr = /,bus=pcie\.0,addr=(0x[0-9a-f]+)/.exec(a);
          assert.ok(addr, `${c.name}: ${a} has no explicit address`);
          addrs.push(addr[1]);
        }
      });
      assert.equal(new Set(addrs).size, addrs.length, `${c.name}: duplicate PCI address`);
    }
  });

  test('adding a NIC does not move a disk', () => {
    const base = byName('01-minimal-bios-virtio').input;
    const more = structuredClone(base);
    more.spec.domain!.devices!.interfaces = [
      { name: 'default', masquerade: {} },
      { name: 'second', masquerade: {} },
    ];
    more.spec.networks = [{ name: 'default', pod: {} }, { name: 'second', pod: {} }];
    more.network = { macs: { default: '02:00:00:00:00:01', second: '02:00:00:00:00:02' } };
    const disk = (argv: string[]) => argv.find((a) => a.startsWith('virtio-blk-pci'));
    assert.equal(disk(buildQemuArgv(more)), disk(buildQemuArgv(base)));
  });

  test('no MAC anywhere is an error, not a random one', () => {
    const input = structuredClone(byName('01-minimal-bios-virtio').input);
    input.network = {};
    assert.throws(() => buildQemuArgv(input), /interface "default" has no MAC address/);
  });

  test('missing memory and bad quantities are LaunchErrors', () => {
    const input = structuredClone(byName('01-minimal-bios-virtio').input);
    input.spec.domain!.resources = {};
    assert.throws(() => buildQemuArgv(input), /no memory size/);
    input.spec.domain!.resources = { requests: { memory: '12 parsecs' } };
    assert.throws(() => buildQemuArgv(input), (e: unknown) => e instanceof LaunchError && e.field === 'spec.domain.resources.requests.memory');
  });

  test('a CPU model the node lacks is refused', () => {
    const input = structuredClone(byName('07-named-cpu-features.yaml'.replace('.yaml', '')).input);
    input.spec.domain!.cpu!.model = 'Icelake-Server';
    assert.throws(() => buildQemuArgv(input), /CPU model "Icelake-Server" is not available on this node/);
  });

  test('cache none on a file system without O_DIRECT is refused', () => {
    const input = structuredClone(byName('01-minimal-bios-virtio').input);
    input.volumes[0].directIO = false;
    input.spec.domain!.devices!.disks![0].cache = 'none';
    assert.throws(() => buildQemuArgv(input), /needs O_DIRECT/);
  });
});
