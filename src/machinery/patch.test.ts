import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PatchError, applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from './patch.ts';

const vm = () => ({
  metadata: { name: 'vm1', labels: { app: 'a' } },
  spec: { runStrategy: 'Always', list: [1, 2, 3] },
});

test('json patch: add, remove, replace, move, copy, test', () => {
  const doc = vm();
  const out = applyJsonPatch(doc, [
    { op: 'test', path: '/spec/runStrategy', value: 'Always' },
    { op: 'add', path: '/metadata/labels/tier', value: 'db' },
    { op: 'add', path: '/spec/list/-', value: 4 },
    { op: 'add', path: '/spec/list/0', value: 0 },
    { op: 'remove', path: '/spec/list/1' },
    { op: 'replace', path: '/spec/runStrategy', value: 'Halted' },
    { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copied' },
    { op: 'move', from: '/metadata/labels/tier', path: '/metadata/labels/moved' },
  ]);
  assert.deepEqual(out, {
    metadata: { name: 'vm1', labels: { app: 'a', copied: 'a', moved: 'db' } },
    spec: { runStrategy: 'Halted', list: [0, 2, 3, 4] },
  });
  assert.deepEqual(doc, vm(), 'input untouched');
});

test('json patch: label keys with "/" use ~1 escaping', () => {
  const out = applyJsonPatch(vm(), [{ op: 'add', path: '/metadata/labels/kubevirt.io~1domain', value: 'x' }]) as {
    metadata: { labels: Record<string, string> };
  };
  assert.equal(out.metadata.labels['kubevirt.io/domain'], 'x');
});

test('json patch: root replace', () => {
  assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }]), { b: 2 });
});

test('json patch: added values are not aliased to the ops', () => {
  const value = { x: 1 };
  const out = applyJsonPatch({}, [{ op: 'add', path: '/v', value }]) as { v: { x: number } };
  out.v.x = 2;
  assert.equal(value.x, 1);
});

test('json patch: failures name the op and path', () => {
  const cases: [unknown, RegExp][] = [
    [{ op: 'test', path: '/spec/runStrategy', value: 'Halted' }, /operation 0 \(test "\/spec\/runStrategy"\): test failed: value is "Always", expected "Halted"/],
    [{ op: 'test', path: '/spec/nope', value: 1 }, /test "\/spec\/nope"\): test failed: the path does not exist/],
    [{ op: 'remove', path: '/spec/nope' }, /remove "\/spec\/nope"\): the path does not exist/],
    [{ op: 'replace', path: '/spec/list/7', value: 1 }, /replace "\/spec\/list\/7"\): the path does not exist/],
    [{ op: 'add', path: '/spec/a/b/c', value: 1 }, /add "\/spec\/a\/b\/c"\)/],
    [{ op: 'add', path: '/spec/list/9', value: 1 }, /greater than the array length/],
    [{ op: 'add', path: '/spec/list/x', value: 1 }, /array index must be/],
    [{ op: 'move', from: '/spec/nope', path: '/spec/x' }, /move "\/spec\/x" from "\/spec\/nope"\): the "from" path does not exist/],
    [{ op: 'frobnicate', path: '/a' }, /unknown op "frobnicate"/],
    [{ op: 'add', path: 'spec' , value: 1 }, /path must be empty or start with "\/"/],
    [{ op: 'add', path: '/spec/x' }, /"value" is required/],
    [{ op: 'copy', path: '/spec/x' }, /"from" must be a string/],
    [{ op: 'add', path: '/__proto__/polluted', value: 1 }, /__proto__/],
    ['nope', /operation 0 is not an object/],
  ];
  for (const [op, re] of cases) {
    assert.throws(() => applyJsonPatch(vm(), [op]), (e: unknown) => e instanceof PatchError && re.test(e.message), JSON.stringify(op));
  }
  assert.throws(() => applyJsonPatch(vm(), { op: 'add' }), /must be a JSON array/);
  // The index reported is the failing op's, not 0.
  assert.throws(
    () => applyJsonPatch(vm(), [{ op: 'add', path: '/x', value: 1 }, { op: 'remove', path: '/y' }]),
    /operation 1 \(remove "\/y"\)/,
  );
});

test('merge patch: RFC 7386 appendix A examples', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [doc, patch, want] of cases) {
    const before = structuredClone(doc);
    assert.deepEqual(applyMergePatch(doc, patch), want, JSON.stringify([doc, patch]));
    assert.deepEqual(doc, before, 'input untouched');
  }
});

test('merge patch: a "__proto__" key is data, not a prototype change', () => {
  const out = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.deepEqual(Object.keys(out), ['__proto__']);
});

