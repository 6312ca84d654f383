// Issue 12 item 2 in the browser: the 每日汇总 switch on the 消息通知 page. A user turns the daily digest
// on, it stays on after a reload (stored with the user's preferences, not the browser), and is off for
// another user. Looked at on a desk and a phone, in Chinese and English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useDemoApp } from './harness';

const app = useDemoApp();
const SHOTS = '/tmp/s21-dg';

test('a user opts into the daily digest on the notification centre and it is remembered', async () => {
  const page = await app.signIn('demo-town');
  await page.goto('/notifications');
  const box = page.getByTestId('notify-digest');
  await box.getByText('每日汇总').waitFor();
  await box.getByText('每天定时收到一条消息，汇总我的待办各类数量（无待办时不发送）。').waitFor();
  const sw = box.getByRole('switch');
  assert.equal(await sw.getAttribute('aria-checked'), 'false');
  await sw.click();
  await page.waitForFunction(
    () =>
      document
        .querySelector('[data-testid="notify-digest"] [role="switch"]')
        ?.getAttribute('aria-checked') === 'true',
  );
  await page.reload();
  await page.getByTestId('notify-digest').locator('.ant-switch-checked').waitFor();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/digest-zh-1366.png` });

  // Another user's switch is their own.
  const other = await app.signIn('demo-village', { locale: 'en' });
  await other.goto('/notifications');
  const en = other.getByTestId('notify-digest');
  await en.getByText('Daily digest').waitFor();
  await en
    .getByText('Once a day, one message summing your to-do counts by kind (none when nothing waits).')
    .waitFor();
  assert.equal(await en.getByRole('switch').getAttribute('aria-checked'), 'false');
  await other.screenshot({ path: `${SHOTS}/digest-en-1366.png` });

  for (const locale of ['zh-CN', 'en'] as const) {
    const phone = await app.signIn('demo-town', { viewport: { width: 390, height: 844 }, locale });
    await phone.goto('/notifications');
    await phone.getByTestId('notify-digest').locator('.ant-switch-checked').waitFor();
    await phone.waitForTimeout(400); // the switch's handle slides over
    const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `${locale}: no sideways scroll on a phone (${wide})`);
    await phone.screenshot({ path: `${SHOTS}/digest-${locale}-390.png` });
  }
});
