/**
 * `node --import managets/register manage.ts`: registers tsx's loader so Node can run a
 * TypeScript entry point. A project's manage.ts shebang uses it; resolving it needs only the
 * project's own dependency on managets, not a hoisted tsx binary.
 */
import { register } from 'tsx/esm/api';

register();
