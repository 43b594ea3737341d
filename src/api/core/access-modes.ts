// PersistentVolume(Claim) access modes and kubectl's short form of them ("RWO,RWX").
import { stringEnum } from './enum.ts';

const MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
export type AccessMode = (typeof MODES)[number];

export const AccessModeSchema = stringEnum(MODES, { description: 'How the volume can be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.' });

// kubectl prints the modes in this fixed order, each once, whatever order the object lists them in.
const SHORT: [AccessMode, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

export function accessModesShort(modes: readonly string[] | undefined): string {
  const have = new Set(modes ?? []);
  return SHORT.filter(([m]) => have.has(m))
    .map(([, s]) => s)
    .join(',');
}
