// The help center's search: the box in the header (a combobox whose popup lists the best
// results as the reader types) and the search page (every result, its URL shareable as ?q=).
// The base template imports this module only when the reader focuses the box or opens the
// search page; it then loads the engine (Rust compiled to WebAssembly) and, query by query,
// the parts of the index the engine asks for. The engine finds and ranks; this file draws.

const box = document.querySelector("form[data-search]");
const text = JSON.parse(box.dataset.text);
const indexUrl = new URL(box.dataset.index, document.baseURI);

/** How many results the popup shows, the search page, and the contact page's suggestions. */
const POPUP_LIMIT = 8;
const PAGE_LIMIT = 30;
const SUGGESTION_LIMIT = 5;
/** A query never needs more rounds of downloads than this (the manifest, words, fragments). */
const MAX_ROUNDS = 8;
/**
 * How long a query that needs files waits for the next key before it downloads them: the
 * words of a reader still typing are not downloaded (a query that needs nothing new answers
 * at once). Typed a key every 160 ms on the 10k corpus, two-word queries downloaded 23.5 KB
 * (median of 60; max 59.4) with a 120 ms pause and 6.1 KB (max 15.6) with 300 ms
 * (bench/search/README.md); Pagefind's UI waits 300 ms before it searches at all.
 */
const TYPING_PAUSE_MS = 300;
/** Keys that move through the results or leave the box: the reader is not typing. */
const MOVING_KEYS = new Set(["ArrowUp", "ArrowDown", "Enter", "Escape", "Tab"]);
/**
 * The least room below the box, in CSS px (10rem, a result or two), before the box moves up to
 * the screen's top: less is left when a phone's keyboard is up and the box is low on the page.
 */
const MIN_ROOM_PX = 160;
/** A screen worked by touch, where the keyboard is on the screen. */
const touchScreen = window.matchMedia("(pointer: coarse)");
/** The longest part of a query said back to the reader, in characters. */
const ECHO_CHARS = 60;

/** A text of the page's language with `{q}`, `{n}` and `{t}` filled in. */
const say = (key, values = {}) => text[key].replace(/\{(\w)\}/g, (_, name) => values[name]);
/** A number written as the page's language writes it. */
const number = (n) => n.toLocaleString(document.documentElement.lang);
/** How many results: `total`, or at least that many when the index was not read to the end. */
const countText = ({ total, more }) =>
  more ? say("at_least", { n: number(total) }) : total === 1 ? say("one") : say("many", { n: number(total) });
/** `said` of the results, then, when no page has all the words, that these have only some. */
const withPartial = (said, result) => (result.partial ? `${said.replace(/\.$/, "")}. ${say("partial")}` : said);
/** How many results, and that they have only some of the words when no page has them all. */
const foundText = (result) => withPartial(countText(result), result);
/**
 * The query as said back to the reader: cut to ECHO_CHARS characters and "…" when longer (a
 * pasted text would fill a phone's screen, and a screen reader would read all of it).
 */
function echo(query) {
  const characters = [...query.trim()];
  return characters.length > ECHO_CHARS ? `${characters.slice(0, ECHO_CHARS).join("").trimEnd()}…` : characters.join("");
}
/** What a query that found nothing says. */
const noneText = (query) => say("none", { q: echo(query) });

// --- the engine and the index files ----------------------------------------------------------

/** Index files by name, each downloaded once (a failed download is tried again later). */
const files = new Map();

function indexFile(name) {
  let bytes = files.get(name);
  if (!bytes) {
    // The files are stored gzip-compressed (hosts rarely compress .bin files): inflate them.
    bytes = fetch(new URL(name, indexUrl)).then((response) => {
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    }).then((buffer) => new Uint8Array(buffer));
    bytes.catch(() => files.delete(name));
    files.set(name, bytes);
  }
  return bytes;
}

/**
 * When the reader last pressed a key in a search field. A key that changes nothing yet counts
 * too: the dead key of an accent (´ then o for "ó" on a Spanish keyboard), a Shift, a key an
 * input method holds.
 */
let lastKeyAt = -Infinity;
document.addEventListener("keydown", (event) => {
  if (event.target.name === "q" && !MOVING_KEYS.has(event.key)) lastKeyAt = performance.now();
}, true);

/** Resolves once no key has come for TYPING_PAUSE_MS. */
async function typingPause() {
  for (let wait = TYPING_PAUSE_MS; wait > 0; wait = lastKeyAt + TYPING_PAUSE_MS - performance.now()) {
    await new Promise((done) => setTimeout(done, wait));
  }
}

/** Thrown when a newer query came before this one's files were downloaded. */
const STALE = Symbol("stale");

