"use strict";
// The shopper's phone. Every piece of data reaches the page through textContent or a checked attribute.
const $ = (id) => document.getElementById(id);
const thread = $("thread");
const CITY = {
  BR: ["São Paulo", -23.5505, -46.6333], MX: ["Ciudad de México", 19.4326, -99.1332], ES: ["Madrid", 40.4168, -3.7038],
  FR: ["Paris", 48.8566, 2.3522], DE: ["Berlin", 52.52, 13.405], IT: ["Roma", 41.9028, 12.4964],
  ID: ["Jakarta", -6.2088, 106.8456], NL: ["Amsterdam", 52.3676, 4.9041], US: ["New York", 40.7128, -74.006],
  GB: ["London", 51.5074, -0.1278],
};
const FAILURES = {
  131047: "more than 24 hours since the shopper last wrote; only a template can reach them now",
  131009: "the message this reacts to is unknown",
};
let shoppers = [], countries = [], current = null, source = null, reloadTimer = null, typingTimer = null;
const reported = new Set();

async function api(path, options) {
  const response = await fetch("/sandbox/api" + path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || "The sandbox answered " + response.status);
  return body;
}
const post = (path, data) => api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}
const safeUrl = (url) => (typeof url === "string" && (/^https?:\/\//i.test(url) || url.startsWith("/sandbox/")) ? url : null);
const flag = (cc) => (/^[A-Z]{2}$/.test(cc || "") ? String.fromCodePoint(...[...cc].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65)) : "");
const clock = (unix) => new Date(unix * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
// What the business sees of a shopper: the username when set, the phone only when shared (never the BSUID).
const seenAs = (s) => [s.username, s.phone_shared ? "+" + s.wa_id : "phone not shared"].filter(Boolean).join(" · ");
const showError = (id, err) => { $(id).textContent = err ? String(err.message || err) : ""; };

async function loadShoppers(selectWaId) {
  const data = await api("/shoppers");
  shoppers = data.shoppers;
  countries = data.countries;
  const list = $("shoppers");
  list.replaceChildren(...shoppers.map((s) => el("li", {}, el("button", {
    type: "button", "aria-current": String(current !== null && current.wa_id === s.wa_id), onclick: () => select(s),
  }, flag(s.country) + " " + s.name, el("span", { class: "sub", text: seenAs(s) })))));
  if ($("new-country").options.length === 0) {
    $("new-country").replaceChildren(...countries.map((c) => el("option", { value: c.code, text: flag(c.code) + " " + c.name + " (+" + c.dial + ")" })));
    prefillDial();
  }
  const wanted = shoppers.find((s) => s.wa_id === selectWaId);
  if (wanted) select(wanted);
}

function prefillDial() {
  const country = countries.find((c) => c.code === $("new-country").value);
  const input = $("new-number");
  if (country && (input.value === "" || /^\+\d{0,3}\s?$/.test(input.value))) input.value = "+" + country.dial + " ";
}

function select(shopper) {
  current = shopper;
  history.replaceState(null, "", "#" + shopper.wa_id);
  $("chat-name").textContent = flag(shopper.country) + " " + shopper.name;
  showMeta();
  for (const button of document.querySelectorAll("#shoppers button")) button.setAttribute("aria-current", "false");
  loadShoppers().catch((e) => showError("send-error", e));
  if (source) source.close();
  source = new EventSource("/sandbox/api/events?wa_id=" + encodeURIComponent(shopper.wa_id));
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.event === "marked_read" && event.typing) showTyping();
    if (event.event === "accepted") showMeta();
    scheduleReload();
  };
  loadThread();
}

function showMeta() {
  clearTimeout(typingTimer);
  if (current) $("chat-meta").textContent = seenAs(current);
}
function showTyping() {
  $("chat-meta").textContent = "typing…";
  clearTimeout(typingTimer);
  typingTimer = setTimeout(showMeta, 25000);
}
function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(loadThread, 60);
}

async function loadThread() {
  if (!current) return;
  try {
    const data = await api("/shoppers/" + encodeURIComponent(current.wa_id) + "/thread");
    render(data.items);
    reportSeen(data.items);
  } catch (e) {
    showError("send-error", e);
  }
}

function render(items) {
  const nearBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 80;
  const reactions = new Map();
  for (const item of items) {
    const reaction = item.dir === "in" ? item.message.reaction : item.kind === "reaction" ? item.body.reaction : null;
    if (reaction) reactions.set(reaction.message_id, reaction.emoji || "");
  }
  const byId = new Map(items.map((item) => [item.wamid, item]));
  const bubbles = items.filter((item) => !(item.dir === "in" ? item.message.type === "reaction" : item.kind === "reaction"))
    .map((item) => bubble(item, byId, reactions.get(item.wamid)));
  thread.replaceChildren(...(bubbles.length ? bubbles : [el("div", { class: "empty", text: "No messages yet. Say hello!" })]));
  if (nearBottom) thread.scrollTop = thread.scrollHeight;
}

