// Virtualization → Overview: VMs counted by status, the resources running VMIs request, the top
// consumers and the running migrations, live through the same shared watches as the VM list (VMs,
// VMIs, migrations: no watch of its own).
import { Alert, Card, CardBody, CardTitle, Flex, FlexItem, Gallery, GalleryItem, PageSection, Progress, ProgressSize, Title } from '@patternfly/react-core';
import { useMemo, type MouseEvent, type ReactNode } from 'react';
import { useWatchList } from '../api/hooks.ts';
import { paths } from '../api/resources.ts';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/types.ts';
import { useRouter, useT } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { STATUS_BUCKETS, countByStatus, formatBytes, runningMigrations, runningUsage, topConsumers, type Consumer } from '../overview/summary.ts';
import { routePath, type Route } from '../route.ts';

function RouteLink({ to, id, children }: { to: Route; id?: string; children: ReactNode }) {
  const { navigate } = useRouter();
  const click = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a id={id} href={routePath(to)} onClick={click}>
      {children}
    </a>
  );
}

function Consumers({ id, title, items, show }: { id: string; title: string; items: Consumer[]; show: (v: number) => string }) {
  const { t } = useT();
  return (
    <FlexItem flex={{ default: 'flex_1' }}>
      <Title headingLevel="h3" size="md">
        {title}
      </Title>
      {items.length === 0 ? (
        <p id={`${id}-none`}>{t('overview.noConsumers')}</p>
      ) : (
        <ol id={id} style={{ listStyle: 'decimal', paddingLeft: 20 }}>
          {items.map((c) => (
            <li key={`${c.namespace}/${c.name}`} data-vm={`${c.namespace}/${c.name}`}>
              <RouteLink to={{ page: 'vm', namespace: c.namespace, name: c.name, tab: 'overview' }}>{c.name}</RouteLink>{' '}
              <small>({c.namespace})</small> — <span className="overview-value">{show(c.value)}</span>
            </li>
          ))}
        </ol>
      )}
    </FlexItem>
  );
}

export function OverviewPage() {
  const { t } = useT();
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const vmis = useWatchList<VirtualMachineInstance>(paths.vmis());
  const migrations = useWatchList<VirtualMachineInstanceMigration>(paths.vmims());
  const counts = useMemo(() => countByStatus(vms.items), [vms.items]);
  const usage = useMemo(() => runningUsage(vmis.items), [vmis.items]);
  const topMemory = useMemo(() => topConsumers(vmis.items, 'memoryBytes'), [vmis.items]);
  const topCpu = useMemo(() => topConsumers(vmis.items, 'vcpus'), [vmis.items]);
  const running = useMemo(() => runningMigrations(migrations.items, vmis.items), [migrations.items, vmis.items]);
  const watchError = vms.error ?? vmis.error ?? migrations.error;
  const loaded = vms.loaded && vmis.loaded && migrations.loaded;
  return (
    <PageSection id="overview-page" data-loaded={loaded ? 'true' : 'false'}>
      <Title headingLevel="h1" style={{ marginBottom: 16 }}>
        {t('overview.title')}
      </Title>
      {watchError && <Alert variant="warning" isInline title={t('watch.error', { message: watchError })} style={{ marginBottom: 16 }} />}
      <Gallery hasGutter minWidths={{ default: '100%', lg: '460px' }}>
        <GalleryItem>
          <Card id="card-vm-status" isFullHeight>
            <CardTitle>
              {t('overview.vmsByStatus')} <small style={{ fontWeight: 400 }}>— <span id="overview-total">{t('overview.total', { count: vms.items.length })}</span></small>
            </CardTitle>
            <CardBody>
              <Flex spaceItems={{ default: 'spaceItemsLg' }}>
                {STATUS_BUCKETS.map((b) => (
                  <FlexItem key={b} style={{ textAlign: 'center', minWidth: 64 }}>
                    <div style={{ fontSize: 28, fontWeight: 600 }}>
                      <RouteLink to={{ page: 'vms' }} id={`overview-count-${b}`}>
                        {loaded ? counts[b] : '–'}
                      </RouteLink>
                    </div>
                    <div>{t(`overview.status.${b}` as MessageKey)}</div>
                  </FlexItem>
                ))}
              </Flex>
            </CardBody>
          </Card>
        </GalleryItem>
        <GalleryItem>
          <Card id="card-usage" isFullHeight>
            <CardTitle>{t('overview.usage')}</CardTitle>
            <CardBody>
              <Flex spaceItems={{ default: 'spaceItems2xl' }}>
                <FlexItem>
                  <div style={{ fontSize: 28, fontWeight: 600 }} id="overview-vcpus">
                    {usage.vcpus}
                  </div>
                  <div>{t('overview.vcpus')}</div>
                </FlexItem>
                <FlexItem>
                  <div style={{ fontSize: 28, fontWeight: 600 }} id="overview-memory">
                    {formatBytes(usage.memoryBytes)}
                  </div>
                  <div>{t('overview.memory')}</div>
                </FlexItem>
              </Flex>
              <p style={{ marginTop: 8 }} id="overview-usage-help">
                {t('overview.usageHelp', { count: usage.running })}
              </p>
            </CardBody>
          </Card>
        </GalleryItem>
        <GalleryItem>
          <Card id="card-top-consumers" isFullHeight>
            <CardTitle>{t('overview.topConsumers')}</CardTitle>
            <CardBody>
              <Flex>
                <Consumers id="overview-top-memory" title={t('overview.topMemory')} items={topMemory} show={formatBytes} />
                <Consumers id="overview-top-cpu" title={t('overview.topCpu')} items={topCpu} show={(v) => `${v} ${t('overview.vcpus')}`} />
              </Flex>
            </CardBody>
          </Card>
        </GalleryItem>
        <GalleryItem>
          <Card id="card-migrations" isFullHeight>
            <CardTitle>{t('overview.migrations')}</CardTitle>
            <CardBody>
              {running.length === 0 ? (
                <p id="overview-no-migrations">{loaded ? t('overview.noMigrations') : t('overview.loading')}</p>
              ) : (
                <ul id="overview-migrations">
                  {running.map((m) => (
                    <li key={`${m.namespace}/${m.name}`} data-migration={`${m.namespace}/${m.name}`} style={{ marginBottom: 8 }}>
                      <RouteLink to={{ page: 'vm', namespace: m.namespace, name: m.vmName, tab: 'overview' }}>{m.vmName}</RouteLink> <small>({m.namespace})</small>{' '}
                      <span className="overview-nodes">
                        {m.sourceNode ?? '?'} → {m.targetNode ?? '?'}
                      </span>
                      <Progress value={m.progress} title={m.phase} size={ProgressSize.sm} aria-label={`${m.vmName} ${m.progress}%`} className="overview-progress" data-progress={m.progress} />
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
        </GalleryItem>
      </Gallery>
    </PageSection>
  );
}
