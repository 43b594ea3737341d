// The `vireo` command line.
import { Command } from 'commander';
import { registerAgent } from './agent.ts';
import { registerUp } from './up.ts';
import { registerVmCommands } from './vm-commands.ts';
import { registerTemplate } from './template.ts';
import { registerCreate } from './create-vm.ts';
import { registerImageUpload } from './image-upload.ts';
import { registerContainerDisk } from './containerdisk.ts';
import { registerMigrate } from './migrate.ts';
import { registerNodeCommands } from './node-commands.ts';
import { registerTop } from './top.ts';

const program = new Command();
program.name('vireo').description('Run KubeVirt VirtualMachines as QEMU guests').showHelpAfterError();
registerUp(program);
registerAgent(program);
registerVmCommands(program);
registerTemplate(program);
registerCreate(program);
registerImageUpload(program);
registerContainerDisk(program);
registerMigrate(program);
registerNodeCommands(program);
registerTop(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(`error: ${(e as Error).message ?? String(e)}`);
  process.exit(1);
});
