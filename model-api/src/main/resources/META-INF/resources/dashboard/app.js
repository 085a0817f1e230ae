// The Models dashboard: plain JavaScript over the same HTTP API trainML clients use.
// Every value from the API is put into the page as text (never as HTML).
"use strict";

const state = {
  token: localStorage.getItem("modelstore.token") || "",
  project: null,
  sourceTypes: [],
  models: new Map(),
  feed: null,
};

const $ = (id) => document.getElementById(id);

// ---- API ---------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: state.token, "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, (json && (json.message || json.errorMessage)) || response.statusText);
  }
  return json;
}

// ---- formatting --------------------------------------------------------------------------------

function bytes(n) {
  if (n === null || n === undefined) return "";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return (unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)) + " " + units[unit];
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([key, value]) => {
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(key, value === true ? "" : value);
  });
  children.flat().forEach((child) => {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  });
  return node;
}

// ---- views -------------------------------------------------------------------------------------

function show(view) {
  ["sign-in", "models-view", "model-view"].forEach((id) => { $(id).hidden = id !== view; });
}

async function route() {
  if (!state.token) {
    show("sign-in");
    return;
  }
  $("sign-out").hidden = false;
  try {
    if (!state.project) await loadProject();
  } catch (error) {
    signOut(error.status === 401 ? "That token is not valid (or was revoked)." : error.message);
    return;
  }
  const match = location.hash.match(/^#\/model\/([0-9a-f-]{36})$/);
  if (match) {
    show("model-view");
    await showModel(match[1]);
  } else {
    show("models-view");
    await refreshModels();
  }
}

async function loadProject() {
  const projects = await api("GET", "/project");
  state.project = projects[0];
  $("project").textContent = "Project: " + state.project.name;
  state.sourceTypes = (await api("GET", "/model/source-types")).filter((t) => t.enabled);
  const select = $("create-source-type");
  select.replaceChildren(...state.sourceTypes.map((t) => el("option", { value: t.source_type }, t.source_type)));
  updateCreateForm();
  startFeed();
}

function signOut(message) {
  localStorage.removeItem("modelstore.token");
  state.token = "";
  state.project = null;
  if (state.feed) state.feed.abort();
  $("sign-out").hidden = true;
  $("project").textContent = "";
  $("sign-in-error").textContent = message || "";
  show("sign-in");
}

// ---- the models table --------------------------------------------------------------------------

async function refreshModels() {
  const models = await api("GET", "/model");
  state.models = new Map(models.map((m) => [m.model_uuid, m]));
  renderModels();
  api("GET", "/project/" + state.project.project_uuid + "/storage")
    .then((s) => { $("storage").textContent = bytes(s.used_size) + " stored in " + s.model_count + (s.model_count === 1 ? " model" : " models"); })
    .catch(() => { $("storage").textContent = ""; });
}

function renderModels() {
  const rows = [...state.models.values()].map(modelRow);
  $("models").querySelector("tbody").replaceChildren(...rows);
  $("empty").hidden = rows.length > 0;
}

function statusCell(model) {
  const cell = el("td", { class: "status-cell" }, el("span", { class: "status " + model.status }, model.status));
  if (model.status === "downloading" && model.progress) {
    const expected = model.progress.expected_bytes;
    cell.append(el("span", { class: "muted progress-text" },
      " " + bytes(model.progress.bytes) + " · " + model.progress.files + " files"));
    // The total is often unknown while streaming (archives, folders): then the bar only shows activity.
    const bar = expected
      ? el("span", { class: "progress" }, el("span", { style: "width:" + Math.min(100, 100 * model.progress.bytes / expected) + "%" }))
      : el("span", { class: "progress indeterminate" }, el("span", {}));
    cell.append(bar);
  }
  if (model.status === "failed" && model.failure_reason) {
    cell.append(el("span", { class: "reason" }, model.failure_reason));
  }
  return cell;
}

function modelRow(model) {
  const activeJobs = model.active_jobs || 0;
  const waitingForUpload = model.source_type === "local" && model.status !== "ready" && model.status !== "failed";
  return el("tr", { dataset: { modelId: model.model_uuid } },
    el("td", {}, el("a", { href: "#/model/" + model.model_uuid, class: "model-name" }, model.name)),
    statusCell(model),
    el("td", { class: "num" }, bytes(model.size)),
    el("td", {}, el("span", { class: "muted" }, model.source_type + " "), el("code", {}, model.source_uri)),
    el("td", {}, when(model.createdAt)),
    el("td", { class: "num active-jobs" }, String(activeJobs)),
    el("td", { class: "actions" },
      waitingForUpload ? el("a", { href: "#/model/" + model.model_uuid, class: "connect" }, "Connect") : null,
      el("button", { type: "button", class: "secondary rename", onclick: () => rename(model) }, "Rename"),
      el("button", {
        type: "button", class: "danger delete", disabled: activeJobs > 0,
        title: activeJobs > 0 ? "Used by " + activeJobs + " active job(s): it can be deleted once they end" : "Delete for good",
        onclick: () => remove(model),
      }, "Delete")));
}

async function rename(model) {
  const dialog = $("rename-dialog");
  $("rename-name").value = model.name;
  dialog.returnValue = "";
  dialog.showModal();
  dialog.addEventListener("close", async function onClose() {
    dialog.removeEventListener("close", onClose);
    if (dialog.returnValue !== "save") return;
    try {
      await api("PATCH", "/model/" + model.model_uuid, { name: $("rename-name").value });
      await refreshModels();
    } catch (error) {
      alert(error.message);
    }
  });
}

async function remove(model) {
  const dialog = $("confirm-delete");
  $("delete-name").textContent = model.name;
  dialog.returnValue = "";
  dialog.showModal();
  dialog.addEventListener("close", async function onClose() {
    dialog.removeEventListener("close", onClose);
    if (dialog.returnValue !== "delete") return;
    try {
      await api("DELETE", "/model/" + model.model_uuid + "?force=true");
    } catch (error) {
      alert(error.message);
    }
    await refreshModels();
  });
}

// ---- the create form: asks for exactly what the chosen source type needs -------------------------

function sourceType() {
  return state.sourceTypes.find((t) => t.source_type === $("create-source-type").value);
}

async function updateCreateForm() {
  const type = sourceType();
  if (!type) return;
  const name = type.source_type;
  $("path-field").hidden = name === "regional";
  $("datastore-field").hidden = name !== "regional";
  $("regional-path-field").hidden = name !== "regional";
  $("kaggle-type-field").hidden = name !== "kaggle";
  $("wasabi-endpoint-field").hidden = name !== "wasabi";
  $("git-ref-field").hidden = name !== "git";
  $("create-path").placeholder = type.source_uri_form;
  $("path-form").textContent = name === "regional" ? "Choose a datastore; the sub-path / takes all of it."
    : "Path: " + type.source_uri_form + (name === "local" ? ". After creating, run the connect command shown on the model's page." : "");
  if (name === "regional") {
    const datastores = await api("GET", "/project/" + state.project.project_uuid + "/datastores");
    $("create-datastore").replaceChildren(...datastores.map((d) => el("option", { value: d.name }, d.name)));
  }
  $("create-error").textContent = "";
}

function createRequest() {
  const type = $("create-source-type").value;
  const request = { name: $("create-name").value.trim(), source_type: type, source_options: {} };
  if (type === "regional") {
    request.source_uri = $("create-datastore").value;
    request.source_options.path = $("create-regional-path").value.trim() || "/";
  } else {
    request.source_uri = $("create-path").value.trim();
  }
  if (type === "kaggle") request.source_options.type = $("create-kaggle-type").value;
  if (type === "wasabi") request.source_options.endpoint_url = $("create-wasabi-endpoint").value.trim();
  if (type === "git" && $("create-git-ref").value.trim()) request.source_options.ref = $("create-git-ref").value.trim();
  return request;
}

/** What is wrong with the form, checked here first and then by the server's own rules; null when nothing. */
async function validate(request) {
  if (!request.name) return "Give the model a name.";
  if (!request.source_uri) return request.source_type === "regional" ? "Choose a datastore." : "Enter the path.";
  if (request.source_type === "kaggle" && !request.source_options.type) return "Choose the Kaggle type.";
  if (request.source_type === "wasabi" && !/^https?:\/\/[^\s/]+/.test(request.source_options.endpoint_url)) {
    return "Enter the Wasabi endpoint, e.g. https://s3.wasabisys.com.";
  }
  try {
    await api("POST", "/model/validation", request);
    return null;
  } catch (error) {
    return error.message;
  }
}

async function submitCreate(event) {
  event.preventDefault();
  const request = createRequest();
  const problem = await validate(request);
  $("create-path").setAttribute("aria-invalid", problem ? "true" : "false");
  if (problem) {
    $("create-error").textContent = problem;
    return;
  }
  $("create-submit").disabled = true;
  try {
    const model = await api("POST", "/model", request);
    $("create-form").reset();
    $("create-form").hidden = true;
    updateCreateForm();
    if (model.source_type === "local") {
      location.hash = "#/model/" + model.model_uuid;
    } else {
      await refreshModels();
    }
  } catch (error) {
    $("create-error").textContent = error.message;
  } finally {
    $("create-submit").disabled = false;
  }
}

// ---- one model's page --------------------------------------------------------------------------

function facts(target, pairs) {
  target.replaceChildren(...pairs.filter(([, value]) => value !== null && value !== undefined && value !== "")
    .flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]));
}

