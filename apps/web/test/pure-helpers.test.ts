import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ATTACHMENT_LIMITS } from '@xinhuo/shared';
import { attachmentRefusal } from '../src/lib/attachment-check';
import { fitAxes, labelWidth, withFittedLabels } from '../src/components/chart/fit-labels';
import { detailsText, formatOneDecimal, formatPercent } from '../src/lib/format';
import { ancestorsInScope } from '../src/lib/scope';
import type { Translate } from '../src/i18n/use-t';
import { readRosterView, writeRosterView } from '../src/pages/roster/roster-params';
import { readBoardView, withoutSort, writeBoardView } from '../src/pages/matters/board-params';

// The web's pure helpers: what the pages compute without a browser (URL state, formatting, checks).

describe('roster view in the URL', () => {
  test('a shared address gives back the same filters, sort and page', () => {
    const url = new URLSearchParams('q=wjj&ageMin=30&ageMax=45&sort=birthDate&order=desc&page=3&pageSize=50');
    const view = readRosterView(url);
    assert.equal(view.filters.q, 'wjj');
    assert.equal(view.filters.ageMin, 30);
    assert.equal(view.sort, 'birthDate');
    assert.equal(view.page, 3);
    assert.equal(view.pageSize, 50);
    assert.equal(writeRosterView(view).toString(), url.toString());
  });

  test('forged or broken values fall back to the defaults instead of reaching the server', () => {
    const view = readRosterView(
      new URLSearchParams('sort=password&order=sideways&page=-4&pageSize=100000&ageMin=x'),
    );
    assert.equal(view.sort, undefined);
    assert.equal(view.order, undefined);
    assert.equal(view.page, 1);
    assert.equal(view.pageSize, 20);
    assert.equal(view.filters.ageMin, undefined);
    assert.equal(writeRosterView(view).toString(), '');
  });
});

describe('matter board view in the URL', () => {
  test('round trip, and counts drop the sort', () => {
    const view = readBoardView(new URLSearchParams('q=厂房&page=2'));
    assert.equal(view.filters.q, '厂房');
    assert.equal(view.page, 2);
    assert.equal(readBoardView(writeBoardView(view)).filters.q, '厂房');
    const { sort, order } = withoutSort({ q: 'x', sort: 'deadline', order: 'asc' } as never) as Record<
      string,
      unknown
    >;
    assert.equal(sort, undefined);
    assert.equal(order, undefined);
  });
});

describe('formatting', () => {
  test('shares as whole percents and averages to one decimal, a dash for nothing', () => {
    assert.equal(formatPercent(1244 / 1323), '94%');
    assert.equal(formatPercent(null), '–');
    assert.equal(formatOneDecimal(39.04), '39.0');
    assert.equal(formatOneDecimal(Number.NaN), '–');
  });

  test('audit details become plain text, never markup', () => {
    assert.equal(detailsText({ a: '<b>' }), '{"a":"<b>"}');
    assert.equal(detailsText(null), '');
  });
});

describe('breadcrumbs stay in scope', () => {
  test('a town user is not offered the city above its town', () => {
    const chain = [{ id: 'city' }, { id: 'town' }, { id: 'village-parent' }];
    const scope = [{ id: 'town' }] as never;
    assert.deepEqual(ancestorsInScope('village', chain, scope), [{ id: 'town' }, { id: 'village-parent' }]);
    assert.deepEqual(ancestorsInScope('town', chain, scope), []);
  });
});

describe('attachments checked before sending', () => {
  const t: Translate = (key) => key;
  test('the same limits as the server: kind, empty, size, count', () => {
    assert.equal(attachmentRefusal({ name: 'a.exe', size: 10 }, 0, t), 'attachments.error.type');
    assert.equal(attachmentRefusal({ name: 'a.pdf', size: 0 }, 0, t), 'attachments.error.empty');
    assert.equal(
      attachmentRefusal({ name: 'a.pdf', size: ATTACHMENT_LIMITS.maxBytes + 1 }, 0, t),
      'attachments.error.size',
    );
    assert.equal(
      attachmentRefusal({ name: 'a.pdf', size: 10 }, ATTACHMENT_LIMITS.perOwner, t),
      'attachments.error.limit',
    );
    assert.equal(attachmentRefusal({ name: '照片.JPG', size: 10 }, 0, t), null);
  });
});

describe('chart category labels fit their slot', () => {
  const axisOption = (names: string[]) => ({
    grid: { left: 44, right: 48, top: 36, bottom: 36 },
    xAxis: { type: 'category', data: names },
  });
  const english = [
    'Beautiful village construction',
    'Reducing grassroots burden',
    'Town–village cadre exchange',
  ];

  test('names stay level where they fit, wrap onto two lines where two hold them, and turn otherwise', () => {
    assert.ok(labelWidth('Beautiful village construction') > labelWidth('美丽乡村建设'));
    assert.deepEqual(fitAxes(axisOption(['美丽乡村', '减负', '交流']), 640), ['level']);
    assert.deepEqual(fitAxes(axisOption(english), 3000), ['level']);
    // 640 px: a slot of about 180 px, the longest name about 210 — two lines of 170 px.
    assert.deepEqual(fitAxes(axisOption(english), 640), [170]);
    // 390 px: a slot of about 90 px — turned.
    assert.deepEqual(fitAxes(axisOption(english), 390), ['turn']);
    // Not drawn yet (no width): nothing decided.
    assert.deepEqual(fitAxes(axisOption(english), 0), ['level']);
  });

  test('a turned axis is cut with an ellipsis, a wrapped one breaks at its width; the plot keeps room below', () => {
    type Fitted = { xAxis: { axisLabel: Record<string, unknown> }; grid: { bottom: number } };
    const turned = withFittedLabels(axisOption(english), ['turn']) as Fitted;
    assert.equal(turned.xAxis.axisLabel.rotate, 40);
    assert.equal(turned.xAxis.axisLabel.overflow, 'truncate');
    assert.ok(turned.grid.bottom >= 80);
    const wrapped = withFittedLabels(axisOption(english), [170]) as Fitted;
    assert.equal(wrapped.xAxis.axisLabel.width, 170);
    assert.equal(wrapped.xAxis.axisLabel.overflow, 'break');
    assert.ok(wrapped.grid.bottom >= 48);
    const same = axisOption(english);
    assert.equal(withFittedLabels(same, ['level']), same);
  });
});
