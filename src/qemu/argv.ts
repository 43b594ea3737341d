// The QEMU command line for one VMI: a pure function of the VMI spec, the node's facts and what the
// agent resolved (volumes, run-dir paths, MACs, forwards). No fs, env, clock or randomness, so the
// same input always gives the same argv — which is what lets a migration target be built to match
// its source (same machine type, same devices, same ids and PCI addresses; see layout.ts).
//
// Process model (the agent's job, not argv's): QEMU is spawned detached (its own session via
// setsid, stdio to a log file) so it outlives a restarting agent, which later re-adopts it through
// the pidfile and QMP socket. Hence no `-daemonize`: the agent keeps the child's exit status when it
// is the parent, and `-S` holds the guest paused until the agent has finished setup and sends `cont`.
import { diskArgs, scsiControllerArgs } from './argv-disks.ts';
import { effectiveInterfaces, nicArgs } from './argv-nics.ts';
import { accelArg, cpuArg, machineArg, memoryArg, smmEnabled, smpArg } from './argv-machine.ts';
import { LaunchError } from './launch-error.ts';
import { DEBIAN_OVMF, type LaunchInput, type LaunchVmiSpec } from './launch-spec.ts';
import { PCI_BUS, SLOT, pciAddr } from './layout.ts';
import { escapeOpt, opts } from './qemu-opts.ts';

export { LaunchError } from './launch-error.ts';

export function buildQemuArgv(input: LaunchInput): string[] {
  const { spec, node, paths } = input;
  const devices = spec.domain?.devices ?? {};
  const uuid = spec.domain?.firmware?.uuid ?? input.uuid;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)) {
    throw new LaunchError(`invalid VM uuid "${uuid}"`, 'spec.domain.firmware.uuid');
  }
  const boot = bootIndexes(spec);

  const argv: string[] = [
    '-name', opts(undefined, [['guest', input.name], ['debug-threads', true]]),
    '-uuid', uuid.toLowerCase(),
    '-no-user-config',
    '-nodefaults',
    '-display', 'none',
    '-msg', 'timestamp=on',
    '-machine', machineArg(spec),
    '-accel', accelArg(node),
    '-cpu', cpuArg(spec, node),
    '-smp', smpArg(spec),
    '-m', memoryArg(spec, node),
    ...firmwareArgs(input),
    '-boot', 'strict=on',
    '-qmp', `unix:${escapeOpt(paths.qmpSocket)},server=on,wait=off`,
    '-pidfile', paths.pidFile,
    '-S',
  ];

  // BIOS guests: SeaBIOS reports boot failures only on its debug port; the agent reads this file.
  if (paths.firmwareLog && !input.spec.domain?.firmware?.bootloader?.efi) {
    argv.push('-chardev', opts('file', [['id', 'firmwarelog'], ['path', paths.firmwareLog]]), '-device', opts('isa-debugcon', [['iobase', '0x402'], ['chardev', 'firmwarelog']]));
  }
  if (devices.autoattachSerialConsole !== false) {
    // The log fills even with no client on the socket, so the console history survives.
    argv.push(
      '-chardev',
      opts('socket', [['id', 'serial0'], ['path', paths.serialSocket], ['server', true], ['wait', false], ['logfile', paths.serialLog], ['logappend', true]]),
      '-serial', 'chardev:serial0',
    );
  }
  if (devices.autoattachGraphicsDevice !== false) {
    argv.push('-device', opts('VGA', [['id', 'video0'], ['bus', PCI_BUS], ['addr', pciAddr(SLOT.vga)]]));
    argv.push('-vnc', `unix:${escapeOpt(paths.vncSocket)}`);
  }
  // Guest agent channel: always present, as in KubeVirt.
  argv.push(
    '-device', opts('virtio-serial-pci', [['id', 'virtio-serial0'], ['bus', PCI_BUS], ['addr', pciAddr(SLOT.virtioSerial)]]),
    '-chardev', opts('socket', [['id', 'qga0'], ['path', paths.guestAgentSocket], ['server', true], ['wait', false]]),
    '-device', opts('virtserialport', [['bus', 'virtio-serial0.0'], ['chardev', 'qga0'], ['id', 'channel0'], ['name', 'org.qemu.guest_agent.0']]),
  );
  if (devices.autoattachMemBalloon !== false) {
    argv.push('-device', opts('virtio-balloon-pci', [['id', 'balloon0'], ['bus', PCI_BUS], ['addr', pciAddr(SLOT.balloon)]]));
  }
  if (devices.rng) {
    argv.push(
      '-object', 'rng-random,id=rng0,filename=/dev/urandom',
      '-device', opts('virtio-rng-pci', [['rng', 'rng0'], ['id', 'rng0-dev'], ['bus', PCI_BUS], ['addr', pciAddr(SLOT.rng)]]),
    );
  }
  if (devices.tpm && devices.tpm.enabled !== false) {
    if (!paths.swtpmSocket) throw new LaunchError('the spec has a TPM but no swtpm socket was prepared', 'spec.domain.devices.tpm');
    argv.push(
      '-chardev', opts('socket', [['id', 'chrtpm'], ['path', paths.swtpmSocket]]),
      '-tpmdev', 'emulator,id=tpm0,chardev=chrtpm',
      '-device', 'tpm-crb,tpmdev=tpm0,id=tpm0-dev',
    );
  }

  const disks = diskArgs(spec, input.volumes, boot.disk);
  if (disks.needsScsi) argv.push(...scsiControllerArgs());
  argv.push(...disks.argv);
  argv.push(...nicArgs(spec, input.network, boot.nic));

  if (input.incoming) argv.push('-incoming', 'defer');
  return argv;
}