function bubble(item, byId, reaction) {
  const failed = item.dir === "out" && item.status === "failed";
  const node = el("div", { class: "bubble " + item.dir + (failed ? " failed" : "") });
  const content = item.dir === "in" ? inbound(item.message, byId) : outbound(item);
  node.append(...content);
  if (failed) node.append(el("div", { class: "warn", text: "Not delivered (" + item.error_code + "): " + (FAILURES[item.error_code] || "WhatsApp refused it") }));
  node.append(footer(item));
  if (reaction) node.append(el("span", { class: "reaction", text: reaction }));
  return node;
}

function footer(item) {
  const foot = el("div", { class: "foot" }, clock(item.at));
  if (item.dir === "out") {
    if (item.status !== "failed") {
      const ticks = { sent: "✓", delivered: "✓✓", read: "✓✓" }[item.status] || "🕓";
      foot.append(el("span", { class: "ticks" + (item.status === "read" ? " read" : ""), text: ticks, title: item.status || "pending" }));
      foot.append(reactButton(item.wamid));
    }
  } else {
    foot.append(el("span", { class: "ticks" + (item.read ? " read" : ""), text: "✓✓", title: item.read ? "read by the business" : "delivered" }));
  }
  return foot;
}

function reactButton(wamid) {
  const row = el("span", { class: "emojis", hidden: "" }, ...["👍", "❤️", "😂", "😮", "😢", "🙏"].map((emoji) =>
    el("button", { type: "button", text: emoji, onclick: () => send({ type: "reaction", message_id: wamid, emoji }) })));
  const toggle = el("button", { type: "button", class: "react-btn", text: "☺", title: "React", onclick: () => row.toggleAttribute("hidden") });
  return el("span", {}, toggle, row);
}

function snippet(item) {
  if (!item) return "a message";
  const b = item.body || {};
  const text = item.template ? item.template.text : (b.text && b.text.body) || (b.interactive && b.interactive.body && b.interactive.body.text) || item.kind;
  return text.length > 70 ? text.slice(0, 70) + "…" : text;
}

function media(kind, m, fallbackName) {
  const src = m.id ? "/sandbox/media/" + encodeURIComponent(m.id) : safeUrl(m.link);
  const nodes = [];
  if (!src) return [el("div", { text: "[" + kind + "]" })];
  if (kind === "image" || kind === "sticker") nodes.push(el("img", { src, alt: m.caption || kind }));
  else if (kind === "audio") nodes.push(el("audio", { src, controls: "" }));
  else if (kind === "video") nodes.push(el("video", { src, controls: "", width: "220" }));
  else nodes.push(el("a", { href: src, target: "_blank", rel: "noopener", text: "📄 " + (m.filename || fallbackName || "document") }));
  if (m.caption) nodes.push(el("div", { text: m.caption }));
  return nodes;
}

function inbound(m, byId) {
  const nodes = [];
  if (m.context && m.context.id) nodes.push(el("div", { class: "quote", text: snippet(byId.get(m.context.id)) }));
  switch (m.type) {
    case "text": nodes.push(el("div", { text: m.text.body })); break;
    case "image": case "document": case "video": case "sticker": nodes.push(...media(m.type, m[m.type])); break;
    case "audio": nodes.push(el("div", { class: "footer", text: m.audio.voice ? "🎤 Voice note" : "🎵 Audio" }), ...media("audio", m.audio)); break;
    case "location": nodes.push(el("div", { text: "📍 " + [m.location.name, m.location.address, m.location.latitude + ", " + m.location.longitude].filter(Boolean).join("\n") })); break;
    case "interactive": {
      const reply = m.interactive.button_reply || m.interactive.list_reply || {};
      nodes.push(el("div", { text: reply.title || "[reply]" }));
      break;
    }
    case "button": nodes.push(el("div", { text: m.button.text })); break;
    default: nodes.push(el("div", { text: "[" + m.type + "]" }));
  }
  return nodes;
}

function choice(label, message) {
  return el("button", { type: "button", text: label, onclick: () => send(message) });
}

function outbound(item) {
  const b = item.body || {};
  const nodes = [];
  if (b.context && b.context.message_id) nodes.push(el("div", { class: "quote", text: "↩ replying to your message" }));
  switch (item.kind) {
    case "text": nodes.push(el("div", { text: b.text.body })); break;
    case "template": nodes.push(...template(item)); break;
    case "interactive": nodes.push(...interactive(item.wamid, b.interactive)); break;
    case "image": case "video": case "audio": case "document": case "sticker": nodes.push(...media(item.kind, b[item.kind])); break;
    case "location": nodes.push(el("div", { text: "📍 " + [b.location.name, b.location.address].filter(Boolean).join("\n") })); break;
    default: nodes.push(el("div", { text: "[" + item.kind + "]" }));
  }
  return nodes;
}