async function showModel(id) {
  const model = await api("GET", "/model/" + id);
  $("model-name").textContent = model.name;
  facts($("model-facts"), [
    ["Status", el("span", { class: "status " + model.status }, model.status)],
    ["Size", bytes(model.size)],
    ["Files", model.file_count],
    ["Active jobs", String(model.active_jobs || 0)],
    ["Created", when(model.createdAt)],
    ["Failure", model.failure_reason],
    ["Model id", el("code", {}, model.model_uuid)],
  ]);
  const waiting = model.source_type === "local" && model.auth_token;
  $("connect").hidden = !waiting;
  if (waiting) {
    $("connect-command").textContent = "./modelstore model connect " + model.model_uuid;
    $("connect-path").textContent = model.source_uri;
  }

  let manifest = null;
  if (model.status === "ready") {
    try {
      manifest = await api("GET", "/model/" + id + "/manifest");
    } catch (error) {
      $("files-note").textContent = error.message;
    }
  }
  const options = model.source_options || {};
  facts($("lineage"), [
    ["Source", model.source_type + " " + model.source_uri],
    ["Source version", manifest && manifest.sourceVersion],
    ["Job", options.job_uuid && (options.job_name + " (" + options.job_uuid + ")")],
    ["Worker", options.job_uuid && options.worker],
    ["Folder", options.saved_folder],
    ["Input model", options.input_model_uuid && el("a", { href: "#/model/" + options.input_model_uuid }, options.input_model_uuid)],
    ["Options", Object.keys(options).length && !options.job_uuid ? JSON.stringify(options) : null],
  ]);
  const files = manifest ? manifest.files : [];
  $("files").querySelector("tbody").replaceChildren(...files.map((f) => el("tr", {},
    el("td", {}, el("code", {}, f.path)), el("td", { class: "num" }, bytes(f.size)),
    el("td", {}, el("code", { title: f.version ? "source version " + f.version : null }, f.sha256)))));
  if (manifest) {
    $("files-note").textContent = manifest.links.length ? manifest.links.length + " symbolic links kept inside the model" : "";
  } else if (model.status !== "ready") {
    $("files-note").textContent = "The files are listed once the model is ready.";
  }
  const log = await api("GET", "/model/" + id + "/logs");
  $("log").replaceChildren(...log.map((line) => el("li", {}, when(line.at) + "  " + line.message)));
}

