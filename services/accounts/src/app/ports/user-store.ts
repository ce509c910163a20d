import type { User } from '../../domain/user.ts';

export interface UserStore {
  /** Throws `ACCOUNTS.EMAIL_TAKEN` when another user has the email (case-insensitive). */
  create(user: User): Promise<void>;
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  hasUserWithRole(role: string): Promise<boolean>;
  /**
   * Stores the user's new name and password hash (and version + 1) when the stored
   * version is still `expectedVersion`; false when another write came first.
   */
  update(user: User, expectedVersion: number): Promise<boolean>;
}
