import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { test } from 'node:test';
import { HeadSniffer } from './head-sniffer.ts';

/** Runs `chunks` through a sniffer: the head it found, what came out, what onChunk saw. */
async function sniff(chunks: string[], size = 6): Promise<{ head: string; out: string; seen: number }> {
  let seen = 0;
  const sniffer = new HeadSniffer(size, (c) => (seen += c.length));
  const receiving = pipeline(Readable.from(chunks.map((c) => Buffer.from(c))), sniffer);
  const head = (await sniffer.head).toString();
  let out = '';
  const sink = new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) });
  await Promise.all([receiving, pipeline(sniffer, sink)]);
  return { head, out, seen };
}

test('the head is known before anything is consumed, and every byte still flows through once', async () => {
  assert.deepEqual(await sniff(['ab', 'cd', 'efgh', 'ij']), { head: 'abcdefgh', out: 'abcdefghij', seen: 10 });
  assert.deepEqual(await sniff(['a', 'b', 'c', 'd', 'e', 'f', 'g']), { head: 'abcdef', out: 'abcdefg', seen: 7 });
});

test('a stream shorter than the head, or empty, ends with what it had', async () => {
  assert.deepEqual(await sniff(['abc']), { head: 'abc', out: 'abc', seen: 3 });
  assert.deepEqual(await sniff([]), { head: '', out: '', seen: 0 });
});
