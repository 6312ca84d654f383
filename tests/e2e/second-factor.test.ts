// Two-step verification in the browser: the demo's security administrator sets up TOTP from the header
// (QR code, first code, ten recovery codes shown once), signs out, and signs in again with the password
// and then a code this test computes from the secret the page showed (RFC 6238, the server's clock is
// the machine's). A wrong code is refused with the catalogue's message and no session. Then it requires
// the second factor of the system administrator's role in 安全策略, whose next login leads to the enrolment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { totpCode } from '../../apps/server/src/modules/auth/totp';
import { DEMO_PASSWORD, useDemoApp } from './harness';

const app = useDemoApp();

test('an administrator enrols TOTP, signs out, and signs in with a code', async () => {
  const page = await app.signIn('demo-secadmin');
  await page.goto('/security/two-factor');
  await page.getByTestId('two-factor-page').waitFor();
  await page.getByTestId('totp-start').click();
  const qr = page.getByTestId('totp-qr');
  await qr.waitFor();
  assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml;base64,/);
  assert.ok(
    await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    'the QR renders',
  );
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);

  // The form checks the code as it is typed.
  await page.getByTestId('totp-code').fill('12ab');
  await page.getByText('验证码为 6 位数字').waitFor();
  await page.getByTestId('totp-code').fill(totpCode(secret, Date.now()));
  await page.getByTestId('totp-confirm').click();
  const codes = page.getByTestId('totp-recovery-codes').locator('li');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  await page.getByTestId('totp-done').click();
  await page.getByTestId('totp-enrolled').waitFor();

  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
  await page.getByTestId('login-username').fill('demo-secadmin');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-code').waitFor();
  const cookies = async () => (await page.context().cookies()).filter((c) => c.name === 'xh_sid');
  assert.equal((await cookies()).length, 0, 'no session after the password alone');

  const wrong = totpCode(secret, Date.now() - 10 * 60_000);
  await page.getByTestId('login-code').fill(wrong === '000000' ? '111111' : wrong);
  await page.getByTestId('login-code-submit').click();
  await page.getByTestId('login-code-error').getByText('验证码不正确或已使用').waitFor();
  assert.equal((await cookies()).length, 0);

  // The next step's code: accepted (±1 step) and later than the one used to enrol, whenever this runs.
  await page.getByTestId('login-code').fill(totpCode(secret, Date.now() + 30_000));
  await page.getByTestId('login-code-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByTestId('current-user').waitFor();
  assert.equal((await cookies()).length, 1);

  // 安全策略: the security administrator requires the second factor of the system administrator's role.
  await page.goto('/security/policy');
  await page.getByTestId('security-policy-page').waitFor();
  await page.getByTestId('policy-totpRequiredRoles').getByText('系统管理员').click();
  await page.getByTestId('policy-save').click();
  await page.getByTestId('security-policy-version').getByText('第 2 版').waitFor();

  // The system administrator signs in with the password and is sent to the enrolment before anything else.
  const sys = await app.newPage();
  await sys.goto('/login');
  await sys.getByTestId('login-username').fill('demo-sysadmin');
  await sys.getByTestId('login-password').fill(DEMO_PASSWORD);
  await sys.getByTestId('login-submit').click();
  await sys.waitForURL((url) => url.pathname === '/security/two-factor');
  await sys.getByText('安全策略要求您的账号启用两步验证').waitFor();
  await sys.goto('/audit');
  await sys.waitForURL((url) => url.pathname === '/security/two-factor');
});
