import type { Random } from './random';

// Synthetic names: a common surname with one or two given-name characters drawn at random.
const SURNAMES =
  '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高梁郑罗宋谢唐韩曹许邓冯曾程蔡彭潘袁于董余苏叶吕魏蒋田杜丁沈姜范江傅钟卢汪戴崔任陆廖姚方金邱夏谭贾邹石熊孟秦薛侯雷白龙段郝孔邵史毛常万顾赖武康贺严尹钱施牛洪龚'.split(
    '',
  );
const GIVEN_M =
  '伟强磊军勇杰涛斌明超刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳东亮晨昊文博志峰建国庆斌彬'.split('');
const GIVEN_F = '芳娟敏静丽艳娜霞燕玲婷雪慧莉倩琳颖洁蓉晶佳欣怡萍红梅兰英秀琴悦瑶薇'.split('');

/**
 * The people the article names (新塍村's secretary, 福前村's special-post secretary, the author): the
 * demo gives none of them an invented record, so a draw that happens to spell one is drawn again.
 */
export const ARTICLE_PEOPLE: ReadonlySet<string> = new Set(['奚涛', '王晶晶', '龚宇晨']);

export function personName(rng: Random, gender: '1' | '2'): string {
  const pool = gender === '1' ? GIVEN_M : GIVEN_F;
  for (;;) {
    const given = rng.chance(0.7) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
    const name = rng.pick(SURNAMES) + given;
    if (!ARTICLE_PEOPLE.has(name)) return name;
  }
}

const PLACE_A =
  '东西南北新永长福德兴和安庆胜华丰联合民港沙河湖塘桥泾园红光明双三五常乐恬晨阳金银乘鹿山河城中义善蒋巷后塍'.split(
    '',
  );
const PLACE_B = '兴丰安华盛北南东西港桥湾泾浜塘园林庄圩新元福星光明阳'.split('');

/**
 * A village or community name not used yet in the city. Two characters give about 1,300 names per
 * suffix, too few for a county ten times the demo city: after many collisions in a row it draws
 * three-character names instead (never reached at scale 1, so that city stays the same).
 */
export function placeName(rng: Random, used: Set<string>, suffix: '村' | '社区'): string {
  for (let tries = 0; ; tries++) {
    const stem = rng.pick(PLACE_A) + rng.pick(PLACE_B);
    const n = (tries >= 64 ? stem + rng.pick(PLACE_B) : stem) + suffix;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}
