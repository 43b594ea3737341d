// A titled part of the Review summary, with an Edit link back to its step.
import { Button, DescriptionList, Flex, Title, useWizardContext } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useT } from '../../context.tsx';
import type { StepId } from '../../wizard/problems.ts';

export function ReviewSection({ step, title, children }: { step: StepId; title: string; children: ReactNode }) {
  const { t } = useT();
  const { goToStepById } = useWizardContext();
  return (
    <section id={`review-section-${step}`} style={{ marginBottom: 24 }}>
      <Flex alignItems={{ default: 'alignItemsCenter' }} gap={{ default: 'gapSm' }} style={{ marginBottom: 8 }}>
        <Title headingLevel="h3" size="md">
          {title}
        </Title>
        <Button variant="link" isInline onClick={() => goToStepById(step)}>
          {t('wizard.edit')}
        </Button>
      </Flex>
      <DescriptionList isCompact isHorizontal>
        {children}
      </DescriptionList>
    </section>
  );
}
