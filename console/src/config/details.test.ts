import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootModeOf, bootModeOps, bootOrderOf, cpuMemoryOps, descriptionOps, headlessOf, headlessOps, hostnameOps, memoryOf, vcpusOf } from './details.ts';
import { guarded } from './json-patch.ts';
import { admission, patched } from './patched.fixture.ts';
import { sampleVm } from './sample-vm.fixture.ts';
import { templateSpecOf } from './vm-view.ts';

test('CPU | memory of the sample: sockets × cores × threads, guest memory', () => {
  const vm = sampleVm();
  assert.equal(vcpusOf(vm), 2);
  assert.equal(memoryOf(vm), '256Mi');
});

test('CPU | memory edit: vCPUs as sockets, memory where the VM states it; the API accepts it', async () => {
  const vm = sampleVm();
  const ops = cpuMemoryOps(vm, 4, { value: '1', unit: 'Gi' });
  assert.deepEqual(ops, [
    { op: 'replace', path: '/spec/template/spec/domain/cpu/sockets', value: 4 },
    { op: 'replace', path: '/spec/template/spec/domain/memory/guest', value: '1Gi' },
    { op: 'replace', path: '/spec/template/spec/domain/resources/requests/memory', value: '1Gi' },
  ]);
  const out = patched(vm, guarded(vm, ops));
  assert.equal(vcpusOf(out), 4);
  assert.equal(memoryOf(out), '1Gi');
  assert.deepEqual(await admission(out), []);
});

test('CPU | memory edit of a VM with only a memory request and cores: the request, sockets added, cores 1', () => {
  const vm = sampleVm();
  const d = vm.spec!.template!.spec!.domain!;
  delete d.memory;
  d.cpu = { cores: 4 };
  const out = patched(vm, cpuMemoryOps(vm, 2, { value: '512', unit: 'Mi' }));
  assert.deepEqual(templateSpecOf(out).domain?.cpu, { cores: 1, sockets: 2 });
  assert.deepEqual(templateSpecOf(out).domain?.resources, { requests: { memory: '512Mi' } });
  assert.equal(templateSpecOf(out).domain?.memory, undefined);
});

test('CPU | memory of a VM stating neither: the request is created', () => {
  const vm = sampleVm();
  const d = vm.spec!.template!.spec!.domain!;
  delete d.memory;
  delete d.resources;
  delete d.cpu;
  assert.deepEqual(cpuMemoryOps(vm, 1, { value: '128', unit: 'Mi' }), [
    { op: 'add', path: '/spec/template/spec/domain/cpu', value: { sockets: 1 } },
    { op: 'add', path: '/spec/template/spec/domain/resources', value: { requests: { memory: '128Mi' } } },
  ]);
});

test('boot mode: BIOS without efi, UEFI secure by default with efi, UEFI when secureBoot is false', () => {
  const vm = sampleVm();
  assert.equal(bootModeOf(vm), 'bios');
  vm.spec!.template!.spec!.domain!.firmware = { bootloader: { efi: {} } };
  assert.equal(bootModeOf(vm), 'uefiSecure');
  vm.spec!.template!.spec!.domain!.firmware = { bootloader: { efi: { secureBoot: false } } };
  assert.equal(bootModeOf(vm), 'uefi');
});

test('boot order: devices with a bootOrder, lowest first; else the first disk', () => {
  const vm = sampleVm();
  assert.deepEqual(bootOrderOf(vm), [{ name: 'root', kind: 'disk', order: 1 }]);
  vm.spec!.template!.spec!.domain!.devices!.interfaces![1]!.bootOrder = 0;
  assert.deepEqual(bootOrderOf(vm).map((e) => e.name), ['lan', 'root']);
  delete vm.spec!.template!.spec!.domain!.devices!.interfaces![1]!.bootOrder;
  delete vm.spec!.template!.spec!.domain!.devices!.disks![0]!.bootOrder;
  assert.deepEqual(bootOrderOf(vm), [{ name: 'root', kind: 'disk' }]);
});

test('description annotation, hostname and headless patches', async () => {
  const vm = sampleVm();
  assert.deepEqual(descriptionOps(vm, 'web tier'), [{ op: 'replace', path: '/metadata/annotations/description', value: 'web tier' }]);
  assert.deepEqual(descriptionOps(vm, '  '), [{ op: 'remove', path: '/metadata/annotations/description' }]);
  assert.deepEqual(hostnameOps(vm, 'web1'), [{ op: 'add', path: '/spec/template/spec/hostname', value: 'web1' }]);
  assert.deepEqual(hostnameOps(vm, ''), []);
  assert.equal(headlessOf(vm), false);
  const out = patched(vm, headlessOps(vm, true));
  assert.equal(headlessOf(out), true);
  assert.deepEqual(await admission(out), []);
  assert.deepEqual(headlessOps(out, false), [{ op: 'remove', path: '/spec/template/spec/domain/devices/autoattachGraphicsDevice' }]);
});

test('boot mode edits: UEFI secure enables SMM (which the API requires), UEFI, back to BIOS; accepted', async () => {
  const vm = sampleVm();
  assert.deepEqual(bootModeOps(vm, 'bios'), []);
  const secureOps = bootModeOps(vm, 'uefiSecure');
  assert.deepEqual(secureOps, [
    { op: 'add', path: '/spec/template/spec/domain/firmware', value: { bootloader: { efi: { secureBoot: true } } } },
    { op: 'add', path: '/spec/template/spec/domain/features', value: { smm: { enabled: true } } },
  ]);
  const secure = patched(vm, guarded(vm, secureOps));
  assert.equal(bootModeOf(secure), 'uefiSecure');
  assert.deepEqual(await admission(secure), []);
  assert.deepEqual(bootModeOps(secure, 'uefiSecure'), []);
  const uefi = patched(secure, bootModeOps(secure, 'uefi'));
  assert.deepEqual(templateSpecOf(uefi).domain?.firmware, { bootloader: { efi: { secureBoot: false } } });
  assert.deepEqual(await admission(uefi), []);
  const bios = patched(uefi, bootModeOps(uefi, 'bios'));
  assert.equal(bootModeOf(bios), 'bios');
  assert.deepEqual(templateSpecOf(bios).domain?.firmware, { bootloader: { bios: {} } });
  assert.deepEqual(await admission(bios), []);
});

test('UEFI secure with SMM turned off turns it on; persistent EFI variables are kept', async () => {
  const vm = sampleVm();
  const d = vm.spec!.template!.spec!.domain!;
  d.firmware = { bootloader: { efi: { secureBoot: false, persistent: true } } };
  d.features = { smm: { enabled: false } };
  const out = patched(vm, bootModeOps(vm, 'uefiSecure'));
  assert.deepEqual(templateSpecOf(out).domain?.firmware, { bootloader: { efi: { secureBoot: true, persistent: true } } });
  assert.deepEqual(templateSpecOf(out).domain?.features, { smm: { enabled: true } });
  assert.deepEqual(await admission(out), []);
});
