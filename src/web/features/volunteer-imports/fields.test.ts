import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS } from '../../../common/api/volunteer-imports.js';
import { FIELD_GROUPS } from './fields.js';

describe('the mapping’s field groups', () => {
  it('offer every import field exactly once', () => {
    const offered = FIELD_GROUPS.flatMap((g) => g.fields);
    expect([...offered].sort()).toEqual([...IMPORT_FIELDS].sort());
    expect(new Set(offered).size).toBe(offered.length);
  });
});
