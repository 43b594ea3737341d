import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { guestBootFailure } from './boot-failure.ts';
import { ovmfBootFailure } from './efi-boot-failure.ts';

// What Debian's OVMF (2022.11) printed on the serial console under TCG, escapes and all.
const CLS = '\x1b[2J\x1b[01;01H\x1b[=3h\x1b[2J\x1b[01;01H';
const SHELL_FV = 'Fv(7CB8BDC9-F8EB-4F34-AAEA-3EE4AF6516A1)/FvFile(7C04A583-9E3E-4F1C-AD65-E05268D0B4D1)';
const SECURE_REFUSED = `${CLS}BdsDxe: loading Boot0001 "UEFI Misc Device" from PciRoot(0x0)/Pci(0x10,0x0)\r
BdsDxe: failed to load Boot0001 "UEFI Misc Device" from PciRoot(0x0)/Pci(0x10,0x0): Access Denied\r
BdsDxe: loading Boot0002 "EFI Internal Shell" from ${SHELL_FV}\r
BdsDxe: starting Boot0002 "EFI Internal Shell" from ${SHELL_FV}\r
BdsDxe: failed to start Boot0002 "EFI Internal Shell" from ${SHELL_FV}: Security Violation\r
BdsDxe: No bootable option or device was found.\r
BdsDxe: Press any key to enter the Boot Manager Menu.\r`;
const BLANK_TO_SHELL = `${CLS}BdsDxe: failed to load Boot0001 "UEFI Misc Device" from PciRoot(0x0)/Pci(0x1,0x0): Not Found\r
BdsDxe: loading Boot0002 "EFI Internal Shell" from ${SHELL_FV}\r
BdsDxe: starting Boot0002 "EFI Internal Shell" from ${SHELL_FV}\r
\x1b[2J\x1b[01;01HUEFI Interactive Shell v2.2\r
Shell> `;
const BOOTED = `${CLS}BdsDxe: loading Boot0001 "UEFI Misc Device" from PciRoot(0x0)/Pci(0x10,0x0)\r
BdsDxe: starting Boot0001 "UEFI Misc Device" from PciRoot(0x0)/Pci(0x10,0x0)\r
VIREO-GUEST-READY\r
`;

test('OVMF: secure boot refusing the loader is said so, with every refused option', () => {
  assert.equal(
    ovmfBootFailure(SECURE_REFUSED),
    'secure boot refused to start the boot loader: it is not signed by a key the firmware trusts (Boot0001 "UEFI Misc Device": Access Denied; Boot0002 "EFI Internal Shell": Security Violation)',
  );
});

test('OVMF: a refusal is not final until the boot manager gives up', () => {
  assert.equal(ovmfBootFailure(SECURE_REFUSED.slice(0, SECURE_REFUSED.indexOf('BdsDxe: No bootable'))), undefined);
});

test('OVMF: a blank disk that falls back to the built-in shell is no bootable disk', () => {
  assert.equal(ovmfBootFailure(BLANK_TO_SHELL), 'no bootable disk: the UEFI firmware found nothing to boot and started its built-in shell (Boot0001 "UEFI Misc Device": Not Found)');
});

test('OVMF: a loader too large for the guest memory is said so, not called unbootable', () => {
  const text = BLANK_TO_SHELL.replace(': Not Found', ': Out of Resources');
  assert.equal(ovmfBootFailure(text), 'the UEFI firmware could not load the boot loader: out of memory, give the VM more memory (Boot0001 "UEFI Misc Device": Out of Resources)');
});

test('OVMF: a guest that booted, or no output yet, is no failure', () => {
  assert.equal(ovmfBootFailure(BOOTED), undefined);
  assert.equal(ovmfBootFailure(''), undefined);
});

test("the agent reads SeaBIOS's log for BIOS guests and the serial log's head for EFI guests", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bootfail-'));
  const run = { firmwareLog: join(dir, 'firmware.log'), serialLog: join(dir, 'serial.log') };
  assert.equal(await guestBootFailure(run), undefined, 'nothing written yet');
  writeFileSync(run.serialLog, SECURE_REFUSED);
  assert.match((await guestBootFailure(run)) ?? '', /^secure boot refused/);
  // A BIOS guest has a firmware log; its serial output is the guest's, not OVMF's.
  writeFileSync(run.firmwareLog, 'SeaBIOS (version 1.16.2)\nBooting from Hard Disk...\n');
  assert.equal(await guestBootFailure(run), undefined);
});
