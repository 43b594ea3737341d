import { ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { useT } from '../context.tsx';
import { LANGS } from '../i18n.ts';

export function LanguageSwitch() {
  const { lang, setLang, t } = useT();
  return (
    <ToggleGroup aria-label={t('header.language')}>
      {LANGS.map((l) => (
        <ToggleGroupItem key={l.id} text={l.label} buttonId={`lang-${l.id}`} isSelected={lang === l.id} onChange={() => setLang(l.id)} />
      ))}
    </ToggleGroup>
  );
}
