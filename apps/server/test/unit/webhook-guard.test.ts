import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyAddress,
  createWebhookGuard,
  parseAllowHosts,
} from '../../src/platform/notify/webhook-guard';

// Only decisions are tested here: nothing connects, and the resolver is a table (no DNS query leaves).
const table =
  (answers: Record<string, string[]>) =>
  async (host: string): Promise<string[]> => {
    const a = answers[host];
    if (!a) throw new Error(`ENOTFOUND ${host}`);
    return a;
  };

describe('webhook guard: which addresses are not the public internet', () => {
  test('every non-public IPv4 range is refused, with its reason', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['0.0.0.0', 'unspecified'],
      ['10.0.0.1', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'shared'],
      ['100.127.255.255', 'shared'],
      ['169.254.169.254', 'link_local'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['198.18.0.1', 'reserved'],
      ['192.0.2.10', 'reserved'],
    ];
    for (const [ip, reason] of cases) assert.equal(classifyAddress(ip), reason, ip);
  });

  test('public IPv4 next to the ranges is allowed', () => {
    for (const ip of ['172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '8.8.8.8', '1.1.1.1'])
      assert.equal(classifyAddress(ip), null, ip);
  });

  test('IPv6: loopback, unspecified, link-local, unique local, multicast, and every form that carries an IPv4', () => {
    const cases: [string, string][] = [
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fe80::1', 'link_local'],
      ['febf::1', 'link_local'],
      ['fc00::1', 'private'],
      ['fd12:3456::1', 'private'],
      ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['::ffff:169.254.169.254', 'link_local'],
      ['::ffff:10.1.2.3', 'private'],
      ['::127.0.0.1', 'loopback'],
      ['64:ff9b::10.0.0.1', 'private'],
      ['2002:7f00:1::', 'loopback'],
      ['2002:a9fe:a9fe::1', 'link_local'],
      ['2001:db8::1', 'reserved'],
      ['2001:0:4136:e378::1', 'reserved'],
      ['100::1', 'reserved'],
    ];
    for (const [ip, reason] of cases) assert.equal(classifyAddress(ip), reason, ip);
    assert.equal(classifyAddress('2400:3200::1'), null);
    assert.equal(classifyAddress('::ffff:8.8.8.8'), null);
  });
});

describe('webhook guard: URLs when saved', () => {
  const guard = createWebhookGuard({ resolve: table({}) });
  const refusal = (url: string) => {
    const c = guard.checkUrl(url);
    return c.ok ? null : c.reason;
  };

  test('loopback, metadata and private addresses are refused in every spelling the URL parser accepts', () => {
    const refused: [string, string][] = [
      ['http://127.0.0.1/hook', 'loopback'],
      ['http://2130706433/', 'loopback'], // decimal
      ['http://0x7f.1/', 'loopback'], // hex, short form
      ['http://0177.0.0.1/', 'loopback'], // octal
      ['http://017700000001/', 'loopback'],
      ['http://127.1/', 'loopback'],
      ['http://[::1]:8080/', 'loopback'],
      ['http://[::ffff:127.0.0.1]/', 'loopback'],
      ['http://[::ffff:a9fe:a9fe]/latest/meta-data', 'link_local'],
      ['http://169.254.169.254/latest/meta-data/', 'link_local'],
      ['http://0xa9fea9fe/', 'link_local'],
      ['http://[fe80::1]/', 'link_local'],
      ['http://10.0.0.8/', 'private'],
      ['https://192.168.0.1/', 'private'],
      ['http://172.20.1.1/', 'private'],
      ['http://100.64.1.1/', 'shared'],
      ['http://[fd00::1]/', 'private'],
      ['http://0.0.0.0:3000/', 'unspecified'],
      ['http://0/', 'unspecified'],
      ['http://[::]/', 'unspecified'],
      ['http://224.0.0.1/', 'multicast'],
      ['http://localhost:3000/', 'local_name'],
      ['http://LOCALHOST./', 'local_name'],
      ['http://api.localhost/', 'local_name'],
      ['http://localhost.localdomain/', 'local_name'],
      ['http://printer.local/', 'local_name'],
      ['http://metadata.google.internal/', 'local_name'],
      ['http://intranet/', 'local_name'],
      ['ftp://example.com/x', 'scheme'],
      ['file:///etc/passwd', 'scheme'],
      ['gopher://example.com/', 'scheme'],
      ['http://u:p@example.com/', 'credentials'],
      ['http://example.com@127.0.0.1/', 'credentials'],
      ['http://:@127.0.0.1/', 'loopback'], // empty userinfo is dropped by the parser: the host decides
      ['not a url', 'unparsable'],
      [`https://example.com/${'a'.repeat(500)}`, 'too_long'],
    ];
    for (const [url, reason] of refused) assert.equal(refusal(url), reason, url);
  });

  test('the host after a userinfo trick is the one judged', () => {
    // "http://example.com#@127.0.0.1/" has host example.com; "http://127.0.0.1\\@example.com" is 127.0.0.1.
    assert.equal(refusal('http://127.0.0.1\\@example.com/'), 'loopback');
    assert.equal(refusal('http://example.com#@127.0.0.1/'), null);
  });

  test('public names and addresses are accepted', () => {
    for (const url of ['https://hooks.example.gov.cn/x?key=1', 'http://8.8.8.8/', 'https://[2400:3200::1]/'])
      assert.equal(refusal(url), null, url);
  });

  test('loopback is not refused only under the tests-only allowance, and nothing else is relaxed by it', () => {
    const t = createWebhookGuard({ allowLoopbackForTests: true });
    assert.equal(t.checkUrl('http://127.0.0.1:9/hook').ok, true);
    assert.equal(t.checkUrl('http://[::1]:9/hook').ok, true);
    for (const url of ['http://10.0.0.1/', 'http://169.254.169.254/', 'http://localhost/', 'http://0.0.0.0/'])
      assert.equal(t.checkUrl(url).ok, false, url);
  });

  test("the administrator's allow-list admits named intranet hosts and ranges, nothing more", () => {
    const g = createWebhookGuard({ allowHosts: ['oa.zzb.intranet', '10.20.0.0/16', 'fd00::5'] });
    assert.equal(g.checkUrl('http://oa.zzb.intranet/hook').ok, true);
    assert.equal(g.checkUrl('http://10.20.3.4/hook').ok, true);
    assert.equal(g.checkUrl('http://[fd00::5]/hook').ok, true);
    assert.equal(g.checkUrl('http://10.21.0.1/hook').ok, false);
    assert.equal(g.checkUrl('http://other.intranet/hook').ok, false);
    assert.equal(g.checkUrl('http://127.0.0.1/hook').ok, false);
    assert.throws(() => parseAllowHosts(['10.0.0.0/40']));
    assert.throws(() => parseAllowHosts(['http://x/']));
  });
});

describe('webhook guard: the address a delivery connects to', () => {
  test('every resolved address is checked: one private answer among public ones refuses', async () => {
    const g = createWebhookGuard({
      resolve: table({
        'rebind.example.com': ['127.0.0.1'],
        'mixed.example.com': ['8.8.8.8', '10.0.0.1'],
        'meta.example.com': ['::ffff:169.254.169.254'],
        'ok.example.com': ['8.8.4.4', '2400:3200::1'],
      }),
    });
    const reason = async (url: string) => {
      const r = await g.addressFor(url);
      return r.ok ? r.value.address : `refused:${r.reason}`;
    };
    assert.equal(await reason('http://rebind.example.com/'), 'refused:loopback');
    assert.equal(await reason('http://mixed.example.com/'), 'refused:private');
    assert.equal(await reason('http://meta.example.com/'), 'refused:link_local');
    assert.equal(await reason('http://nowhere.example.com/'), 'refused:unresolvable');
    assert.equal(await reason('http://localhost/'), 'refused:local_name');
    assert.equal(await reason('http://ok.example.com/'), '8.8.4.4');
  });

  test('an allow-listed name may resolve to an intranet address; an allow-listed range admits only its addresses', async () => {
    const g = createWebhookGuard({
      allowHosts: ['oa.zzb.example', '10.20.0.0/16'],
      resolve: table({ 'oa.zzb.example': ['10.9.9.9'], 'hr.example.com': ['10.20.0.7', '10.30.0.1'] }),
    });
    const oa = await g.addressFor('http://oa.zzb.example/');
    assert.ok(oa.ok && oa.value.address === '10.9.9.9');
    const hr = await g.addressFor('http://hr.example.com/');
    assert.deepEqual(hr, { ok: false, reason: 'private' });
  });
});
