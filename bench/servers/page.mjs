// The template page every baseline serves at /hello/:name: Eta (cached) with an autoescaped
// name and a 10-item loop, the same page as bench/project's `render()` and bench/django's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

const eta = new Eta({ views: path.join(path.dirname(fileURLToPath(import.meta.url)), 'views'), cache: true });
const ITEMS = Array.from({ length: 10 }, (_, i) => ({ label: `item ${i}`, value: i * i }));

export const renderPage = (name) => eta.render('page', { name, items: ITEMS });