function template(item) {
  const t = item.template;
  if (!t) return [el("div", { text: "Template " + item.body.template.name + " (" + item.body.template.language.code + ")" })];
  const nodes = [el("div", { text: t.text })];
  if (t.buttons.length) {
    nodes.push(el("div", { class: "choices" }, ...t.buttons.map((button) =>
      choice(button.text, { type: "template_button", payload: button.payload, text: button.text, context_wamid: item.wamid }))));
  }
  return nodes;
}

function interactive(wamid, ia) {
  const nodes = [];
  if (ia.header && ia.header.type === "text") nodes.push(el("div", { class: "header", text: ia.header.text }));
  else if (ia.header && ia.header[ia.header.type]) nodes.push(...media(ia.header.type, ia.header[ia.header.type]));
  if (ia.body) nodes.push(el("div", { text: ia.body.text }));
  if (ia.footer) nodes.push(el("div", { class: "footer", text: ia.footer.text }));
  const action = ia.action || {};
  if (ia.type === "button") {
    nodes.push(el("div", { class: "choices" }, ...(action.buttons || []).map((button) =>
      choice(button.reply.title, { type: "button_reply", id: button.reply.id, title: button.reply.title, context_wamid: wamid }))));
  } else if (ia.type === "list") {
    const rows = el("div", { class: "rows" });
    for (const section of action.sections || []) {
      if (section.title) rows.append(el("div", { class: "section", text: section.title }));
      for (const row of section.rows || []) {
        const message = { type: "list_reply", id: row.id, title: row.title, description: row.description, context_wamid: wamid };
        rows.append(el("button", { type: "button", onclick: () => send(message) }, row.title, row.description ? el("small", { text: row.description }) : null));
      }
    }
    nodes.push(el("div", { class: "choices" }, el("button", { type: "button", text: "☰ " + action.button, onclick: () => rows.classList.toggle("open") })), rows);
  }
  return nodes;
}

function reportSeen(items) {
  if (!current || document.visibilityState !== "visible") return;
  const wamids = items.filter((i) => i.dir === "out" && i.status === "sent" && !reported.has(i.wamid)).map((i) => i.wamid);
  if (!wamids.length) return;
  wamids.forEach((w) => reported.add(w));
  post("/shoppers/" + encodeURIComponent(current.wa_id) + "/seen", { wamids }).catch((e) => showError("send-error", e));
}

async function send(message) {
  if (!current) return showError("send-error", "Pick a shopper first.");
  try {
    showError("send-error", null);
    await post("/shoppers/" + encodeURIComponent(current.wa_id) + "/messages", message);
    scheduleReload();
    return true;
  } catch (e) {
    showError("send-error", e);
    return false;
  }
}

function readFile(input, build) {
  const file = input.files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => { send(build(reader.result, file)); input.value = ""; };
  reader.onerror = () => showError("send-error", "That file could not be read.");
  reader.readAsDataURL(file);
}

function takeCaption() {
  const caption = $("text").value.trim();
  $("text").value = "";
  return caption || undefined;
}

$("composer").addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = $("text").value;
  if (!text.trim()) return;
  if (await send({ type: "text", text })) $("text").value = "";
});
$("sample-photo").addEventListener("click", () => send({ type: "image", sample: true, caption: takeCaption() }));
$("photo-file").addEventListener("change", (e) => readFile(e.target, (data, file) => ({ type: "image", data, mime: file.type, caption: takeCaption() })));
$("sample-voice").addEventListener("click", () => send({ type: "voice", sample: true }));
$("voice-file").addEventListener("change", (e) => readFile(e.target, (data, file) => ({ type: "voice", data, mime: file.type || "audio/ogg" })));
$("send-location").addEventListener("click", () => {
  const [name, latitude, longitude] = CITY[current && current.country] || CITY.GB;
  send({ type: "location", latitude, longitude, name });
});
$("new-country").addEventListener("change", () => { $("new-number").value = ""; prefillDial(); });
$("invent").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    showError("invent-error", null);
    const shopper = await post("/shoppers", {
      name: $("new-name").value, wa_id: $("new-number").value, country: $("new-country").value,
      username: $("new-username").value, phone_shared: !$("new-username-only").checked,
    });
    $("new-name").value = "";
    $("new-username").value = "";
    await loadShoppers(shopper.wa_id);
  } catch (err) {
    showError("invent-error", err);
  }
});
document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") loadThread(); });
loadShoppers(decodeURIComponent(location.hash.slice(1))).catch((e) => showError("send-error", e));
