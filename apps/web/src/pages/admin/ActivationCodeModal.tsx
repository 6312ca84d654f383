// The one-time activation code, shown once to the party that hands it over, with a printable hand-over sheet.
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Modal, Typography } from 'antd';
import { useT } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import './admin.css';

export interface IssuedCode {
  code: string;
  username: string;
  displayName: string;
  expiresAt: string | null;
}

export function ActivationCodeModal({ issued, onClose }: { issued: IssuedCode | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open={issued !== null}
      title={t('admin.code.title')}
      onCancel={onClose}
      maskClosable={false}
      footer={[
        <Button key="print" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('admin.code.print')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose} data-testid="activation-code-close">
          {t('admin.code.close')}
        </Button>,
      ]}
    >
      {issued && (
        <div className="xh-handover-sheet" data-testid="activation-code-sheet">
          <Typography.Title level={2}>{t('admin.code.sheetTitle')}</Typography.Title>
          <Typography.Paragraph>
            {t('admin.code.intro', {
              name: issued.displayName,
              username: issued.username,
              expires: issued.expiresAt ? formatTimestamp(issued.expiresAt) : '72h',
            })}
          </Typography.Paragraph>
          <div className="xh-activation-code" data-testid="activation-code">
            {issued.code}
          </div>
          <Typography.Paragraph className="xh-handover-sign">
            {t('admin.code.sheetSign')}
          </Typography.Paragraph>
        </div>
      )}
    </Modal>
  );
}
