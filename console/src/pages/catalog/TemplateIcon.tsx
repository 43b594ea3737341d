// A template's OS logo from its `iconClass` annotation (icon-fedora, icon-rhel, …), drawn with
// PatternFly's brand icons; an unknown class gets the generic Linux penguin.
import CentosIcon from '@patternfly/react-icons/dist/esm/icons/centos-icon.js';
import FedoraIcon from '@patternfly/react-icons/dist/esm/icons/fedora-icon.js';
import LinuxIcon from '@patternfly/react-icons/dist/esm/icons/linux-icon.js';
import RedhatIcon from '@patternfly/react-icons/dist/esm/icons/redhat-icon.js';
import UbuntuIcon from '@patternfly/react-icons/dist/esm/icons/ubuntu-icon.js';
import WindowsIcon from '@patternfly/react-icons/dist/esm/icons/windows-icon.js';
import type { ComponentType, CSSProperties } from 'react';

const ICONS: Record<string, { icon: ComponentType<{ style?: CSSProperties }>; color: string }> = {
  'icon-fedora': { icon: FedoraIcon, color: '#51a2da' },
  'icon-rhel': { icon: RedhatIcon, color: '#ee0000' },
  'icon-centos': { icon: CentosIcon, color: '#932279' },
  'icon-ubuntu': { icon: UbuntuIcon, color: '#e95420' },
  'icon-windows': { icon: WindowsIcon, color: '#0078d4' },
};

export function TemplateIcon({ iconClass, size = 40 }: { iconClass: string; size?: number }) {
  const { icon: Icon, color } = ICONS[iconClass] ?? { icon: LinuxIcon, color: '#333' };
  return <Icon style={{ width: size, height: size, color }} />;
}
