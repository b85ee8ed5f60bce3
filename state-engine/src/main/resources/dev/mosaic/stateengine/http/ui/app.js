// The state engine's on-call page. It polls the JSON API of the server it came from and builds
// every element with DOM calls and textContent, never innerHTML: check names, series and labels
// come from files and metrics, and must show as text, not run as markup.
"use strict";

(() => {
  const POLL_MS = 5000;
  const TOKEN_KEY = "mosaic.state-engine.api-token";
  const SILENCE_CHOICES = ["30m", "1h", "4h", "1d"];
  const SVG = "http://www.w3.org/2000/svg";

  const byId = (id) => document.getElementById(id);

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // The token lives in this tab's sessionStorage only: it is typed once, sent as a bearer token,
  // and never written into the page.
  const token = {
    get: () => sessionStorage.getItem(TOKEN_KEY) || "",
    set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
    forget: () => sessionStorage.removeItem(TOKEN_KEY),
  };

  function showTokenState() {
    byId("token-state").textContent = token.get()
      ? "Token set for this tab."
      : "No token: acknowledge and silence need one.";
  }

  function message(text, failed) {
    const node = byId("action-message");
    node.textContent = text;
    node.classList.toggle("failed", Boolean(failed));
  }

  async function getJson(path) {
    const response = await fetch(path, { cache: "no-store", headers: { Accept: "application/json" } });
    if (!response.ok) {
      throw new Error(path + " answered " + response.status);
    }
    return response.json();
  }

  function formatValue(value) {
    if (value === null || value === undefined) {
      return "no data";
    }
    return typeof value === "number" ? String(Number(value.toPrecision(6))) : String(value);
  }

  function formatAgo(millis) {
    const seconds = Math.max(0, Math.round((Date.now() - millis) / 1000));
    if (seconds < 90) return seconds + " s ago";
    if (seconds < 90 * 60) return Math.round(seconds / 60) + " min ago";
    if (seconds < 36 * 3600) return Math.round(seconds / 3600) + " h ago";
    return Math.round(seconds / 86400) + " d ago";
  }

  function time(millis) {
    const at = new Date(millis);
    return el("time", { datetime: at.toISOString(), title: at.toLocaleString() }, formatAgo(millis));
  }

  function stateBadge(state) {
    return el("span", { class: "state state-" + state }, state);
  }

  /** The latest value that changed the incident, else the one that opened it. */
  function latestValue(incident) {
    const history = incident.history || [];
    return history.length > 0 ? history[history.length - 1].value : incident.triggerValue;
  }

  /** Only http(s) links: a label could hold a javascript: URL. */
  function runbookLink(labels) {
    const text = labels && labels.runbook;
    if (!text) return el("span", { class: "muted" }, "none");
    try {
      const url = new URL(text);
      if (url.protocol === "http:" || url.protocol === "https:") {
        return el("a", { href: url.href, target: "_blank", rel: "noopener noreferrer" }, "runbook");
      }
    } catch (e) {
      // not a URL: shown as text below
    }
    return el("span", {}, text);
  }

  function labelList(labels) {
    const span = el("span");
    for (const [key, value] of Object.entries(labels || {}).sort()) {
      if (key !== "runbook") span.append(el("span", { class: "label" }, key + "=" + value));
    }
    return span;
  }

  function statusText(incident) {
    const parts = ["severity " + (incident.severity || "page")];
    if (incident.acknowledged) parts.push("acknowledged");
    if (incident.silencedUntilMillis > Date.now()) {
      parts.push("silenced until " + new Date(incident.silencedUntilMillis).toLocaleString());
    }
    if (incident.flapping) parts.push("flapping");
    return parts.join(", ");
  }

  async function post(incident, action, query) {
    const secret = token.get();
    if (!secret) {
      message("Enter the API token first (state-engine.api-token).", true);
      byId("token").focus();
      return;
    }
    const path = "incidents/" + encodeURIComponent(incident.id) + "/" + action + (query || "");
    const name = incident.check + " on " + incident.series;
    try {
      const response = await fetch(path, {
        method: "POST",
        cache: "no-store",
        headers: { Authorization: "Bearer " + secret },
      });
      if (response.ok) {
        message((action === "ack" ? "Acknowledged " : "Silenced ") + name + ".");
      } else if (response.status === 401) {
        message("The API refused the token (401): check it and enter it again.", true);
      } else if (response.status === 403) {
        message("The state engine has no state-engine.api-token set, so it refuses changes (403).", true);
      } else {
        const body = await response.json().catch(() => ({}));
        message("Could not " + action + " " + name + ": " + (body.error || response.status), true);
      }
    } catch (e) {
      message("Could not reach the API: " + e.message, true);
    }
    refresh();
  }

  /** The action cell is built once per incident, so a chosen duration or focus survives a poll. */
  function actionCell(incident) {
    const label = incident.check + " on " + incident.series;
    const ack = el("button", { type: "button", class: "ack", "aria-label": "Acknowledge " + label }, "Acknowledge");
    ack.addEventListener("click", () => post(current(incident.id), "ack"));
    const duration = el("select", { class: "silence-duration", "aria-label": "Silence duration for " + label });
    for (const choice of SILENCE_CHOICES) duration.append(el("option", { value: choice }, choice));
    const silence = el("button", { type: "button", class: "silence", "aria-label": "Silence " + label }, "Silence");
    silence.addEventListener("click", () =>
      post(current(incident.id), "silence", "?duration=" + encodeURIComponent(duration.value)));
    return el("td", { class: "actions" }, ack, duration, silence);
  }

  const incidentsById = new Map();
  const current = (id) => incidentsById.get(id);

  function fillIncidentRow(row, incident) {
    const cells = [
      el("td", {}, stateBadge(incident.state)),
      el("td", {}, time(incident.openedAtMillis)),
      el("td", { class: "value" }, formatValue(latestValue(incident))),
      el("td", {}, el("div", {}, incident.check), el("div", { class: "description" }, incident.description || "")),
      el("td", { class: "series" }, incident.series),
      el("td", {}, labelList(incident.labels)),
      el("td", {}, runbookLink(incident.labels)),
      el("td", { class: "status" }, statusText(incident)),
    ];
    // The action cell stays in place: moving it would take the keyboard focus off its buttons.
    const actions = row.lastElementChild;
    while (row.firstElementChild !== actions) row.firstElementChild.remove();
    actions.before(...cells);
    actions.querySelector("button.ack").disabled = incident.acknowledged;
  }

  function renderIncidents(incidents) {
    const body = byId("incidents").tBodies[0];
    const open = new Set(incidents.map((i) => i.id));
    for (const row of Array.from(body.rows)) {
      if (!open.has(row.dataset.incidentId)) row.remove();
    }
    incidentsById.clear();
    for (const incident of incidents) {
      incidentsById.set(incident.id, incident);
      let row = body.querySelector('tr[data-incident-id="' + CSS.escape(incident.id) + '"]');
      if (!row) {
        row = el("tr", {}, actionCell(incident));
        row.dataset.incidentId = incident.id;
        body.append(row); // the API lists oldest first, so a new incident belongs at the end
      }
      fillIncidentRow(row, incident);
    }
    byId("incident-count").textContent = "(" + incidents.length + ")";
    byId("no-incidents").hidden = incidents.length > 0;
  }

  /** An inline SVG line of the values, oldest left; its label says what the picture shows. */
  function sparkline(values) {
    if (!values || values.length === 0) {
      return el("span", { class: "muted" }, "no recent values");
    }
    const width = 120;
    const height = 24;
    const min = Math.min(...values);
    const max = Math.max(...values);
    const span = max - min || 1;
    const pad = 3; // room for the dot that marks the latest value
    const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
    const points = values.map((v, i) => {
      const x = values.length > 1 ? pad + i * step : width / 2;
      const y = height - pad - ((v - min) / span) * (height - 2 * pad);
      return [x.toFixed(1), y.toFixed(1)];
    });
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "sparkline");
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("role", "img");
    const summary =
      values.length + " recent values from " + formatValue(min) + " to " + formatValue(max) +
      ", latest " + formatValue(values[values.length - 1]);
    svg.setAttribute("aria-label", summary);
    const title = document.createElementNS(SVG, "title");
    title.textContent = summary;
    svg.append(title);
    const line = document.createElementNS(SVG, "polyline");
    line.setAttribute("points", points.map((p) => p.join(",")).join(" "));
    svg.append(line);
    const last = document.createElementNS(SVG, "circle");
    last.setAttribute("cx", points[points.length - 1][0]);
    last.setAttribute("cy", points[points.length - 1][1]);
    last.setAttribute("r", "2");
    svg.append(last);
    return svg;
  }

  /** One tbody per check, so its name heads the rows of its series (scope="rowgroup"). */
  function renderChecks(checks, recent) {
    const groups = checks.map((check) => {
      const series = Object.entries(check.series || {});
      const heading = el("th", { scope: "rowgroup", rowspan: String(Math.max(1, series.length)) },
        el("div", {}, check.name),
        el("div", { class: "description" }, check.pattern + " (" + check.source + ")"));
      const group = el("tbody", {});
      group.dataset.check = check.name;
      if (series.length === 0) {
        group.append(el("tr", {}, heading, el("td", { class: "muted", colspan: "3" }, "no series seen yet")));
      }
      series.forEach(([path, state], index) => {
        const row = el("tr", {});
        row.dataset.series = path;
        if (index === 0) row.append(heading);
        row.append(
          el("td", { class: "series" }, path),
          el("td", {}, stateBadge(state)),
          el("td", {}, sparkline(recent[path])));
        group.append(row);
      });
      return group;
    });
    const table = byId("checks");
    for (const old of Array.from(table.tBodies)) old.remove();
    table.append(...groups);
    byId("no-checks").hidden = checks.length > 0;
  }

  function renderConfigError(error) {
    byId("config-errors").hidden = !error;
    byId("config-error-text").textContent = error || "";
  }

  let timer;
  async function refresh() {
    clearTimeout(timer);
    try {
      const [incidents, checks, recent] = await Promise.all([
        getJson("incidents?state=open"),
        getJson("checks"),
        getJson("recent-values"),
      ]);
      renderIncidents(incidents.incidents);
      renderChecks(checks.checks, recent.series || {});
      renderConfigError(checks.checkFileError);
      document.body.classList.remove("stale");
      byId("status").textContent = "Updated " + new Date().toLocaleTimeString() + ", every " + POLL_MS / 1000 + " s.";
    } catch (e) {
      document.body.classList.add("stale");
      byId("status").textContent = "Cannot reach the state engine (" + e.message + "); showing data from before.";
    }
    clearTimeout(timer); // an action's refresh may have run meanwhile: keep a single timer
    timer = setTimeout(refresh, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", () => {
    byId("token-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = byId("token");
      if (input.value) {
        token.set(input.value);
        message("Token kept for this tab.");
      }
      input.value = "";
      showTokenState();
    });
    byId("token-forget").addEventListener("click", () => {
      token.forget();
      message("Token forgotten.");
      showTokenState();
    });
    showTokenState();
    refresh();
  });
})();
