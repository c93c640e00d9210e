import { path, TemplateView } from 'managets';
import * as views from './views.js';

export const appName = 'pages';

export const urlpatterns = [
  path('about/', TemplateView.asView({ templateName: 'pages/about.html', extraContext: { title: 'About' } }), { name: 'about' }),
  path('tour/', views.Tour.asView(), { name: 'tour' }),
  path('tour/broken/', views.broken, { name: 'broken' }),
];
