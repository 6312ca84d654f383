import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
// The field and the password field by themselves: antd's Input namespace also brings TextArea, Search and
// the one-time-code field, which the login page (issue 12 item 7: ≤ 200 kB of compressed JS) does not use.
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { useState, type FormEvent } from 'react';
import type { Login, Me } from '@xinhuo/shared';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { totpApi } from '../api/security-endpoints';
import { ME_QUERY_KEY } from '../auth/me-context';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useBrand, useBrandTitle } from '../features/settings/use-settings';
import { useT } from '../i18n/use-t';
import './login.css';

const DEMO_ACCOUNTS = [
  'demo-city',
  'demo-town',
  'demo-village',
  'demo-dept',
  'demo-leader',
  'demo-sysadmin',
  'demo-secadmin',
  'demo-auditor',
] as const;

interface LoginValues {
  username: string;
  password: string;
}

type FieldErrors = Partial<Record<keyof LoginValues, string>>;

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

// The login page is the first load of every visit, so it is a plain form of antd inputs (no antd Form,
// whose validator, tooltip and grid would weigh as much again): required fields are checked on submit
// and the server's field errors are put under their inputs.
export default function LoginPage() {
  const t = useT();
  const brand = useBrand();
  useBrandTitle();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<LoginValues>({ username: params.get('username') ?? '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  // The second step of an account with two-step verification: the password step's challenge.
  const [challenge, setChallenge] = useState<string | null>(null);

  const signedIn = (user: Me) => {
    queryClient.clear();
    queryClient.setQueryData(ME_QUERY_KEY, user);
    void navigate(safeNext(params.get('next')), { replace: true });
  };
  const onAnswer = (r: Login) => {
    if ('user' in r) signedIn(r.user);
    else setChallenge(r.challenge);
  };

  const login = useMutation({
    mutationFn: (v: LoginValues) => authApi.login(v.username, v.password),
    onSuccess: onAnswer,
    onError: (error) => {
      if (!isApiError(error)) return;
      const fields: FieldErrors = {};
      for (const f of error.fields) {
        if (f.path === 'username' || f.path === 'password') fields[f.path] = f.message;
      }
      setErrors(fields);
    },
  });

  const change = (field: keyof LoginValues, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!values.username.trim()) missing.username = t('login.usernameRequired');
    if (!values.password) missing.password = t('login.passwordRequired');
    setErrors(missing);
    if (!missing.username && !missing.password) login.mutate(values);
  };
  const errorOf = (field: keyof LoginValues) =>
    errors[field] ? (
      <div id={`login-${field}-error`} className="xh-login-field-error" role="alert">
        {errors[field]}
      </div>
    ) : null;

  if (challenge) {
    return (
      <CodeStep
        challenge={challenge}
        onSignedIn={onAnswer}
        onBack={() => {
          setChallenge(null);
          setValues((v) => ({ ...v, password: '' }));
          login.reset();
        }}
      />
    );
  }

  return (
    <div className="xh-login">
      <div className="xh-login-lang">
        <LanguageSwitch />
      </div>
      <main className="xh-login-card xh-login-panel">
        <div className="xh-login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <h1 className="xh-login-title" data-testid="login-platform-name">
              {brand?.name ?? t('app.name')}
            </h1>
            <span className="xh-login-secondary">{t('app.subtitle')}</span>
            {brand && (
              <div className="xh-login-secondary" data-testid="login-department">
                {brand.department}
              </div>
            )}
          </div>
        </div>
        {params.get('activated') === '1' && !login.isError && (
          <Alert
            type="success"
            showIcon
            className="xh-login-error"
            data-testid="login-activated"
            title={t('login.activated')}
          />
        )}
        {login.isError && (
          <Alert
            type="error"
            showIcon
            className="xh-login-error"
            data-testid="login-error"
            title={isApiError(login.error) ? login.error.message : t('login.failed')}
          />
        )}
        <form onSubmit={submit} autoComplete="on" noValidate>
          <div className="xh-login-field">
            <label htmlFor="login-username">{t('login.username')}</label>
            <Input
              id="login-username"
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              value={values.username}
              onChange={(e) => change('username', e.target.value)}
              status={errors.username ? 'error' : undefined}
              aria-invalid={errors.username ? true : undefined}
              aria-describedby={errors.username ? 'login-username-error' : undefined}
              data-testid="login-username"
            />
            {errorOf('username')}
          </div>
          <div className="xh-login-field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <Password
              id="login-password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              value={values.password}
              onChange={(e) => change('password', e.target.value)}
              status={errors.password ? 'error' : undefined}
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? 'login-password-error' : undefined}
              data-testid="login-password"
            />
            {errorOf('password')}
          </div>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={login.isPending}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </form>
        <div className="xh-login-links">
          <Link to="/activate" data-testid="login-activate-link">
            {t('login.activateLink')}
          </Link>
        </div>
        {brand?.support && (
          <p className="xh-login-secondary xh-login-support" data-testid="login-support">
            {t('login.support', { contact: brand.support })}
          </p>
        )}
        <div className="xh-login-demo">
          <span className="xh-login-secondary">{t('login.demoAccounts')}</span>
          <div className="xh-login-accounts">
            {DEMO_ACCOUNTS.map((account) => (
              <button
                key={account}
                type="button"
                className="xh-login-account"
                onClick={() => change('username', account)}
              >
                {account}
              </button>
            ))}
          </div>
          <span className="xh-login-secondary xh-login-hint">{t('login.demoPasswordHint')}</span>
        </div>
      </main>
    </div>
  );
}

