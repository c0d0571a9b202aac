export * from './config/mod.js';
export * from './cmdlets/parse.js';
export * from './cmdlets/names.js';
