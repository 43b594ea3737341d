// A start (or run) of a VMI that cannot go on: `reason` is a CamelCase word for the condition and
// the event, `message` says what happened in one line a user can act on.
export class VmiFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'VmiFailure';
  }
}
