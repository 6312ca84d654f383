export * from './code-match';
export * from './person-checks';
export * from './import-row';
