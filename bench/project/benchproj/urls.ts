import { path } from 'managets';
import { hello, page } from './views.js';

export const urlpatterns = [path('', hello, { name: 'hello' }), path('hello/<str:name>', page, { name: 'page' })];