/**
 * Disks and interfaces share KubeVirt's one boot order (bootOrder → QEMU bootindex). With none
 * given anywhere, the first disk boots (bootindex 1), as libvirt's `<boot dev='hd'/>` would.
 */
function bootIndexes(spec: LaunchVmiSpec): { disk: (i: number) => number | undefined; nic: (i: number) => number | undefined } {
  const disks = spec.domain?.devices?.disks ?? [];
  const { interfaces } = effectiveInterfaces(spec);
  const seen = new Map<number, string>();
  const check = (order: number | undefined, what: string, field: string) => {
    if (order === undefined) return;
    if (!Number.isInteger(order) || order < 1) throw new LaunchError(`${what}: bootOrder must be a positive integer`, field);
    const prev = seen.get(order);
    if (prev) throw new LaunchError(`${what}: bootOrder ${order} is already used by ${prev}`, field);
    seen.set(order, what);
  };
  disks.forEach((d, i) => check(d.bootOrder, `disk "${d.name}"`, `spec.domain.devices.disks[${i}].bootOrder`));
  interfaces.forEach((n, i) => check(n.bootOrder, `interface "${n.name}"`, `spec.domain.devices.interfaces[${i}].bootOrder`));
  if (seen.size === 0) return { disk: (i) => (i === 0 ? 1 : undefined), nic: () => undefined };
  return { disk: (i) => disks[i]?.bootOrder, nic: (i) => interfaces[i]?.bootOrder };
}

/**
 * SeaBIOS is QEMU's built-in default. EFI maps to OVMF pflash: the read-only code plus the VM's own
 * vars copy (the agent copies the template; for `persistent` it lives on the VM's state volume).
 * KubeVirt's secureBoot defaults to true under EFI and then needs SMM.
 */
function firmwareArgs(input: LaunchInput): string[] {
  const fw = input.spec.domain?.firmware?.bootloader;
  const ovmf = input.node.ovmf ?? DEBIAN_OVMF;
  const out: string[] = [];
  if (fw?.efi) {
    if (fw.bios) throw new LaunchError('firmware.bootloader: choose either bios or efi, not both', 'spec.domain.firmware.bootloader');
    const secure = fw.efi.secureBoot !== false;
    if (secure && !smmEnabled(input.spec)) {
      throw new LaunchError(
        'EFI secure boot requires SMM: set spec.domain.features.smm.enabled to true (or secureBoot to false)',
        'spec.domain.firmware.bootloader.efi.secureBoot',
      );
    }
    if (!input.paths.efiVars) throw new LaunchError('EFI firmware needs a per-VM vars file, and none was prepared', 'spec.domain.firmware.bootloader.efi');
    out.push(
      '-drive', opts('if=pflash', [['format', 'raw'], ['unit', 0], ['readonly', true], ['file', secure ? ovmf.secureCode : ovmf.code]]),
      '-drive', opts('if=pflash', [['format', 'raw'], ['unit', 1], ['file', input.paths.efiVars]]),
    );
    if (secure) out.push('-global', 'driver=cfi.pflash01,property=secure,value=on');
  }
  const serial = input.spec.domain?.firmware?.serial;
  if (serial !== undefined) out.push('-smbios', opts('type=1', [['serial', serial]]));
  return out;
}
