// Browser tests of the agents' web app: playwright-core drives the system's Chromium (headless).
// Started by crates/server/tests/web_browser.rs, which runs a desk and the WhatsApp sandbox and passes
// their addresses and a prepared account in the environment. Screenshots go to e2e/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run these tests through crates/server/tests/web_browser.rs`);
  return v;
};
const DESK = env("LIFELINE_DESK");
const SIM = env("LIFELINE_SIM");
const EMAIL = env("LIFELINE_EMAIL");
const PASSWORD = env("LIFELINE_PASSWORD");
const SECRET = env("LIFELINE_TOTP_SECRET");
const CLOSED = env("LIFELINE_CLOSED_CONVERSATION");
const AGENT = env("LIFELINE_AGENT_EMAIL");
const SUPERVISOR = env("LIFELINE_SUPERVISOR_EMAIL");
const STAFF_PASSWORD = env("LIFELINE_STAFF_PASSWORD");
const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
const ANA = "5511987654321";
const GIULIA = "393471234567";

// RFC 6238 (SHA-1, 6 digits, 30 s), as an authenticator app computes it.
function base32(s) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of s.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}
function totp(secret, unixSecs = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSecs / 30)));
  const h = createHmac("sha1", base32(secret)).update(counter).digest();
  const o = h[h.length - 1] & 15;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, "0");
}

async function shopperWrites(waId, message) {
  const r = await fetch(`${SIM}/sandbox/api/shoppers/${waId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(message),
  });
  assert.ok(r.ok, `the sandbox took the message: ${r.status}`);
}

let browser;
let page;
const shot = (name) => page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(15000);
});

after(async () => { await browser?.close(); });

test("an agent signs in with a password, then a code from the authenticator", async () => {
  await page.goto(`${DESK}/inbox`);
  assert.match(page.url(), /\/login$/);
  await page.fill("input[name=email]", EMAIL);
  await page.fill("input[name=password]", "not the password");
  await page.click("button[type=submit]");
  await page.waitForSelector("text=Wrong email or password.");
  await shot("01-login-refused");
  await page.fill("input[name=password]", PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/login\/two-step$/);
  await shot("02-two-step");
  await page.fill("input[name=code]", totp(SECRET));
  await page.click("button[type=submit]");
  await page.waitForURL(/\/inbox$/);
  assert.equal(await page.textContent(".top .me"), EMAIL);
});

test("a shopper's message appears in the inbox without reloading", async () => {
  await page.waitForSelector("body[data-live=on]");
  await page.evaluate(() => { window.__sameDocument = true; });
  await shopperWrites(ANA, { type: "text", text: "Oi! Meu pedido #1001 está parado há 9 dias, cadê?" });
  await page.waitForSelector("#rows li.line >> text=Ana Souza");
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "the page was not reloaded");
  await page.waitForSelector("#rows li.line .tag.kind");
  await shot("03-inbox-live");
  // Keyboard: / searches the queue (by name here), j selects.
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  await page.keyboard.type("Ana Souza");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/inbox\?q=Ana\+Souza/);
  await page.waitForSelector("#rows li.line >> text=Ana Souza");
  await page.keyboard.press("j");
  assert.equal(await page.locator("#rows li.line.selected").count(), 1);
});

test("on a case the case's box is the one composer: r focuses it, Ctrl+Enter sends it through the tone check", async () => {
  await page.keyboard.press("o");
  await page.waitForURL(/\/conversations\/\d+(#case-\d+)?$/);
  await page.waitForSelector("#thread .bubble.in >> text=cadê");
  await page.waitForSelector("body[data-live=on]");
  await page.waitForSelector("#cases form.case-reply textarea#reply");
  assert.equal(await page.locator("#composer").count(), 0, "no second composer under the chat");
  assert.equal(await page.locator("textarea[name=text]:not([aria-label^=Note])").count(), 1, "one reply box on the screen");
  await page.keyboard.press("r");
  assert.equal(await page.evaluate(() => document.activeElement.closest("form.case-reply") !== null), true);
  const before = await page.locator("#thread .bubble.out").count();
  await page.keyboard.type("It's the carrier's fault, nothing we can do. You should have chosen express shipping.");
  await page.keyboard.press("Control+Enter");
  const finding = page.locator("#cases .tone-findings");
  await finding.waitFor();
  assert.match(await finding.textContent(), /Better:/);
  assert.equal(await page.locator("#thread .bubble.out").count(), before, "the blaming text did not go out");
  await shot("04-tone-stops-ctrl-enter");
  const words = "Oi Ana, já estou vendo o pedido #1001 com a transportadora. Te respondo em até 15 minutos.";
  await page.locator("#reply").fill(words);
  await page.locator("#reply").press("Control+Enter");
  await page.waitForSelector(`#thread .bubble.out >> text=${words}`);
  let arrived = false;
  for (let i = 0; i < 100 && !arrived; i++) {
    const r = await fetch(`${SIM}/sandbox/api/shoppers/${ANA}/thread`);
    arrived = JSON.stringify(await r.json()).includes("já estou vendo o pedido #1001");
    if (!arrived) await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(arrived, "the reply is on the sandbox phone");
  // The ticks follow the receipts live: ✓✓ once delivered.
  await page.waitForSelector("#thread .bubble.out .ticks.status-delivered, #thread .bubble.out .ticks.status-read");
  await shot("04-conversation");
});

test("a closed window offers only templates, in the case's one composer", async () => {
  await page.goto(`${DESK}/conversations/${CLOSED}`);
  const form = page.locator("#cases form.case-template").first();
  await form.waitFor();
  assert.equal(await page.locator("#reply").count(), 0, "no free text once the window closed");
  assert.equal(await page.locator("#template-picker").count(), 0, "no second template form under the chat");
  const options = await form.locator("input[type=radio]").evaluateAll((els) => els.map((e) => e.value));
  assert.ok(options.includes("order_update|de"), options.join(", "));
  assert.ok(!options.some((o) => o.startsWith("seasonal_sale")), "marketing templates are never offered");
  assert.equal(options[0].split("|")[1], "de", "the shopper's language comes first");
  await shot("05-closed-window");
});

// The case panel's composer: a /shortcut, a tone finding, and a refund that waits for a supervisor.

// The conversation of a shopper, read from the inbox's links as the signed-in person sees them.
async function conversationOf(p, name) {
  for (let i = 0; i < 100; i++) {
    const html = await (await p.request.get(`${DESK}/inbox?q=${encodeURIComponent(name)}`)).text();
    const m = /href="\/conversations\/(\d+)/.exec(html);
    if (m) return `${DESK}/conversations/${m[1]}`;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`no conversation of ${name} in the inbox`);
}

// A person without two-step verification signs in, in a browser of their own.
async function signedIn(email) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  p.setDefaultTimeout(15000);
  await p.goto(`${DESK}/login`);
  await p.fill("input[name=email]", email);
  await p.fill("input[name=password]", STAFF_PASSWORD);
  await p.click("button[type=submit]");
  await p.waitForURL(/\/inbox$/);
  return p;
}

