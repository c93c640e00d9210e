// The site's script (STATICFILES_DIRS): marks the page as enhanced once it has run.
document.documentElement.classList.add('js');
