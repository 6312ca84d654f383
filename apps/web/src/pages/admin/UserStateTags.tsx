// An account's state as tags: active or disabled, locked, not yet activated.
import type { User } from '@xinhuo/shared';
import { Space, Tag } from 'antd';
import { useT } from '../../i18n/use-t';

export function UserStateTags({ user }: { user: User }) {
  const t = useT();
  return (
    <Space size={2} wrap>
      {user.isActive ? (
        <Tag color="green">{t('admin.state.active')}</Tag>
      ) : (
        <Tag>{t('admin.state.disabled')}</Tag>
      )}
      {user.isLocked && <Tag color="red">{t('admin.state.locked')}</Tag>}
      {!user.isActivated && <Tag color="gold">{t('admin.state.pending')}</Tag>}
    </Space>
  );
}
