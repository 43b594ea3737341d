import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { firmwareBootFailure } from './boot-failure.ts';

test("SeaBIOS's 'No bootable device.' becomes a reason with its 'Boot failed' lines; nothing else does", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlog-'));
  const log = join(dir, 'firmware.log');
  assert.equal(await firmwareBootFailure(log), undefined, 'no log yet');
  writeFileSync(log, 'SeaBIOS (version 1.16.2)\nBooting from Hard Disk...\n');
  assert.equal(await firmwareBootFailure(log), undefined);
  writeFileSync(log, 'Booting from Hard Disk...\nBoot failed: not a bootable disk\n\nBoot failed: could not read the boot disk\nenter handle_18:\n  NULL\nNo bootable device.\n');
  assert.equal(await firmwareBootFailure(log), 'no bootable disk: the firmware found nothing to boot (not a bootable disk; could not read the boot disk)');
});
