// Every module's tables, for Drizzle's typed queries and for drizzle-kit's migrations.
export * from '../modules/networks/networks.table.js';
export * from '../modules/organizations/organizations.table.js';
export * from '../modules/users/users.table.js';
export * from '../modules/auth/auth.table.js';
export * from '../modules/invitations/invitations.table.js';
export * from '../modules/api-tokens/api-tokens.table.js';
export * from '../modules/audit/audit.table.js';
export * from '../modules/mail/mail.table.js';
export * from '../modules/catalog/catalog.table.js';
export * from '../modules/consents/consents.table.js';
export * from '../modules/volunteers/volunteers.table.js';
export * from '../modules/volunteer-imports/volunteer-imports.table.js';
export * from '../modules/courses/courses.table.js';
export * from '../modules/guide-requests/guide-requests.table.js';
