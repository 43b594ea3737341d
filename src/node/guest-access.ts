// What the node agent offers the code that serves a guest's data plane (pause/unpause, reset,
// console, VNC, console log, guestosinfo). The agent owns the single QMP connection and the guest
// agent channel of each guest, so everyone else goes through this interface.
export interface GuestAccess {
  /** The VMI's run dir (sockets, serial log), or undefined when this agent runs no guest for it. */
  runDir(namespace: string, name: string): string | undefined;
  /** A command on the guest's QMP connection (the agent owns the single QMP connection). */
  qmp<T = unknown>(namespace: string, name: string, command: string, args?: Record<string, unknown>): Promise<T>;
  /** A command on the guest agent channel, e.g. guest-get-osinfo; rejects when no agent answers. */
  guestAgent<T = unknown>(namespace: string, name: string, command: string, args?: Record<string, unknown>): Promise<T>;
}