const vmi = () => ({
  spec: {
    template: {
      spec: {
        domain: {
          devices: {
            disks: [
              { name: 'rootdisk', disk: { bus: 'virtio' } },
              { name: 'cloudinit', disk: { bus: 'virtio' } },
            ],
          },
        },
        volumes: [
          { name: 'rootdisk', containerDisk: { image: 'fedora' } },
          { name: 'cloudinit', cloudInitNoCloud: { userData: '#cloud-config' } },
        ],
      },
    },
  },
  metadata: { finalizers: ['a', 'b'] },
});

test('strategic merge: disks merge by name, $patch: delete removes, scalar lists replace', () => {
  const out = applyStrategicMergePatch(vmi(), {
    metadata: { finalizers: ['c'] },
    spec: {
      template: {
        spec: {
          domain: {
            devices: {
              disks: [
                { name: 'rootdisk', disk: { bus: 'sata' }, bootOrder: 1 },
                { name: 'cloudinit', $patch: 'delete' },
                { name: 'data', disk: { bus: 'scsi' } },
              ],
            },
          },
          volumes: [{ name: 'cloudinit', $patch: 'delete' }],
        },
      },
    },
  });
  assert.deepEqual(out, {
    spec: {
      template: {
        spec: {
          domain: {
            devices: {
              disks: [
                { name: 'rootdisk', disk: { bus: 'sata' }, bootOrder: 1 },
                { name: 'data', disk: { bus: 'scsi' } },
              ],
            },
          },
          volumes: [{ name: 'rootdisk', containerDisk: { image: 'fedora' } }],
        },
      },
    },
    metadata: { finalizers: ['c'] },
  });
});

test('strategic merge: null deletes inside a merged element; directives never leak', () => {
  const out = applyStrategicMergePatch(vmi(), {
    spec: {
      template: {
        spec: {
          domain: { devices: { disks: [{ name: 'rootdisk', disk: null, cdrom: { bus: 'sata', $patch: 'merge' } }] } },
        },
      },
    },
  }) as ReturnType<typeof vmi>;
  assert.deepEqual(out.spec.template.spec.domain.devices.disks[0], { name: 'rootdisk', cdrom: { bus: 'sata' } });
  assert.ok(!JSON.stringify(out).includes('$'));
});

test('strategic merge: $patch: replace on a map and on a list', () => {
  const doc = { spec: { a: { x: 1, y: 2 }, l: [{ name: 'p', v: 1 }, { name: 'q', v: 2 }] } };
  const out = applyStrategicMergePatch(doc, {
    spec: { a: { $patch: 'replace', z: 3 }, l: [{ $patch: 'replace' }, { name: 'r', v: 3 }] },
  });
  assert.deepEqual(out, { spec: { a: { z: 3 }, l: [{ name: 'r', v: 3 }] } });
});

test('strategic merge: $setElementOrder, $retainKeys and $deleteFromPrimitiveList are honoured and stripped', () => {
  const doc = { spec: { l: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], s: { type: 'X', x: 1, y: 2 }, f: ['a', 'b', 'c'] } };
  const out = applyStrategicMergePatch(doc, {
    spec: {
      '$setElementOrder/l': [{ name: 'c' }, { name: 'a' }],
      l: [{ name: 'a', v: 1 }],
      s: { $retainKeys: ['type', 'y'], type: 'Y' },
      '$deleteFromPrimitiveList/f': ['b'],
    },
  });
  assert.deepEqual(out, { spec: { l: [{ name: 'c' }, { name: 'a', v: 1 }, { name: 'b' }], s: { type: 'Y', y: 2 }, f: ['a', 'c'] } });
});

test('strategic merge: listMapKeys chooses the merge key; "" forces replace', () => {
  const doc = { status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Paused', status: 'True' }] }, spec: { l: [{ name: 'a' }] } };
  const keys = (p: string[]) => (p.join('.') === 'status.conditions' ? 'type' : p.join('.') === 'spec.l' ? '' : undefined);
  const out = applyStrategicMergePatch(doc, { status: { conditions: [{ type: 'Ready', status: 'True' }] }, spec: { l: [{ name: 'b' }] } }, keys);
  assert.deepEqual(out, {
    status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Paused', status: 'True' }] },
    spec: { l: [{ name: 'b' }] },
  });
  // Without the key function, objects without `name` are replaced like a merge patch would.
  assert.deepEqual(applyStrategicMergePatch(doc, { status: { conditions: [{ type: 'Ready' }] } }), {
    status: { conditions: [{ type: 'Ready' }] },
    spec: { l: [{ name: 'a' }] },
  });
  assert.throws(() => applyStrategicMergePatch(doc, { status: { conditions: [{ status: 'x' }] } }, keys), PatchError);
});

test('strategic merge: rejects non-object patches and unknown directives', () => {
  assert.throws(() => applyStrategicMergePatch({}, [1]), PatchError);
  assert.throws(() => applyStrategicMergePatch({}, { a: { $patch: 'explode' } }), /unknown \$patch directive "explode" at a/);
});
