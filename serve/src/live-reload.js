// ayuda serve's live reload, injected into served pages only (never into a build): reloads
// the page when the site changes, swaps stylesheets when only they changed, and shows the
// build's errors over the page until they are fixed.
(() => {
  const script = document.currentScript;
  // The overlay's words, in the page's language (the theme's: Spanish, else English).
  const language = document.documentElement.lang.split('-')[0].toLowerCase() === 'es' ? 'es' : 'en';
  const text = JSON.parse(script.dataset.text)[language];
  let version = null;
  let overlay = null;

  const showErrors = (errors) => {
    overlay?.remove();
    overlay = null;
    if (!errors.length) return;
    overlay = document.createElement('div');
    overlay.setAttribute('data-ayuda-overlay', '');
    overlay.setAttribute('role', 'alert');
    const shadow = overlay.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `
      :host { all: initial; position: fixed; inset: 0; z-index: 2147483647; display: flex;
        align-items: flex-start; justify-content: center; padding: 2rem 1rem;
        background: rgb(0 0 0 / 0.55); overflow: auto; font: 15px/1.5 system-ui, sans-serif; }
      section { max-width: 60rem; width: 100%; background: #fff; color: #1b1b1b;
        border-top: 6px solid #b3261e; border-radius: 6px; padding: 1rem 1.25rem; }
      h2 { margin: 0 0 .5rem; font-size: 1.1rem; color: #b3261e; }
      pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere;
        font: 13px/1.5 ui-monospace, monospace; }
      p { margin: .75rem 0 0; color: #444; }`;
    const box = document.createElement('section');
    box.lang = language;
    const title = document.createElement('h2');
    title.textContent = errors.length === 1 ? text.failed_one : text.failed_many.replace('{n}', errors.length);
    const list = document.createElement('pre');
    list.textContent = errors.join('\n');
    const note = document.createElement('p');
    note.textContent = text.kept;
    box.append(title, list, note);
    shadow.append(style, box);
    document.body.append(overlay);
  };

  const swapStylesheets = (urls) => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || !urls.includes(url.pathname)) continue;
      const fresh = link.cloneNode();
      url.searchParams.set('ayuda-version', String(version));
      fresh.href = url.href;
      fresh.addEventListener('load', () => link.remove(), { once: true });
      link.after(fresh);
    }
  };

  const events = new EventSource(script.dataset.events);
  events.addEventListener('hello', (event) => {
    const state = JSON.parse(event.data);
    // A change was missed while the connection was down.
    if (version !== null && state.version !== version) location.reload();
    version = state.version;
    showErrors(state.errors);
  });
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('stylesheets', (event) => {
    const change = JSON.parse(event.data);
    version = change.version;
    showErrors([]);
    swapStylesheets(change.urls);
  });
  events.addEventListener('problems', (event) => showErrors(JSON.parse(event.data).errors));
})();
