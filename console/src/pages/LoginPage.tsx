// Log in by pasting a bearer token, or with a kubeconfig (uploaded or pasted: its current context's
// user's token, and that user's name for the masthead); the token is checked against the API
// before it is kept.
import { ActionGroup, Alert, Bullseye, Button, Card, CardBody, CardTitle, FileUpload, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextArea, Title, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { ApiClient } from '../api/client.ts';
import { useT } from '../context.tsx';
import { kubeconfigLogin } from '../kubeconfig.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function LoginPage({ onLogin }: { onLogin: (token: string, user?: string) => void }) {
  const { t } = useT();
  const [mode, setMode] = useState<'token' | 'kubeconfig'>('token');
  const [token, setToken] = useState('');
  const [kubeconfig, setKubeconfig] = useState('');
  const [filename, setFilename] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    let tok = token.trim();
    let user: string | undefined;
    if (mode === 'kubeconfig') {
      const got = kubeconfigLogin(kubeconfig);
      if ('problem' in got) return setError(t(got.problem, got.vars));
      tok = got.token;
      user = got.user;
    }
    setBusy(true);
    try {
      await new ApiClient(tok).verify();
      onLogin(tok, user);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const ready = mode === 'token' ? !!token.trim() : !!kubeconfig.trim();
  return (
    <Bullseye style={{ minHeight: '100vh', background: 'var(--pf-t--global--background--color--secondary--default)' }}>
      <Card style={{ width: 520 }}>
        <CardTitle>
          <Title headingLevel="h1" size="xl">
            {t('login.title')}
          </Title>
        </CardTitle>
        <CardBody>
          {error && <Alert id="login-error" variant="danger" isInline title={t('login.failed', { message: error })} style={{ marginBottom: 16 }} />}
          <ToggleGroup aria-label={t('login.title')} style={{ marginBottom: 16 }}>
            <ToggleGroupItem id="login-mode-token" text={t('login.useToken')} isSelected={mode === 'token'} onChange={() => setMode('token')} />
            <ToggleGroupItem id="login-mode-kubeconfig" text={t('login.useKubeconfig')} isSelected={mode === 'kubeconfig'} onChange={() => setMode('kubeconfig')} />
          </ToggleGroup>
          <Form onSubmit={submit}>
            {mode === 'token' ? (
              <FormGroup label={t('login.token')} isRequired fieldId="token">
                <TextArea id="token" name="token" aria-label={t('login.token')} value={token} onChange={(_e, v) => setToken(v)} rows={3} isRequired />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>{t('login.tokenHelp')}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
            ) : (
              <FormGroup label={t('login.kubeconfig')} isRequired fieldId="kubeconfig">
                <FileUpload
                  id="kubeconfig"
                  type="text"
                  value={kubeconfig}
                  filename={filename}
                  filenamePlaceholder={t('login.noFile')}
                  onFileInputChange={(_e, f) => setFilename(f.name)}
                  onDataChange={(_e, v) => setKubeconfig(v)}
                  onTextChange={(_e, v) => setKubeconfig(v)}
                  onClearClick={() => (setKubeconfig(''), setFilename(''))}
                  allowEditingUploadedText
                  browseButtonText={t('login.upload')}
                />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>{t('login.kubeconfigHelp')}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
            )}
            <ActionGroup>
              <Button type="submit" variant="primary" isDisabled={!ready || busy} isLoading={busy}>
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