/**
 * Answers the engine's requests for files until it has what `query` needs; downloads nothing
 * more once `stale()` says a newer query came (the reader typed on). `asYouType`: only the
 * results the first parts of the index rank for sure (on a large site the next ones would
 * need the long lists of common words; `more` then says so), else every result to `limit`.
 */
async function answer(engine, query, limit, stale = null, asYouType = false) {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const step = JSON.parse(engine.search(query, limit, asYouType));
    if (!step.need) return step;
    if (stale && round === 0) await typingPause();
    if (stale?.()) throw STALE;
    const parts = await Promise.all(step.need.map(indexFile));
    step.need.forEach((name, i) => {
      const error = engine.add(name, parts[i]);
      if (error) throw new Error(error);
    });
  }
  throw new Error(`the engine still needs files after ${MAX_ROUNDS} rounds`);
}

let loading = null;
/**
 * The engine module's address. The browser keeps a failed import() of an address and fails
 * again at once: after a failure the module is asked for under another one.
 */
let moduleUrl = box.dataset.module;
let failedImports = 0;

/** The engine, loaded once: its module, its WebAssembly, the index's entry and manifest. */
function engine() {
  loading ??= (async () => {
    const entry = fetch(new URL("entry.txt", indexUrl)).then((response) => {
      if (!response.ok) throw new Error(`entry.txt: HTTP ${response.status}`);
      return response.text();
    });
    const module = await import(moduleUrl).catch((error) => {
      moduleUrl = `${box.dataset.module}?retry=${++failedImports}`;
      throw error;
    });
    await module.default({ module_or_path: box.dataset.wasm });
    const loaded = module.SearchEngine.open(await entry);
    if (!loaded) throw new Error("entry.txt is not a search index's entry");
    await answer(loaded, "", 1); // the manifest, before the first word
    return loaded;
  })();
  loading.catch(() => (loading = null));
  return loading;
}

/** The results of `query` (as `ayuda search --json` prints them). */
async function search(query, limit, stale, asYouType) {
  return answer(await engine(), query, limit, stale, asYouType);
}

// --- searches that find nothing ---------------------------------------------------------------

/** Where searches that find nothing are reported (`feedback.url` in ayuda.yaml), if anywhere. */
const missEndpoint = box.dataset.feedback;
/**
 * How long a query that found nothing stays in the box before it is reported: by then the
 * reader has stopped typing, so the words of a query half typed are not sent.
 */
const MISS_PAUSE_MS = 1500;
/** The longest query sent, in characters. */
const MISS_QUERY_CHARS = 200;
const reported = new Set();
let missTimer = 0;

/**
 * Reports, once the reader pauses, that `query` found nothing: a JSON text (kind "search",
 * page, language, query) sent with sendBeacon, with no cookie and no identifier. Each query
 * is reported once per page view. Any other answer cancels a report still waiting.
 */
function reportMiss(result, query) {
  clearTimeout(missTimer);
  const words = query.trim().slice(0, MISS_QUERY_CHARS);
  if (!missEndpoint || !result || result.error || result.results.length || !words || reported.has(words)) return;
  missTimer = setTimeout(() => {
    reported.add(words);
    const payload = { kind: "search", page: window.location.pathname, language: document.documentElement.lang, query: words, results: 0 };
    try { navigator.sendBeacon(missEndpoint, JSON.stringify(payload)); } catch { /* a blocked beacon loses one report */ }
  }, MISS_PAUSE_MS);
}

// --- drawing ---------------------------------------------------------------------------------

/** An element with attributes and children (strings become text). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children.filter((child) => child !== null));
  return element;
}

/** A snippet: HTML from the engine, escaped there, with the words found in <mark>. */
function snippet(tag, className, html) {
  if (!html) return null;
  const element = h(tag, { class: className });
  element.innerHTML = html;
  return element;
}

const crumbs = (tag, result) =>
  result.breadcrumb.length ? h(tag, { class: "search-hit-crumbs" }, result.breadcrumb.join(" › ")) : null;

/** A result in a list of results: its title, a link in a `heading`; its breadcrumb; its snippet; then `more`. */
const resultItem = (hit, heading, more = null) =>
  h("li", { "data-search-result": "" },
    h(heading, { class: "search-hit-title" }, h("a", { href: hit.url }, hit.title)),
    crumbs("p", hit),
    snippet("p", "search-hit-snippet", hit.snippet),
    more);

/**
 * Runs queries as they come and hands `show` the answer of the latest only: an answer that
 * arrives after a newer query was asked is dropped. When the answer shown is an error (a
 * download failed), `run.retry()` asks that query again, and so does the network coming back.
 */
