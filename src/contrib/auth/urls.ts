/** Django's django.contrib.auth.urls: `path('accounts/', include(authUrls))` gives login/ and logout/. */
import { path } from '../../urls/conf.js';
import { LoginView, LogoutView } from './views.js';

export const authUrls = [
  path('login/', LoginView.asView(), { name: 'login' }),
  path('logout/', LogoutView.asView(), { name: 'logout' }),
];
