// Links node_modules/managets to this checkout so the example and fixture projects inside the repo
// import 'managets' exactly as an installed package would (Node resolves it to dist/ by realpath).
import { lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const link = fileURLToPath(new URL('../node_modules/managets', import.meta.url));
mkdirSync(fileURLToPath(new URL('../node_modules', import.meta.url)), { recursive: true });
try {
  if (lstatSync(link).isSymbolicLink()) rmSync(link);
} catch {
  // No link yet.
}
symlinkSync('..', link, 'dir');
