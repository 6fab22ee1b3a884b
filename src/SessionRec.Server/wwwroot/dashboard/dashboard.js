// Polls the service's own JSON endpoints: tiles from /api/v1/metrics (so they show what that endpoint says at the
// same moment), charts from /api/v1/metrics/history, health and the model from their endpoints.
"use strict";

const TILE_REFRESH_MS = 2000;
const CHART_REFRESH_MS = 5000;

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  // Health answers 503 with the same JSON shape when nothing can be served: still worth showing.
  if (!response.ok && response.status !== 503) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function setTile(id, value, digits) {
  const node = document.querySelector(`#${id} .value`);
  node.dataset.value = String(value);
  node.textContent = Number.isFinite(value) ? value.toFixed(digits) : "–";
}

async function refreshTiles() {
  const m = await getJson("/api/v1/metrics");
  setTile("tile-hit-rate", m.hit_rate_at_10, 2);
  setTile("tile-p50", m.p50_latency_ms, 2);
  setTile("tile-p99", m.p99_latency_ms, 2);
  setTile("tile-coldstart", m.coldstart_percentage, 1);
  setTile("tile-sessions", m.active_sessions >= 0 ? m.active_sessions : NaN, 0);
  refreshArms(m.arms);
  document.getElementById("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
}

// One row per experiment arm (hidden when no experiment runs). textContent only: arm names come from configuration.
function refreshArms(arms) {
  const section = document.getElementById("arms");
  section.hidden = !arms;
  if (!arms) return;
  const cell = text => { const td = document.createElement("td"); td.textContent = text; return td; };
  document.querySelector("#arms-table tbody").replaceChildren(...arms.map(a => {
    const tr = document.createElement("tr");
    tr.dataset.arm = a.name;
    const d = a.vs_control;
    const vs = d ? `${d.difference_points.toFixed(2)} [${d.ci95_low.toFixed(2)}, ${d.ci95_high.toFixed(2)}]${d.significant ? " *" : ""}` : "control";
    tr.replaceChildren(cell(a.name), cell(`${(100 * a.weight).toFixed(1)} %`), cell(`${a.model} ${a.model_version ?? ""}`), cell(String(a.requests)),
      cell(a.coldstart_percentage.toFixed(1)), cell(String(a.resolved_recommendations)), cell(a.hit_rate_at_10.toFixed(2)), cell(vs),
      cell(a.p50_latency_ms.toFixed(2)), cell(a.p99_latency_ms.toFixed(2)));
    return tr;
  }));
}

async function refreshHealth() {
  const h = await getJson("/api/v1/health");
  const list = document.getElementById("health-list");
  list.replaceChildren(...Object.entries(h.components).map(([name, status]) => {
    const li = document.createElement("li");
    li.className = status;
    li.textContent = `${name.replace("_", " ")}: ${status}${h.details[name] ? ` (${h.details[name]})` : ""}`;
    return li;
  }));
}

async function refreshModel() {
  const model = await getJson("/api/v1/model");
  document.getElementById("model-name").textContent = `${model.name} (${model.source})`;
  // The manifest has every cut-off; the tile shows the @10 figures that Hit Rate@10 is compared with.
  const at10 = Object.entries(model.offline).filter(([k]) => k.endsWith("@10"));
  const figures = (at10.length ? at10 : Object.entries(model.offline).slice(0, 3)).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(" · ");
  document.getElementById("model-figures").textContent = figures || "no offline figures in the manifest";
  // Version and load time show whether a reload took: both change with every swap.
  const loaded = model.loaded_at ? `, loaded ${new Date(model.loaded_at).toLocaleTimeString()}` : "";
  document.getElementById("model-version").textContent = model.model_version ? `version ${model.model_version}${loaded}` : "";
  document.getElementById("model-line").textContent = `serving ${model.name} ${model.model_version ?? ""}, ${model.items} items`;
}

async function refreshCharts() {
  const history = await getJson("/api/v1/metrics/history");
  const points = history.points.map(p => ({ ...p, t: new Date(p.at) }));
  const last = points.length ? points[points.length - 1] : null;
  const now = last ? last.t : new Date();
  setTile("tile-rps", last ? last.clicks_per_second + last.recommendations_per_second + last.feedback_per_second : NaN, 0);
  // Since start moves slowly after a while; the recent window shows a change in quality within minutes.
  const recent = document.getElementById("hit-rate-recent");
  const minutes = Math.round(history.recent_window_seconds / 60);
  const recentValue = last && last.hit_rate_at_10_recent !== null ? last.hit_rate_at_10_recent : NaN;
  recent.dataset.value = String(recentValue);
  recent.textContent = `last ${minutes} min: ${Number.isFinite(recentValue) ? recentValue.toFixed(2) + " %" : "–"}`;
  const options = unit => ({ spanSeconds: history.span_seconds, now, unit });
  const line = (name, color, key) => ({ name, color, values: points.map(p => ({ t: p.t, v: p[key] })) });
  drawLineChart(document.getElementById("chart-hit-rate"), [
    line("since start", "#1f5fbf", "hit_rate_at_10"),
    { ...line(`last ${minutes} min`, "#8250df", "hit_rate_at_10_recent"), dashed: true },
  ], options("%"));
  drawLineChart(document.getElementById("chart-latency"), [line("p50", "#1a7f37", "p50_latency_ms"), line("p99", "#c62828", "p99_latency_ms")], options("ms"));
  drawLineChart(document.getElementById("chart-rps"), [
    line("click", "#1f5fbf", "clicks_per_second"),
    line("recommend", "#8250df", "recommendations_per_second"),
    line("feedback", "#bf8700", "feedback_per_second"),
  ], options("req/s"));
  drawLineChart(document.getElementById("chart-coldstart"), [line("cold start", "#bf8700", "coldstart_percentage")], options("%"));
  drawLineChart(document.getElementById("chart-sessions"), [line("sessions", "#1f5fbf", "active_sessions")], options("sessions"));
}

function every(ms, fn) {
  const run = () => fn().catch(e => { document.getElementById("updated").textContent = `refresh failed: ${e.message}`; });
  run();
  setInterval(run, ms);
}

every(TILE_REFRESH_MS, async () => { await refreshTiles(); await refreshHealth(); });
every(CHART_REFRESH_MS, refreshCharts);
// Models reload without a restart, so the model tile follows them too.
every(CHART_REFRESH_MS, refreshModel);
