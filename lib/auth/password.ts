import bcrypt from 'bcryptjs';

/** bcrypt, cost 11: slow and salted by design; the cost is stored in each hash so it can rise later. */
const COST = 11;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string | null | undefined): Promise<boolean> {
  // Compare against a fixed hash when there is none, so timing does not reveal which accounts exist.
  return bcrypt.compare(plain, hash ?? DUMMY_HASH);
}

const DUMMY_HASH = '$2b$11$C6UzMDM.H6dfI/f/IKxGhuZtNW2Ed3s4hdjYeQW3W8v6YwqNfGZSu';
