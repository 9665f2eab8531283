/**
 * The enum lists that client components show (role and priority pickers), without zod: zod's
 * classic build does not tree-shake, so importing a list from ./enums put all of zod (~28 kB
 * gzip) into the admin pages' first-load JavaScript for a handful of words.
 */
export { PRIORITIES, USER_ROLES } from '../../db/schema/enum-values';
