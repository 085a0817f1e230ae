// The Models dashboard: plain JavaScript over the same HTTP API trainML clients use.
// Every value from the API is put into the page as text (never as HTML).
"use strict";

const state = {
  token: localStorage.getItem("modelstore.token") || "",
  project: null,
  sourceTypes: [],
  models: new Map(),
  feed: null,
  model: null, // the model whose page is shown
  exportsTimer: null, // looks at its exports again while one is queued or running
  downloads: new Map(), // downloads in progress: key → what the page says of them
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
  if (!response.ok) throw apiError(response, text);
  return text ? JSON.parse(text) : null;
}

/** The error of an answer that is not OK: its JSON "message" when it has one. */
function apiError(response, text) {
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (ignored) {
    json = null;
  }
  return new ApiError(response.status,
    (json && (json.message || json.errorMessage)) || response.statusText || "HTTP " + response.status);
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
  stopWatchingExports();
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
  stopWatchingExports();
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
  const waitingForUpload = model.source_type === "local" && !["ready", "failed", "exporting"].includes(model.status);
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
        title: activeJobs > 0 ? "Used by " + activeJobs + " active job(s): it can be deleted once they end"
          : model.status === "exporting" ? "Delete for good (cancels its export)" : "Delete for good",
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
  // An exporting model is deleted too (force=true, as for a download in progress): its export is cancelled.
  $("delete-export-warning").hidden = model.status !== "exporting";
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

/** Whether the model's files are stored, so that they can be listed and downloaded: ready, or ready and exporting. */
function hasFiles(model) {
  return model.status === "ready" || model.status === "exporting";
}

function onModelPage(id) {
  return location.hash === "#/model/" + id && !$("model-view").hidden;
}

async function showModel(id) {
  const model = await api("GET", "/model/" + id);
  if (!state.model || state.model.model_uuid !== id) {
    // Another model's page: nothing of the last one's exports or download errors stays on it.
    $("exports-table").querySelector("tbody").replaceChildren();
    $("exports-empty").hidden = true;
    $("exports-error").textContent = "";
    $("download-error").textContent = "";
  }
  state.model = model;
  renderModelHeader(model);

  let manifest = null;
  $("files-note").textContent = "";
  if (hasFiles(model)) {
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
  $("files").querySelector("tbody").replaceChildren(...files.map((f) => el("tr", { dataset: { path: f.path } },
    el("td", {}, el("code", {}, f.path)), el("td", { class: "num" }, bytes(f.size)),
    el("td", {}, el("code", { title: f.version ? "source version " + f.version : null }, f.sha256)),
    el("td", { class: "actions" }, downloadFileLink(model, f)))));
  if (manifest) {
    $("files-note").textContent = manifest.links.length ? manifest.links.length + " symbolic links kept inside the model" : "";
  } else if (!hasFiles(model)) {
    $("files-note").textContent = "The files are listed once the model is ready.";
  }
  refreshExports(id);
  const log = await api("GET", "/model/" + id + "/logs");
  $("log").replaceChildren(...log.map((line) => el("li", {}, when(line.at) + "  " + line.message)));
}

/** The parts of the page that follow the model's status: facts, connect commands, download and export actions. */
function renderModelHeader(model) {
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
  // While a model exports to the user's computer, its auth_token is the export's (its output_uri says where to).
  const waiting = model.source_type === "local" && model.auth_token && model.status !== "exporting";
  $("connect").hidden = !waiting;
  if (waiting) {
    $("connect-command").textContent = "./modelstore model connect " + model.model_uuid;
    $("connect-path").textContent = model.source_uri;
  }
  const exportWaiting = model.status === "exporting" && Boolean(model.auth_token) && Boolean(model.output_uri);
  $("export-connect").hidden = !exportWaiting;
  if (exportWaiting) {
    $("export-connect-command").textContent = "./modelstore model connect " + model.model_uuid;
    $("export-connect-trainml").textContent = "trainml model connect " + model.model_uuid;
    $("export-connect-path").textContent = model.output_uri;
  }
  document.querySelectorAll("#model-actions .download-archive").forEach((button) => { button.hidden = !hasFiles(model); });
  const exportButton = $("show-export");
  exportButton.disabled = model.status !== "ready";
  exportButton.title = model.status === "ready" ? "Copy the model's files to a bucket, a datastore or your computer"
    : model.status === "exporting" ? "An export is under way: export again once it has ended"
      : "A model can be exported once it is ready";
}

// ---- downloads: fetched with the token in a header (a plain <a href> would not send it) --------

/** The URL of one file of the model: each path segment URL-encoded. */
function fileUrl(model, path) {
  return "/model/" + model.model_uuid + "/files/" + path.split("/").map(encodeURIComponent).join("/");
}

function downloadFileLink(model, file) {
  const name = file.path.slice(file.path.lastIndexOf("/") + 1);
  // The href is the API's URL (useful to copy for curl with the token); a click downloads with the token.
  return el("a", {
    href: fileUrl(model, file.path), class: "download-file", title: "Download " + file.path,
    onclick: (event) => {
      event.preventDefault();
      startDownload(event.currentTarget, fileUrl(model, file.path), name, false);
    },
  }, "Download");
}

function downloadArchive(event) {
  const model = state.model;
  if (!model || !hasFiles(model)) return;
  const format = event.currentTarget.dataset.format;
  startDownload(event.currentTarget, "/model/" + model.model_uuid + "/archive?format=" + format,
    model.name + "." + format, true);
}

function busy(control, on) {
  if (control.tagName === "BUTTON") control.disabled = on;
  else if (on) control.setAttribute("aria-disabled", "true");
  else control.removeAttribute("aria-disabled");
}

function downloadProgress(key, text) {
  if (text === null) state.downloads.delete(key);
  else state.downloads.set(key, text);
  $("download-status").textContent = [...state.downloads.values()].join(" · ");
}

async function startDownload(control, url, fallbackName, archive) {
  if (control.disabled || control.getAttribute("aria-disabled") === "true" || state.downloads.has(url)) return;
  $("download-error").textContent = "";
  busy(control, true);
  downloadProgress(url, "Downloading " + fallbackName + "…");
  try {
    await download(url, fallbackName, archive);
  } catch (error) {
    $("download-error").textContent = error instanceof ApiError ? error.message
      : "The download of " + fallbackName + " did not finish: " + error.message;
  } finally {
    busy(control, false);
    downloadProgress(url, null);
  }
}

/**
 * Fetches url with the token and saves the answer under the name its Content-Disposition gives, through a
 * Blob object URL. The Blob holds the whole file or archive in this browser's memory: very large models
 * are better downloaded with the CLI (`modelstore model download`), which streams them to disk.
 */
async function download(url, fallbackName, archive) {
  const response = await fetch(url, { headers: { Authorization: state.token } });
  if (!response.ok) throw apiError(response, await response.text());
  const name = attachmentName(response.headers.get("Content-Disposition")) || fallbackName;
  // A file has its exact length; an archive is streamed, with only its files' total size known beforehand.
  const total = Number(response.headers.get(archive ? "X-Model-Bytes" : "Content-Length")) || 0;
  const chunks = [];
  let received = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      downloadProgress(url, "Downloading " + name + ": " + bytes(received)
        + (total ? " of " + (archive ? "about " : "") + bytes(total) : ""));
    }
  }
  if (!archive && total && received !== total) {
    throw new Error("the connection ended after " + bytes(received) + " of " + bytes(total));
  }
  save(new Blob(chunks, { type: response.headers.get("Content-Type") || "application/octet-stream" }), name);
}

