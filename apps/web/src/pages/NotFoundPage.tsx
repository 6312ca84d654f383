import { NotFoundResult } from '../components/NotFoundResult';
import { useT } from '../i18n/use-t';

export default function NotFoundPage() {
  const t = useT();
  return <NotFoundResult title={t('notFound.title')} subTitle={t('notFound.subtitle')} />;
}
