// An app's own static file (blog/static/blog/): a live character counter for the comment box.
for (const counter of document.querySelectorAll('[data-counter-for]')) {
  const field = document.getElementById(counter.dataset.counterFor);
  if (!field) continue;
  const update = () => (counter.textContent = `${field.value.length} / ${field.maxLength} characters`);
  field.addEventListener('input', update);
  update();
}
