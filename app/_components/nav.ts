import type { Role } from '@/lib/domain/task-lifecycle';

export type NavItem = { href: string; label: string };

/** Navigation per role; only pages that exist and that the role may open. */
export function navFor(role: Role): NavItem[] {
  const items: NavItem[] = [{ href: '/inbox', label: 'Inbox' }];
  if (role === 'supervisor' || role === 'admin') items.push({ href: '/team', label: 'Team' });
  if (role === 'admin') {
    items.push(
      { href: '/admin/rules', label: 'Rules' },
      { href: '/admin/sla', label: 'SLA & calendar' },
      { href: '/admin/users', label: 'Users & groups' },
      { href: '/admin', label: 'API tokens' },
      { href: '/admin/webhooks', label: 'Outbound events' },
      { href: '/admin/audit', label: 'Audit log' },
    );
  }
  return items;
}
