/**
 * Blocklist of common passwords (lower-case; compare case-insensitively).
 *
 * Hand-written list of passwords that are common in Chinese and international leak statistics,
 * plus programmatic variants (base word × common suffix / prefix) so that forms such as
 * `Admin@123`, `Woaini1314!`, `Qwer1234` or `Password2024` are caught.
 */

/** Passwords that are common as-is. */
const LITERAL: readonly string[] = [
  // digit runs and patterns
  '123456', '1234567', '12345678', '123456789', '1234567890', '12345', '1234', '123123', '123321',
  '111111', '000000', '666666', '888888', '11111111', '00000000', '88888888', '66666666', '12341234',
  '112233', '121212', '123654', '654321', '987654321', '987654', '147258', '147258369', '159357',
  '123456a', '123456aa', '123456abc', '123456qq', 'a123456', 'a12345678', 'aa123456', 'aa12345678',
  'abc123', 'abc123456', 'abc12345', 'abcd1234', 'abcd123456', 'a1b2c3', 'a1b2c3d4', 'q1w2e3r4',
  'q1w2e3r4t5', 'q1w2e3', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e', '1qaz2wsx', '1qaz2wsx3edc', '1qazxsw2',
  'zaq12wsx', '2wsx3edc', '1qaz@wsx', '1qaz!qaz', 'qazwsx', 'qazwsxedc', 'qazwsx123', 'qweasd',
  'qweasdzxc', 'qweasd123', 'asdzxc', 'zxcvbnm', 'zxcvbn', 'asdfghjkl', 'asdfgh', 'asdf1234',
  'qwertyuiop', 'qwerty', 'qwerty123', 'qwerty1', 'qwer1234', 'qwe123', 'qwe123456', 'asd123',
  'asd123456', 'zxc123', 'zxc123456', 'zxcv1234', '147852', '147852369', '258369', '741852963',
  '5201314', '1314520', '520520', '521521', '7758521', '7758258', '584520', '201314',
  // words
  'password', 'password1', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'p@55w0rd', 'pa$$w0rd', 'pass1234',
  'admin', 'admin123', 'admin888', 'admin@123', 'administrator', 'root', 'root123', 'toor',
  'test', 'test123', 'test1234', 'guest', 'user', 'user123', 'welcome', 'welcome1', 'letmein',
  'iloveyou', 'iloveyou1', 'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football',
  'baseball', 'superman', 'batman', 'trustno1', 'shadow', 'michael', 'jennifer', 'charlie',
  'whatever', 'freedom', 'hello', 'hello123', 'helloworld', 'login', 'starwars', 'computer',
  'changeme', 'secret', 'default', 'system', 'server', 'oracle', 'mysql', 'manager', 'support',
  'aa123456', 'a1234567', 'aa112233', 'aaa111', 'aaaaaa', 'aaaaaaaa', 'abcdef', 'abcdefg',
  'abcdefgh', 'abcabc', 'abc@123', 'abc#123', 'qq123456', 'qq5201314', 'qaz123', 'woaini',
  'woaini1314', 'woaini520', 'woaini521', 'woainima', 'woaiwojia', 'wodemima', 'mima', 'mima123',
  'mima1234', 'mima123456', 'nihao', 'nihao123', 'zhongguo', 'zhongguo123', 'china', 'china123',
  'beijing', 'shanghai', 'suzhou', 'jiangsu', 'zhangjiagang', 'huawei', 'xiaomi', 'baidu', 'taobao',
  'tencent', 'alibaba', 'wangyi', 'aini1314', 'aini520', 'iloveu', 'love', 'love1314', 'lovelove',
  'caonima', 'wocaonima', 'tianya', 'xiaoming', 'xiaohong', 'zhangsan', 'lisi', 'wangwu',
  'laopo520', 'laogong520', 'baobei', 'baobei520', 'dabaobei', 'xiaobao', 'shabi', 'qwertyui',
  'sunlight', 'zhangwei', 'wangwei', 'liuyang', 'lijun', 'liwei', 'wangjing', 'wanglei', 'zhangmin',
  'zhanglei', 'zhangjing', 'liuwei', 'liming', 'chenjing', 'yangyang', 'ceshi', 'ceshi123',
  'gongzuo', 'danwei', 'bangong', 'zhengfu', 'dangjian', 'dangyuan', 'gongchandang', 'renmin',
  'xitong', 'guanli', 'guanliyuan', 'anquan', 'shenji', 'shenjiyuan', 'anquanyuan', 'xitongyuan',
  'ganbu', 'cunganbu', 'shuji', 'zhuren', 'cunwei', 'zuzhi', 'zuzhibu', 'zzb', 'zzb123', 'xinhuo',
  'xinhuo123', 'weixin', 'wechat', 'alipay', 'zhifubao',
];

