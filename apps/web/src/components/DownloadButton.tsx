// A button that fetches a file the server makes and saves it; a refusal (too many, no access) is shown
// as the server's message rather than as a page of JSON.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../api/client';

export function DownloadButton({
  download,
  children,
  hint,
  icon = <DownloadOutlined />,
  testId,
}: {
  download: () => Promise<void>;
  children: ReactNode;
  hint?: string;
  icon?: ReactNode;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const button = (
    <Button
      icon={icon}
      loading={busy}
      data-testid={testId}
      onClick={() => {
        setBusy(true);
        download()
          .catch((e: unknown) => void message.error(isApiError(e) ? e.message : String(e)))
          .finally(() => setBusy(false));
      }}
    >
      {children}
    </Button>
  );
  return hint ? <Tooltip title={hint}>{button}</Tooltip> : button;
}
