// The shop panels: recent catalog writes (from /api/v1/catalog/changes) and a "try it" panel that asks /recommend
// for items picked by name, without and with a category filter. Try-it calls are stateless (items, no session_id),
// so playing with the panel stores nothing and moves no metric. Text from the catalog goes in as textContent only.
"use strict";
(() => {
  const picked = [];
  const $ = id => document.getElementById(id);

  async function json(path, init) {
    const response = await fetch(path, { cache: "no-store", ...init });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  }

  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  async function refreshChanges() {
    const changes = await json("/api/v1/catalog/changes");
    $("changes-empty").hidden = changes.length > 0;
    $("changes-body").replaceChildren(...changes.map(c => {
      const tr = document.createElement("tr");
      tr.append(cell(new Date(c.at).toLocaleTimeString()), cell(c.item_id), cell(c.name), cell(c.category),
        cell(c.available ? "yes" : "no", c.available ? "" : "unavailable"), cell(c.created ? "new" : "updated"));
      return tr;
    }));
  }

  async function search() {
    const q = $("try-search").value.trim();
    const found = await json(`/api/v1/catalog/search?q=${encodeURIComponent(q)}`);
    const select = $("try-category");
    if (select.options.length === 1) {
      select.append(...found.categories.map(c => new Option(`filter: only ${c}`, c)));
    }
    $("try-results").replaceChildren(...found.items.map(item => {
      const li = document.createElement("li");
      li.textContent = `${item.name} · ${item.category}${item.available ? "" : " (unavailable)"}`;
      li.dataset.itemId = item.item_id;
      li.addEventListener("click", () => pick(item));
      return li;
    }));
  }

  function pick(item) {
    if (!picked.some(p => p.item_id === item.item_id)) picked.push(item);
    $("try-picked").textContent = picked.map(p => p.name).join(", ");
    recommend().catch(showError);
  }

  async function ask(filter) {
    const body = { items: picked.map(p => p.item_id), k: 10, include: ["name", "category"] };
    if (filter) body.filter = filter;
    return json("/api/v1/recommend", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }

  function show(list, answer) {
    list.replaceChildren(...answer.items.map(item => {
      const li = document.createElement("li");
      li.textContent = `${item.name} · ${item.category}`;
      li.dataset.itemId = item.item_id;
      return li;
    }));
    list.title = answer.message;
  }

  async function recommend() {
    if (picked.length === 0) return;
    const category = $("try-category").value;
    const [plain, filtered] = await Promise.all([ask(null), category ? ask({ categories: [category] }) : Promise.resolve(null)]);
    show($("try-plain"), plain);
    $("try-filtered-title").textContent = category ? `only ${category}` : "with filter (pick a category)";
    if (filtered) show($("try-filtered"), filtered); else $("try-filtered").replaceChildren();
  }

  function showError(e) {
    $("try-picked").textContent = `request failed: ${e.message}`;
  }

  let typing = null;
  $("try-search").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => search().catch(showError), 200);
  });
  $("try-category").addEventListener("change", () => recommend().catch(showError));
  $("try-clear").addEventListener("click", () => {
    picked.length = 0;
    $("try-picked").textContent = "none yet, click a search result";
    $("try-plain").replaceChildren();
    $("try-filtered").replaceChildren();
  });

  search().catch(showError);
  refreshChanges().catch(() => {});
  setInterval(() => refreshChanges().catch(() => {}), 5000);
})();
