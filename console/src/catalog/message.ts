// A message for the user, said later in their language: a dictionary key and its variables.
import type { MessageKey } from '../i18n.ts';

export interface Message {
  key: MessageKey;
  vars?: Record<string, string | number>;
}
