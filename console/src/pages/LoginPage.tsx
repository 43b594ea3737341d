// Log in by pasting a bearer token; the token is checked against the API before it is kept.
import { ActionGroup, Alert, Bullseye, Button, Card, CardBody, CardTitle, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextArea, Title } from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { ApiClient } from '../api/client.ts';
import { useT } from '../context.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function LoginPage({ onLogin }: { onLogin: (token: string) => void }) {
  const { t } = useT();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const tok = token.trim();
    setBusy(true);
    setError(undefined);
    try {
      await new ApiClient(tok).verify();
      onLogin(tok);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Bullseye style={{ minHeight: '100vh', background: 'var(--pf-t--global--background--color--secondary--default)' }}>
      <Card style={{ width: 480 }}>
        <CardTitle>
          <Title headingLevel="h1" size="xl">
            {t('login.title')}
          </Title>
        </CardTitle>
        <CardBody>
          {error && <Alert variant="danger" isInline title={t('login.failed', { message: error })} style={{ marginBottom: 16 }} />}
          <Form onSubmit={submit}>
            <FormGroup label={t('login.token')} isRequired fieldId="token">
              <TextArea id="token" name="token" aria-label={t('login.token')} value={token} onChange={(_e, v) => setToken(v)} rows={3} isRequired />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>{t('login.tokenHelp')}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <ActionGroup>
              <Button type="submit" variant="primary" isDisabled={!token.trim() || busy} isLoading={busy}>
                {t('login.submit')}
              </Button>
              <LanguageSwitch />
            </ActionGroup>
          </Form>
        </CardBody>
      </Card>
    </Bullseye>
  );
}