/** The file name of a Content-Disposition header: the exact one (filename*) first, else the plain one. */
function attachmentName(header) {
  if (!header) return null;
  const exact = header.match(/filename\*\s*=\s*UTF-8''([^;]+)/i);
  if (exact) {
    try {
      return decodeURIComponent(exact[1].trim());
    } catch (ignored) {
      // a malformed encoding: use the plain name
    }
  }
  const plain = header.match(/filename\s*=\s*"([^"]*)"/i);
  return plain && plain[1] ? plain[1] : null;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the Blob once the click is handled; its memory is freed a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60 * 1000);
}

// ---- exports: the table, looked at again every 3 seconds while one is queued or running ---------

function stopWatchingExports() {
  clearTimeout(state.exportsTimer);
  state.exportsTimer = null;
}

function exportActive(exp) {
  return exp.status === "queued" || exp.status === "running";
}

async function refreshExports(id) {
  let exports;
  try {
    exports = await api("GET", "/model/" + id + "/exports");
  } catch (error) {
    if (!onModelPage(id)) return;
    $("exports-error").textContent = error.message;
    stopWatchingExports();
    // A model deleted meanwhile has nothing more to show; anything else may pass: look again.
    if (error.status !== 404) state.exportsTimer = setTimeout(() => watchExports(id), 3000);
    return;
  }
  if (!onModelPage(id)) return;
  $("exports-error").textContent = "";
  renderExports(exports);
  stopWatchingExports();
  const exporting = state.model && state.model.model_uuid === id && state.model.status === "exporting";
  if (exporting || exports.some(exportActive)) state.exportsTimer = setTimeout(() => watchExports(id), 3000);
}

