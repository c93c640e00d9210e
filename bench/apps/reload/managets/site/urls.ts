import { path } from 'managets';
import { index } from './views.js';

export const urlpatterns = [path('', index, { name: 'index' })];
