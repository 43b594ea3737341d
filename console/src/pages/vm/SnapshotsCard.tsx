// The Overview tab's Snapshots card: how many snapshots the VM has (a badge), the newest three with their
// status, Take snapshot (the page's dialog) and a link to the Snapshots tab. Read whenever the VM
// changes (use-list-on-vm-change.ts says why it is not a watch).
import { Alert, Badge, Button, Card, CardBody, CardFooter, CardTitle, Flex, FlexItem, List, ListItem, Tooltip } from '@patternfly/react-core';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine, VirtualMachineSnapshot } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { snapshotsOf, takeSnapshotBlocker } from '../../vm/snapshots.ts';
import { SnapshotStatus } from './SnapshotStatus.tsx';
import { useListOnVmChange } from './use-list-on-vm-change.ts';

const LATEST = 3;

export function SnapshotsCard({ vm, onTake, onViewAll }: { vm: VirtualMachine; onTake: () => void; onViewAll: () => void }) {
  const { t } = useT();
  const list = useListOnVmChange<VirtualMachineSnapshot>(paths.vmsnapshots(vm.metadata.namespace ?? 'default'), vm);
  const snaps = { items: snapshotsOf(list.items, vm), error: list.error };
  const blocker = takeSnapshotBlocker(vm);
  const take = (
    <Button id="card-take-snapshot" variant="secondary" size="sm" isAriaDisabled={!!blocker} onClick={onTake}>
      {t('action.takeSnapshot')}
    </Button>
  );
  return (
    <Card id="card-snapshots">
      <CardTitle>
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
          <FlexItem>
            {t('details.snapshots')} <Badge id="card-snapshots-count" isRead>{snaps.items.length}</Badge>
          </FlexItem>
          <FlexItem>{blocker ? <Tooltip content={t(blocker.key, blocker.vars)}>{take}</Tooltip> : take}</FlexItem>
        </Flex>
      </CardTitle>
      <CardBody>
        {snaps.error && <Alert variant="warning" isInline isPlain title={snaps.error} />}
        {snaps.items.length === 0 ? (
          t('snapshot.empty')
        ) : (
          <List isPlain id="card-snapshots-latest">
            {snaps.items.slice(0, LATEST).map((s) => (
              <ListItem key={s.metadata.name} data-snapshot={s.metadata.name}>
                <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
                  <FlexItem style={{ wordBreak: 'break-all' }}>{s.metadata.name}</FlexItem>
                  <FlexItem>
                    <SnapshotStatus snapshot={s} />
                  </FlexItem>
                </Flex>
              </ListItem>
            ))}
          </List>
        )}
      </CardBody>
      <CardFooter>
        <Button variant="link" isInline id="card-snapshots-all" onClick={onViewAll}>
          {t('snapshot.viewAll')}
        </Button>
      </CardFooter>
    </Card>
  );
}
