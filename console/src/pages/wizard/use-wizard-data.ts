// What the wizard's fields choose from, live from the API: the project's VM names (the name rule's
// "already exists"), the catalog's templates (flavor presets) and DataSources (the template's boot
// source); NetworkAttachmentDefinitions and StorageClasses only while a step shows them. Every
// watch holds one of the browser's six HTTP/1.1 connections to the server, so lists the current
// step does not need are not watched: with all of them open, the wizard's own POSTs would queue
// behind the watches forever.
import { useMemo } from 'react';
import { useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { DataSource, NetworkAttachmentDefinition, StorageClass, Template, VirtualMachine } from '../../api/types.ts';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

export interface WizardData {
  taken: ReadonlySet<string>;
  nads: string[];
  storageClasses: { name: string; isDefault: boolean }[];
  templates: Template[];
  dataSources: DataSource[];
  dataSourcesLoaded: boolean;
  /** The first watch that failed, to say the lists may be stale. */
  error?: string;
}

interface Needs {
  /** The new VM reaching the list must not flag its own name as taken while it is created. */
  creating: boolean;
  nads: boolean;
  storageClasses: boolean;
}

export function useWizardData(namespace: string, needs: Needs): WizardData {
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const templates = useWatchList<Template>(paths.baseTemplates());
  const dataSources = useWatchList<DataSource>(paths.dataSources());
  const nads = useWatchList<NetworkAttachmentDefinition>(needs.nads ? paths.nads(encodeURIComponent(namespace)) : undefined);
  const classes = useWatchList<StorageClass>(needs.storageClasses ? paths.storageClasses() : undefined);
  const taken = useMemo(
    () => new Set(needs.creating ? [] : vms.items.filter((v) => v.metadata.namespace === namespace).map((v) => v.metadata.name)),
    [vms.items, namespace, needs.creating],
  );
  return {
    taken,
    nads: useMemo(() => nads.items.map((n) => n.metadata.name).sort(), [nads.items]),
    storageClasses: useMemo(() => classes.items.map((c) => ({ name: c.metadata.name, isDefault: c.metadata.annotations?.[DEFAULT_CLASS] === 'true' })), [classes.items]),
    templates: templates.items,
    dataSources: dataSources.items,
    dataSourcesLoaded: dataSources.loaded,
    error: vms.error ?? templates.error ?? dataSources.error ?? nads.error ?? classes.error,
  };
}
