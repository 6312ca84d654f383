// 人员详情: one person's record, masked identifiers with an audited reveal, and positions held.
import { ArrowLeftOutlined, EditOutlined, EyeOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { peopleApi } from '../../api/endpoints';
import { lrmxApi } from '../../api/lrmx-endpoints';
import { DownloadButton } from '../../components/DownloadButton';
import type { Person, PositionHistory } from '@xinhuo/shared';
import { hasPermission, useMe } from '../../auth/me-context';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import { labels } from '../../lib/labels';
import { PersonTrainingCard } from '../../features/training/PersonTrainingCard';
import { CareerLineCard } from '../../features/pipeline/CareerLineCard';
import { PersonRecordCards } from './PersonRecordCards';
import { RevealModal, type RevealField } from './RevealModal';
import './person.css';

function MaskedValue({
  value,
  canReveal,
  onReveal,
  testId,
}: {
  value: string | null;
  canReveal: boolean;
  onReveal: () => void;
  testId: string;
}) {
  const t = useT();
  if (!value) return <span>–</span>;
  return (
    <Space>
      <span className="xh-mono" data-testid={testId}>
        {value}
      </span>
      {canReveal && (
        <Button size="small" icon={<EyeOutlined />} onClick={onReveal} data-testid={`${testId}-reveal`}>
          {t('reveal.button')}
        </Button>
      )}
    </Space>
  );
}

function PositionsTable({ positions }: { positions: PositionHistory[] }) {
  const t = useT();
  const lang = useLanguage();
  const sorted = [...positions].sort((a, b) => b.startDate.localeCompare(a.startDate));
  return (
    <Table<PositionHistory>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={sorted}
      data-testid="positions-table"
      columns={[
        { title: t('col.term'), dataIndex: 'termName', render: (v: string | null) => v ?? '–' },
        {
          title: t('col.org'),
          dataIndex: 'orgName',
          render: (_: unknown, row) => (
            <Link to={`/orgs/${encodeURIComponent(row.orgId)}`}>{row.orgName}</Link>
          ),
        },
        {
          title: t('col.role'),
          dataIndex: 'role',
          render: (role: string) => labels.positionRole(role, lang),
        },
        { title: t('col.startDate'), dataIndex: 'startDate' },
        {
          title: t('col.endDate'),
          dataIndex: 'endDate',
          render: (v: string | null) => v ?? <Tag color="green">{t('common.present')}</Tag>,
        },
      ]}
    />
  );
}

function PersonDetails({ person }: { person: Person }) {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const navigate = useNavigate();
  const [revealField, setRevealField] = useState<RevealField | null>(null);
  const canReveal = hasPermission(me, 'pii:reveal');
  const fieldLabel = revealField === 'phone' ? t('col.phone') : t('col.idNumber');
  const text = (value: string | null | undefined) => value || '–';

  return (
    <>
      <div className="xh-page-head">
        <Space align="center">
          <Link to="/roster" aria-label={t('roster.title')}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={1} data-testid="person-name">
            {person.name}
          </Typography.Title>
          {person.isSecretaryDirector && <Tag color="red">{t('tag.secretaryDirector')}</Tag>}
        </Space>
        <Space wrap>
          {hasPermission(me, 'pii:reveal') && (
            <DownloadButton download={() => lrmxApi.downloadPerson(person.id)} testId="person-lrmx">
              {t('lrmx.exportPerson')}
            </DownloadButton>
          )}
          {hasPermission(me, 'roster:export') && (
            <DownloadButton
              download={() => lrmxApi.downloadCadreForm(person.id)}
              icon={<FilePdfOutlined />}
              testId="person-cadre-form"
            >
              {t('lrmx.cadreForm')}
            </DownloadButton>
          )}
          {hasPermission(me, 'roster:write') && (
            <Button
              icon={<EditOutlined />}
              onClick={() => void navigate(`/people/${encodeURIComponent(person.id)}/edit`)}
              data-testid="person-edit"
            >
              {t('personForm.edit')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small" title={t('person.basic')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'name', label: t('col.name'), children: person.name },
            { key: 'gender', label: t('col.gender'), children: labels.gender(person.gender, lang) },
            {
              key: 'ethnicity',
              label: t('person.ethnicity'),
              children: text(labels.ethnicity(person.ethnicity, lang)),
            },
            { key: 'birthDate', label: t('col.birthDate'), children: person.birthDate },
            { key: 'age', label: t('col.age'), children: person.age },
            {
              key: 'politicalStatus',
              label: t('col.politicalStatus'),
              children: text(labels.politicalStatus(person.politicalStatus, lang)),
            },
            { key: 'partyJoinDate', label: t('person.partyJoinDate'), children: text(person.partyJoinDate) },
            { key: 'workStartDate', label: t('person.workStartDate'), children: text(person.workStartDate) },
            {
              key: 'education',
              label: t('col.education'),
              children: text(labels.education(person.education, lang)),
            },
            {
              key: 'fullTime',
              label: t('person.fullTimeEducation'),
              children: text(labels.education(person.fullTimeEducation, lang)),
            },
            {
              key: 'inService',
              label: t('person.inServiceEducation'),
              children: text(labels.education(person.inServiceEducation, lang)),
            },
            { key: 'degree', label: t('person.degree'), children: text(labels.degree(person.degree, lang)) },
            { key: 'major', label: t('person.major'), children: text(person.major) },
            {
              key: 'org',
              label: t('col.org'),
              children: <Link to={`/orgs/${encodeURIComponent(person.orgId)}`}>{person.orgName}</Link>,
            },
            { key: 'town', label: t('person.town'), children: text(person.townName) },
            {
              key: 'idNumber',
              label: t('col.idNumber'),
              children: (
                <MaskedValue
                  value={person.idNumberMasked}
                  canReveal={canReveal}
                  onReveal={() => setRevealField('idNumber')}
                  testId="id-number"
                />
              ),
            },
            {
              key: 'phone',
              label: t('col.phone'),
              children: (
                <MaskedValue
                  value={person.phoneMasked}
                  canReveal={canReveal}
                  onReveal={() => setRevealField('phone')}
                  testId="phone"
                />
              ),
            },
          ]}
        />
      </Card>
      <PersonRecordCards person={person} />
      <Card size="small" title={t('person.positions')} className="xh-section">
        <PositionsTable positions={person.positionHistory} />
      </Card>
      {(hasPermission(me, 'pipeline:read') || hasPermission(me, 'training:read')) && (
        <CareerLineCard personId={person.id} linkRecords={hasPermission(me, 'pipeline:read')} />
      )}
      {hasPermission(me, 'training:read') && <PersonTrainingCard personId={person.id} />}
      <RevealModal
        personId={person.id}
        field={revealField}
        fieldLabel={fieldLabel}
        onClose={() => setRevealField(null)}
      />
    </>
  );
}

export default function PersonPage() {
  const t = useT();
  const { id = '' } = useParams();
  const person = useQuery({
    queryKey: ['people', 'detail', id],
    queryFn: ({ signal }) => peopleApi.get(id, signal),
  });
  if (person.isPending) return <Spin size="large" className="xh-page-spin" />;
  if (person.isError) {
    return (
      <QueryError
        error={person.error}
        onRetry={() => void person.refetch()}
        notFoundTitle={t('person.notFound')}
      />
    );
  }
  return (
    <div data-testid="person-page">
      <PersonDetails person={person.data} />
    </div>
  );
}
