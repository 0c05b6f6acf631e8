export * from './Provider.js';
