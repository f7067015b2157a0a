import { v7 } from 'uuid';

/** Time-ordered ids (UUIDv7): index-friendly, sortable by creation, safe to show. */
export const newId = (): string => v7();
