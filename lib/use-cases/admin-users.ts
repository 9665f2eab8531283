import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, groups, tasks, users } from '../../db/schema';
import { hashPassword } from '../auth/password';
import { recordAudit } from '../data/audit';
import { isUuid } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard, recordRefusal } from './guard';
import { parseOrThrow } from '../validation';

export const USER_ROLES = ['adjuster', 'supervisor', 'admin'] as const;
const roleSchema = z.enum(USER_ROLES, { error: 'must be adjuster, supervisor or admin' });
const groupIdsSchema = z
  .array(z.string().uuid('must be group ids'), { error: 'must be a list of group ids' })
  .max(50, 'may name at most 50 groups');

export const createUserInput = z
  .object({
    name: z
      .string({ error: 'is required' })
      .trim()
      .min(2, 'must be at least 2 characters')
      .max(100, 'must be at most 100 characters'),
    email: z
      .string({ error: 'is required' })
      .trim()
      .toLowerCase()
      .email('must be an e-mail address')
      .max(254, 'must be at most 254 characters'),
    role: roleSchema,
    // bcrypt only reads the first 72 bytes; a longer password would be silently shortened.
    password: z
      .string({ error: 'is required' })
      .min(10, 'must be at least 10 characters')
      .refine((p) => new TextEncoder().encode(p).length <= 72, 'must be at most 72 bytes'),
    groupIds: groupIdsSchema.default([]),
  })
  .strict();
export const updateUserInput = z
  .object({ role: roleSchema.optional(), groupIds: groupIdsSchema.optional() })
  .strict()
  .refine((x) => x.role !== undefined || x.groupIds !== undefined, {
    message: 'must change the role or the groups',
  });
export const createGroupInput = z
  .object({
    key: z
      .string({ error: 'is required' })
      .trim()
      .min(2, 'must be at least 2 characters')
      .max(50, 'must be at most 50 characters')
      .regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        'must be lowercase letters, digits and single dashes (e.g. claims-east)',
      ),
    name: z
      .string({ error: 'is required' })
      .trim()
      .min(2, 'must be at least 2 characters')
      .max(100, 'must be at most 100 characters'),
  })
  .strict();
export const setSupervisorInput = z
  .object({ supervisorId: z.string({ error: 'is required' }).uuid('must be a user id').nullable() })
  .strict();

