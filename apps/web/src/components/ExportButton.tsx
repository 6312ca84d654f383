// 导出 Excel: a download link styled as a button; the server writes the real .xlsx of what the user sees.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useT } from '../i18n/use-t';

export function ExportButton({
  href,
  hint,
  testId,
  size = 'small',
}: {
  href: string;
  hint?: string;
  testId?: string;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  const button = (
    <Button icon={<DownloadOutlined />} href={href} download data-testid={testId} size={size}>
      {t('board.export')}
    </Button>
  );
  return hint ? <Tooltip title={hint}>{button}</Tooltip> : button;
}
