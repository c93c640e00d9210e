/** Errors raised by the database layer to the code that uses it (views, migrations). */
import { ERROR_CODES } from '../errors.js';

/** Misuse of transactions (Django's TransactionManagementError). */
export class TransactionManagementError extends Error {
  readonly code = ERROR_CODES.TRANSACTION;
  constructor(message: string) {
    super(message);
    this.name = 'TransactionManagementError';
  }
}