/** Base words that are commonly combined with a suffix. */
const BASES: readonly string[] = [
  'a', 'aa', 'aaa', 'abc', 'abcd', 'qwe', 'qwer', 'qwert', 'qwerty', 'asd', 'asdf', 'zxc', 'zxcv',
  'qaz', 'wsx', '1qaz', 'qazwsx', '1qaz2wsx', 'q1w2e3r4', '1q2w3e4r', 'qweasd', 'zxcvbnm',
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'pwd', 'admin', 'root', 'test', 'user',
  'guest', 'welcome', 'hello', 'love', 'iloveyou', 'woaini', 'aini', 'mima', 'wodemima', 'china',
  'zhongguo', 'beijing', 'shanghai', 'suzhou', 'jiangsu', 'nihao', 'qq', 'wang', 'zhang', 'li',
  'liu', 'chen', 'yang', 'zhao', 'huang', 'zhou', 'wu', 'xu', 'sun', 'hu', 'zhu', 'gao', 'lin',
  'he', 'guo', 'ma', 'luo', 'system', 'server', 'manager', 'super', 'superman', 'dragon',
  'monkey', 'master', 'sunshine', 'princess', 'huawei', 'xiaomi', 'baidu', 'taobao', 'ceshi',
  'zzb', 'zuzhibu', 'xinhuo', 'dangjian', 'guanli', 'xitong', 'anquan', 'shenji', 'ganbu',
  'shuji', 'zhuren', 'cunwei', 'laopo', 'laogong', 'baobei', 'lovely', 'happy', 'lucky',
  'angel', 'football', 'soccer', 'abc123', 'abcd1234', 'qwer1234', 'asdf1234', 'aa123456',
  'a123456', 'zhangsan', 'lisi', 'computer', 'internet', 'office', 'work', 'gongzuo', 'bangong',
  'changeme', 'default', 'secret', 'oracle', 'mysql', 'sa', 'sys', 'sysadmin', 'operator',
];

/** Suffixes appended to bases. */
const SUFFIXES: readonly string[] = [
  '', '1', '12', '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '0', '00',
  '000', '01', '11', '111', '1111', '666', '888', '8888', '999', '520', '521', '1314', '5201314',
  '!', '!!', '!@#', '!@#$', '@', '#', '.', '@123', '@1234', '@12345', '@123456', '#123', '#1234',
  '!123', '!1234', '.123', '_123', '123!', '123.', '123@', '123#', '1234!', '1234@', '1!', '1@',
  '@1', '@666', '@888', '@520', '@1314', '!@#123', '123!@#', 'abc', '@abc', '.com', '@qq',
  '@qq.com', '2008',
];

/** Years commonly appended (with and without separators). */
const YEARS: readonly number[] = [
  2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025,
  2026, 2027,
];

/** Prefixes put in front of digit runs / words. */
const PREFIXES: readonly string[] = ['aa', 'a', 'abc', 'qq', 'wang', 'zhang', 'li', 'z', 'w', 'x'];
const DIGIT_RUNS: readonly string[] = [
  '123456', '1234567', '12345678', '123456789', '111111', '888888', '666666', '123123', '5201314',
  '1314520', '112233', '654321',
];

function build(): Set<string> {
  const s = new Set<string>();
  for (const w of LITERAL) s.add(w.toLowerCase());
  for (const b of BASES) {
    for (const suf of SUFFIXES) s.add((b + suf).toLowerCase());
    for (const y of YEARS) {
      s.add(`${b}${y}`);
      s.add(`${b}@${y}`);
      s.add(`${b}#${y}`);
      s.add(`${b}.${y}`);
      s.add(`${b}${y}!`);
      s.add(`${b}@${y}!`);
      s.add(`${b}${String(y).slice(2)}`);
    }
  }
  for (const p of PREFIXES) {
    for (const d of DIGIT_RUNS) {
      s.add(p + d);
      s.add(`${p}@${d}`);
      s.add(`${p}.${d}`);
      s.add(`${d}${p}`);
    }
  }
  // Keyboard walks with a shifted symbol row (e.g. "1qaz!QAZ", "!qaz2wsx").
  for (const w of ['1qaz!qaz', '!qaz2wsx', '1qaz@wsx', '!qaz@wsx', 'qwe!@#', 'qwe123!@#', '!qaz1qaz']) {
    s.add(w);
  }
  s.delete('');
  return s;
}

/** Lower-case set of common passwords. */
export const COMMON_PASSWORDS: ReadonlySet<string> = build();

/** True if the password (compared case-insensitively) is on the blocklist. */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
