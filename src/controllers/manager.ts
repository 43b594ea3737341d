// Starts and stops the control plane's controllers. They reach state only through the client.
import type { KindDefinition } from '../machinery/kind.ts';
import type { KubeClient } from '../client/client.ts';
import { GarbageCollector } from './gc/gc-controller.ts';
import { NamespaceController } from './namespace/namespace-controller.ts';
import { SchedulerController } from './scheduler/scheduler-controller.ts';
import { storageControllers } from './storage/index.ts';
import { VmController } from './vm/vm-controller.ts';
import { MigrationController } from './migration/migration-controller.ts';
import { snapshotControllers } from './snapshot/index.ts';
import { cloneControllers } from './clone/index.ts';

export interface Controller {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class ControllerManager {
  private controllers: Controller[];

  constructor(client: KubeClient, kinds: KindDefinition[]) {
    this.controllers = [new GarbageCollector(client, kinds), new NamespaceController(client, kinds)];
    this.controllers.push(new SchedulerController(client));
    this.controllers.push(new VmController(client));
    this.controllers.push(new MigrationController(client));
    this.controllers.push(...storageControllers(client));
    this.controllers.push(...snapshotControllers(client));
    this.controllers.push(...cloneControllers(client));
  }

  add(c: Controller): void {
    this.controllers.push(c);
  }

  async start(): Promise<void> {
    await Promise.all(this.controllers.map((c) => c.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.controllers.map((c) => c.stop()));
  }
}
