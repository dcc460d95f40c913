// The SLA calculator of the help center: a thin layer between the form and the Rust engine
// compiled to WebAssembly. The engine receives the site's policy (sla.yaml, in the compact form
// the generator writes) and answers each query; this file only reads the form, writes the results and keeps the URL.

const pad = (n, width = 2) => String(n).padStart(width, "0");

/** "+01:00" for an offset east of UTC in minutes. */
function offsetText(minutes) {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The parts of a datetime-local value, or null if it is not one. */
function wallClock(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value || "");
  return m ? m.slice(1, 7).map((x) => Number(x || 0)) : null;
}

/** A datetime-local value for an instant in this browser's zone. */
function localInputValue(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A datetime-local value for an instant in `zone`. */
function zonedInputValue(date, zone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
    }).formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * RFC 3339 of an instant with this browser's offset rounded to whole minutes, the wall clock
 * moved to match: the same instant to the second. (Before standard time a zone's offset is its
 * local mean time, e.g. -04:56:16 in Bogotá in 1900, which is not a whole number of minutes.)
 */
function browserRfc3339(date) {
  const minutes = Math.round(-date.getTimezoneOffset());
  const wall = new Date(date.getTime() + minutes * 60_000);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${offsetText(minutes)}`;
}

/** RFC 3339 with this browser's offset, or an error key when the time does not exist here. */
function localRfc3339(value) {
  const p = wallClock(value);
  if (!p) return { error: "invalid" };
  const [y, mo, d, h, mi, s] = p;
  const date = new Date(y, mo - 1, d, h, mi, s);
  const same = date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d &&
    date.getHours() === h && date.getMinutes() === mi;
  if (Number.isNaN(date.getTime()) || date.getMonth() !== mo - 1 || date.getDate() !== d) return { error: "invalid" };
  if (!same) return { error: "skipped" };
  return { text: browserRfc3339(date) };
}

/**
 * A time from a shared link: `{ date }` (an instant) for RFC 3339 text with an offset,
 * `{ wall }` (a datetime-local value) for one without (wall-clock time in the support zone, as
 * `ayuda sla due` reads it), or null when it is not a real date and time (`new Date()` would
 * roll 30 February over to March). A "+" turned into a space by a hand-written URL is put back.
 */
function linkTime(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+ -]\d{2}:\d{2})?$/.exec(text || "");
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x || 0));
  const calendar = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (calendar.getUTCMonth() !== mo - 1 || calendar.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  if (!m[7]) return { wall: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(s)}` };
  const zone = m[7].replace(" ", "+");
  const offset = zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return { date: new Date(calendar.getTime() - offset * 60_000) };
}

/** RFC 3339 of an instant, in UTC, whole seconds. */
function utcRfc3339(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** "1 h 30 min" */
function businessText(seconds, t) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const parts = [];
  if (h) parts.push(`${h} ${t.hours_short}`);
  if (m || !h) parts.push(`${m} ${t.minutes_short}`);
  return parts.join(" ");
}

/** iCalendar UTC stamp. */
function icsStamp(date) {
  return utcRfc3339(date).replace(/[-:]/g, "");
}

class Calculator {
  constructor(root, engine) {
    this.root = root;
    this.engine = engine;
    this.t = JSON.parse(root.querySelector(".sla-text").textContent);
    this.lang = root.dataset.lang;
    this.supportZone = root.dataset.zone;
    this.businessDay = Number(root.dataset.businessDay);
    this.plural = new Intl.PluralRules(this.lang);
    this.readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    this.form = root.querySelector(".sla-form");
    this.results = root.querySelector(".sla-results");
    this.created = this.form.elements.created;
    this.zone = this.form.elements.zone;
    this.workaround = this.form.elements.workaround;
    this.type = this.form.elements.type;
    this.problem = this.results.querySelector(".sla-problem");
    // The fields the engine can name in an error: their controls and their message box.
    const field = (controls, box) => ({ controls, box: root.querySelector(box) });
    this.fields = {
      created: field([this.created], "#sla-created-error"),
      workaround: field([this.workaround], "#sla-workaround-error"),
      priority: field([...this.form.querySelectorAll("input[name=priority]")], "#sla-priority-error"),
      request_type: field([this.type], "#sla-type-error"),
    };
  }

