export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, storedHash: string): Promise<boolean>;
  /**
   * A well-formed hash no password matches. Login verifies against it when the email
   * is unknown, so both failures cost the same time and do not reveal which emails exist.
   */
  readonly decoyHash: string;
}
