export * from './id-number';
export * from './codes';
export * from './mask';
export * from './pinyin';
export * from './password-policy';
export * from './errors';
export * from './permissions';
export * from './org';
