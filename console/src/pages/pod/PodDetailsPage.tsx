// A pod's details (`/k8s/ns/NS/pods/NAME`), as the VM Overview's launcher pod links here: name,
// namespace, phase, node, pod IP, created, labels, its owner (the VMI, linking back to the VM) and
// its conditions; live through a watch of just that pod.
import { Alert, Button, Card, CardBody, CardTitle, DescriptionList, Gallery, Label, LabelGroup, PageSection, Title } from '@patternfly/react-core';
import { useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { Condition, KubeObject } from '../../api/types.ts';
import { useRouter, useT } from '../../context.tsx';
import { ConditionsTable } from '../vm/ConditionsTable.tsx';
import { DetailItem } from '../vm/DetailItem.tsx';

interface PodObject extends KubeObject {
  metadata: KubeObject['metadata'] & { ownerReferences?: { kind: string; name: string; apiVersion?: string }[] };
  spec?: { nodeName?: string };
  status?: { phase?: string; podIP?: string; conditions?: Condition[] };
}

export function PodDetailsPage({ namespace, name }: { namespace: string; name: string }) {
  const { t, lang } = useT();
  const { navigate } = useRouter();
  const pods = useWatchList<PodObject>(`${paths.pods(namespace)}?fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}`);
  const pod = pods.items.find((p) => p.metadata.name === name);
  const fmt = (iso?: string) => (iso ? new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US') : t('pod.none'));
  const vmiOwner = pod?.metadata.ownerReferences?.find((o) => o.kind === 'VirtualMachineInstance');
  return (
    <PageSection isFilled id="pod-page">
      <Title headingLevel="h1" id="pod-title" style={{ marginBottom: 16 }}>
        {name}
      </Title>
      {!pod ? (
        pods.loaded && <Alert variant="warning" isInline title={t('pod.notFound', { name })} />
      ) : (
        <Gallery hasGutter minWidths={{ default: '420px' }}>
          <Card id="pod-details">
            <CardTitle>{t('pod.details')}</CardTitle>
            <CardBody>
              <DescriptionList>
                <DetailItem label={t('pod.name')} id="pod-name">{pod.metadata.name}</DetailItem>
                <DetailItem label={t('pod.namespace')} id="pod-namespace">{namespace}</DetailItem>
                <DetailItem label={t('pod.phase')} id="pod-phase">{pod.status?.phase}</DetailItem>
                <DetailItem label={t('pod.node')} id="pod-node">{pod.spec?.nodeName}</DetailItem>
                <DetailItem label={t('pod.ip')} id="pod-ip">{pod.status?.podIP}</DetailItem>
                <DetailItem label={t('pod.created')} id="pod-created">{fmt(pod.metadata.creationTimestamp)}</DetailItem>
                <DetailItem label={t('pod.labels')} id="pod-labels">
                  <LabelGroup numLabels={20}>
                    {Object.entries(pod.metadata.labels ?? {}).map(([k, v]) => (
                      <Label key={k} variant="outline">{`${k}=${v}`}</Label>
                    ))}
                  </LabelGroup>
                </DetailItem>
                <DetailItem label={t('pod.owner')} id="pod-owner">
                  {vmiOwner ? (
                    <>
                      {`VirtualMachineInstance ${vmiOwner.name} · `}
                      {/* A VMI has its VM's name. */}
                      <Button variant="link" isInline id="pod-vm-link" onClick={() => navigate({ page: 'vm', namespace, name: vmiOwner.name, tab: 'overview' })}>
                        {`${t('pod.vm')} ${vmiOwner.name}`}
                      </Button>
                    </>
                  ) : (
                    pod.metadata.ownerReferences?.map((o) => `${o.kind} ${o.name}`).join(', ')
                  )}
                </DetailItem>
              </DescriptionList>
            </CardBody>
          </Card>
          <Card id="pod-conditions">
            <CardTitle>{t('pod.conditions')}</CardTitle>
            <CardBody>
              <ConditionsTable id="pod-conditions-table" label={t('pod.conditions')} conditions={pod.status?.conditions ?? []} />
            </CardBody>
          </Card>
        </Gallery>
      )}
    </PageSection>
  );
}