// ---- live progress: server-sent events read with fetch (so the token stays in a header) ---------

async function startFeed() {
  if (state.feed) state.feed.abort();
  const controller = new AbortController();
  state.feed = controller;
  try {
    const response = await fetch("/model/events", { headers: { Authorization: state.token }, signal: controller.signal });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5)).join("\n");
        if (data) applyUpdate(JSON.parse(data));
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return;
  }
  setTimeout(() => { if (state.feed === controller && state.token) startFeed(); }, 3000);
}

function applyUpdate(update) {
  if (update.event === "heartbeat") return;
  const model = state.models.get(update.model_uuid);
  if (!model) {
    if (!$("models-view").hidden) refreshModels();
    return;
  }
  model.status = update.status;
  if (update.status === "downloading") model.progress = { bytes: update.bytes || 0, files: update.files || 0 };
  if (update.size !== undefined) model.size = update.size;
  if (update.failure_reason) model.failure_reason = update.failure_reason;
  if (!$("models-view").hidden) renderModels();
  if (update.status === "ready" || update.status === "failed") {
    if (!$("models-view").hidden) refreshModels();
    else if (location.hash === "#/model/" + update.model_uuid) showModel(update.model_uuid);
  }
}

// ---- wiring ------------------------------------------------------------------------------------

$("sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.token = $("token").value.trim();
  localStorage.setItem("modelstore.token", state.token);
  $("sign-in-error").textContent = "";
  route();
});
$("sign-out").addEventListener("click", () => signOut());
$("show-create").addEventListener("click", () => { $("create-form").hidden = false; $("create-name").focus(); });
$("create-cancel").addEventListener("click", () => { $("create-form").hidden = true; });
$("create-source-type").addEventListener("change", updateCreateForm);
$("create-form").addEventListener("submit", submitCreate);
window.addEventListener("hashchange", route);
// Active jobs and models made by jobs change without ingest events: look again every 5 seconds.
setInterval(() => { if (state.token && state.project && !$("models-view").hidden) refreshModels().catch(() => {}); }, 5000);
route();
