// Minimal SVG line charts: time on x (the last `spanSeconds`), value on y from 0 to a rounded maximum, with grid
// lines, tick labels and a legend. Drawn by hand so the page needs no external or bundled library.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

function niceMax(value) {
  if (!(value > 0)) return 1;
  const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
  // Multiples that divide into four even, short tick labels.
  for (const step of [1, 2, 4, 6, 8, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

function formatNumber(v) {
  if (v === 0) return "0";
  if (Math.abs(v) >= 1000) return (v / 1000).toFixed(v >= 10000 ? 0 : 1) + "k";
  if (Math.abs(v) >= 10) return v.toFixed(0);
  if (Math.abs(v) >= 1) return v.toFixed(1);
  return v.toPrecision(2);
}

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

// series: [{ name, color, dashed?, values: [{ t: Date, v: number }] }]; later series are drawn on top, so a dashed
// one lets an equal line beneath it show.
function drawLineChart(svg, series, { spanSeconds, now, unit }) {
  const width = svg.clientWidth || 440;
  const height = svg.clientHeight || 190;
  const pad = { left: 44, right: 10, top: 18, bottom: 22 };
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  while (svg.firstChild) svg.removeChild(svg.firstChild);

  const end = now.getTime();
  const start = end - spanSeconds * 1000;
  // Null values (e.g. no resolved recommendation in a window) are gaps, not zeros.
  series = series.map(s => ({ ...s, values: s.values.filter(p => Number.isFinite(p.v)) }));
  const all = series.flatMap(s => s.values.map(p => p.v));
  const yMax = niceMax(Math.max(0, ...all));
  const x = t => pad.left + ((t - start) / (end - start)) * (width - pad.left - pad.right);
  const y = v => height - pad.bottom - (v / yMax) * (height - pad.top - pad.bottom);

  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    el("line", { class: "grid", x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }, svg);
    el("text", { x: pad.left - 4, y: y(v) + 3, "text-anchor": "end" }, svg).textContent = formatNumber(v);
  }
  el("text", { x: 2, y: 10 }, svg).textContent = unit;
  for (let m = 0; m <= spanSeconds / 60; m += 5) {
    const t = end - m * 60000;
    el("line", { class: "grid", x1: x(t), x2: x(t), y1: pad.top, y2: height - pad.bottom }, svg);
    el("text", { x: x(t), y: height - 6, "text-anchor": "middle" }, svg).textContent = m === 0 ? "now" : `−${m} min`;
  }
  el("line", { class: "axis", x1: pad.left, x2: pad.left, y1: pad.top, y2: height - pad.bottom }, svg);
  el("line", { class: "axis", x1: pad.left, x2: width - pad.right, y1: height - pad.bottom, y2: height - pad.bottom }, svg);

  let drawn = 0;
  let legendX = pad.left + 6;
  for (const s of series) {
    const points = s.values.filter(p => p.t.getTime() >= start);
    if (points.length > 0) {
      const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.t.getTime()).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
      const attrs = { class: "series", d, stroke: s.color, "data-series": s.name, "data-points": points.length };
      if (s.dashed) attrs["stroke-dasharray"] = "5 4";
      el("path", attrs, svg);
      if (points.length === 1) el("circle", { cx: x(points[0].t.getTime()), cy: y(points[0].v), r: 2.5, fill: s.color }, svg);
      drawn += points.length;
    }
    if (series.length > 1) {
      el("rect", { x: legendX, y: 4, width: 10, height: 3, fill: s.color }, svg);
      const label = el("text", { x: legendX + 13, y: 9 }, svg);
      label.textContent = s.name;
      // The rendered width, so labels never overlap (an estimate only where the SVG is not laid out).
      legendX += 13 + (label.getComputedTextLength() || s.name.length * 7) + 12;
    }
  }
  svg.setAttribute("data-points", String(drawn));
}
