// Initial run: the VM's cloud-init — user, password (hidden until asked), hostname and the whole
// user-data — edited in one dialog.
import { Button, CodeBlock, CodeBlockCode, DescriptionList, Flex, Title } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { cloudInitOf } from '../../config/cloud-init.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { DetailItem } from '../vm/DetailItem.tsx';
import { CloudInitModal } from './CloudInitModal.tsx';
import { EditButton } from './EditButton.tsx';

export function InitialRunTab({ vm }: { vm: VirtualMachine }) {
  const { t } = useT();
  const [editing, setEditing] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const view = cloudInitOf(asConfigVm(vm));
  return (
    <>
      <Flex gap={{ default: 'gapSm' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <Title headingLevel="h2" size="lg">
          {t('config.cloudInit')}
        </Title>
        <EditButton id="config-edit-cloud-init" label={t('config.editCloudInit')} onClick={() => setEditing(true)}>
          {t('config.edit')}
        </EditButton>
      </Flex>
      {!view ? (
        <span id="config-no-cloud-init">{t('config.noCloudInit')}</span>
      ) : (
        <DescriptionList>
          {view.form && (
            <>
              <DetailItem label={t('config.user')} id="config-cloud-init-user">
                {view.form.user}
              </DetailItem>
              <DetailItem label={t('config.password')} id="config-cloud-init-password">
                {view.form.password && (
                  <>
                    {showPassword ? view.form.password : t('config.passwordHidden')}{' '}
                    {!showPassword && (
                      <Button variant="link" isInline onClick={() => setShowPassword(true)}>
                        {t('config.showPassword')}
                      </Button>
                    )}
                  </>
                )}
              </DetailItem>
              <DetailItem label={t('config.hostname')} id="config-cloud-init-hostname">
                {view.form.hostname}
              </DetailItem>
            </>
          )}
          <DetailItem label={t('config.userData')} id="config-cloud-init-user-data">
            <CodeBlock>
              <CodeBlockCode>{view.userData}</CodeBlockCode>
            </CodeBlock>
          </DetailItem>
        </DescriptionList>
      )}
      {editing && <CloudInitModal vm={vm} onClose={() => setEditing(false)} />}
    </>
  );
}
