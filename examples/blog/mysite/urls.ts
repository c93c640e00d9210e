/** The root URLconf (ROOT_URLCONF): each app's URLs under its namespace, plus uploaded media. */
import { include, path, staticPatterns } from 'managets';
import { DEBUG, MEDIA_ROOT, MEDIA_URL } from './settings.js';

export const urlpatterns = [
  path('', include('blog.urls')), // appName 'blog': url('blog:index')
  path('pages/', include('pages.urls', { namespace: 'pages' })),
  ...staticPatterns(MEDIA_URL, { documentRoot: MEDIA_ROOT, debug: DEBUG }),
];