/** Parses in the use-case too, so every caller (route, action, test) gets the same field errors. */
function isUniqueViolation(e: unknown): boolean {
  for (let cur = e, i = 0; cur && i < 5; i++, cur = (cur as { cause?: unknown }).cause) {
    if ((cur as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

const userNotFound = () => new DomainError('not_found', 'User was not found.');
const groupNotFound = () => new DomainError('not_found', 'Group was not found.');

/** What the admin screens show of a user: never the password hash. */
const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  outOfOffice: users.outOfOffice,
  timeZone: users.timeZone,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

type GroupRef = { id: string; key: string; name: string };

async function groupsByIds(db: DbOrTx, ids: readonly string[]): Promise<GroupRef[]> {
  if (!ids.length) return [];
  return db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groups)
    .where(inArray(groups.id, [...ids]))
    .orderBy(asc(groups.name));
}

/** The groups asked for, or a validation error naming the unknown ones. */
async function requireGroups(db: DbOrTx, ids: readonly string[]): Promise<GroupRef[]> {
  const unique = [...new Set(ids)];
  const found = await groupsByIds(db, unique);
  const missing = unique.filter((id) => !found.some((g) => g.id === id));
  if (missing.length)
    throw new DomainError('validation', `Unknown group ${missing.join(', ')}.`, {
      groupIds: `unknown group ${missing.join(', ')}`,
    });
  return found;
}

async function membershipsOf(db: DbOrTx, userId: string): Promise<GroupRef[]> {
  return db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(eq(groupMemberships.userId, userId))
    .orderBy(asc(groups.name));
}

/** Every user with groups, supervised groups and the number of tasks they hold (returned to the queue on deactivation). */
export async function listUsers(db: DbOrTx, actor: UserActor) {
  await guard(db, actor, 'users.edit', undefined, { type: 'user' });
  const [rows, memberships, supervised, claimed] = await Promise.all([
    db.select(userColumns).from(users).orderBy(asc(users.name)),
    db
      .select({
        userId: groupMemberships.userId,
        id: groups.id,
        key: groups.key,
        name: groups.name,
      })
      .from(groupMemberships)
      .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
      .orderBy(asc(groups.name)),
    db
      .select({
        supervisorId: groups.supervisorId,
        id: groups.id,
        key: groups.key,
        name: groups.name,
      })
      .from(groups)
      .where(isNotNull(groups.supervisorId))
      .orderBy(asc(groups.name)),
    db
      .select({ userId: tasks.assigneeId, n: count() })
      .from(tasks)
      .where(and(eq(tasks.status, 'claimed'), isNotNull(tasks.assigneeId)))
      .groupBy(tasks.assigneeId),
  ]);
  return rows.map((u) => ({
    ...u,
    groups: memberships.filter((m) => m.userId === u.id).map(({ userId: _u, ...g }) => g),
    supervises: supervised
      .filter((g) => g.supervisorId === u.id)
      .map(({ supervisorId: _s, ...g }) => g),
    claimedTasks: claimed.find((c) => c.userId === u.id)?.n ?? 0,
  }));
}

/** Creates a person who can sign in at once with the initial password (hashed; never stored or audited in clear). */
export async function createUser(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof createUserInput>,
  now = new Date(),
) {
  await guard(db, actor, 'users.edit', undefined, { type: 'user' });
  const data = parseOrThrow(createUserInput, input);
  const duplicate = () =>
    new DomainError('conflict', `A user with the e-mail ${data.email} already exists.`, {
      email: 'is already used by another user',
    });
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${data.email}`);
  if (existing) throw duplicate();
  const memberOf = await requireGroups(db, data.groupIds);
  // Hash before the transaction: bcrypt takes ~100 ms and must not hold locks.
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          name: data.name,
          email: data.email,
          role: data.role,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        })
        .returning(userColumns);
      if (memberOf.length)
        await tx
          .insert(groupMemberships)
          .values(memberOf.map((g) => ({ groupId: g.id, userId: row!.id, createdAt: now })));
      await recordAudit(tx, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: row!.id,
        summary: `User ${row!.name} (${row!.email}) created as ${row!.role}`,
        after: {
          name: row!.name,
          email: row!.email,
          role: row!.role,
          active: true,
          groups: memberOf.map((g) => g.key),
        },
        occurredAt: now,
      });
      return { ...row!, groups: memberOf };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
}

/** Changes a user's role and/or group memberships (the memberships given replace the current ones). */
export async function updateUser(
  db: DbOrTx,
  actor: UserActor,
  userId: string,
  input: z.input<typeof updateUserInput>,
  now = new Date(),
) {
  const entity = { type: 'user', id: userId };
  await guard(db, actor, 'users.edit', undefined, entity);
  const data = parseOrThrow(updateUserInput, input);
  if (!isUuid(userId)) throw userNotFound();
  if (userId === actor.id && data.role !== undefined && data.role !== actor.role) {
    // Admins cannot lock themselves out; another admin can change their role.
    await recordRefusal(db, actor, 'users.edit', entity, 'cannot change one’s own role');
    throw new DomainError('forbidden', 'You cannot change your own role; ask another admin.', {
      role: 'cannot be changed for yourself',
    });
  }
  const wanted = data.groupIds ? await requireGroups(db, data.groupIds) : null;
  return db.transaction(async (tx) => {
    const [u] = await tx.select(userColumns).from(users).where(eq(users.id, userId)).for('update');
    if (!u) throw userNotFound();
    const current = await membershipsOf(tx, userId);
    const role = data.role ?? u.role;
    if (role === 'adjuster' && u.role !== 'adjuster') {
      // An adjuster's supervision is ignored (lib/data/users.ts), so those groups would silently lose their supervisor.
      const held = await tx
        .select({ name: groups.name })
        .from(groups)
        .where(eq(groups.supervisorId, userId))
        .orderBy(asc(groups.name));
      if (held.length) {
        const list = held.map((g) => g.name).join(', ');
        throw new DomainError(
          'validation',
          `${u.name} supervises ${list}; give ${held.length === 1 ? 'that group' : 'those groups'} another supervisor first.`,
          {
            role: `cannot be adjuster while supervising ${list}`,
          },
        );
      }
    }
    const next = wanted ?? current;
    const added = next.filter((g) => !current.some((c) => c.id === g.id));
    const removed = current.filter((c) => !next.some((g) => g.id === c.id));
    if (role === u.role && !added.length && !removed.length) return { ...u, groups: current };

    const [row] = await tx
      .update(users)
      .set({ role, updatedAt: now })
      .where(eq(users.id, userId))
      .returning(userColumns);
    if (removed.length) {
      await tx.delete(groupMemberships).where(
        and(
          eq(groupMemberships.userId, userId),
          inArray(
            groupMemberships.groupId,
            removed.map((g) => g.id),
          ),
        ),
      );
    }
    if (added.length) {
      await tx
        .insert(groupMemberships)
        .values(added.map((g) => ({ groupId: g.id, userId, createdAt: now })))
        .onConflictDoNothing();
    }
    const changes = [
      role !== u.role ? `role ${u.role} → ${role}` : null,
      added.length ? `added to ${added.map((g) => g.name).join(', ')}` : null,
      removed.length ? `removed from ${removed.map((g) => g.name).join(', ')}` : null,
    ].filter(Boolean);
    await recordAudit(tx, actor, {
      action: 'user.updated',
      entityType: 'user',
      entityId: userId,
      summary: `User ${u.name}: ${changes.join('; ')}`,
      before: { role: u.role, groups: current.map((g) => g.key) },
      after: { role, groups: next.map((g) => g.key) },
      occurredAt: now,
    });
    return { ...row!, groups: next };
  });
}

/**
 * Deactivates a user: they can no longer sign in (their session stops at its next request),
 * and every task they hold goes back to its group queue. The user change, the task changes
 * and all their audit events commit together or not at all.
 */
export async function deactivateUser(
  db: DbOrTx,
  actor: UserActor,
  userId: string,
  now = new Date(),
) {
  const entity = { type: 'user', id: userId };
  await guard(db, actor, 'users.edit', undefined, entity);
  if (!isUuid(userId)) throw userNotFound();
  if (userId === actor.id) {
    await recordRefusal(db, actor, 'users.edit', entity, 'cannot deactivate oneself');
    throw new DomainError('forbidden', 'You cannot deactivate yourself; ask another admin.');
  }
  return db.transaction(async (tx) => {
    const [u] = await tx.select(userColumns).from(users).where(eq(users.id, userId)).for('update');
    if (!u) throw userNotFound();
    if (!u.active) throw new DomainError('invalid_transition', `${u.name} is already deactivated.`);
    const [row] = await tx
      .update(users)
      .set({ active: false, updatedAt: now })
      .where(eq(users.id, userId))
      .returning(userColumns);
    // The version bump makes a completion the user had in flight fail as a conflict instead of landing.
    const returned = await tx
      .update(tasks)
      .set({
        status: 'ready',
        assigneeId: null,
        version: sql`${tasks.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(tasks.assigneeId, userId), eq(tasks.status, 'claimed')))
      .returning({
        id: tasks.id,
        caseId: tasks.caseId,
        name: tasks.name,
        version: tasks.version,
        candidateGroupId: tasks.candidateGroupId,
      });
    for (const t of returned) {
      await recordAudit(tx, actor, {
        action: 'task.returned_to_queue',
        entityType: 'task',
        entityId: t.id,
        caseId: t.caseId,
        taskId: t.id,
        summary: `Returned to the queue: ${u.name} was deactivated by ${actor.name}`,
        before: { status: 'claimed', assigneeId: userId, version: t.version - 1 },
        after: { status: 'ready', assigneeId: null, version: t.version },
        metadata: { reason: 'assignee_deactivated', userId },
        occurredAt: now,
      });
    }
    await recordAudit(tx, actor, {
      action: 'user.deactivated',
      entityType: 'user',
      entityId: userId,
      summary: `User ${u.name} (${u.email}) deactivated; ${returned.length} claimed ${returned.length === 1 ? 'task' : 'tasks'} returned to the queue`,
      before: { active: true },
      after: { active: false },
      metadata: { returnedTaskIds: returned.map((t) => t.id) },
      occurredAt: now,
    });
    return { user: row!, returnedTaskIds: returned.map((t) => t.id) };
  });
}

