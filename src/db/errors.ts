/** Errors raised by the database layer to the code that uses it (views, migrations). */

/** Misuse of transactions (Django's TransactionManagementError). */
export class TransactionManagementError extends Error {
  readonly code = 'MANAGE_ERR_TRANSACTION';
  constructor(message: string) {
    super(message);
    this.name = 'TransactionManagementError';
  }
}
