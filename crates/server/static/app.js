// Lifeline's agents' screens: live updates (server-sent events), keyboard, composer, countdowns.
// Hand-written, no build step. The server renders every piece of HTML; this only fetches it again.
"use strict";
(function () {
  const $ = (s, el) => (el || document).querySelector(s);
  const $$ = (s, el) => Array.from((el || document).querySelectorAll(s));

  function span(ms) {
    const m = Math.floor(ms / 60000);
    if (m < 1) return "less than a minute";
    if (m < 60) return m + " min";
    if (m < 48 * 60) return Math.floor(m / 60) + " h " + (m % 60) + " min";
    return Math.floor(m / 1440) + " days";
  }

  function tick() {
    const now = Date.now();
    for (const el of $$(".countdown[data-until]")) {
      const left = Number(el.dataset.until) - now;
      if (left > 0) { el.textContent = span(left) + " left"; continue; }
      el.textContent = "closed";
      el.classList.remove("open");
      if (el.closest("#window-state") && !document.body.dataset.reloading) {
        document.body.dataset.reloading = "1";
        location.reload(); // the composer becomes the template picker
      }
    }
  }

  // Selection in the inbox and on the board (j/k), kept across live refreshes.
  let selected = null;
  function lines() { return $$("#rows li.line, #board li.card"); }
  function select(i) {
    const all = lines();
    if (!all.length) return;
    i = Math.max(0, Math.min(all.length - 1, i));
    all.forEach((l) => l.classList.remove("selected"));
    all[i].classList.add("selected");
    all[i].scrollIntoView({ block: "nearest" });
    selected = all[i].dataset.id || all[i].dataset.case;
  }
  function selectedIndex() {
    return lines().findIndex((l) => (l.dataset.id || l.dataset.case) === selected);
  }

  const pending = {};
  function refresh(box) {
    if (pending[box.id]) return;
    pending[box.id] = setTimeout(async () => {
      delete pending[box.id];
      let url = box.dataset.live;
      if (box.dataset.q) url += "?q=" + encodeURIComponent(box.dataset.q);
      const r = await fetch(url, { headers: { "x-requested-with": "fetch" } });
      if (r.status === 200) {
        const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
        box.innerHTML = await r.text();
        if (box.id === "thread" && nearBottom) box.scrollTop = box.scrollHeight;
        if (selected) { const i = selectedIndex(); if (i >= 0) select(i); }
        tick();
        document.body.dataset.refreshed = String(Date.now());
      } else if (r.redirected || r.status === 401) {
        location.href = "/login";
      }
    }, 120);
  }

  function live() {
    const boxes = $$("[data-live]");
    if (!boxes.length || !window.EventSource) return;
    const conv = $("[data-conversation]");
    const mine = conv ? Number(conv.dataset.conversation) : null;
    const es = new EventSource("/events");
    // What changed between the page's render (or a lost connection) and this hello sent no event here:
    // look once more.
    es.addEventListener("hello", () => { document.body.dataset.live = "on"; boxes.forEach(refresh); });
    es.addEventListener("resync", () => boxes.forEach(refresh));
    es.addEventListener("desk", (m) => {
      let e = {};
      try { e = JSON.parse(m.data); } catch (_) { /* keep going */ }
      if (mine !== null && e.conversation_id !== undefined && e.conversation_id !== mine) return;
      // The inbox shows no ticks: receipts and send retries do not change it.
      if (mine === null && (e.event === "receipts" || e.event === "outbound_changed")) return;
      if (mine !== null && e.event === "inbound_message") {
        // the window may have reopened: the composer must come back
        if ($("#template-picker")) { location.reload(); return; }
      }
      boxes.forEach(refresh);
    });
    es.onerror = () => { document.body.dataset.live = "retrying"; };
  }

  async function post(form, submitter) {
    const err = $(".form-error", form);
    const button = $("button[type=submit]", form);
    const anyway = $(".send-anyway", form);
    if (button) button.disabled = true;
    const body = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    try {
      const r = await fetch(form.action, {
        method: "POST",
        headers: { "x-requested-with": "fetch", "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      if (anyway) anyway.hidden = true;
      if (r.status === 204) {
        const t = $("textarea", form);
        if (t) t.value = "";
        if (err) err.hidden = true;
        const thread = $("#thread");
        if (thread) refresh(thread);
        return;
      }
      const doc = new DOMParser().parseFromString(await r.text(), "text/html");
      const why = doc.querySelector(".detail");
      if (err) { err.textContent = why ? why.textContent : "Not sent (" + r.status + ")."; err.hidden = false; }
      // The tone check stopped it: the agent may fix the text or send it anyway (recorded).
      if (anyway && why && why.textContent.startsWith("The tone check")) anyway.hidden = false;
    } catch (_) {
      if (err) { err.textContent = "Not sent: the desk cannot be reached."; err.hidden = false; }
    } finally {
      if (button) button.disabled = false;
    }
  }

  function composer() {
    for (const form of $$("form.composer")) {
      form.addEventListener("submit", (ev) => { ev.preventDefault(); post(form, ev.submitter); });
      const t = $("textarea", form);
      if (t) t.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); post(form); }
      });
    }
    const thread = $("#thread");
    if (thread) thread.scrollTop = thread.scrollHeight;
  }

  function keys() {
    document.addEventListener("keydown", (ev) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName);
      if (ev.key === "Escape" && typing) { ev.target.blur(); return; }
      if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (ev.key === "/") { const s = $("#search"); if (s) { ev.preventDefault(); s.focus(); s.select(); } }
      else if (ev.key === "j") select(selectedIndex() + 1);
      else if (ev.key === "k") select(selectedIndex() < 0 ? 0 : selectedIndex() - 1);
      else if (ev.key === "Enter" || ev.key === "o") {
        const l = lines()[selectedIndex()];
        if (l) { ev.preventDefault(); location.href = $("a", l).href; }
      } else if (ev.key === "r") { const r = $("#reply"); if (r) { ev.preventDefault(); r.focus(); } }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    live();
    composer();
    keys();
    tick();
    setInterval(tick, 30000);
  });
  window.addEventListener("load", () => { const t = $("#thread"); if (t) t.scrollTop = t.scrollHeight; });
})();