function latest(limit, show, asYouType = false) {
  let asked = 0;
  let failed = null;
  const run = async (query) => {
    const ticket = ++asked;
    failed = null;
    if (!query.trim()) return show(null, query);
    let result;
    try {
      result = await search(query, limit, () => ticket !== asked, asYouType);
    } catch (error) {
      if (ticket === asked && error !== STALE) {
        failed = query;
        show({ error }, query);
      }
      return;
    }
    if (ticket === asked) {
      reportMiss(result, query);
      show(result, query);
    }
  };
  run.retry = () => failed !== null && run(failed);
  window.addEventListener("online", run.retry);
  return run;
}

// --- the box in the header: the ARIA combobox pattern ----------------------------------------

function combobox(form) {
  const input = form.elements.q;
  const popup = form.querySelector(".search-popup");
  const note = popup.querySelector(".search-note");
  const list = popup.querySelector("[role=listbox]");
  const status = form.querySelector("[role=status]");
  let active = -1;

  const options = () => [...list.querySelectorAll("[role=option]")];

  /** How much of the screen shows below the popup's top: the visual viewport, less a soft keyboard. */
  function room() {
    const viewport = window.visualViewport;
    return viewport.offsetTop + viewport.height - popup.getBoundingClientRect().top;
  }

  /**
   * Caps the popup's height to the room below its top: a long list scrolls inside the popup,
   * which ends above a soft keyboard, and the box stays on the screen.
   */
  function fit() {
    popup.style.maxHeight = `calc(${room()}px - .5rem)`;
  }

  /**
   * Fits the popup, first scrolling the box to the screen's top when less than MIN_ROOM_PX would
   * show below it (a phone's keyboard is up). Not as the page scrolls: it would fight the finger.
   */
  function place() {
    if (room() < MIN_ROOM_PX) form.scrollIntoView({ block: "start" });
    fit();
  }

  /** Scrolls the popup, and only it (not the page), until `option` shows whole. */
  function reveal(option) {
    const top = option.offsetTop;
    const bottom = top + option.offsetHeight;
    if (top < popup.scrollTop) popup.scrollTop = top;
    else if (bottom > popup.scrollTop + popup.clientHeight) popup.scrollTop = bottom - popup.clientHeight;
  }

  function activate(index) {
    const all = options();
    active = index;
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
    } else {
      input.setAttribute("aria-activedescendant", all[index].id);
      reveal(all[index]);
    }
  }

  function open(show) {
    popup.hidden = !show;
    if (show) place();
    input.setAttribute("aria-expanded", String(show && options().length > 0));
    if (!show) activate(-1);
  }

  const run = latest(POPUP_LIMIT, (result, query) => {
    list.replaceChildren();
    list.dataset.query = query;
    popup.scrollTop = 0;
    activate(-1);
    if (!result) {
      status.textContent = "";
      open(false);
      return;
    }
    if (result.error) {
      note.textContent = say("error");
    } else {
      result.results.forEach((hit, i) => {
        const option = h("a", { role: "option", id: `site-search-option-${i}`, href: hit.url, tabindex: "-1", "aria-selected": "false" },
          h("span", { class: "search-hit-title" }, hit.title),
          crumbs("span", hit),
          snippet("span", "search-hit-snippet", hit.snippet));
        list.append(h("li", { role: "none", "data-search-result": "" }, option));
      });
      if (result.results.length && (result.more || result.total > result.results.length)) {
        // The search page has the results the popup has no room for. When the long lists of
        // common words were not read, the popup shows the best results without them (on a
        // large site, maybe fewer than it holds) and the total is not known: the link does
        // not count them. The query goes as typed: a last word ended by a space is a whole word.
        const all = new URL(form.getAttribute("action"), document.baseURI);
        all.searchParams.set("q", query);
        const label = result.more ? say("all") : say("all_count", { n: number(result.total) });
        list.append(h("li", { role: "none" },
          h("a", { role: "option", id: "site-search-option-all", class: "search-all", href: all.href, tabindex: "-1", "aria-selected": "false" }, label)));
      }
      note.textContent = result.results.length === 0 ? noneText(query) : result.partial ? say("partial") : "";
    }
    note.hidden = !note.textContent;
    status.textContent = result.error ? say("error")
      : result.more && result.results.length ? withPartial(say("more"), result)
      : result.results.length ? foundText(result) : noneText(query);
    open(document.activeElement === input);
  }, true);

  input.addEventListener("input", () => run(input.value));
  window.visualViewport.addEventListener("resize", () => popup.hidden || place());
  // The popup moves with the page, and the visible area pans over it (a finger, a keyboard).
  for (const scrolled of [window, window.visualViewport]) scrolled.addEventListener("scroll", () => popup.hidden || fit());
  input.addEventListener("focus", () => {
    if (input.value.trim() && (list.children.length || !note.hidden)) open(true);
    // The reader comes back after an error: maybe the network is back too.
    run.retry();
  });
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) open(false);
  });
  // A click on a result follows its link; the box keeps the focus until then.
  popup.addEventListener("mousedown", (event) => event.preventDefault());
  input.addEventListener("keydown", (event) => {
    const count = options().length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) return;
      event.preventDefault();
      if (popup.hidden) open(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      activate(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
    } else if (event.key === "Enter" && !popup.hidden && active >= 0) {
      event.preventDefault();
      window.location.assign(options()[active].href);
    } else if (event.key === "Escape" && !popup.hidden) {
      event.preventDefault();
      open(false);
    }
  });
  // What page.js said when this module could not be loaded is out of date now.
  note.hidden = true;
  status.textContent = "";
  open(false);
  // What was typed while this module loaded.
  if (document.activeElement === input && input.value.trim()) run(input.value);
}

