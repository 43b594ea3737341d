// The VMI's status.volumeStatus: one row per volume with what the node reports (Vireo's agent
// fills the name and the size QEMU sees; target, phase and claim info show where present, and the
// claim falls back to the one the VM's volume names).
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { VmVolume, VolumeStatus } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { formatBytes } from '../../vm/diagnostics.ts';

function claimInfo(v: VolumeStatus, spec: VmVolume | undefined): string {
  const c = v.persistentVolumeClaimInfo;
  if (!c) return spec?.persistentVolumeClaim?.claimName ?? spec?.dataVolume?.name ?? '';
  const capacity = c.capacity?.storage ?? c.requests?.storage;
  return [c.claimName, capacity, c.accessModes?.join(','), c.volumeMode].filter(Boolean).join(' · ');
}

export function VolumeStatusTable({ volumes, specVolumes = [] }: { volumes: readonly VolumeStatus[]; specVolumes?: readonly VmVolume[] }) {
  const { t } = useT();
  if (volumes.length === 0) return <p id="vm-volume-status">{t('diag.noVolumes')}</p>;
  return (
    <Table id="vm-volume-status" aria-label={t('diag.volumes')} variant="compact">
      <Thead>
        <Tr>
          <Th modifier="wrap">{t('diag.volume')}</Th>
          <Th modifier="wrap">{t('diag.target')}</Th>
          <Th modifier="wrap">{t('diag.phase')}</Th>
          <Th modifier="wrap">{t('diag.size')}</Th>
          <Th modifier="wrap">{t('diag.claim')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {volumes.map((v) => (
          <Tr key={v.name} data-volume={v.name}>
            <Td dataLabel={t('diag.volume')}>{v.name}</Td>
            <Td dataLabel={t('diag.target')}>{v.target}</Td>
            <Td dataLabel={t('diag.phase')} modifier="breakWord">
              {[v.phase, v.reason, v.message].filter(Boolean).join(': ')}
            </Td>
            <Td dataLabel={t('diag.size')} className="volume-size">
              {formatBytes(v.size)}
            </Td>
            <Td dataLabel={t('diag.claim')} modifier="breakWord" className="volume-claim">
              {claimInfo(v, specVolumes.find((s) => s.name === v.name))}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
