// The checks the server makes on an attachment, made in the page first so a wrong file is explained before it is sent.
import { ATTACHMENT_LIMITS, attachmentExtension, formatFileSize } from '@xinhuo/shared';
import type { Translate } from '../i18n/use-t';

/** "10 MB" for messages. */
export const MAX_ATTACHMENT_SIZE = formatFileSize(ATTACHMENT_LIMITS.maxBytes).replace('.0 ', ' ');

/** Why this file cannot be attached next to `count` others, in the user's language; null when it can. */
export function attachmentRefusal(
  file: { name: string; size: number },
  count: number,
  t: Translate,
): string | null {
  if (!attachmentExtension(file.name)) return t('attachments.error.type', { name: file.name });
  if (file.size === 0) return t('attachments.error.empty', { name: file.name });
  if (file.size > ATTACHMENT_LIMITS.maxBytes)
    return t('attachments.error.size', { name: file.name, size: MAX_ATTACHMENT_SIZE });
  if (count >= ATTACHMENT_LIMITS.perOwner)
    return t('attachments.error.limit', { count: ATTACHMENT_LIMITS.perOwner });
  return null;
}
