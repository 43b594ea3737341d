// The one error the argv builder throws: the spec (with what the agent resolved) cannot become a
// QEMU command line. `field` names the spec path at fault so the agent can put it in a condition.
export class LaunchError extends Error {
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'LaunchError';
    this.field = field;
  }
}
