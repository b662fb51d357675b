import Crypto
import Foundation

/// The dashboard at `GET /`: one self-contained HTML page (styles, script and charts inline: no CDN, no
/// internet) that renders the fleet from embedded JSON and then follows `GET /api/events`.
enum DashboardPage {
  /// Where the initial dashboard JSON goes in the template.
  static let placeholder = "__INITIAL_STATE__"

  /// The page with its first state embedded, so it shows the fleet before any request of its own.
  static func html(initialState json: Data) -> Data {
    // Inside <script type="application/json"> only "</script" could end the block early: escape every "<".
    let safe = String(decoding: json, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    return Data(template.replacingOccurrences(of: placeholder, with: safe).utf8)
  }

  /// Scripts may run only if they are exactly the page's own inline script; data goes only to this server.
  static let contentSecurityPolicy: String = {
    let start = template.range(of: "<script>")!.upperBound
    let end = template.range(of: "</script>", range: start..<template.endIndex)!.lowerBound
    let digest = Data(SHA256.hash(data: Data(template[start..<end].utf8))).base64EncodedString()
    return "default-src 'none'; script-src 'sha256-\(digest)'; style-src 'unsafe-inline'; connect-src 'self'; "
      + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
  }()

  // swift-format-ignore
  static let template = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>EdgeHybrid · Fleet</title>
<style>
:root {
  --bg: #f4f6f9; --panel: #ffffff; --ink: #1d2733; --muted: #5f6b7a; --line: #e2e7ee;
  --ok: #1f9d55; --degraded: #d69e2e; --stale: #dd6b20; --offline: #9aa5b1;
  --normal: #3b82c4; --anomaly: #d64545; --escalated: #8b5cf6; --fallback: #d69e2e;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--bg); }
header { display: flex; align-items: center; gap: 16px; padding: 12px 24px; background: #17212e; color: #fff; }
header h1 { font-size: 18px; margin: 0; font-weight: 600; letter-spacing: .2px; }
header .sub { color: #aab6c5; font-size: 13px; }
header .spacer { flex: 1; }
#link { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; color: #cfd8e3; }
#link .dot { width: 9px; height: 9px; border-radius: 50%; background: var(--offline); }
#link.live .dot { background: #34d399; box-shadow: 0 0 0 3px rgba(52,211,153,.25); }
#link.down .dot { background: #f87171; }
main { padding: 18px 24px 32px; display: grid; gap: 16px; grid-template-columns: repeat(12, 1fr); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; min-width: 0; }
.panel h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); margin: 0 0 10px; font-weight: 600; }
.kpis { grid-column: 1 / -1; display: grid; grid-template-columns: repeat(5, 1fr); gap: 16px; }
.kpi .value { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
.kpi .detail { color: var(--muted); font-size: 12px; margin-top: 2px; }
.chart { grid-column: span 6; }
.chart svg { width: 100%; height: 190px; display: block; }
.legend { display: flex; gap: 14px; font-size: 12px; color: var(--muted); margin-top: 6px; flex-wrap: wrap; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.fleet { grid-column: 1 / -1; }
.half { grid-column: span 6; }
.third { grid-column: span 4; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); padding: 6px 8px; white-space: nowrap; }
td { padding: 6px 8px; border-bottom: 1px solid #f0f3f7; white-space: nowrap; }
td.num, th.num { text-align: right; }
tbody tr:hover { background: #f7f9fc; }
tr.device { cursor: pointer; }
tr.detail td { white-space: normal; background: #fafbfd; color: var(--muted); font-size: 12px; }
.scroll { max-height: 320px; overflow: auto; }
.health { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; vertical-align: -1px; }
.health.ok { background: var(--ok); } .health.degraded { background: var(--degraded); }
.health.stale { background: var(--stale); } .health.offline { background: var(--offline); }
.tag { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 500; }
.tag.normal { background: #e6f0fa; color: #1f5f99; } .tag.anomaly { background: #fde8e8; color: #a82727; }
.tag.escalated { background: #efe9fe; color: #5b37b7; } .tag.fallback { background: #fdf3dc; color: #8a6212; }
.tag.server { background: #e9eef5; color: #3c4a5c; } .tag.device { background: #eef7f1; color: #23633d; }
.version { font-weight: 600; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; padding: 10px 0; }
.bar { display: inline-block; height: 6px; border-radius: 3px; background: var(--escalated); vertical-align: middle; margin-right: 6px; }
@media (max-width: 1100px) { .chart, .half, .third { grid-column: 1 / -1; } .kpis { grid-template-columns: repeat(2, 1fr); } }
</style>
</head>
<body>
<header>
  <h1>EdgeHybrid</h1><span class="sub">Fleet monitor · vibration anomaly detection</span>
  <span class="spacer"></span>
  <span id="updated" class="sub"></span>
  <span id="link"><span class="dot"></span><span id="link-text">connecting</span></span>
</header>
<main>
  <section class="kpis">
    <div class="panel kpi"><h2>Devices</h2><div class="value" id="kpi-devices">0</div><div class="detail" id="kpi-health"></div></div>
    <div class="panel kpi"><h2>Windows decided</h2><div class="value" id="kpi-windows">0</div><div class="detail" id="kpi-zones"></div></div>
    <div class="panel kpi"><h2>Escalation rate</h2><div class="value" id="kpi-escalation">–</div><div class="detail" id="kpi-escalation-detail"></div></div>
    <div class="panel kpi"><h2>Escalation queues</h2><div class="value" id="kpi-queue">0</div><div class="detail" id="kpi-backoff"></div></div>
    <div class="panel kpi"><h2>Telemetry</h2><div class="value" id="kpi-messages">0</div><div class="detail" id="kpi-telemetry"></div></div>
  </section>
  <section class="panel chart">
    <h2>Inference rate by zone <span class="muted">(windows/s)</span></h2>
    <svg id="chart-rate" role="img" aria-label="Inference rate by zone over time"></svg>
    <div class="legend" id="legend-rate"></div>
  </section>
  <section class="panel chart">
    <h2>Escalation rate over time</h2>
    <svg id="chart-escalation" role="img" aria-label="Escalation rate over time"></svg>
    <div class="legend"><span><i style="background:var(--escalated)"></i>ambiguous share of windows (cloud + fallback)</span></div>
  </section>
  <section class="panel fleet">
    <h2>Fleet</h2>
    <div class="scroll" style="max-height:none">
    <table id="fleet-table">
      <thead><tr><th>Device</th><th>Health</th><th>Model</th><th>Last decision</th><th class="num">Escalation rate</th>
        <th class="num">Windows</th><th class="num">Queue</th><th class="num">Backoff</th><th class="num">Uptime</th><th>Last seen</th><th class="num">Seq gaps / dups</th></tr></thead>
      <tbody id="fleet-rows"></tbody>
    </table>
    </div>
  </section>
  <section class="panel half">
    <h2>Model versions</h2>
    <table><thead><tr><th>Version</th><th class="num">Devices</th><th class="num">Online</th><th class="num">Windows</th>
      <th class="num">Escalation</th><th class="num">Local anomaly</th><th class="num">Fallback</th></tr></thead>
      <tbody id="version-rows"></tbody></table>
    <h2 style="margin-top:16px">Version transitions</h2>
    <div class="scroll"><table><thead><tr><th>When</th><th>Device</th><th>Change</th><th>Cause</th></tr></thead>
      <tbody id="transition-rows"></tbody></table></div>
  </section>
  <section class="panel half">
    <h2>Recent escalations</h2>
    <div class="scroll"><table><thead><tr><th>When</th><th>Device</th><th class="num">Edge MSE</th><th>Verdict</th>
      <th class="num">Confidence</th><th class="num">Latency</th><th>Source</th></tr></thead>
      <tbody id="escalation-rows"></tbody></table></div>
  </section>
  <section class="panel fleet">
    <h2>Retraining history</h2>
    <table><thead><tr><th>Started</th><th>Finished</th><th>Versions</th><th>Outcome</th><th>Reason</th><th>Details</th></tr></thead>
      <tbody id="retraining-rows"></tbody></table>
  </section>
</main>
<script id="initial-state" type="application/json">__INITIAL_STATE__</script>
<script>
"use strict";
const ZONES = [["normal", "var(--normal)", "#3b82c4"], ["anomaly", "var(--anomaly)", "#d64545"],
  ["escalated", "var(--escalated)", "#8b5cf6"], ["fallback", "var(--fallback)", "#d69e2e"]];
const SVG = "http://www.w3.org/2000/svg";
let clockOffset = 0;
const expanded = new Set();

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "class") node.className = value; else if (key === "title") node.title = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value); else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}
function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}
function fill(id, rows, columns, emptyText) {
  const body = document.getElementById(id);
  body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { class: "empty", colspan: columns }, emptyText))]));
}
const fmt = new Intl.NumberFormat("en-US");
function num(value) { return fmt.format(value ?? 0); }
function pct(value) { return value == null ? "–" : (value * 100).toFixed(value < 0.1 ? 2 : 1) + " %"; }
function seconds(value) {
  if (value == null) return "–";
  if (value < 60) return value.toFixed(value < 10 ? 1 : 0) + " s";
  if (value < 3600) return Math.floor(value / 60) + " min";
  if (value < 86400) return (value / 3600).toFixed(1) + " h";
  return (value / 86400).toFixed(1) + " d";
}
function ago(ts) {
  if (!ts) return "–";
  const elapsed = Math.max(0, (Date.now() - clockOffset - Date.parse(ts)) / 1000);
  return elapsed < 1 ? "just now" : seconds(elapsed) + " ago";
}
function clock(ts) { return ts ? new Date(ts).toLocaleTimeString([], { hour12: false }) : "–"; }
function verdict(classification) { return classification === 1 ? "anomaly" : "normal"; }
function windows(counts) { return counts ? counts.normal + counts.anomaly + counts.escalated + counts.fallback : 0; }

function renderKPIs(summary) {
  const health = summary.health;
  document.getElementById("kpi-devices").textContent = num(summary.devices);
  document.getElementById("kpi-health").replaceChildren(...["ok", "degraded", "stale", "offline"].flatMap(name =>
    [el("span", { class: "health " + name }), el("span", {}, num(health[name]) + " " + name + "  ")]));
  document.getElementById("kpi-windows").textContent = num(windows(summary.counts));
  document.getElementById("kpi-zones").textContent = ZONES.map(([zone]) => num(summary.counts[zone]) + " " + zone).join(" · ");
  document.getElementById("kpi-escalation").textContent = pct(summary.escalation_rate);
  document.getElementById("kpi-escalation-detail").textContent =
    num(summary.counts.escalated) + " answered by the cloud · " + num(summary.counts.fallback) + " fallback";
  document.getElementById("kpi-queue").textContent = num(summary.queue_depth);
  document.getElementById("kpi-backoff").textContent = num(summary.backing_off) + " device(s) backing off";
  document.getElementById("kpi-messages").textContent = num(summary.messages);
}

function renderFleet(devices) {
  const rows = [];
  for (const device of devices) {
    const decision = device.last_decision;
    const rate = device.escalation_rate;
    rows.push(el("tr", { class: "device", "data-device": device.id, title: "click for OTA history and counts",
        onclick: () => { expanded.has(device.id) ? expanded.delete(device.id) : expanded.add(device.id); renderFleet(devices); } },
      el("td", {}, el("strong", {}, device.id)),
      el("td", {}, el("span", { class: "health " + device.health }), device.health),
      el("td", { class: "version" }, device.model_version == null ? "–" : "v" + device.model_version),
      el("td", {}, decision ? el("span", { class: "tag " + decision.zone }, decision.zone + (decision.zone === "escalated" || decision.zone === "fallback" ? " → " + verdict(decision.classification) : "")) : "–",
        decision ? el("span", { class: "muted" }, " mse " + decision.mse.toFixed(4) + " · " + ago(decision.ts)) : ""),
      el("td", { class: "num" }, rate == null ? "–" : el("span", {}, el("span", { class: "bar", style: "width:" + Math.min(60, Math.round(rate * 300)) + "px" }), pct(rate))),
      el("td", { class: "num" }, num(windows(device.counts))),
      el("td", { class: "num" }, num(device.queue_depth)),
      el("td", { class: "num" }, device.backoff_s > 0 ? seconds(device.backoff_s) : "–"),
      el("td", { class: "num" }, seconds(device.uptime_s)),
      el("td", {}, ago(device.last_seen)),
      el("td", { class: "num" }, num(device.sequence.gaps) + " / " + num(device.sequence.duplicates))));
    if (expanded.has(device.id)) {
      const ota = device.ota.length ? device.ota.slice().reverse().map(step => clock(step.ts) + " " + step.event + " v" + step.from_version + "→v" + step.to_version + (step.reason ? " (" + step.reason + ")" : "")).join(" · ") : "no OTA events";
      const counts = ZONES.map(([zone]) => zone + " " + num(device.counts[zone])).join(" · ");
      rows.push(el("tr", { class: "detail" }, el("td", { colspan: 11 }, "Counts: " + counts + "   |   OTA: " + ota +
        "   |   first seen " + clock(device.first_seen) + " · " + num(device.messages) + " messages" + (device.free_heap != null ? " · free heap " + num(device.free_heap) + " B" : ""))));
    }
  }
  fill("fleet-rows", rows, 11, "No device has reported yet. Devices publish on edge-ai/device/{id}/…");
}

function renderVersions(overview) {
  fill("version-rows", overview.versions.map(v => el("tr", {},
    el("td", { class: "version" }, "v" + v.version), el("td", { class: "num" }, num(v.devices)), el("td", { class: "num" }, num(v.online_devices)),
    el("td", { class: "num" }, num(v.windows)), el("td", { class: "num" }, pct(v.escalation_rate)),
    el("td", { class: "num" }, pct(v.local_anomaly_rate)), el("td", { class: "num" }, pct(v.fallback_rate)))), 7, "No model version reported yet.");
  fill("transition-rows", overview.transitions.map(t => el("tr", {},
    el("td", {}, clock(t.at)), el("td", {}, t.device_id), el("td", { class: "version" }, "v" + t.from_version + " → v" + t.to_version),
    el("td", {}, t.cause.replace("_", " ")))), 4, "No version change seen yet.");
}

function renderEscalations(overview) {
  fill("escalation-rows", overview.escalations.map(e => el("tr", {},
    el("td", {}, clock(e.ts)), el("td", {}, e.device_id), el("td", { class: "num" }, e.edge_mse.toFixed(4)),
    el("td", {}, el("span", { class: "tag " + (e.fallback ? "fallback" : verdict(e.classification)) }, e.fallback ? "fallback → " + verdict(e.classification) : verdict(e.classification))),
    el("td", { class: "num" }, pct(e.confidence)), el("td", { class: "num" }, e.latency_ms == null ? "–" : e.latency_ms.toFixed(0) + " ms"),
    el("td", {}, el("span", { class: "tag " + e.source }, e.source === "server" ? "cloud " + (e.cloud_model || "") : "device")))), 7, "No escalation yet.");
}

function renderRetraining(overview) {
  fill("retraining-rows", overview.retraining.map(r => el("tr", {},
    el("td", {}, new Date(r.started_at).toLocaleString([], { hour12: false })), el("td", {}, r.finished_at ? clock(r.finished_at) : "running"),
    el("td", { class: "version" }, (r.from_version != null ? "v" + r.from_version : "–") + " → " + (r.to_version != null ? "v" + r.to_version : "–")),
    el("td", {}, r.outcome.replace("_", " ")), el("td", { style: "white-space:normal" }, r.reason),
    el("td", { class: "muted", style: "white-space:normal" }, Object.entries(r.details || {}).map(([k, v]) => k + ": " + v).join(" · ")))), 6, "No retraining run recorded yet.");
}

function chart(id, lines, times, options) {
  const node = document.getElementById(id);
  const width = node.clientWidth || 600, height = node.clientHeight || 190;
  const pad = { left: 46, right: 10, top: 10, bottom: 22 };
  const plotW = width - pad.left - pad.right, plotH = height - pad.top - pad.bottom;
  node.setAttribute("viewBox", "0 0 " + width + " " + height);
  const all = lines.flatMap(line => line.values.filter(v => v != null));
  let max = Math.max(options.minMax || 0, ...all, 0);
  if (max === 0) max = 1;
  const step = niceStep(max / 4);
  max = Math.ceil(max / step) * step;
  const x = i => pad.left + (times.length < 2 ? 0 : i * plotW / (times.length - 1));
  const y = v => pad.top + plotH - v / max * plotH;
  const children = [];
  for (let v = 0; v <= max + step / 2; v += step) {
    children.push(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), stroke: "#e8edf3" }));
    const label = svg("text", { x: pad.left - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 11, fill: "#5f6b7a" });
    label.textContent = options.format(v);
    children.push(label);
  }
  const ticks = Math.min(6, times.length);
  for (let t = 0; t < ticks; t++) {
    const i = Math.round(t * (times.length - 1) / Math.max(1, ticks - 1));
    const label = svg("text", { x: x(i), y: height - 6, "text-anchor": t === 0 ? "start" : t === ticks - 1 ? "end" : "middle", "font-size": 11, fill: "#5f6b7a" });
    label.textContent = clock(times[i]);
    children.push(label);
  }
  for (const line of lines) {
    let path = "", open = false;
    line.values.forEach((v, i) => {
      if (v == null) { open = false; return; }
      path += (open ? "L" : "M") + x(i).toFixed(1) + "," + y(v).toFixed(1);
      open = true;
    });
    if (path) children.push(svg("path", { d: path, fill: "none", stroke: line.color, "stroke-width": 2, "stroke-linejoin": "round" }));
  }
  node.replaceChildren(...children);
}
function niceStep(raw) {
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

function renderCharts(series) {
  // Buckets before the first decision the server saw are unknown, not zero: leave them undrawn.
  const first = series.points.findIndex(p => windows(p.counts) > 0);
  const points = series.points.map((p, i) => first >= 0 && i >= first ? p : { start: p.start, counts: null, escalation_rate: null });
  const times = points.map(p => p.start);
  const perSecond = v => v / series.bucket_seconds;
  chart("chart-rate", ZONES.map(([zone, , color]) => ({ color, values: points.map(p => p.counts && perSecond(p.counts[zone])) })), times,
    { format: v => v >= 10 ? v.toFixed(0) : v.toFixed(v >= 1 ? 1 : 2) });
  chart("chart-escalation", [{ color: "#8b5cf6", values: points.map(p => p.escalation_rate) }], times,
    { format: v => (v * 100).toFixed(v < 0.1 ? 1 : 0) + " %", minMax: 0.05 });
  document.getElementById("legend-rate").replaceChildren(...ZONES.map(([zone, css]) => el("span", {}, el("i", { style: "background:" + css }), zone)));
}

let latest = null;
function render(dashboard) {
  latest = dashboard;
  const overview = dashboard.overview;
  clockOffset = Date.now() - Date.parse(overview.generated_at);
  renderKPIs(overview.summary);
  document.getElementById("kpi-telemetry").textContent = num(overview.summary.sequence_gaps) + " lost · " +
    num(overview.summary.sequence_duplicates) + " duplicated · " + num(overview.malformed.count) + " malformed";
  renderCharts(overview.series);
  renderFleet(dashboard.devices);
  renderVersions(overview);
  renderEscalations(overview);
  renderRetraining(overview);
  document.getElementById("updated").textContent = "updated " + clock(overview.generated_at);
}

function link(state, text) {
  document.getElementById("link").className = state;
  document.getElementById("link-text").textContent = text;
}
function connect() {
  if (!window.EventSource) { link("down", "no live updates in this browser"); return; }
  const source = new EventSource("api/events");
  source.onopen = () => link("live", "live");
  source.onerror = () => link("down", "reconnecting…");
  source.addEventListener("snapshot", event => render(JSON.parse(event.data)));
  source.addEventListener("shutdown", () => link("down", "server stopped; reconnecting…"));
}

render(JSON.parse(document.getElementById("initial-state").textContent));
window.addEventListener("resize", () => latest && renderCharts(latest.overview.series));
setInterval(() => latest && renderFleet(latest.devices), 5000);
connect();
</script>
</body>
</html>
"""#
}
