/* The script of every page, loaded once and cached: the menu drawer, a FAQ answer opened by
   its link, and what starts search. (The code blocks' buttons and the banner are scripts of
   the pages that have them.) */
/* The menu is open beside the content on wide screens. On narrow ones it is a drawer, a modal
   dialog that the header's button opens (without JavaScript, a <details> above the content). */
(function () {
  var nav = document.querySelector(".site-menu");
  var menu = document.querySelector(".menu-toggle");
  var drawer = document.getElementById("menu-drawer");
  var opener = document.querySelector("[data-menu-open]");
  var wide = window.matchMedia("(min-width: 60rem)");
  /* Scrolls the box that holds the menu, and only it, until the current page's link shows. */
  function revealCurrent(box) {
    var current = nav.querySelector('[aria-current="page"]');
    if (!current) { return; }
    /* Beside the content the menu is as tall as the window less what is above it (header,
       banner), so that its end is never below the window before the page is scrolled. */
    if (box === nav) { box.style.maxHeight = "calc(100vh - " + (box.getBoundingClientRect().top + window.scrollY) + "px)"; }
    var top = current.getBoundingClientRect().top - box.getBoundingClientRect().top;
    if (top < 0 || top + current.offsetHeight > box.clientHeight) { box.scrollTop += top - box.clientHeight / 3; }
  }
  function sync() {
    if (!menu) { return; }
    if (wide.matches && drawer && drawer.open) { drawer.close(); }
    menu.open = wide.matches;
    if (wide.matches) { revealCurrent(nav); }
  }
  if (menu && drawer && opener) {
    var home = nav.parentElement;
    opener.addEventListener("click", function () {
      drawer.append(nav);
      menu.open = true;
      drawer.showModal();
      revealCurrent(drawer);
    });
    drawer.querySelector("[data-menu-close]").addEventListener("click", function () { drawer.close(); });
    /* A click on the backdrop, outside the drawer's box, closes it too. */
    drawer.addEventListener("click", function (event) {
      var box = drawer.getBoundingClientRect();
      if (event.target === drawer && (event.clientX > box.right || event.clientY > box.bottom)) { drawer.close(); }
    });
    drawer.addEventListener("close", function () {
      home.prepend(nav);
      menu.open = wide.matches;
      opener.focus();
    });
  }
  sync();
  wide.addEventListener("change", sync);
})();
(function () {
  /* A link to a FAQ question (the id of its <details>) opens the answer. */
  function openTarget() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.localName === "details") { target.open = true; }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
  /* Search loads nothing until the reader focuses a search box or opens the search page;
     "/" focuses the box, unless the reader is typing in a field. */
  var search = document.querySelector("form[data-search]");
  var searchPage = document.querySelector("form[data-search-page]");
  if (!search) { return; }
  /* With JavaScript the box is a combobox: its popup lists results as the reader types. */
  var box = search.elements.q;
  box.setAttribute("role", "combobox");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-expanded", "false");
  box.setAttribute("aria-controls", "site-search-list");
  var started = false;
  /* The browser keeps a failed import() of an address and fails again at once: after a
     failure the script is asked for under another address, at the next focus of a search
     field or when the network comes back. */
  var glue = search.getAttribute("data-glue");
  var failedImports = 0;
  function start() {
    if (started) { return; }
    started = true;
    import(glue).catch(function () {
      started = false;
      glue = search.getAttribute("data-glue") + "?retry=" + ++failedImports;
      unavailable();
    });
  }
  /* When the search script cannot be loaded, the box and the search page say so, as the script
     says a failed download; the box's note closes when the reader leaves the box. */
  function unavailable() {
    var said = JSON.parse(search.getAttribute("data-text")).error;
    var popup = search.querySelector(".search-popup");
    var note = popup.querySelector(".search-note");
    note.textContent = said;
    note.hidden = false;
    search.querySelector("[role=status]").textContent = said;
    if (search.contains(document.activeElement)) {
      popup.hidden = false;
      search.addEventListener("focusout", function () { popup.hidden = true; }, { once: true });
    }
    if (searchPage) { document.getElementById(searchPage.elements.q.getAttribute("aria-describedby")).textContent = said; }
  }
  var suggest = document.querySelector("form[data-search-suggest]");
  [search, searchPage, suggest].forEach(function (form) {
    if (form) { form.addEventListener("focusin", start); }
  });
  window.addEventListener("online", function () {
    if (failedImports) { start(); }
  });
  if (searchPage) { start(); }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    event.preventDefault();
    (searchPage || search).elements.q.focus();
  });
})();
