// The Virtualization perspective's frame: masthead (who is logged in, language, log out), the
// navigation menu, and the page for the current route.
import { Button, Masthead, MastheadBrand, MastheadContent, MastheadLogo, MastheadMain, Nav, NavItem, NavList, Page, PageSection, PageSidebar, PageSidebarBody, Title, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from '@patternfly/react-core';
import { useApi } from '../api/hooks.ts';
import { useRouter, useT } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { TemplatesCatalogPage } from './catalog/TemplatesCatalogPage.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { OverviewPage } from './OverviewPage.tsx';
import { PodDetailsPage } from './pod/PodDetailsPage.tsx';
import { CustomizeWizardPage } from './wizard/CustomizeWizardPage.tsx';
import { VirtualMachinesPage } from './VirtualMachinesPage.tsx';

const NAV: { id: string; label: MessageKey }[] = [
  { id: 'overview', label: 'nav.overview' },
  { id: 'catalog', label: 'nav.catalog' },
  { id: 'virtualmachines', label: 'nav.vms' },
  { id: 'templates', label: 'nav.templates' },
  { id: 'instancetypes', label: 'nav.instanceTypes' },
  { id: 'bootablevolumes', label: 'nav.bootableVolumes' },
  { id: 'migrationpolicies', label: 'nav.migrationPolicies' },
  { id: 'checkups', label: 'nav.checkups' },
];

/** `user`: the kubeconfig user's name; a pasted token shows as its last four characters. */
export function Layout({ onLogout, user }: { onLogout: () => void; user?: string }) {
  const { t } = useT();
  const { client } = useApi();
  const { route, navigate } = useRouter();
  const active = route.page === 'other' ? route.id : route.page === 'overview' ? 'overview' : route.page === 'catalog' || route.page === 'customize' ? 'catalog' : 'virtualmachines';
  // The catalog creates in the project being looked at, else in `default` as OpenShift does.
  const project = 'namespace' in route && route.namespace ? route.namespace : 'default';
  const go = (id: string) => navigate(id === 'overview' ? { page: 'overview' } : id === 'virtualmachines' ? { page: 'vms' } : id === 'catalog' ? { page: 'catalog', namespace: project } : { page: 'other', id });
  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand>
          <MastheadLogo component="a" href="/" onClick={(e) => (e.preventDefault(), navigate({ page: 'vms' }))}>
            <span style={{ fontSize: 20, fontWeight: 600 }}>Vireo</span>
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight>
          <ToolbarContent>
            <ToolbarGroup align={{ default: 'alignEnd' }}>
              <ToolbarItem>
                <LanguageSwitch />
              </ToolbarItem>
              <ToolbarItem>
                <span id="current-user">
                  {user ?? t('header.user', { last4: client.token.slice(-4) })}
                </span>
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="secondary" onClick={onLogout}>
                  {t('header.logout')}
                </Button>
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Virtualization">
          <NavList>
            {NAV.map((n) => (
              <NavItem
                key={n.id}
                itemId={n.id}
                isActive={active === n.id}
                onClick={() => go(n.id)}
              >
                {t(n.label)}
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
  return (
    <Page masthead={masthead} sidebar={sidebar} isManagedSidebar>
      {route.page === 'overview' ? (
        <OverviewPage />
      ) : route.page === 'catalog' ? (
        <TemplatesCatalogPage namespace={route.namespace} />
      ) : route.page === 'customize' ? (
        <CustomizeWizardPage namespace={route.namespace} templateNamespace={route.templateNamespace} template={route.template} vmName={route.vmName} />
      ) : route.page === 'pod' ? (
        <PodDetailsPage namespace={route.namespace} name={route.name} />
      ) : route.page === 'other' ? (
        <PageSection>
          <Title headingLevel="h1">{t((NAV.find((n) => n.id === route.id)?.label ?? 'nav.overview') as MessageKey)}</Title>
          <p>{t('nav.notYet')}</p>
        </PageSection>
      ) : (
        <VirtualMachinesPage />
      )}
    </Page>
  );
}