// The case panel of the conversation screen: loaded into #cases, its forms posted in place (a reply the
// tone check stopped comes back with the findings and "Send anyway"), "Use the draft" fills the case's
// reply box, and a lone /shortcut followed by a space becomes the case's filled canned reply.
(function () {
  const $ = (s, el) => (el || document).querySelector(s);
  const ask = { headers: { "x-requested-with": "fetch" } };

  function show(box, html) {
    box.innerHTML = html;
    const at = location.hash && box.querySelector(location.hash);
    if (at) at.scrollIntoView({ block: "nearest" });
    // `r` on the queue opened this conversation to reply: the case's reply box takes the keys.
    if (location.hash === "#reply" && at && !box.dataset.focused) { box.dataset.focused = "1"; at.focus(); }
  }

  async function load(box, url) {
    try {
      const r = await fetch(url, ask);
      if (r.status === 200 || r.status === 422) show(box, await r.text());
      else if (r.redirected || r.status === 401) location.href = "/login";
    } catch (_) { /* the link inside the box still works */ }
  }

  function typing(box) {
    return Array.from(box.querySelectorAll("textarea")).some((t) => t.value !== t.defaultValue);
  }

  async function submit(box, form, submitter) {
    const body = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    for (const b of form.querySelectorAll("button")) b.disabled = true;
    try {
      const r = await fetch(form.action, {
        method: "POST",
        headers: { "x-requested-with": "fetch", "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      const html = await r.text();
      if (r.status === 200 || r.status === 422) { show(box, html); return; }
      const doc = new DOMParser().parseFromString(html, "text/html");
      const why = doc.querySelector(".detail");
      const p = document.createElement("p");
      p.className = "error";
      p.setAttribute("role", "alert");
      p.textContent = why ? why.textContent : "That did not work (" + r.status + ").";
      form.appendChild(p);
    } catch (_) {
      form.insertAdjacentHTML("beforeend", '<p class="error" role="alert">The desk cannot be reached.</p>');
    } finally {
      for (const b of form.querySelectorAll("button")) b.disabled = false;
    }
  }

  // The reply box's line for the agent: which language stands in for the shopper's, or that a
  // shortcut does not exist. It stays until the next shortcut or until the box is emptied.
  function tell(t, words) {
    const p = t.form && t.form.querySelector(".canned-notice");
    if (!p) return;
    p.textContent = words || "";
    p.hidden = !words;
  }

  async function expand(t) {
    if (t.value === "") tell(t, "");
    const m = /^\/([\w-]{1,25}) $/.exec(t.value);
    if (!m || !t.dataset.canned) return;
    const r = await fetch(t.dataset.canned + encodeURIComponent(m[1].toLowerCase()), ask);
    if (t.value !== m[0]) return;
    let answer = {};
    try { answer = await r.json(); } catch (_) { return; }
    if (r.status === 200) { t.value = answer.text; tell(t, answer.warning); }
    else if (r.status === 404 && answer.notice) tell(t, answer.notice);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const box = $("#cases[data-panel]");
    if (!box) return;
    load(box, box.dataset.panel);
    box.addEventListener("submit", (ev) => {
      const form = ev.target.closest("form.case-form");
      if (!form) return;
      ev.preventDefault();
      submit(box, form, ev.submitter);
    });
    box.addEventListener("click", (ev) => {
      const a = ev.target.closest("a.panel-link");
      if (!a) return;
      ev.preventDefault();
      load(box, a.href);
    });
    box.addEventListener("input", (ev) => { if (ev.target.matches("textarea[data-canned]")) expand(ev.target); });
    // The case's reply box is the screen's composer: Ctrl+Enter sends it, through the same checks.
    box.addEventListener("keydown", (ev) => {
      if (ev.key !== "Enter" || !(ev.ctrlKey || ev.metaKey) || !ev.target.matches("form.case-reply textarea")) return;
      ev.preventDefault();
      ev.target.form.requestSubmit();
    });
    // Case changes (a reply, an approval, a breach) refresh the panel, unless someone is writing in it.
    if (window.EventSource) {
      const es = new EventSource("/events");
      es.addEventListener("desk", (m) => {
        let e = {};
        try { e = JSON.parse(m.data); } catch (_) { return; }
        if (e.event !== "case_changed" || !box.querySelector("#case-" + e.case_id)) return;
        if (!typing(box)) load(box, box.dataset.panel);
      });
    }
  });
})();

// The case composer's attachment: the photo or PDF goes up as multipart with the page's CSRF token, and
// the case panel comes back in place; a refusal (too big, wrong type, window closed) shows under the form.
(function () {
  document.addEventListener("submit", async (ev) => {
    const form = ev.target.closest && ev.target.closest("#cases form.case-attach");
    if (!form) return;
    ev.preventDefault();
    const box = document.querySelector("#cases[data-panel]");
    const err = form.querySelector(".form-error");
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const r = await fetch(form.action, { method: "POST", headers: { "x-requested-with": "fetch" }, body: new FormData(form) });
      const html = await r.text();
      if (r.status === 200) { box.innerHTML = html; return; }
      const why = new DOMParser().parseFromString(html, "text/html").querySelector(".detail");
      err.textContent = why ? why.textContent : "That did not work (" + r.status + ").";
      err.hidden = false;
    } catch (_) {
      err.textContent = "The desk cannot be reached.";
      err.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
})();

// The inbox's queue and board: `e` resolves the selected case (a POST with the page's CSRF token to
// /cases/{id}/resolve) after a few seconds in which `u` or the note's Undo button keeps it open; an
// escalated or late case asks first (`e` again to confirm, Esc to keep it). `r` opens the selected case
// with the reply box ready; a changed filter menu applies at once.
// The lines themselves refresh live through the block above (their data-live URL keeps the filters).
(function () {
  const $ = (s, el) => (el || document).querySelector(s);

  function note(text, failed, action) {
    const n = $("#queue-note");
    if (!n) return;
    n.textContent = text;
    if (action) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "secondary undo";
      b.textContent = action.label;
      b.addEventListener("click", action.run);
      n.append(" ", b);
    }
    n.classList.toggle("failure", !!failed);
    n.hidden = false;
  }

  // How long a resolve waits for an undo; the queue may say otherwise (data-undo-ms).
  function undoMs() {
    const box = $("#rows[data-undo-ms], #board[data-undo-ms]");
    return box ? Number(box.dataset.undoMs) : 5000;
  }
  let pending = null;
  let confirming = null;

  // What makes a case worth a second thought before it is closed, in words; "" when nothing does.
  function risk(line) {
    const why = [];
    if (line.dataset.escalated) why.push("escalated");
    if (line.dataset.breached) why.push("past its promised time");
    return why.join(" and ");
  }

  function ask(line) {
    const id = line.dataset.case;
    const why = risk(line);
    if (why && confirming !== id) {
      confirming = id;
      note("Case #" + id + " is " + why + ". Press e again to resolve it, or Esc to keep it open.", true);
      return;
    }
    confirming = null;
    if (pending) flush();
    line.classList.add("resolving");
    pending = { id, line, timer: setTimeout(flush, undoMs()) };
    note("Case #" + id + " will be resolved in " + Math.round(undoMs() / 1000) + " s.", false, { label: "Undo (u)", run: undo });
  }

  function undo() {
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.line.classList.remove("resolving");
    note("Case #" + pending.id + " stays open.");
    pending = null;
  }

  function flush(leaving) {
    if (!pending) return;
    const p = pending;
    pending = null;
    clearTimeout(p.timer);
    resolve(p.line, leaving);
  }

  async function reload(box) {
    const r = await fetch(box.dataset.live, { headers: { "x-requested-with": "fetch" } });
    if (r.status === 200) {
      box.innerHTML = await r.text();
      document.body.dataset.refreshed = String(Date.now());
    }
  }

  async function resolve(line, leaving) {
    const id = line.dataset.case;
    const main = $("main[data-csrf]");
    line.classList.add("resolving");
    try {
      const r = await fetch("/cases/" + encodeURIComponent(id) + "/resolve", {
        method: "POST",
        keepalive: !!leaving,
        headers: { "x-requested-with": "fetch", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrf: main ? main.dataset.csrf : "" }),
      });
      if (r.status === 204) {
        note("Case #" + id + " resolved.");
        const box = $("#rows[data-live], #board[data-live]");
        if (box) await reload(box);
        return;
      }
      const doc = new DOMParser().parseFromString(await r.text(), "text/html");
      const why = doc.querySelector(".detail");
      note("Case #" + id + " was not resolved: " + (why ? why.textContent : "error " + r.status + "."), true);
    } catch (_) {
      note("Case #" + id + " was not resolved: the desk cannot be reached.", true);
    } finally {
      line.classList.remove("resolving");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    // `r` on the queue opened this conversation to reply: the reply box takes the keys.
    const reply = location.hash === "#reply" && $("#reply");
    if (reply) reply.focus();
    const form = $("form.filters");
    if (form) form.addEventListener("change", (ev) => { if (ev.target.tagName === "SELECT") form.submit(); });
    // On a phone the filter menus fold away behind one button.
    const toggle = form && $(".filters-toggle", form);
    if (toggle) toggle.addEventListener("click", () => {
      const open = form.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(open));
    });
    if (!$("#rows[data-resolve], #board")) return;
    // Leaving the page during the undo time resolves the case as the agent asked.
    window.addEventListener("pagehide", () => flush(true));
    document.addEventListener("keydown", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName)) return;
      if (ev.key === "u" && pending) { ev.preventDefault(); undo(); return; }
      if (ev.key === "Escape" && confirming) { note("Case #" + confirming + " stays open."); confirming = null; return; }
      if (ev.key !== "e" && ev.key !== "r") return;
      const line = $("#rows li.line.selected[data-case], #board li.card.selected[data-case]");
      if (!line) { note("Select a case first with j or k."); return; }
      ev.preventDefault();
      if (ev.key === "e") ask(line);
      else location.href = $("a", line).pathname + "#reply";
    });
  });
})();