/** One look while exports run: the model's status and the exports; the whole page again once the status changes. */
async function watchExports(id) {
  state.exportsTimer = null;
  if (!onModelPage(id)) return;
  let model;
  try {
    model = await api("GET", "/model/" + id);
  } catch (error) {
    if (!onModelPage(id)) return;
    $("exports-error").textContent = error.message;
    if (error.status !== 404) state.exportsTimer = setTimeout(() => watchExports(id), 3000);
    return;
  }
  if (!onModelPage(id)) return;
  if (!state.model || state.model.status !== model.status) {
    await showModel(id); // the log has the export's outcome, and the actions follow the new status
    return;
  }
  state.model = model;
  renderModelHeader(model);
  await refreshExports(id);
}

function renderExports(exports) {
  $("exports-table").querySelector("tbody").replaceChildren(...exports.map(exportRow));
  $("exports-empty").hidden = exports.length > 0;
}

function exportRow(exp) {
  const options = exp.output_options || {};
  return el("tr", { dataset: { exportId: exp.export_uuid } },
    el("td", { class: "status-cell" }, el("span", {
      class: "status " + exp.status, title: exp.requested_at ? "requested " + when(exp.requested_at) : null,
    }, exp.status)),
    el("td", { class: "export-target" }, el("span", { class: "muted" }, exp.output_type + " "),
      el("code", { title: Object.keys(options).length ? JSON.stringify(options) : null }, exp.output_uri)),
    exportProgress(exp),
    el("td", { class: "export-started" }, when(exp.started_at)),
    el("td", { class: "export-finished" }, when(exp.finished_at)),
    el("td", { class: "export-reason" },
      exp.reason ? el("span", { class: "reason" }, exp.reason) : null,
      exp.note ? el("span", { class: "note" }, exp.note) : null));
}

function exportProgress(exp) {
  const known = (n) => n !== null && n !== undefined;
  const filesText = (exp.files || 0) + (known(exp.total_files) ? " / " + exp.total_files : "") + " files";
  const bytesText = bytes(exp.bytes || 0) + (known(exp.total_bytes) ? " / " + bytes(exp.total_bytes) : "");
  const cell = el("td", { class: "num export-progress" }, filesText + " · " + bytesText);
  if (exp.status === "running") {
    cell.append(exp.total_bytes
      ? el("span", { class: "progress" }, el("span", { style: "width:" + Math.min(100, 100 * (exp.bytes || 0) / exp.total_bytes) + "%" }))
      : el("span", { class: "progress indeterminate" }, el("span", {})));
  }
  return cell;
}

// ---- the export dialog: asks for exactly what the chosen output type needs ----------------------

