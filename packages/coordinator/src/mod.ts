export * from './config/mod.js';
