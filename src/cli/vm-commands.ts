// Registers the VM commands (power actions, consoles, ssh, guest info, clone) on the `vireo` program.
import type { Command } from 'commander';
import { registerClone } from './clone.ts';
import { registerConsole } from './console.ts';
import { registerConsoleLog } from './console-log.ts';
import { registerGuestOsInfo } from './guestosinfo.ts';
import { registerSsh } from './ssh.ts';
import { registerVmiActions } from './vmi-actions.ts';
import { registerVmPower } from './vm-power.ts';
import { registerVnc } from './vnc.ts';

export function registerVmCommands(program: Command): void {
  registerVmPower(program);
  registerVmiActions(program);
  registerConsole(program);
  registerConsoleLog(program);
  registerVnc(program);
  registerSsh(program);
  registerGuestOsInfo(program);
  registerClone(program);
}