// --- the search page ------------------------------------------------------------------------

function searchPage(form) {
  const input = form.elements.q;
  const status = document.getElementById(input.getAttribute("aria-describedby"));
  const results = document.querySelector(".search-page-results");
  const index = document.querySelector(".search-index");
  const plainTitle = document.title;
  // The links to this page in the other languages, which carry the query along.
  const translations = [...document.querySelectorAll(".language-switch a[hreflang]")];

  const run = latest(PAGE_LIMIT, (result, query) => {
    results.replaceChildren();
    results.dataset.query = query;
    // The title names the query: the history's entries and the tabs tell searches apart.
    document.title = query.trim() ? say("title", { q: echo(query), t: plainTitle }) : plainTitle;
    for (const link of translations) {
      const url = new URL(link.href);
      if (query.trim()) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      link.href = url.href;
    }
    const hits = result?.results ?? [];
    for (const hit of hits) {
      // A sub-result's snippet is often the page's own (its best passage is under that
      // heading): it is not printed twice.
      const subs = hit.sub_results.map((sub) =>
        h("li", {}, h("a", { href: sub.url }, sub.title), sub.snippet === hit.snippet ? null : snippet("p", "search-hit-snippet", sub.snippet)));
      results.append(resultItem(hit, "h2", subs.length ? h("ul", { class: "search-hit-subs" }, ...subs) : null));
    }
    results.hidden = hits.length === 0;
    index.hidden = hits.length > 0;
    if (!result) status.textContent = "";
    else if (result.error) status.textContent = say("error");
    else if (!hits.length) status.textContent = noneText(query);
    else status.textContent = foundText(result);
  });

  /** The page's address for the query now in the box. */
  function address() {
    const url = new URL(window.location.href);
    if (input.value) url.searchParams.set("q", input.value);
    else url.searchParams.delete("q");
    return url.href;
  }

  // Typing replaces the address (the back button leaves the page, it does not replay the
  // typing); the address is always the query shown, to share or to reload.
  input.addEventListener("input", () => {
    window.history.replaceState(null, "", address());
    run(input.value);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.history.replaceState(null, "", address());
    run(input.value);
    // On a touch screen the search key means "show me": the on-screen keyboard goes down and
    // uncovers the results. A keyboard's Enter leaves the focus in the field, to go on typing.
    if (touchScreen.matches) input.blur();
  });
  // What page.js said when this module could not be loaded is out of date now.
  status.textContent = "";
  // The address's query; or what the reader typed while this module loaded (after a failed
  // download, focusing the field loads it again), which the address then follows.
  if (input.value) window.history.replaceState(null, "", address());
  else input.value = new URLSearchParams(window.location.search).get("q") ?? "";
  run(input.value);
}

// --- the contact page: articles that may answer the question, before the reader writes -----

function suggestions(form) {
  const input = form.elements.q;
  const section = document.querySelector(".contact-suggestions");
  const list = section.querySelector("ol");
  const status = document.getElementById("contact-status");

  const run = latest(SUGGESTION_LIMIT, (result, query) => {
    list.replaceChildren();
    list.dataset.query = query;
    const hits = result?.results ?? [];
    for (const hit of hits) {
      list.append(resultItem(hit, "h3"));
    }
    section.hidden = hits.length === 0;
    if (!result) status.textContent = "";
    else if (result.error) status.textContent = say("error");
    else status.textContent = hits.length ? countText(result) : form.dataset.none;
  });

  input.addEventListener("input", () => run(input.value));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(input.value);
  });
  if (input.value.trim()) run(input.value);
}

combobox(box);
const page = document.querySelector("form[data-search-page]");
if (page) searchPage(page);
const contact = document.querySelector("form[data-search-suggest]");
if (contact) suggestions(contact);
// The reader is about to search: the engine loads now, not at the first word.
engine().catch(() => {});