export async function reactivateUser(
  db: DbOrTx,
  actor: UserActor,
  userId: string,
  now = new Date(),
) {
  await guard(db, actor, 'users.edit', undefined, { type: 'user', id: userId });
  if (!isUuid(userId)) throw userNotFound();
  return db.transaction(async (tx) => {
    const [u] = await tx.select(userColumns).from(users).where(eq(users.id, userId)).for('update');
    if (!u) throw userNotFound();
    if (u.active) throw new DomainError('invalid_transition', `${u.name} is already active.`);
    const [row] = await tx
      .update(users)
      .set({ active: true, updatedAt: now })
      .where(eq(users.id, userId))
      .returning(userColumns);
    await recordAudit(tx, actor, {
      action: 'user.reactivated',
      entityType: 'user',
      entityId: userId,
      summary: `User ${u.name} (${u.email}) reactivated`,
      before: { active: false },
      after: { active: true },
      occurredAt: now,
    });
    return row!;
  });
}

/** Groups with their supervisor and the number of active members. */
export async function listGroups(db: DbOrTx, actor: UserActor) {
  await guard(db, actor, 'users.edit', undefined, { type: 'group' });
  const [rows, members] = await Promise.all([
    db
      .select({
        id: groups.id,
        key: groups.key,
        name: groups.name,
        createdAt: groups.createdAt,
        supervisorId: groups.supervisorId,
        supervisorName: users.name,
        supervisorEmail: users.email,
        supervisorActive: users.active,
      })
      .from(groups)
      .leftJoin(users, eq(users.id, groups.supervisorId))
      .orderBy(asc(groups.name)),
    db
      .select({ groupId: groupMemberships.groupId, n: count() })
      .from(groupMemberships)
      .innerJoin(users, eq(users.id, groupMemberships.userId))
      .where(eq(users.active, true))
      .groupBy(groupMemberships.groupId),
  ]);
  return rows.map(({ supervisorId, supervisorName, supervisorEmail, supervisorActive, ...g }) => ({
    ...g,
    supervisor: supervisorId
      ? {
          id: supervisorId,
          name: supervisorName!,
          email: supervisorEmail!,
          active: supervisorActive!,
        }
      : null,
    memberCount: members.find((m) => m.groupId === g.id)?.n ?? 0,
  }));
}