test("a /shortcut in the case composer becomes the canned reply, sent on the case", async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // Giulia writes in Italian: /tracking inserts the Italian text; a shortcut with English only, or none
  // at all, is told in the composer before anything is sent.
  await shopperWrites(GIULIA, { type: "text", text: "Ciao, dov'è il mio ordine #1027? Non è ancora arrivato." });
  await page.goto(await conversationOf(page, "Giulia Rossi"));
  await page.waitForSelector("#cases section.order >> text=1027");
  const italian = page.locator("#cases form.case-reply textarea").first();
  const notice = page.locator("#cases form.case-reply .canned-notice").first();
  await italian.click();
  await page.keyboard.type("/tracking ");
  await page.waitForFunction(() => {
    const t = document.querySelector("#cases form.case-reply textarea");
    return t && t.value.startsWith("Ciao Giulia!");
  });
  assert.match(await italian.inputValue(), /tracciamento in tempo reale del tuo ordine #1027/);
  assert.match(await italian.inputValue(), /https:\/\/t\.17track\.net\/it#nums=LP00008132813IT/, "the parcel's page in Italian");
  assert.equal(await notice.isHidden(), true, "Italian is there: no warning");
  await italian.fill("");
  await page.keyboard.type("/giftwrap ");
  await page.waitForSelector("#cases form.case-reply .canned-notice >> text=No Italian text for /giftwrap: the English one is shown.");
  assert.match(await italian.inputValue(), /^Hi Giulia! Order #1027 can still be gift-wrapped/);
  await shot("10-case-shortcut-no-italian");
  await italian.fill("");
  assert.equal(await notice.isHidden(), true, "an emptied box drops the warning");
  await page.keyboard.type("/foo ");
  await page.waitForSelector("#cases form.case-reply .canned-notice >> text=No canned reply /foo.");
  assert.equal(await italian.inputValue(), "/foo ");
  await italian.fill("");

  await page.goto(await conversationOf(page, "Ana Souza"));
  const box = page.locator("#cases form.case-reply textarea").first();
  await box.waitFor();
  await box.click();
  await page.keyboard.type("/rastreio ");
  await page.waitForFunction(() => {
    const t = document.querySelector("#cases form.case-reply textarea");
    return t && t.value.startsWith("Oi Ana") && t.value.includes("1001");
  });
  const words = await box.inputValue();
  assert.ok(!words.includes("{"), words);
  await shot("10-case-shortcut");
  await page.locator("#cases form.case-reply button[type=submit]:not([name])").first().click();
  await page.waitForSelector("#thread .bubble.out >> text=Acompanhe o pedido");
  let arrived = false;
  for (let i = 0; i < 100 && !arrived; i++) {
    const r = await fetch(`${SIM}/sandbox/api/shoppers/${ANA}/thread`);
    arrived = JSON.stringify(await r.json()).includes("Acompanhe o pedido");
    if (!arrived) await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(arrived, "the canned reply is on the sandbox phone");
});

test("a blame-shifting draft shows the tone finding inline, and nothing is sent", async () => {
  const before = await page.locator("#thread .bubble.out").count();
  const box = page.locator("#cases form.case-reply textarea").first();
  await box.fill("A culpa é da transportadora, não podemos fazer nada.");
  await page.locator("#cases form.case-reply button[type=submit]:not([name])").first().click();
  const finding = page.locator("#cases .tone-findings");
  await finding.waitFor();
  assert.match(await finding.textContent(), /blame shifting/);
  assert.match(await finding.textContent(), /Better:/);
  assert.equal(await page.locator("#cases .tone-findings button[name=send_anyway]").count(), 1);
  assert.equal(await page.locator("#cases form.case-reply textarea").first().inputValue(),
    "A culpa é da transportadora, não podemos fazer nada.", "the draft stays in the box");
  await shot("11-case-tone-finding");
  assert.equal(await page.locator("#thread .bubble.out").count(), before, "nothing went out");
  await page.locator("#cases form.case-reply textarea").first().fill("");
});

test("a photo attached in the case composer reaches the shopper and shows in the thread", async () => {
  // A 1×1 PNG; a zip is refused before anything is uploaded.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
  const form = page.locator("#cases form.case-attach").first();
  await form.locator("input[type=file]").setInputFiles({ name: "notes.zip", mimeType: "application/zip", buffer: Buffer.from("PK") });
  await form.locator("button[type=submit]").click();
  await page.waitForSelector("#cases form.case-attach .form-error >> text=attach a photo (JPEG or PNG)");
  await shot("15-attachment-refused");
  await form.locator("input[type=file]").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: png });
  await form.locator("input[name=caption]").fill("A foto da etiqueta");
  await form.locator("button[type=submit]").click();
  await page.waitForSelector('#thread .bubble.out.kind-photo img[src^="/sent-media/"]');
  await page.waitForSelector("#thread .bubble.out.kind-photo >> text=A foto da etiqueta");
  let arrived = false;
  for (let i = 0; i < 100 && !arrived; i++) {
    const r = await fetch(`${SIM}/sandbox/api/shoppers/${ANA}/thread`);
    arrived = JSON.stringify(await r.json()).includes("A foto da etiqueta");
    if (!arrived) await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(arrived, "the photo is on the sandbox phone");
  await shot("16-attachment-sent");
});

test("an agent's refund beyond their authority waits for a supervisor, who approves it", async () => {
  const LENA = "4915212345678";
  const made = await fetch(`${SIM}/sandbox/api/shoppers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Lena Schmidt", wa_id: LENA, country: "DE" }),
  });
  assert.ok(made.ok || made.status === 409, `the sandbox knows Lena: ${made.status}`);
  await shopperWrites(LENA, { type: "text", text: "Mein Paket 1023 ist seit 9 Tagen verschwunden, ich will mein Geld zurück" });

  const agent = await signedIn(AGENT);
  const lena = await conversationOf(agent, "Lena Schmidt");
  const ask = agent.locator("#cases li.remedy.approval form:has(input[name=remedy][value=full_refund]) button");
  for (let i = 0; i < 50 && !(await ask.count()); i++) {
    await agent.goto(lena);
    await agent.waitForSelector("#cases .case-panel-body").catch(() => {});
    if (!(await ask.count())) await agent.waitForTimeout(200);
  }
  assert.match(await agent.locator("#cases li.remedy.approval:has(input[value=full_refund]) .decision").textContent(),
    /needs approval by a supervisor/);
  await ask.click();
  await agent.waitForSelector("#cases .comp-status >> text=pending approval");
  await agent.screenshot({ path: `${ARTIFACTS}12-refund-waits.png`, fullPage: true });

  const supervisor = await signedIn(SUPERVISOR);
  await supervisor.goto(`${DESK}/approvals`);
  const item = supervisor.locator("li.approval", { hasText: "1023" });
  await item.waitFor();
  assert.match(await item.textContent(), new RegExp(`Asked by ${AGENT}`));
  await supervisor.screenshot({ path: `${ARTIFACTS}13-approvals.png`, fullPage: true });
  await item.locator("form[action$='/approve'] button").click();
  await supervisor.waitForURL(/\/approvals$/);
  await supervisor.waitForSelector("text=Nothing waits for approval.");

  await agent.goto(lena);
  await agent.waitForSelector("#cases .comp-status >> text=done");
  await agent.waitForSelector("#thread .bubble.out >> text=/erstattet|Erstattung|refund/i");
  await agent.screenshot({ path: `${ARTIFACTS}14-refund-done.png`, fullPage: true });
  await agent.context().close();
  await supervisor.context().close();
});

test("once the window has closed, the case offers a template form that previews and sends", async () => {
  await page.goto(`${DESK}/conversations/${CLOSED}`);
  const form = page.locator("#cases form.case-template").first();
  await form.waitFor();
  assert.equal(await page.locator("#cases form.case-reply").count(), 0, "no free text on the case");
  const chosen = form.locator("fieldset.template:has(input[type=radio]:checked)");
  const inputs = chosen.locator(".param input");
  for (let i = 0; i < (await inputs.count()); i++) {
    if (!(await inputs.nth(i).inputValue())) await inputs.nth(i).fill(`Wert ${i + 1}`);
  }
  await form.locator("button[name=preview]").click();
  await page.waitForSelector("#cases .template-preview >> text=The shopper will read:");
  const preview = await page.locator("#cases .template-preview .preview-body").textContent();
  assert.ok(!preview.includes("{{"), preview);
  await shot("17-case-template-preview");
  const before = await page.locator("#thread .bubble.out").count();
  await page.locator("#cases form.case-template button[type=submit]:not([name])").first().click();
  await page.waitForFunction((n) => document.querySelectorAll("#thread .bubble.out").length > n, before);
});

test("phone-sized screens: the top bar is one line, the filters fold behind one button, no icon is missing", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  const missing = [];
  page.on("response", (r) => { if (r.status() === 404) missing.push(r.url()); });
  await page.goto(`${DESK}/inbox`);
  const bar = await page.locator("header.top").boundingBox();
  assert.ok(bar.height < 60, `the top bar is one line: ${bar.height}px`);
  assert.equal(await page.locator("form.filters select[name=kind]").isVisible(), false, "menus folded");
  assert.ok(await page.locator("#search").isVisible(), "the search stays");
  await page.click("form.filters .filters-toggle");
  assert.equal(await page.locator("form.filters select[name=kind]").isVisible(), true, "menus unfold");
  const icon = await fetch(`${DESK}/favicon.ico`);
  assert.equal(icon.status, 200);
  assert.deepEqual(missing, []);
  await shot("06-inbox-phone");
  await page.goto(`${DESK}/admin/people`);
  await shot("07-people");
});

test("the board shows each case under its label; in the queue e resolves the selected case and r opens it to reply", async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${DESK}/inbox?view=board`);
  await page.waitForSelector("#board .column[data-label] .card >> text=Ana Souza");
  await page.waitForSelector("body[data-live=on]");
  // A new case lands on the board without reloading.
  await page.evaluate(() => { window.__sameBoard = true; });
  await shopperWrites("33612345678", { type: "text", text: "Bonjour, mon colis est arrivé cassé, la commande #1012" });
  await page.waitForSelector("#board .column[data-label] .card >> text=Camille Martin");
  assert.equal(await page.evaluate(() => window.__sameBoard), true, "the board was not reloaded");
  await shot("08-board");
  await page.goto(`${DESK}/inbox?q=Ana%20Souza`);
  await page.waitForSelector("#rows li.line >> text=Ana Souza");
  await page.keyboard.press("j");
  const id = await page.getAttribute("#rows li.line.selected", "data-case");
  const resolves = [];
  page.on("request", (r) => { if (r.method() === "POST" && r.url().endsWith(`/cases/${id}/resolve`)) resolves.push(r.url()); });
  // e, then Undo: the case stays open and nothing is sent.
  await page.keyboard.press("e");
  await page.waitForSelector(`#queue-note >> text=Case #${id} will be resolved`);
  await page.click("#queue-note button.undo");
  await page.waitForSelector(`#queue-note >> text=Case #${id} stays open.`);
  assert.equal(await page.locator(`#rows li.line[data-case="${id}"]`).count(), 1);
  // e again, left to run: resolved once (the undone one never went).
  await page.keyboard.press("e");
  await page.waitForSelector(`#queue-note >> text=Case #${id} resolved.`);
  assert.equal(resolves.length, 1, "one resolve request");
  await page.waitForSelector(`#rows li.line[data-case="${id}"]`, { state: "detached" });
  await shot("09-queue-resolved");
  await page.goto(`${DESK}/inbox?view=board`);
  await page.waitForSelector(`#board .column[data-label="resolved"] .card[data-case="${id}"]`);
  // On the board j/k walk the cards column by column, and enter opens the selected one.
  const cards = await page.$$eval("#board li.card", (all) => all.map((c) => c.dataset.case));
  await page.keyboard.press("j");
  assert.equal(await page.getAttribute("#board li.card.selected", "data-case"), cards[0]);
  await page.keyboard.press("j");
  const second = await page.getAttribute("#board li.card.selected", "data-case");
  assert.equal(second, cards[1]);
  await page.keyboard.press("k");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/conversations/\\d+#case-${second}$`));
  // r opens the selected case with the reply box ready.
  await page.goto(`${DESK}/inbox?q=Camille%20Martin`);
  await page.waitForSelector("#rows li.line >> text=Camille Martin");
  await page.keyboard.press("j");
  await page.keyboard.press("r");
  await page.waitForURL(/\/conversations\/\d+#reply$/);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "reply");
  // Search needs no accents: "lucia garcia" finds Lucía García.
  const lucia = await fetch(`${SIM}/sandbox/api/shoppers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Lucía García", wa_id: "34611222333", country: "ES" }),
  });
  assert.ok(lucia.ok, `a new shopper: ${lucia.status}`);
  await shopperWrites("34611222333", { type: "text", text: "Hola, mi pedido 1003 llegó roto" });
  await page.goto(`${DESK}/inbox`);
  await page.waitForSelector("#rows li.line >> text=Lucía García");
  await page.fill("#search", "lucia garcia");
  await page.keyboard.press("Enter");
  await page.waitForURL(/q=lucia(\+|%20)garcia/);
  assert.deepEqual(await page.locator("#rows li.line").allTextContents().then((t) => t.map((x) => x.includes("Lucía García"))), [true]);
  // An escalated case asks before e resolves it; Esc keeps it open.
  const made = await fetch(`${SIM}/sandbox/api/shoppers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Tom Baker", wa_id: "447700900777", country: "GB" }),
  });
  assert.ok(made.ok, `a new shopper: ${made.status}`);
  await shopperWrites("447700900777", { type: "text", text: "This is a scam, I'm filing a chargeback with my bank today. Nothing ever arrived." });
  await page.goto(`${DESK}/inbox?q=447700900777`);
  await page.waitForSelector("#rows li.line[data-escalated]");
  await page.keyboard.press("j");
  const risky = await page.getAttribute("#rows li.line.selected", "data-case");
  await page.keyboard.press("e");
  await page.waitForSelector(`#queue-note >> text=Case #${risky} is escalated`);
  await shot("10-escalated-asks");
  await page.keyboard.press("Escape");
  await page.waitForSelector(`#queue-note >> text=Case #${risky} stays open.`);
  assert.equal(await page.locator(`#rows li.line[data-case="${risky}"]`).count(), 1);
});

test("an admin checks a store: one real lookup, its answer on the page", async () => {
  await page.goto(`${DESK}/admin/stores`);
  const row = page.locator("table.stores tbody tr").first();
  await row.locator("input[name=order]").fill("1001");
  await row.locator("button[type=submit]").click();
  await page.waitForSelector(".check-result >> text=Order 1001 found in");
  await shot("20-admin-stores");
});
