// The hand-over sheet of a bulk approval: every new account's one-time activation code, shown once to the
// approving party, printed and signed for on hand-over.
import { PrinterOutlined } from '@ant-design/icons';
import type { HandoverSheet } from '@xinhuo/shared';
import { Button, Modal, Table, Typography } from 'antd';
import { useT } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import './admin.css';

export function HandoverSheetModal({ sheet, onClose }: { sheet: HandoverSheet | null; onClose: () => void }) {
  const t = useT();
  const expires = sheet?.items[0]?.expiresAt;
  return (
    <Modal
      open={sheet !== null}
      title={t('admin.batch.sheetTitle')}
      onCancel={onClose}
      maskClosable={false}
      width={820}
      footer={[
        <Button key="print" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('admin.code.print')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose} data-testid="handover-close">
          {t('admin.code.close')}
        </Button>,
      ]}
    >
      {sheet && (
        <div className="xh-handover-sheet" data-testid="handover-sheet">
          <Typography.Title level={2}>{t('admin.batch.sheetTitle')}</Typography.Title>
          <Typography.Paragraph>
            {t('admin.batch.hint', { expires: expires ? formatTimestamp(expires) : '' })}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="username"
            pagination={false}
            dataSource={sheet.items}
            columns={[
              { key: 'displayName', title: t('admin.col.displayName'), dataIndex: 'displayName' },
              { key: 'org', title: t('admin.link.col.org'), dataIndex: 'orgName' },
              { key: 'username', title: t('admin.col.username'), dataIndex: 'username' },
              {
                key: 'code',
                title: t('admin.batch.code'),
                render: (_: unknown, r: HandoverSheet['items'][number]) => (
                  <span className="xh-handover-code">{r.activationCode}</span>
                ),
              },
              { key: 'sign', title: t('admin.batch.sign'), width: 120, render: () => '' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
