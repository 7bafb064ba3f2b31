/*
 * Unscripted chat widget: the browser side of the web channel.
 *
 * Embed: <script src=".../widget/unscripted-widget.js" data-config='{"open": true}' defer>
 * (config in data-config and/or window.UnscriptedConfig; data-config wins). The API (bot/web):
 *   GET  {server}/api/health   200 {"status": "ok"} | 503 {"status": "unavailable"}
 *   POST {server}/api/message  {session, text} -> {messages: [{text, buttons?, statement?}]}
 *   POST {server}/api/forget   {session} -> {forgotten: true}
 * Rules kept throughout: text from the person or the server only ever goes in as textContent
 * (never HTML); nothing touches browser storage unless the site owner sets `persist`; it all
 * renders in a Shadow DOM so the host page's CSS stays out.
 */
(() => {
  "use strict";

  if (window.__unscriptedWidget) return; // loaded twice: keep the first one
  window.__unscriptedWidget = true;

  // ---- Constants and configuration -------------------------------------------------------------

  const SCRIPT =
    document.currentScript || document.querySelector('script[src*="unscripted-widget"]');
  const SCRIPT_URL = new URL((SCRIPT && SCRIPT.src) || location.href, location.href);

  const MAX_CHARS = 4000; // longest message the server accepts
  const COUNT_FROM = 3600; // show a character count from here on
  const MAX_KEPT = 300; // transcript entries kept in storage (persist "tab" / "device")
  const REQUEST_TIMEOUT_MS = 45000; // a reply can take a while while Rasa warms up
  const BACKOFF_MS = [1000, 2000, 4000, 5000]; // health checks while reconnecting; last repeats
  const STORAGE_KEY = "unscripted:v1";
  const SESSION_RE = /^[0-9a-f]{32}$/;
  const RTL_LANGS = new Set(["ar", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"]);

  const DEFAULTS = Object.freeze({
    server: SCRIPT_URL.origin, title: "Unscripted", accent: "#5b3cc4", lang: "en",
    persist: false, open: false,
  });

  // Every word the widget shows. Override any of them with config.strings; "{title}" is replaced.
  const STRINGS = Object.freeze({
    launcher: "Talk it through",
    launcherClose: "Close chat",
    close: "Close chat",
    clear: "Clear", clearHidden: " conversation", // shown: "Clear"; read: "Clear conversation"
    confirmClear: "Clear this conversation? It will be deleted here and on the server.",
    confirmYes: "Yes, clear it", confirmNo: "Keep it", clearing: "Clearing…",
    cleared: "Conversation cleared",
    forgetFailed: "I couldn't reach the server, so nothing is cleared yet. Please try again soon.",
    log: "Conversation", you: "You said:", bot: "{title} said:", replies: "Suggested replies",
    typing: "{title} is typing…",
    statementHeading: "Your statement",
    copy: "Copy", copied: "Copied",
    copiedAnnounce: "Your statement is copied to the clipboard.",
    copyFailed: "I couldn't copy it. You can select the text and copy it yourself.",
    inputLabel: "Your message", placeholder: "Write your message…", send: "Send",
    emptyHint: "Write a few words first, whenever you're ready.",
    count: "{n} of {max} characters",
    pending: "Waiting to send. It will go as soon as the connection is back.",
    connecting: "Connecting…", connected: "Connected", reconnecting: "Reconnecting…",
    offline: "Offline, will retry",
    notAllowed: "This page isn't allowed to talk to the assistant. Its owner can allow it.",
    badRequest: "I couldn't take that message. Could you change it a little and try again?",
    serverError: "Something went wrong on my side, sorry. Please try that again in a moment.",
    keptOnDevice: "This conversation is kept on this device until you clear it.",
    keptInTab: "This conversation is kept in this browser tab until you close it or clear it.",
    footer: "Self-help, not therapy. If you are in danger, call your local emergency number.",
  });

  const warn = (...args) => console.warn("[Unscripted widget]", ...args);
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

  /** Read window.UnscriptedConfig and data-config (which wins), check every key, fall back. */
  function readConfig() {
    const sources = [];
    if (window.UnscriptedConfig !== undefined) {
      if (isObject(window.UnscriptedConfig)) sources.push(window.UnscriptedConfig);
      else warn("window.UnscriptedConfig should be an object; using the defaults.");
    }
    const raw = SCRIPT && SCRIPT.getAttribute("data-config");
    if (raw && raw.trim()) {
      try {
        const parsed = JSON.parse(raw);
        if (isObject(parsed)) sources.push(parsed);
        else warn("data-config should be a JSON object; using the defaults.");
      } catch (error) {
        warn("data-config is not valid JSON; using the defaults.", error.message);
      }
    }
    const cfg = { ...DEFAULTS };
    const strings = { ...STRINGS };
    for (const source of sources) {
      for (const [key, value] of Object.entries(source)) {
        if (key === "strings") {
          if (!isObject(value)) { warn("strings should be an object."); continue; }
          for (const [name, text] of Object.entries(value)) {
            if (name in STRINGS && typeof text === "string") strings[name] = text;
            else warn(`Ignoring strings.${name}: unknown name or not text.`);
          }
        } else if (key in DEFAULTS) {
          const checked = CHECKS[key](value);
          if (checked === undefined) warn(`Ignoring ${key}: ${JSON.stringify(value)} is invalid.`);
          else cfg[key] = checked;
        } else {
          warn(`Ignoring unknown config key "${key}".`);
        }
      }
    }
    return { cfg, strings };
  }

  // Each check returns the cleaned value, or undefined when the value is not usable.
  const CHECKS = {
    server(value) {
      if (typeof value !== "string" || !value.trim()) return undefined;
      try {
        const url = new URL(value.trim(), SCRIPT_URL);
        if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
        return (url.origin + url.pathname).replace(/\/+$/, "");
      } catch {
        return undefined;
      }
    },
    title: (v) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 60) : undefined),
    accent: (v) => (typeof v === "string" && parseColour(v) ? v.trim() : undefined),
    lang: (v) =>
      typeof v === "string" && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(v) ? v : undefined,
    persist(v) {
      if (v === false || v === null || v === "none" || v === "") return false;
      return v === "tab" || v === "device" ? v : undefined;
    },
    open: (v) => (typeof v === "boolean" ? v : undefined),
  };

  // ---- Colour: make the accent readable (WCAG AA, 4.5:1) whatever the site owner picks ---------

  /** Any CSS colour as [r, g, b] (0–255, composited on white), or null. Uses the canvas parser. */
  function parseColour(value) {
    if (typeof value !== "string" || !window.CSS || !CSS.supports("color", value)) return null;
    const ctx = document.createElement("canvas").getContext("2d");
    if (!ctx) return null;
    ctx.fillStyle = "#010203"; // a sentinel: if the next line is rejected, this stays
    ctx.fillStyle = value;
    const norm = String(ctx.fillStyle);
    let m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(norm);
    if (m) return m.slice(1, 4).map((h) => parseInt(h, 16));
    m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(norm);
    if (!m) return null;
    const alpha = m[4] === undefined ? 1 : Number(m[4]);
    return m.slice(1, 4).map((c) => Math.round(Number(c) * alpha + 255 * (1 - alpha)));
  }

  function luminance([r, g, b]) {
    const lin = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }

  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  const darker = (rgb) => rgb.map((c) => Math.floor(c * 0.92));
  const css = ([r, g, b]) => `rgb(${r}, ${g}, ${b})`;

  /**
   * The accent as a background, the text colour on it (white or near-black, whichever reaches
   * 4.5:1; the accent is darkened until one does), and an "ink" version of the accent that
   * reaches 4.5:1 on white, for outlines, borders and text on the white panel.
   */
  function accentColours(accent) {
    const WHITE = [255, 255, 255];
    const NEAR_BLACK = [20, 17, 28];
    let bg = parseColour(accent) || parseColour(DEFAULTS.accent);
    let on = WHITE;
    for (let i = 0; i < 60; i += 1) {
      if (contrast(bg, WHITE) >= 4.5) { on = WHITE; break; }
      if (contrast(bg, NEAR_BLACK) >= 4.5) { on = NEAR_BLACK; break; }
      bg = darker(bg);
    }
    let ink = bg;
    while (contrast(ink, WHITE) < 4.5) ink = darker(ink);
    return { accent: css(bg), onAccent: css(on), ink: css(ink) };
  }

  // ---- Small helpers ---------------------------------------------------------------------------

  /** Build an element. `text` sets textContent, `on*` adds listeners, the rest are attributes. */
  function h(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) if (child) node.append(child); // strings become text nodes
    return node;
  }

  const SVG_NS = "http://www.w3.org/2000/svg";
  const ICONS = {
    chat: "M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10" +
      "l-4.5 4v-4A2.5 2.5 0 0 1 4 13.5z",
    close: "M6 6l12 12M18 6L6 18",
    send: "M4 12l16-8-6 16-2.5-6.5z",
  };

  /** A decorative stroke icon (aria-hidden); the button next to it carries the words. */
  function icon(name) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", `us-icon us-icon--${name}`);
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    svg.append(path);
    return svg;
  }

  /** 32 lowercase hex characters from the browser's cryptographic random source. */
  function newSessionId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // ---- The widget ------------------------------------------------------------------------------

  function createWidget() {
    const { cfg, strings } = readConfig();
    const S = (name, vars = {}) =>
      strings[name].replace(/\{(\w+)\}/g, (all, key) =>
        key === "title" ? cfg.title : key in vars ? String(vars[key]) : all);
    const api = (path) => cfg.server + path;

    // --- state --------------------------------------------------------------------------------
    let session = newSessionId(); // in memory only, unless cfg.persist says otherwise
    // Entries: {id, from: "bot"|"user"|"note", text, buttons, statement, used, chosen, pending}
    let transcript = [];
    let queue = []; // {text, entryId, restore}: sent in order, each removed once answered
    let nextId = 1;
    let isOpen = false;
    let started = false; // the conversation was started (or restored) since the last clear
    let busy = false; // a message request is in flight
    let inflight = null; // its AbortController
    let generation = 0; // bumped by "clear": late answers from before are dropped
    let conn = "connecting";
    let healthTimer = null;
    let healthAttempt = 0;
    const nodes = new Map(); // entry id -> element

    const store = openStore(cfg.persist);

    // --- DOM ----------------------------------------------------------------------------------
    const host = h("div", { id: "unscripted-widget", lang: cfg.lang });
    const colours = accentColours(cfg.accent);
    host.style.setProperty("--us-accent", colours.accent);
    host.style.setProperty("--us-on-accent", colours.onAccent);
    host.style.setProperty("--us-accent-ink", colours.ink);
    const root = host.attachShadow({ mode: "open" });

    const cssUrl = new URL("unscripted-widget.css", SCRIPT_URL);
    cssUrl.search = SCRIPT_URL.search; // same version query as the script, if any
    const link = h("link", { rel: "stylesheet", href: cssUrl.href });

    const dir = RTL_LANGS.has(cfg.lang.split("-")[0].toLowerCase()) ? "rtl" : "ltr";
    const wrap = h("div", { class: "us-root", lang: cfg.lang, dir, hidden: true });
    wrap.dataset.conn = conn;

    const statusText = h("span", { class: "us-status-text", text: S("connecting") });
    const status = h("p", { class: "us-status", role: "status", "aria-live": "polite" }, [
      h("span", { class: "us-dot", "aria-hidden": "true" }),
      statusText,
    ]);
    const clearBtn = h("button", { type: "button", class: "us-hbtn", onclick: showConfirm }, [
      S("clear"),
      h("span", { class: "us-sr", text: S("clearHidden") }),
    ]);
    const closeBtn = h(
      "button",
      { type: "button", class: "us-hbtn us-hbtn--icon", onclick: () => setOpen(false) },
      [icon("close"), h("span", { class: "us-sr", text: S("close") })],
    );
    const header = h("header", { class: "us-header" }, [
      h("div", { class: "us-heading" }, [
        h("h2", { class: "us-title", id: "us-title", text: cfg.title }),
        status,
      ]),
      h("div", { class: "us-actions" }, [clearBtn, closeBtn]),
    ]);

    const confirmYes = h("button", {
      type: "button", class: "us-cbtn us-cbtn--yes", text: S("confirmYes"),
      onclick: clearConversation,
    });
    const confirmNo = h("button", {
      type: "button", class: "us-cbtn", text: S("confirmNo"),
      onclick: () => { hideConfirm(); clearBtn.focus(); },
    });
    const confirmBox = h(
      "div",
      { class: "us-confirm", role: "group", "aria-labelledby": "us-confirm-text", hidden: true },
      [
        h("p", { id: "us-confirm-text", text: S("confirmClear") }),
        h("div", { class: "us-confirm-actions" }, [confirmYes, confirmNo]),
      ],
    );

    const kept = cfg.persist === "tab" ? "keptInTab" : "keptOnDevice";
    const notice = cfg.persist ? h("p", { class: "us-notice", text: S(kept) }) : null;

    const log = h("div", {
      class: "us-log", id: "us-log", role: "log", "aria-live": "polite",
      "aria-relevant": "additions", "aria-label": S("log"), tabindex: "0",
    });
    const typing = h("div", { class: "us-typing" }, [
      ...[1, 2, 3].map(() => h("span", { class: "us-typing-dot", "aria-hidden": "true" })),
      h("span", { class: "us-sr", text: S("typing") }),
    ]);

    const input = h("textarea", {
      id: "us-input", class: "us-input", rows: "1", maxlength: String(MAX_CHARS),
      placeholder: S("placeholder"), dir: "auto", autocomplete: "off",
      "aria-describedby": "us-hint us-count",
    });
    const sendBtn = h("button", { type: "button", class: "us-send", onclick: submitTyped }, [
      icon("send"),
      h("span", { class: "us-send-text", text: S("send") }),
    ]);
    const hint = h("p", { class: "us-hint", id: "us-hint", "aria-live": "polite" });
    const count = h("p", { class: "us-count", id: "us-count" });
    const composer = h("div", { class: "us-composer" }, [
      h("label", { class: "us-sr", for: "us-input", text: S("inputLabel") }),
      input,
      sendBtn,
    ]);

    const panel = h("section", {
      class: "us-panel", id: "us-panel", "aria-labelledby": "us-title", hidden: true,
    }, [header, confirmBox, notice, log, composer, hint, count,
      h("p", { class: "us-footer", text: S("footer") })]);

    const launcherText = h("span", { class: "us-launcher-text", text: S("launcher") });
    const launcher = h("button", {
      type: "button", class: "us-launcher", "aria-expanded": "false", "aria-controls": "us-panel",
      onclick: () => setOpen(!isOpen),
    }, [icon("chat"), icon("close"), launcherText]);

    const announcer = h("div", { class: "us-sr", role: "status", "aria-live": "polite" });

    wrap.append(panel, launcher, announcer);
    root.append(link, wrap);

    // --- events -------------------------------------------------------------------------------
    input.addEventListener("keydown", (event) => {
      // Enter sends, Shift+Enter is a new line; never while an input method is composing.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        submitTyped();
      }
    });
    input.addEventListener("input", () => {
      hint.textContent = "";
      autosize();
      updateCount();
    });
    wrap.addEventListener("keydown", (event) => {
      // Escape steps back: first out of the "clear?" question, then closes the panel.
      if (event.key !== "Escape" || event.isComposing || (!isOpen && confirmBox.hidden)) return;
      event.stopPropagation();
      if (confirmBox.hidden) return setOpen(false);
      hideConfirm();
      clearBtn.focus();
    });
    window.addEventListener("online", () => {
      if (healthTimer) { clearTimeout(healthTimer); checkHealth(); }
    });

    // --- open / close -------------------------------------------------------------------------
    function setOpen(open, { focus = true } = {}) {
      isOpen = open;
      panel.hidden = !open;
      wrap.classList.toggle("is-open", open);
      launcher.setAttribute("aria-expanded", String(open));
      launcherText.textContent = S(open ? "launcherClose" : "launcher");
      if (open) {
        if (!started) start();
        scrollToEnd();
        if (focus) input.focus();
      } else {
        hideConfirm();
        if (focus) launcher.focus();
      }
    }

    /** Start with /greet unless there is a conversation already (restored from storage). */
    function start() {
      started = true;
      if (!transcript.some((entry) => entry.from === "bot") && !queue.length) {
        enqueue({ text: "/greet", entryId: null, restore: null });
      } else if (!queue.length) {
        healthy().then((ok) => (ok ? setConn("connected") : startReconnect()));
      }
    }

    // --- the transcript -----------------------------------------------------------------------
    /** Add a message to the transcript: at the end, or just before the entry ``beforeId``. */
    function addEntry(fields, beforeId = null) {
      const entry = {
        id: nextId++, from: "bot", text: "", buttons: [], statement: false,
        used: false, chosen: -1, pending: false, ...fields,
      };
      const node = renderEntry(entry);
      const index = transcript.findIndex((e) => e.id === beforeId);
      if (index >= 0 && nodes.get(beforeId)) {
        transcript.splice(index, 0, entry);
        log.insertBefore(node, nodes.get(beforeId));
      } else {
        transcript.push(entry);
        log.insertBefore(node, typing.isConnected ? typing : null);
      }
      scrollToEnd();
      save();
      return entry;
    }

    function removeEntry(id) {
      transcript = transcript.filter((entry) => entry.id !== id);
      const node = nodes.get(id);
      if (node) node.remove();
      nodes.delete(id);
      save();
    }

    function renderEntry(entry) {
      let node;
      if (entry.from === "note") {
        node = h("div", { class: "us-note" }, [h("p", { text: entry.text, dir: "auto" })]);
      } else {
        const who = h("span", { class: "us-sr", text: S(entry.from === "user" ? "you" : "bot") });
        node = h("div", { class: `us-msg us-msg--${entry.from}` });
        if (entry.statement) {
          node.classList.add("us-msg--statement");
          node.append(renderStatement(entry, who));
        } else if (entry.text) {
          node.append(h("p", { class: "us-bubble" }, [
            who, h("span", { class: "us-text", dir: "auto", text: entry.text }),
          ]));
        }
        if (entry.from === "user") {
          node.append(h("p", { class: "us-pending", text: S("pending") }));
          node.classList.toggle("is-pending", entry.pending);
        }
        if (entry.buttons.length) node.append(renderReplies(entry));
      }
      nodes.set(entry.id, node);
      return node;
    }

    function renderReplies(entry) {
      const group = h("div", { class: "us-replies", role: "group", "aria-label": S("replies") });
      entry.buttons.forEach((button, index) => {
        const chosen = index === entry.chosen ? " is-chosen" : "";
        group.append(h("button", {
          type: "button", class: `us-reply${chosen}`, disabled: entry.used, text: button.title,
          onclick: () => choose(entry, index),
        }));
      });
      return group;
    }

    function renderStatement(entry, who) {
      const headingId = `us-card-${entry.id}`;
      const copyBtn = h("button", { type: "button", class: "us-copy", text: S("copy") });
      copyBtn.addEventListener("click", () => copy(entry.text, copyBtn));
      return h("section", { class: "us-card", "aria-labelledby": headingId }, [
        h("h3", { class: "us-card-heading", id: headingId, text: S("statementHeading") }),
        h("p", { class: "us-card-text" }, [
          who, h("span", { class: "us-text", dir: "auto", text: entry.text }),
        ]),
        copyBtn,
      ]);
    }

    /** Keep only well-formed messages from the server; text is always treated as plain text. */
    function showBotMessages(messages) {
      if (!Array.isArray(messages)) return;
      for (const message of messages) {
        if (!isObject(message)) continue;
        const text = typeof message.text === "string" ? message.text : "";
        const buttons = (Array.isArray(message.buttons) ? message.buttons : [])
          .filter((b) => isObject(b) && typeof b.title === "string" && b.title.trim())
          .map((b) => ({ title: b.title, payload: typeof b.payload === "string" ? b.payload : "" }))
          .filter((b) => b.payload);
        if (!text && !buttons.length) continue;
        // Replies go before anything the person typed while waiting (still queued), so the
        // transcript reads in the order things were said.
        const waiting = queue.find((item) => item.entryId !== null && item.entryId !== undefined);
        addEntry({ from: "bot", text, buttons, statement: message.statement === true && !!text },
          waiting ? waiting.entryId : null);
      }
    }

    /** Buttons answer the message they belong to: once anything else is said they go quiet. */
    function retireReplies() {
      for (const entry of transcript) {
        if (entry.from !== "bot" || entry.used || !entry.buttons.length) continue;
        entry.used = true;
        const node = nodes.get(entry.id);
        if (node) node.querySelectorAll(".us-reply").forEach((b) => { b.disabled = true; });
      }
    }

    function choose(entry, index) {
      if (entry.used) return;
      const button = entry.buttons[index];
      entry.chosen = index;
      const node = nodes.get(entry.id);
      if (node) node.querySelectorAll(".us-reply")[index].classList.add("is-chosen");
      retireReplies();
      const shown = addEntry({ from: "user", text: button.title, pending: true });
      enqueue({ text: button.payload, entryId: shown.id, restore: null });
      input.focus();
    }

    function scrollToEnd() {
      log.scrollTop = log.scrollHeight;
    }

    // --- typing and sending -------------------------------------------------------------------
    function submitTyped() {
      const text = input.value.trim();
      if (!text) {
        hint.textContent = S("emptyHint");
        input.focus();
        return;
      }
      setInput("");
      retireReplies();
      const shown = addEntry({ from: "user", text, pending: true });
      enqueue({ text: text.slice(0, MAX_CHARS), entryId: shown.id, restore: text });
      input.focus();
    }

    /** Put text in the box, and size it and its character count to match. */
    function setInput(value) {
      input.value = value;
      autosize();
      updateCount();
    }

    /** Grow the box with its text (up to about six lines). */
    function autosize() {
      input.style.height = "auto"; // CSSOM, allowed by the page's CSP (no style attribute)
      if (!input.value || !input.scrollHeight) { input.style.height = ""; return; } // empty/hidden
      input.style.height = `${Math.min(input.scrollHeight + 3, 160)}px`;
    }

    function updateCount() {
      const n = input.value.length;
      count.textContent = n >= COUNT_FROM ? S("count", { n, max: MAX_CHARS }) : "";
    }

    function enqueue(item) {
      queue.push(item);
      save();
      pump();
    }

    /** Send the queue in order, one request at a time; stop while the server is away. */
    async function pump() {
      if (busy || !queue.length || conn === "reconnecting" || conn === "offline") return;
      busy = true;
      const gen = generation;
      const item = queue[0];
      log.append(typing);
      scrollToEnd();
      inflight = new AbortController();
      const result = await post("/api/message", { session, text: item.text }, inflight);
      inflight = null;
      typing.remove();
      busy = false;
      if (gen !== generation) { pump(); return; } // the conversation was cleared meanwhile

      if (result.status === 200) {
        queue.shift();
        markSent(item.entryId);
        setConn("connected");
        showBotMessages(result.data && result.data.messages);
        save();
        pump();
      } else if ([0, 408, 429, 502, 503, 504].includes(result.status)) {
        startReconnect(); // keep the item; it goes again once /api/health says ok
      } else {
        // Refused for good (400 bad text, 403 origin, 500...): say so, give the text back.
        queue.shift();
        if (item.entryId !== null) removeEntry(item.entryId);
        if (item.restore) setInput(input.value ? `${item.restore}\n${input.value}` : item.restore);
        setConn("connected");
        addEntry({ from: "note", text: refusal(result) });
        save();
        pump();
      }
    }

    function refusal({ status, data }) {
      if (status === 403) return S("notAllowed");
      const said = data && typeof data.error === "string" && data.error.trim();
      if (said && status >= 400 && status < 500) return said;
      return S(status >= 400 && status < 500 ? "badRequest" : "serverError");
    }

    function markSent(entryId) {
      const entry = transcript.find((e) => e.id === entryId);
      if (!entry) return;
      entry.pending = false;
      const node = nodes.get(entryId);
      if (node) node.classList.remove("is-pending");
    }

    /** POST JSON; resolves to {status, data}. status 0 means the network failed or timed out. */
    async function post(path, body, controller = new AbortController()) {
      const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
      try {
        const response = await fetch(api(path), {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body), credentials: "omit", cache: "no-store",
          signal: controller.signal,
        });
        let data = null;
        try { data = await response.json(); } catch { /* not JSON: keep null */ }
        return { status: response.status, data };
      } catch {
        return { status: 0, data: null };
      } finally {
        clearTimeout(timer);
      }
    }

    // --- connection state ---------------------------------------------------------------------
    function setConn(state) {
      if (state === conn) return;
      conn = state;
      wrap.dataset.conn = state;
      statusText.textContent = S(state); // the status element is a polite live region
    }

    function startReconnect() {
      setConn(navigator.onLine === false ? "offline" : "reconnecting");
      if (healthTimer) return;
      healthAttempt = 0;
      scheduleHealth();
    }

    function scheduleHealth() {
      const delay = BACKOFF_MS[Math.min(healthAttempt, BACKOFF_MS.length - 1)];
      healthTimer = setTimeout(checkHealth, delay);
    }

    async function healthy() {
      try {
        return (await fetch(api("/api/health"), { credentials: "omit", cache: "no-store" })).ok;
      } catch {
        return false;
      }
    }

    async function checkHealth() {
      healthTimer = null;
      if (await healthy()) {
        setConn("connected");
        pump();
        return;
      }
      healthAttempt += 1;
      if (healthAttempt >= BACKOFF_MS.length - 1) setConn("offline"); // now every 5 s
      scheduleHealth();
    }

    // --- copy ---------------------------------------------------------------------------------
    async function copy(text, button) {
      let ok = false;
      try {
        await navigator.clipboard.writeText(text); // needs a secure context (https, localhost)
        ok = true;
      } catch { ok = legacyCopy(text); } // no clipboard API, or permission refused
      if (!ok) { announce(S("copyFailed")); return; }
      button.textContent = S("copied");
      button.classList.add("is-done");
      announce(S("copiedAnnounce"));
      setTimeout(() => {
        button.textContent = S("copy");
        button.classList.remove("is-done");
      }, 2500);
    }

    function legacyCopy(text) {
      const area = h("textarea", {
        class: "us-offscreen", readonly: true, tabindex: "-1", "aria-hidden": "true",
      });
      area.value = text;
      wrap.append(area);
      const before = root.activeElement;
      area.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch { ok = false; }
      area.remove();
      if (before) before.focus();
      return ok;
    }

    /** Say something to screen readers without showing it. */
    function announce(text) {
      announcer.textContent = "";
      setTimeout(() => { announcer.textContent = text; }, 50); // a change, even for the same words
    }

    // --- clear conversation (two steps, inside the widget) ------------------------------------
    function showConfirm() {
      confirmBox.hidden = false;
      confirmNo.focus();
    }

    function hideConfirm() {
      confirmBox.hidden = true;
      confirmYes.disabled = false;
      confirmYes.textContent = S("confirmYes");
    }

    async function clearConversation() {
      confirmYes.disabled = true;
      confirmYes.textContent = S("clearing");
      const result = await post("/api/forget", { session });
      if (result.status !== 200 || !result.data || result.data.forgotten !== true) {
        hideConfirm();
        const said = isObject(result.data) && typeof result.data.error === "string"
          && result.data.error.trim();
        const text = result.status === 403 ? S("notAllowed") : said || S("forgetFailed");
        addEntry({ from: "note", text });
        clearBtn.focus();
        return;
      }
      generation += 1;
      if (inflight) inflight.abort();
      queue = [];
      transcript = [];
      nodes.clear();
      log.replaceChildren();
      session = newSessionId();
      if (store) {
        try { store.removeItem(STORAGE_KEY); } catch { /* nothing kept */ }
      }
      hideConfirm();
      setConn("connected");
      setInput("");
      announce(S("cleared"));
      started = false;
      if (isOpen) start();
      input.focus();
    }

    // --- storage (only with persist "tab" or "device") ----------------------------------------
    function openStore(persist) {
      if (!persist) return null;
      try {
        return persist === "device" ? window.localStorage : window.sessionStorage;
      } catch (error) {
        warn("Browser storage is not available; the conversation stays in memory.", error.message);
        return null;
      }
    }

    function save() {
      if (!store) return;
      const kept = transcript.filter((e) => e.from !== "note").slice(-MAX_KEPT)
        .map(({ from, text, buttons, statement, used, chosen, pending }) =>
          ({ from, text, buttons, statement, used, chosen, pending }));
      const waiting = queue.map(({ text, restore }) => ({ text, restore }));
      try {
        store.setItem(STORAGE_KEY, JSON.stringify({ session, transcript: kept, queue: waiting }));
      } catch (error) {
        warn("Could not save the conversation in browser storage.", error.message);
      }
    }

    function restore() {
      if (!store) return;
      let data = null;
      try { data = JSON.parse(store.getItem(STORAGE_KEY) || "null"); } catch { data = null; }
      if (!isObject(data) || !SESSION_RE.test(String(data.session))) return;
      session = data.session;
      for (const raw of Array.isArray(data.transcript) ? data.transcript : []) {
        if (!isObject(raw) || !["bot", "user"].includes(raw.from)) continue;
        if (typeof raw.text !== "string") continue;
        const buttons = (Array.isArray(raw.buttons) ? raw.buttons : [])
          .filter((b) => isObject(b) && typeof b.title === "string")
          .filter((b) => typeof b.payload === "string")
          .map((b) => ({ title: b.title, payload: b.payload }));
        const entry = {
          id: nextId++, from: raw.from, text: raw.text, buttons,
          statement: raw.statement === true, used: raw.used === true,
          chosen: Number.isInteger(raw.chosen) ? raw.chosen : -1, pending: raw.pending === true,
        };
        transcript.push(entry);
        log.append(renderEntry(entry));
      }
      // Messages that were still waiting go again, attached to their bubbles where we can tell.
      const pendingIds = transcript.filter((e) => e.pending).map((e) => e.id);
      for (const raw of Array.isArray(data.queue) ? data.queue : []) {
        if (!isObject(raw) || typeof raw.text !== "string") continue;
        const entryId = raw.text === "/greet" ? null : pendingIds.shift() ?? null;
        const typed = typeof raw.restore === "string" ? raw.restore : null;
        queue.push({ text: raw.text, entryId, restore: typed });
      }
    }

    // --- go -----------------------------------------------------------------------------------
    restore();
    document.body.append(host);

    let revealed = false;
    const reveal = () => {
      if (revealed) return;
      revealed = true;
      wrap.hidden = false; // shown once the stylesheet is in, so there is no unstyled flash
      if (cfg.open) setOpen(true, { focus: false });
      if (queue.length) pump();
    };
    link.addEventListener("load", reveal);
    link.addEventListener("error", () => {
      warn("Could not load the widget's stylesheet.");
      reveal();
    });
    setTimeout(reveal, 4000);
  }

  const boot = () => {
    try { createWidget(); } catch (error) { warn("Could not start the chat widget.", error); }
  };
  if (document.body) boot();
  else document.addEventListener("DOMContentLoaded", boot, { once: true });
})();
