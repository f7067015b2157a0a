import type { ComponentType } from 'react';

/**
 * A route's page from a chunk of its own (the router's `lazy`), fetched when the route is first
 * matched: a visitor of a public form never downloads the coordinators' pages.
 */
export function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string = 'default') {
  return async () => ({ Component: (await load())[name] as ComponentType });
}