  start() {
    this.root.querySelector(".sla-calculator-fallback").hidden = true;
    this.form.hidden = false;
    this.restore(new URLSearchParams(window.location.search));
    this.showZoneHint();
    const edited = (event) => {
      if (event.target === this.created) this.badLinkDate = false;
      if (event.target === this.workaround) this.badLinkWorkaround = false;
      if (event.target.name === "priority") this.linkPriority = null;
      if (event.target === this.type) this.linkType = null;
      this.readerChanged = true;
      this.update();
    };
    this.form.addEventListener("input", edited);
    this.form.addEventListener("change", edited);
    for (const button of this.form.querySelectorAll("[data-choose]")) {
      button.addEventListener("click", () => {
        const radios = this.form.querySelectorAll("input[name=priority]");
        const radio = radios[Math.min(Number(button.dataset.choose), radios.length - 1)];
        radio.checked = true;
        radio.focus();
        this.linkPriority = null;
        this.readerChanged = true;
        this.update();
      });
    }
    // The calendar file is made when it is asked for (the link's download reads `href` after
    // this handler has run).
    this.results.querySelector(".sla-ics").addEventListener("click", (event) => {
      const ics = event.currentTarget;
      if (ics.href.startsWith("blob:")) URL.revokeObjectURL(ics.href);
      ics.href = URL.createObjectURL(new Blob([this.calendar()], { type: "text/calendar" }));
    });
    this.update();
    setInterval(() => this.update(), 60_000);
  }

  /**
   * Fills the form from the URL. `created` and `workaround` keep their own offset; a link
   * time without one is support time, so the zone switches to support. An unknown priority or
   * type is kept to be refused by the engine, with a message, until the reader chooses.
   */
  restore(params) {
    const [created, workaround] = [params.get("created"), params.get("workaround")];
    const [when, fixedWhen] = [created, workaround].map(linkTime);
    if (when?.wall || fixedWhen?.wall) this.zone.value = "support";
    const inputValue = (time) =>
      time.wall ?? (this.zone.value === "support" ? zonedInputValue(time.date, this.supportZone) : localInputValue(time.date));
    // A link with a date that does not exist shows an error instead of another date.
    this.badLinkDate = created !== null && !when;
    this.created.value = created === null ? localInputValue(new Date()) : when ? inputValue(when) : "";
    if (workaround) {
      this.badLinkWorkaround = !fixedWhen;
      if (fixedWhen) this.workaround.value = inputValue(fixedWhen);
    }
    const priority = params.get("priority");
    const radio = priority && this.form.querySelector(`input[name=priority][value="${CSS.escape(priority)}"]`);
    if (radio) radio.checked = true;
    this.linkPriority = priority && !radio ? priority : null;
    const type = params.get("type");
    const known = type && [...this.type.options].some((o) => o.value === type);
    if (known) this.type.value = type;
    this.linkType = type && !known ? type : null;
  }

  showZoneHint() {
    const hint = this.root.querySelector("#sla-created-zone");
    const zone = this.zone.value === "support" ? this.supportZone : this.readerZone;
    hint.textContent = this.t.zone_hint.replace("{zone}", zone);
  }

  /** The RFC 3339 text of a datetime-local field in the chosen zone, or an error message. */
  timeOf(input) {
    if (input.validity.badInput) return { error: this.t.invalid_date };
    if (!input.value) return { error: this.t.errors.empty };
    if (this.zone.value === "support") {
      const p = wallClock(input.value);
      if (!p) return { error: this.t.invalid_date };
      return { text: `${p[0]}-${pad(p[1])}-${pad(p[2])}T${pad(p[3])}:${pad(p[4])}:${pad(p[5])}` };
    }
    const local = localRfc3339(input.value);
    if (local.error === "skipped") return { error: this.t.errors.skipped.replace("{zone}", this.readerZone) };
    if (local.error) return { error: this.t.invalid_date };
    return local;
  }