const EXPORT_FORMS = {
  aws: "s3://bucket/prefix/",
  wasabi: "s3://bucket/prefix/",
  gcp: "gs://bucket/prefix/",
  azure: "https://<account>.blob.core.windows.net/<container>/prefix/",
  regional: "<datastore id>/path/",
  local: "~/models/<name>",
};

function openExport() {
  const model = state.model;
  if (!model || model.status !== "ready") return;
  $("export-form").reset();
  $("export-uri").removeAttribute("aria-invalid");
  updateExportForm();
  $("export-dialog").showModal();
  $("export-uri").focus();
}

async function updateExportForm() {
  const type = $("export-type").value;
  $("export-uri").placeholder = EXPORT_FORMS[type];
  $("export-endpoint-field").hidden = type !== "wasabi";
  $("export-overwrite-field").hidden = type === "local";
  $("export-archive-field").hidden = type !== "local";
  $("export-uri-form").textContent = type === "local"
    ? "The folder on your computer the files are saved to. After exporting, run the command shown on the model's page there."
    : type === "regional" ? "A datastore of the project and a folder in it: " + EXPORT_FORMS[type]
      : "The files go under this folder with their paths in the model: " + EXPORT_FORMS[type]
        + " (with the project's " + type + " credential)";
  $("export-error").textContent = "";
  $("export-datastores").replaceChildren();
  if (type === "regional") {
    try {
      const datastores = await api("GET", "/project/" + state.project.project_uuid + "/datastores");
      if ($("export-type").value === "regional") {
        $("export-datastores").replaceChildren(...datastores.map((d) => el("option", { value: d.name + "/" })));
      }
    } catch (error) {
      $("export-error").textContent = error.message;
    }
  }
}

function exportRequest() {
  const type = $("export-type").value;
  const request = { output_type: type, output_uri: $("export-uri").value.trim(), output_options: {} };
  if (type === "wasabi") request.output_options.endpoint_url = $("export-endpoint").value.trim();
  if (type !== "local" && $("export-overwrite").checked) request.output_options.overwrite = "true";
  if (type === "local" && $("export-archive").checked) request.output_options.archive = "true";
  return request;
}

/** What is wrong with the export form, checked here first (the server checks the rest); null when nothing. */
function exportProblem(request) {
  if (!request.output_uri) return "Enter the output URI, e.g. " + EXPORT_FORMS[request.output_type];
  if (request.output_type === "wasabi" && !/^https?:\/\/[^\s/]+/.test(request.output_options.endpoint_url)) {
    return "Enter the endpoint URL, e.g. https://s3.wasabisys.com.";
  }
  return null;
}

async function submitExport(event) {
  event.preventDefault();
  const model = state.model;
  if (!model) return;
  const request = exportRequest();
  const problem = exportProblem(request);
  $("export-uri").setAttribute("aria-invalid", problem && !request.output_uri ? "true" : "false");
  if (problem) {
    $("export-error").textContent = problem;
    return;
  }
  $("export-submit").disabled = true;
  let answer;
  try {
    answer = await api("POST", "/model/" + model.model_uuid + "/export", request);
  } catch (error) {
    $("export-error").textContent = error.message;
    return;
  } finally {
    $("export-submit").disabled = false;
  }
  $("export-dialog").close();
  // The answer is the model, now exporting; for local it carries the hand-off the connect command uses.
  if (onModelPage(model.model_uuid)) {
    state.model = answer;
    renderModelHeader(answer);
    showModel(model.model_uuid).catch((error) => { $("exports-error").textContent = error.message; });
  }
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
document.querySelectorAll("#model-actions .download-archive").forEach((button) => button.addEventListener("click", downloadArchive));
$("show-export").addEventListener("click", openExport);
$("export-type").addEventListener("change", updateExportForm);
$("export-form").addEventListener("submit", submitExport);
$("export-cancel").addEventListener("click", () => $("export-dialog").close());
window.addEventListener("hashchange", route);
// Active jobs and models made by jobs change without ingest events: look again every 5 seconds.
setInterval(() => { if (state.token && state.project && !$("models-view").hidden) refreshModels().catch(() => {}); }, 5000);
route();
