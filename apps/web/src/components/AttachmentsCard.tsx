// 附件: the files of a matter or a meeting — upload with progress (checked before sending), download,
// thumbnails with a preview for images, and delete for the uploader; the server decides who may do what.
import {
  DeleteOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Image,
  List,
  Popconfirm,
  Progress,
  Space,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_LIMITS,
  type AttachmentExtension,
  type AttachmentItem,
  type AttachmentOwnerType,
  formatFileSize,
  INLINE_EXTENSIONS,
} from '@xinhuo/shared';
import { attachmentsApi } from '../api/attachment-endpoints';

/** Shown in place of a thumbnail the server could not make (an image it cannot decode): a grey picture frame. */
const BROKEN_IMAGE =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="4" fill="#f0f0f0"/>' +
      '<path d="M10 28l7-9 5 6 4-4 4 7z" fill="#8c8c8c"/><circle cx="26" cy="14" r="3" fill="#8c8c8c"/></svg>',
  );
import { isApiError } from '../api/client';
import { useT } from '../i18n/use-t';
import { MAX_ATTACHMENT_SIZE, attachmentRefusal } from '../lib/attachment-check';
import { formatTimestamp } from '../lib/format';

const ICONS: Partial<Record<AttachmentExtension, ReactNode>> = {
  pdf: <FilePdfOutlined />,
  jpg: <FileImageOutlined />,
  jpeg: <FileImageOutlined />,
  png: <FileImageOutlined />,
  webp: <FileImageOutlined />,
  doc: <FileWordOutlined />,
  docx: <FileWordOutlined />,
  xls: <FileExcelOutlined />,
  xlsx: <FileExcelOutlined />,
  ppt: <FilePptOutlined />,
  pptx: <FilePptOutlined />,
  txt: <FileTextOutlined />,
};

interface Uploading {
  uid: string;
  name: string;
  percent: number;
}

export function AttachmentsCard({
  owner,
  ownerId,
  ownerVersion,
  className,
}: {
  owner: AttachmentOwnerType;
  ownerId: string;
  /** The owner's version: when the record changes (a matter closes), who may do what is asked again. */
  ownerVersion?: number;
  className?: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const queryKey = ['attachments', owner, ownerId, ownerVersion];
  const files = useQuery({
    queryKey,
    queryFn: ({ signal }) => attachmentsApi.list(owner, ownerId, signal),
  });
  const [uploading, setUploading] = useState<Uploading[]>([]);
  /** Files accepted in this pick but not yet listed, so a multi-file pick respects the limit. */
  const pending = useRef(0);

  const remove = useMutation({
    mutationFn: (f: AttachmentItem) => attachmentsApi.remove(owner, ownerId, f.id),
    onSuccess: (_r, f) => void message.success(t('attachments.deleted', { name: f.name })),
    onError: (e) => void message.error(isApiError(e) ? e.message : String(e)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey }),
  });

  const refusal = (file: File, pending: number) =>
    attachmentRefusal(file, (files.data?.items.length ?? 0) + pending, t);

  async function send(file: File, uid: string) {
    setUploading((u) => [...u, { uid, name: file.name, percent: 0 }]);
    try {
      await attachmentsApi.upload(owner, ownerId, file, (percent) =>
        setUploading((u) => u.map((x) => (x.uid === uid ? { ...x, percent } : x))),
      );
      void message.success(t('attachments.uploaded', { name: file.name }));
    } catch (e) {
      const text = isApiError(e) ? e.message : String(e);
      void message.error(t('attachments.error.failed', { name: file.name, message: text }));
    } finally {
      setUploading((u) => u.filter((x) => x.uid !== uid));
      void queryClient.invalidateQueries({ queryKey });
    }
  }

  const items = files.data?.items ?? [];
  const canUpload = files.data?.canUpload ?? false;

  return (
    <Card
      size="small"
      className={className}
      title={items.length > 0 ? t('attachments.count', { count: items.length }) : t('attachments.title')}
      data-testid="attachments-card"
      extra={
        canUpload && (
          <Upload
            multiple
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              const why = refusal(file, pending.current);
              if (why) {
                void message.error(why);
                return Upload.LIST_IGNORE;
              }
              pending.current += 1;
              return true;
            }}
            customRequest={({ file }) => {
              const f = file as File & { uid: string };
              void send(f, f.uid).finally(() => {
                pending.current = Math.max(0, pending.current - 1);
              });
            }}
          >
            <Button size="small" icon={<UploadOutlined />} data-testid="attachments-upload">
              {t('attachments.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {canUpload && (
        <Typography.Paragraph type="secondary" className="xh-attachments-hint">
          {t('attachments.hint', { size: MAX_ATTACHMENT_SIZE, count: ATTACHMENT_LIMITS.perOwner })}
        </Typography.Paragraph>
      )}
      {files.data && !canUpload && owner === 'matter' && items.length > 0 && (
        <Typography.Paragraph type="secondary">{t('attachments.readOnly')}</Typography.Paragraph>
      )}
      {uploading.map((u) => (
        <div key={u.uid} data-testid="attachments-progress">
          <Typography.Text>{t('attachments.uploading', { name: u.name })}</Typography.Text>
          <Progress percent={u.percent} size="small" />
        </div>
      ))}
      <List
        size="small"
        loading={files.isLoading}
        dataSource={items}
        locale={{ emptyText: t('attachments.empty') }}
        renderItem={(f) => {
          const ext = f.extension as AttachmentExtension;
          const url = attachmentsApi.fileUrl(owner, ownerId, f.id);
          return (
            <List.Item
              data-testid="attachment-item"
              data-name={f.name}
              actions={[
                <Tooltip key="download" title={t('attachments.download')}>
                  <a href={url} download aria-label={t('attachments.download')}>
                    <DownloadOutlined />
                  </a>
                </Tooltip>,
                ...(f.canDelete
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('attachments.deleteConfirm', { name: f.name })}
                        onConfirm={() => remove.mutate(f)}
                      >
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('attachments.delete')}
                          data-testid="attachment-delete"
                        />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={
                  INLINE_EXTENSIONS.includes(ext) ? (
                    <Image
                      width={40}
                      height={40}
                      className="xh-attachment-thumb"
                      src={attachmentsApi.thumbnailUrl(owner, ownerId, f.id)}
                      preview={{ src: attachmentsApi.fileUrl(owner, ownerId, f.id, true) }}
                      fallback={BROKEN_IMAGE}
                      alt={f.name}
                      data-testid="attachment-thumb"
                    />
                  ) : (
                    <span className="xh-attachment-icon">{ICONS[ext] ?? <FileOutlined />}</span>
                  )
                }
                title={
                  <a href={url} download data-testid="attachment-link">
                    {f.name}
                  </a>
                }
                description={
                  <Space size={4} wrap>
                    {t('attachments.meta', {
                      uploader: f.uploaderName,
                      time: formatTimestamp(f.uploadedAt),
                      size: formatFileSize(f.size),
                    })}
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
