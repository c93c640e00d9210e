/**
 * managets.contrib.auth: users, password hashing, login and logout. MIDDLEWARE names the
 * middleware as 'managets.contrib.auth.middleware.AuthenticationMiddleware'.
 */
export * as middleware from './middleware.js';
export { AuthenticationMiddleware } from './middleware.js';
export { User, AnonymousUser, createUser, createSuperuser, getUserById, getUserByUsername, setPassword } from './models.js';
export type { NewUser } from './models.js';
export { makePassword, checkPassword, isPasswordUsable } from './hashers.js';
export { authenticate, login, logout } from './session.js';
export { loginRequired, LoginRequiredMixin, redirectToLogin } from './decorators.js';
export type { LoginRequiredOptions } from './decorators.js';
export { LoginView, LogoutView } from './views.js';
export { authUrls } from './urls.js';
export { validatePassword } from './validation.js';
