// Loads the golden cases in testdata/: `<case>.yaml` holds a VMI in KubeVirt YAML plus the node
// facts, resolved volumes, run-dir paths and network inputs the agent would supply; `<case>.argv`
// holds the expected argv, one argument per line. Error cases carry `error: {message, field}`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { LaunchInput, LaunchNetwork, LaunchPaths, LaunchVmiSpec, NodeFacts, ResolvedVolume } from './launch-spec.ts';

export const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

export interface GoldenCase {
  name: string;
  yamlPath: string;
  argvPath: string;
  input: LaunchInput;
  error?: { message: string; field?: string };
}

interface CaseFile {
  vmi: { metadata: { name: string; namespace?: string }; spec: LaunchVmiSpec };
  uuid: string;
  node: NodeFacts;
  volumes?: ResolvedVolume[];
  paths: LaunchPaths;
  network?: LaunchNetwork;
  incoming?: boolean;
  error?: { message: string; field?: string };
}

export function loadCases(): GoldenCase[] {
  return readdirSync(TESTDATA)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.yaml'.length);
      const yamlPath = join(TESTDATA, f);
      const doc = parse(readFileSync(yamlPath, 'utf8')) as CaseFile;
      const input: LaunchInput = {
        name: `${doc.vmi.metadata.namespace ?? 'default'}_${doc.vmi.metadata.name}`,
        uuid: doc.uuid,
        spec: doc.vmi.spec,
        node: doc.node,
        paths: doc.paths,
        volumes: doc.volumes ?? [],
        network: doc.network,
        incoming: doc.incoming,
      };
      return { name, yamlPath, argvPath: join(TESTDATA, `${name}.argv`), input, error: doc.error };
    });
}
