export * from './matters';
export * from './meetings';
export * from './attachments';
