import { Button } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useBrand } from '../features/settings/use-settings';
import { useT } from '../i18n/use-t';
import { LazyResult } from './LazyResult';

export function ErrorFallback() {
  const t = useT();
  const brand = useBrand();
  return (
    <LazyResult
      status="500"
      title={t('error.title')}
      subTitle={
        brand?.support ? (
          <>
            {t('error.subtitle')}
            <br />
            <span data-testid="error-support">{t('login.support', { contact: brand.support })}</span>
          </>
        ) : (
          t('error.subtitle')
        )
      }
      extra={<Button onClick={() => window.location.reload()}>{t('error.reload')}</Button>}
    />
  );
}

interface Props {
  children: ReactNode;
  /** Changing the key (e.g. the route) clears a caught error. */
  resetKey?: string;
}

interface State {
  error: Error | null;
  resetKey?: string;
}

/** Catches render errors so one broken page never blanks the whole app. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack);
  }

  override render() {
    return this.state.error ? <ErrorFallback /> : this.props.children;
  }
}
