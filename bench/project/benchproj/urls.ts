import { path } from 'managets';
import { hello } from './views.js';

export const urlpatterns = [path('', hello, { name: 'hello' })];
