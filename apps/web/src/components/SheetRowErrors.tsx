// The rows of an uploaded sheet that were refused, each with its row number and the server's message
// (the upload is all or nothing: nothing was saved).
import { Alert } from 'antd';
import type { ApiFieldError } from '../api/client';
import { useT } from '../i18n/use-t';

export function SheetRowErrors({
  errors,
  title,
  testId,
}: {
  errors: readonly ApiFieldError[];
  title: string;
  testId: string;
}) {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      message={title}
      description={
        <ul>
          {errors.map((f) => {
            const row = /^rows\.(\d+)\./.exec(f.path)?.[1];
            return (
              <li key={f.path}>
                {row ? t('common.sheetRow', { row }) : f.path}：{f.message}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
