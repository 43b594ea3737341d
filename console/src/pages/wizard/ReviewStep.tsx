// The Review step (seed 002): a summary of every setting and the VirtualMachine YAML that Create
// posts — the template processed by the API under the chosen name with the user's changes applied.
// A refused create lists the API's message and causes, shows each next to the setting it names and
// marks it on the YAML; processing errors are shown with a retry. Nothing is swallowed. The YAML can
// be downloaded as it is.
import { Alert, Button, Flex, List, ListItem, Spinner, Title } from '@patternfly/react-core';
import { useEffect, useMemo, useRef } from 'react';
import { stringify } from 'yaml';
import { useT } from '../../context.tsx';
import { fieldErrors } from '../../yaml/causes.ts';
import { YamlEditor, type EditorError } from '../YamlEditor.tsx';
import { downloadText } from './download.ts';
import { ReviewSummary } from './ReviewSummary.tsx';
import type { Review } from './use-review.ts';

const NO_ERRORS = new Map<string, string[]>();

export function ReviewStep({ review }: { review: Review }) {
  const { t } = useT();
  const { built, failure, processing, processError } = review;
  const top = useRef<HTMLDivElement>(null);
  // A refusal is said at the top of a long page: bring it into view.
  useEffect(() => {
    if (failure || processError) top.current?.scrollIntoView({ block: 'start' });
  }, [failure, processError]);
  const yamlText = useMemo(() => (built ? stringify(built) : ''), [built]);
  const marks = useMemo<EditorError[]>(
    () => (failure ? fieldErrors(yamlText, failure.causes).flatMap((f) => (f.from === undefined ? [] : [{ from: f.from, to: f.to ?? f.from, message: f.text }])) : []),
    [failure, yamlText],
  );
  return (
    <>
      <div ref={top} />
      <Title headingLevel="h2" size="lg" style={{ marginBottom: 16 }}>
        {t('wizard.reviewTitle')}
      </Title>
      {failure && (
        <Alert variant="danger" isInline id="wizard-create-error" title={t('create.failed')} style={{ marginBottom: 16 }}>
          {/* The causes say it field by field; the summary message only when there are none. */}
          {failure.placed.all.length === 0 && <p>{failure.message}</p>}
          {failure.placed.all.length > 0 && (
            <>
              <p>{t('wizard.reviewErrors')}</p>
              <List>
                {failure.placed.all.map((c, i) => (
                  <ListItem key={i} data-field={c.field} data-row={c.row}>
                    {c.text}
                  </ListItem>
                ))}
              </List>
            </>
          )}
        </Alert>
      )}
      {processError && (
        <Alert
          variant="danger"
          isInline
          id="wizard-process-error"
          title={t('wizard.processFailed')}
          style={{ marginBottom: 16 }}
          actionLinks={
            <Button variant="link" isInline onClick={review.retry}>
              {t('wizard.retry')}
            </Button>
          }
        >
          {processError}
        </Alert>
      )}
      <ReviewSummary errors={failure?.placed.byRow ?? NO_ERRORS} />
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ margin: '16px 0 8px' }}>
        <Title headingLevel="h3" size="md">
          {t('create.editor')}
        </Title>
        <Button id="wizard-yaml-download" variant="link" isDisabled={!built} onClick={() => built && downloadText(yamlText, `${built.metadata.name}.yaml`)}>
          {t('create.download')}
        </Button>
      </Flex>
      {processing ? (
        <Flex id="wizard-processing" gap={{ default: 'gapSm' }} alignItems={{ default: 'alignItemsCenter' }}>
          <Spinner size="md" /> {t('wizard.processing')}
        </Flex>
      ) : (
        built && <YamlEditor id="wizard-yaml" label={t('create.editor')} value={yamlText} onChange={() => undefined} errors={marks} readOnly />
      )}
    </>
  );
}
