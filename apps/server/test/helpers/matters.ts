import assert from 'node:assert/strict';
import type { TestEnv } from './test-env';

/** Small helpers for the matter tests: raise, act by HTTP as a named user, read. */
export function matterClient(env: TestEnv, cookies: Record<string, string>) {
  const as = (user: string) => {
    const c = cookies[user];
    if (!c) throw new Error(`no cookie for ${user}`);
    return c;
  };
  return {
    async raise(user: string, body: Record<string, unknown>) {
      const r = await env.request(as(user), { method: 'POST', url: '/api/matters', payload: body });
      assert.equal(r.statusCode, 201, r.body);
      return r.json();
    },
    get: (user: string, id: string) => env.request(as(user), { method: 'GET', url: `/api/matters/${id}` }),
    act: (user: string, id: string, body: Record<string, unknown>) =>
      env.request(as(user), { method: 'POST', url: `/api/matters/${id}/transitions`, payload: body }),
    async ok(user: string, id: string, body: Record<string, unknown>) {
      const r = await env.request(as(user), {
        method: 'POST',
        url: `/api/matters/${id}/transitions`,
        payload: body,
      });
      assert.equal(r.statusCode, 200, `${user} ${String(body.action)}: ${r.body}`);
      return r.json();
    },
    list: (user: string, query = '') => env.request(as(user), { method: 'GET', url: `/api/matters${query}` }),
  };
}

export const sampleMatter = (villageId: string, extra: Record<string, unknown> = {}) => ({
  title: '村集体经济项目审批慢',
  description: '村里的标准厂房项目审批材料已报送两个月，仍未批复，影响村级经济发展。',
  categoryCode: 'village_economy',
  villageId,
  raiserName: '陆婷婷',
  ...extra,
});
