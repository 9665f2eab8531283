import { USER_ROLES } from '@/lib/schemas/enum-lists';

/** One <option> per role, in the database's order. */
export function RoleOptions() {
  return USER_ROLES.map((r) => (
    <option key={r} value={r}>
      {r}
    </option>
  ));
}
