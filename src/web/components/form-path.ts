/** Field path of a server error (`/email`, `body.email`, `memberships/0/role`) as a form path. */
export function formPath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .replace(/\//g, '.');
}