/** The login's second step: a 6-digit code from the authenticator app, or a recovery code. */
function CodeStep({
  challenge,
  onSignedIn,
  onBack,
}: {
  challenge: string;
  onSignedIn: (r: Login) => void;
  onBack: () => void;
}) {
  const t = useT();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const verify = useMutation({
    mutationFn: (c: string) => totpApi.loginCode(challenge, c),
    onSuccess: onSignedIn,
    onError: () => setCode(''),
  });
  const expired = isApiError(verify.error) && verify.error.code === 'TOTP_CHALLENGE_EXPIRED';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return setMissing(true);
    verify.mutate(code.trim());
  };
  return (
    <div className="xh-login">
      <div className="xh-login-lang">
        <LanguageSwitch />
      </div>
      <main className="xh-login-card xh-login-panel">
        <div className="xh-login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <h1 className="xh-login-title">{t('login.codeTitle')}</h1>
            <span className="xh-login-secondary">{t('login.codeHint')}</span>
          </div>
        </div>
        {verify.isError && (
          <Alert
            type="error"
            showIcon
            className="xh-login-error"
            data-testid="login-code-error"
            title={isApiError(verify.error) ? verify.error.message : t('login.failed')}
          />
        )}
        <form onSubmit={submit} autoComplete="off" noValidate>
          <div className="xh-login-field">
            <label htmlFor="login-code">{t('login.code')}</label>
            <Input
              id="login-code"
              prefix={<SafetyOutlined />}
              autoComplete="one-time-code"
              inputMode="numeric"
              autoFocus
              maxLength={20}
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                setMissing(false);
              }}
              status={missing ? 'error' : undefined}
              aria-invalid={missing ? true : undefined}
              aria-describedby={missing ? 'login-code-required' : undefined}
              data-testid="login-code"
            />
            {missing && (
              <div id="login-code-required" className="xh-login-field-error" role="alert">
                {t('login.codeRequired')}
              </div>
            )}
          </div>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={verify.isPending}
            disabled={expired}
            data-testid="login-code-submit"
          >
            {t('login.codeSubmit')}
          </Button>
        </form>
        <div className="xh-login-links">
          <Button type="link" onClick={onBack} data-testid="login-code-back">
            {t('login.codeBack')}
          </Button>
        </div>
      </main>
    </div>
  );
}