export async function createGroup(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof createGroupInput>,
  now = new Date(),
) {
  await guard(db, actor, 'users.edit', undefined, { type: 'group' });
  const data = parseOrThrow(createGroupInput, input);
  const duplicate = () =>
    new DomainError('conflict', `A group with the key "${data.key}" already exists.`, {
      key: 'is already used by another group',
    });
  const [existing] = await db
    .select({ id: groups.id })
    .from(groups)
    .where(eq(groups.key, data.key));
  if (existing) throw duplicate();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(groups)
        .values({ key: data.key, name: data.name, createdAt: now, updatedAt: now })
        .returning();
      await recordAudit(tx, actor, {
        action: 'group.created',
        entityType: 'group',
        entityId: row!.id,
        summary: `Group "${row!.name}" (${row!.key}) created`,
        after: { key: row!.key, name: row!.name, supervisorId: null },
        occurredAt: now,
      });
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
}

/** Sets (or, with null, clears) the group's supervisor: an active supervisor or admin, who then sees and reassigns its work. */
export async function setGroupSupervisor(
  db: DbOrTx,
  actor: UserActor,
  groupId: string,
  input: z.input<typeof setSupervisorInput>,
  now = new Date(),
) {
  await guard(db, actor, 'users.edit', undefined, { type: 'group', id: groupId });
  const { supervisorId } = parseOrThrow(setSupervisorInput, input);
  if (!isUuid(groupId)) throw groupNotFound();
  return db.transaction(async (tx) => {
    const [g] = await tx.select().from(groups).where(eq(groups.id, groupId)).for('update');
    if (!g) throw groupNotFound();
    let next: { id: string; name: string; email: string } | null = null;
    if (supervisorId) {
      // Locked so the person cannot be deactivated or demoted between this check and the commit.
      const [u] = await tx
        .select(userColumns)
        .from(users)
        .where(eq(users.id, supervisorId))
        .for('update');
      const problem = !u
        ? 'is not a user'
        : !u.active
          ? 'is not an active user'
          : u.role === 'adjuster'
            ? 'must be a supervisor or an admin'
            : null;
      if (problem)
        throw new DomainError('validation', `The supervisor ${problem}.`, {
          supervisorId: problem,
        });
      next = { id: u!.id, name: u!.name, email: u!.email };
    }
    const [prev] = g.supervisorId
      ? await tx
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(eq(users.id, g.supervisorId))
      : [];
    if ((next?.id ?? null) === g.supervisorId) return g;
    const [row] = await tx
      .update(groups)
      .set({ supervisorId: next?.id ?? null, updatedAt: now })
      .where(eq(groups.id, groupId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'group.supervisor_changed',
      entityType: 'group',
      entityId: g.id,
      summary: next
        ? `${next.name} now supervises "${g.name}"`
        : `"${g.name}" has no supervisor now`,
      before: { supervisorId: g.supervisorId, supervisor: prev?.email ?? null },
      after: { supervisorId: next?.id ?? null, supervisor: next?.email ?? null },
      occurredAt: now,
    });
    return row!;
  });
}
