// The gRPC client of the etcd store (the `etcd3` package), tuned for an API server in front of it.
import { ExponentialBackoff, handleWhen, noop, retry } from 'cockatiel';
import { Etcd3, isRecoverableError } from 'etcd3';

export interface EtcdConnectOptions {
  /** Client URLs, e.g. http://127.0.0.1:2379; calls go to any of them. */
  endpoints: string[];
  /** Deadline of each unary call (default 15000): an etcd without quorum fails calls, never hangs them. */
  callTimeoutMs?: number;
}

export function connectEtcd(opts: EtcdConnectOptions): Etcd3 {
  if (opts.endpoints.length === 0) throw new Error('etcd: no endpoints given');
  for (const e of opts.endpoints) {
    if (!/^https?:\/\/[^/]+\/?$/.test(e)) throw new Error(`etcd endpoint must be http(s)://HOST:PORT, not "${e}"`);
  }
  const callTimeoutMs = opts.callTimeoutMs ?? 15_000;
  return new Etcd3({
    hosts: opts.endpoints,
    dialTimeout: 5000,
    // A list of every VM easily passes gRPC's default 4 MiB receive limit.
    grpcOptions: { 'grpc.max_receive_message_length': -1, 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 10_000 },
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + callTimeoutMs }),
    faultHandling: {
      // No per-host circuit breaker: the library's default one keeps refusing calls for up to 5 s
      // after etcd is back. gRPC reconnects by itself; a retry (on another endpoint when there
      // are several) with a short back-off rides out a restart or a leader election. As with any
      // retry, a write whose reply was lost may come back as Conflict/AlreadyExists from itself.
      host: () => noop,
      global: retry(handleWhen(isRecoverableError), { maxAttempts: 4, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 1000 }) }),
    },
  });
}
