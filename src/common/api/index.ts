export * from './shared.js';
export * from './organizations.js';
export * from './users.js';
export * from './network.js';
export * from './catalog.js';