  /** Shows (or, with no message, clears) the message of a field and marks its controls. */
  fieldError(name, message) {
    const { controls, box } = this.fields[name];
    box.textContent = message || "";
    box.hidden = !message;
    for (const control of controls) {
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }

  /** The engine's error in the page's language: its code's text with its fields filled in. */
  errorText(error) {
    const template = this.t.errors[error.code === "invalid_time" ? error.problem : error.code];
    const value = (name) => {
      if (name === "valid" && error.code === "unknown_priority") {
        return [...this.form.querySelectorAll("input[name=priority] + label")].map((l) => l.textContent).join(", ");
      }
      // An instant (RFC 3339) is written as the results write it; anything else as it is.
      const instant = name !== "text" && /^\d{4}-\d\d-\d\dT/.test(error[name]);
      return instant ? this.format(error[name], this.supportZone) : String(error[name]);
    };
    return template.replace(/\{(\w+)\}/g, (_, name) => value(name));
  }

  /** No result: each field's message under it, the first one where the results were. */
  showProblems(problems) {
    for (const name of Object.keys(this.fields)) this.fieldError(name, problems[name]);
    this.problem.textContent = Object.values(problems).find(Boolean) || "";
    this.results.hidden = true;
  }

  update() {
    this.showZoneHint();
    const created = this.badLinkDate ? { error: this.t.invalid_date } : this.timeOf(this.created);
    const workaround = this.badLinkWorkaround
      ? { error: this.t.invalid_date }
      : this.workaround.value || this.workaround.validity.badInput ? this.timeOf(this.workaround) : { text: null };
    if (created.error || workaround.error) {
      this.showProblems({ created: created.error, workaround: workaround.error });
      return;
    }
    const query = {
      created: created.text,
      priority: this.linkPriority ?? this.form.elements.priority.value,
      request_type: this.linkType ?? (this.type.value || null),
      now: utcRfc3339(new Date()),
      workaround: workaround.text,
    };
    const answer = JSON.parse(
      this.engine.evaluate(query.created, query.priority, query.request_type, query.now, query.workaround),
    );
    if (answer.error) {
      this.showProblems({ [answer.field ?? "created"]: this.errorText(answer.error) });
      return;
    }
    this.showProblems({});
    this.show(answer, query);
  }

  /** Time left or overdue: hours and minutes, or past 24 business hours whole business days. */
  statusText(status) {
    const days = Math.floor(status.business_seconds / this.businessDay);
    if (status.business_seconds > 24 * 3600 && days >= 1) {
      const forms = status.overdue ? this.t.overdue_days : this.t.left_days;
      return forms[this.plural.select(days)].replace("{n}", days);
    }
    const time = businessText(status.business_seconds, this.t);
    return (status.overdue ? this.t.overdue : this.t.left).replace("{time}", time);
  }

  /** "viernes, 21 de febrero de 2025, 16:10 (America/Bogota)" */
  format(rfc3339, zone) {
    this.formatters ??= new Map();
    if (!this.formatters.has(zone)) {
      this.formatters.set(zone, new Intl.DateTimeFormat(this.lang, { timeZone: zone, dateStyle: "full", timeStyle: "short" }));
    }
    return `${this.formatters.get(zone).format(new Date(rfc3339))} (${zone})`;
  }

  /** Shows a result as `<time data-sla=NAME datetime=RFC3339>` (created here: an empty
   *  `<time>` would not be valid HTML before the first result). */
  setTime(name, rfc3339) {
    const slot = this.results.querySelector(`[data-for="${name}"]`);
    const time = document.createElement("time");
    time.dataset.sla = name;
    time.dateTime = rfc3339;
    time.textContent = this.format(rfc3339, this.supportZone);
    slot.replaceChildren(time);
    const local = slot.parentElement.querySelector(".sla-local");
    local.textContent =
      this.readerZone === this.supportZone ? "" : `${this.t.in_your_zone} ${this.format(rfc3339, this.readerZone)}`;
  }

  show(answer, query) {
    const r = answer.record;
    this.setTime("clock-start", r.clock_start);
    const reason = answer.clock_start_reason;
    const why = this.results.querySelector(".sla-why");
    why.textContent = reason.kind === "business_hours" ? "" : `(${this.t[reason.kind]}${reason.kind === "holiday"
      ? `: ${reason.names.map((n) => n[this.lang] || n["*"] || n.es || Object.values(n)[0]).join(" / ")}` : ""})`;
    this.setTime("response-due", r.response_due);
    this.setTime("resolution-due", r.resolution_due);
    const statuses = this.results.querySelectorAll(".sla-status");
    [r.status.response, r.status.resolution].forEach((s, i) => {
      statuses[i].textContent = this.statusText(s);
      statuses[i].classList.toggle("is-overdue", s.overdue);
    });
    const escalation = this.results.querySelector(".sla-escalation-result");
    escalation.hidden = !r.escalation;
    if (r.escalation) {
      const dd = escalation.querySelector("[data-sla=escalation]");
      const role = r.escalation.role[this.lang] || r.escalation.role["*"] || Object.values(r.escalation.role)[0];
      dd.replaceChildren(`${role}: `);
      const link = document.createElement("a");
      link.href = `mailto:${r.escalation.email}`;
      link.textContent = r.escalation.email;
      dd.append(link);
    }
    const fix = this.results.querySelector(".sla-fix-result");
    fix.hidden = !r.definitive_fix_due;
    if (r.definitive_fix_due) this.setTime("definitive-fix-due", r.definitive_fix_due);
    this.results.hidden = false;
    this.record = answer.record;
    const params = new URLSearchParams();
    params.set("created", answer.created_at);
    params.set("priority", query.priority);
    if (query.request_type) params.set("type", query.request_type);
    if (answer.workaround_at) params.set("workaround", answer.workaround_at);
    const url = `${window.location.pathname}?${params}`;
    this.results.querySelector(".sla-share").href = url;
    // Once the reader has changed something, the address bar follows, when they pause typing
    // (rewriting history costs more than the calculation). A page just opened keeps its URL.
    if (this.readerChanged) {
      clearTimeout(this.urlTimer);
      this.urlTimer = setTimeout(() => window.history.replaceState(null, "", url), 250);
    }
  }

  /** The iCalendar file of the current deadlines. */
  calendar() {
    const record = this.record;
    const events = [[this.t.ics_response, record.response_due], [this.t.ics_resolution, record.resolution_due]];
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ayuda//sla//ES", "CALSCALE:GREGORIAN"];
    events.forEach(([summary, due], i) => {
      const when = icsStamp(new Date(due));
      lines.push("BEGIN:VEVENT", `UID:${when}-${i}@ayuda`, `DTSTAMP:${when}`, `DTSTART:${when}`, `DTEND:${when}`,
        `SUMMARY:${summary}`, "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.join("\r\n") + "\r\n";
  }
}

/** Lets the browser paint and handle input between the steps of the start-up. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

async function main() {
  for (const root of document.querySelectorAll("[data-sla-calculator]")) {
    try {
      const [module, policy] = await Promise.all([import(root.dataset.module), fetch(root.dataset.policy).then((r) => r.text())]);
      await module.default({ module_or_path: root.dataset.wasm });
      await nextTask();
      const calculator = new Calculator(root, new module.SlaCalculator(policy));
      await nextTask();
      calculator.start();
      root.dataset.ready = "true";
    } catch (error) {
      root.dataset.ready = "error";
      console.error("SLA calculator:", error);
    }
  }
}

main();
