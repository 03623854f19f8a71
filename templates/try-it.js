/* mkdocs-runs-api try-it console: sends an operation's request from the reader's browser.
   Loaded by runs-api.js only when a reader presses "Try it"; builds the console from the
   page's data file (written at build time: mkdocs_runs_api/tryit). One request model
   (`buildRequest`) feeds both `fetch` and the cURL shown, so what is copied is what is sent.
   Secrets stay in this module's memory (or sessionStorage with `storage: session`) and are
   masked wherever they are shown. */

const SHOWN_BYTES = 200000; /* a larger body is cut in the panel (download link for all) */
const CHECKED_BYTES = 5000000; /* a larger JSON body is not checked against its schema */
const MAX_MISMATCHES = 50;
const secrets = {}; /* scheme name -> {value, user, password}, for this page load */

export async function openConsole(panel, dataHref) {
  const url = new URL(dataHref, location.href);
  if (url.origin !== location.origin || !url.pathname.endsWith(".try-it.json")) {
    throw new Error("try-it data must be this site's own .try-it.json file");
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname} (HTTP ${response.status})`);
  const data = await response.json();
  const form = consoleForm(data);
  panel.appendChild(form.root);
  form.root.querySelector("input, select, textarea")?.focus();
  return form;
}

/* ---------- the form ---------- */

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === undefined || value === null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function field(label, input, note) {
  return el("label", { class: "runs-api-console__field" },
    el("span", { class: "runs-api-console__label", text: label }), input,
    note ? el("small", { text: note }) : null);
}

function consoleForm(data) {
  const root = el("form", { class: "runs-api-console", "data-try-it-console": true, novalidate: true });
  const inputs = { params: [], schemes: {}, vars: {} };
  root.append(serverSection(data, inputs));
  if (Object.keys(data.schemes).length) root.append(authSection(data, inputs));
  if (data.parameters.length) root.append(paramSection(data, inputs));
  if (data.body) root.append(bodySection(data.body, inputs));
  const curl = el("pre", { class: "runs-api-console__curl", "data-try-it-curl": true });
  const send = el("button", { type: "submit", class: "md-button md-button--primary",
    "data-try-it-send": true, text: `Send ${data.method}` });
  const copy = el("button", { type: "button", class: "md-button", "data-try-it-copy-curl": true,
    text: "Copy as cURL" });
  const result = el("div", { class: "runs-api-console__result", "data-try-it-result": true,
    "aria-live": "polite" });
  root.append(el("div", { class: "runs-api-console__actions" }, send, copy),
    el("details", { class: "runs-api-console__curl-box" }, el("summary", { text: "cURL" }), curl),
    result);
  const refresh = () => { curl.textContent = toCurl(buildRequest(data, inputs), true); };
  root.addEventListener("input", refresh);
  root.addEventListener("change", refresh);
  refresh();
  copy.addEventListener("click", async () => {
    const text = toCurl(buildRequest(data, inputs), false);
    try { await navigator.clipboard.writeText(text); copy.textContent = "Copied"; }
    catch { copy.textContent = "Select the cURL below to copy it"; }
    setTimeout(() => { copy.textContent = "Copy as cURL"; }, 2000);
  });
  root.addEventListener("submit", (event) => { /* Send, or Enter in a field */
    event.preventDefault();
    if (!send.disabled) sendRequest(data, inputs, result, send);
  });
  return { root, request: () => buildRequest(data, inputs) };
}

function serverUrl(server, vars) {
  return server.url.replace(/\{([^}]+)\}/g, (all, name) =>
    vars[name] !== undefined ? vars[name] : (server.variables[name] || {}).default ?? all);
}

function serverSection(data, inputs) {
  const box = el("fieldset", { class: "runs-api-console__group" }, el("legend", { text: "Server" }));
  const servers = data.servers.length ? data.servers : [{ url: data.sampleBaseUrl || "/",
    description: "", variables: {} }];
  const free = el("input", { type: "url", "data-try-it-server": true, spellcheck: "false",
    placeholder: "https://api.example.com" });
  const picked = el("select", { "data-try-it-server-pick": true });
  servers.forEach((server, index) => picked.append(el("option", { value: String(index),
    text: server.description ? `${server.description} (${server.url})` : server.url })));
  const varBox = el("div");
  const fill = () => {
    const server = servers[Number(picked.value)];
    varBox.replaceChildren();
    inputs.vars = {};
    for (const [name, variable] of Object.entries(server.variables || {})) {
      const input = variable.enum
        ? el("select", { "data-try-it-var": name }, ...variable.enum.map((v) =>
          el("option", { value: String(v), text: String(v), selected: v === variable.default })))
        : el("input", { "data-try-it-var": name, value: variable.default ?? "" });
      input.addEventListener("input", () => { inputs.vars[name] = input.value; update(); });
      varBox.append(field(name, input, variable.description));
    }
    update();
  };
  const update = () => {
    free.value = absolute(serverUrl(servers[Number(picked.value)], inputs.vars));
    free.dispatchEvent(new Event("input", { bubbles: true }));
  };
  picked.addEventListener("change", fill);
  inputs.server = free;
  if (servers.length > 1) box.append(field("Servers", picked));
  box.append(varBox, field("Base URL", free, "Any URL: a local or staging server too."));
  fill();
  return box;
}

function absolute(url) {
  try { return new URL(url, location.href).href.replace(/\/$/, ""); } catch { return url; }
}

function authSection(data, inputs) {
  const box = el("fieldset", { class: "runs-api-console__group" },
    el("legend", { text: "Authorization" }));
  const stored = (name) => {
    if (data.options.storage === "session") {
      try { return JSON.parse(sessionStorage.getItem(`runs-api-try-it:${name}`) || "{}"); }
      catch { return {}; }
    }
    return secrets[name] || {};
  };
  const keep = (name, value) => {
    if (data.options.storage === "session") {
      sessionStorage.setItem(`runs-api-try-it:${name}`, JSON.stringify(value));
    } else secrets[name] = value;
  };
  for (const [name, scheme] of Object.entries(data.schemes)) {
    const group = el("div", { class: "runs-api-console__scheme", "data-try-it-auth": name });
    const saved = stored(name);
    const secret = (attr, label, value, type = "password") => {
      const input = el("input", { type, [attr]: true, value: value || "", autocomplete: "off",
        spellcheck: "false" });
      input.addEventListener("input", () => {
        const now = stored(name);
        now[attr.replace("data-try-it-auth-", "")] = input.value;
        keep(name, now);
      });
      group.append(field(label, input));
      return input;
    };
    const title = `${scheme.title} · ${describeScheme(scheme)}`;
    group.append(el("div", { class: "runs-api-console__label", text: title }));
    if (scheme.kind === "mutualTLS") {
      group.append(el("small", { text: "Mutual TLS: a page cannot pick a client certificate (the console sends without one); the cURL below sends yours with --cert and --key." }));
    } else if (scheme.kind === "basic") {
      secret("data-try-it-auth-user", "Username", saved.user, "text");
      secret("data-try-it-auth-password", "Password", saved.password);
    } else {
      secret("data-try-it-auth-value", scheme.kind === "bearer" ? "Token" : scheme.key,
        saved.value);
    }
    const flows = scheme.flows || {};
    if (flows.authorizationCode) group.append(authorizationCode(flows.authorizationCode, group));
    if (flows.clientCredentials) group.append(clientCredentials(flows.clientCredentials, group));
    if (scheme.type === "openIdConnect" && scheme.openIdConnectUrl) {
      group.append(authorizationCode({ discovery: scheme.openIdConnectUrl, scopes: ["openid"] }, group));
    }
    inputs.schemes[name] = group;
    box.append(group);
  }
  return box;
}

function describeScheme(scheme) {
  if (scheme.kind === "mutualTLS") return "client certificate";
  if (scheme.kind === "basic") return "HTTP Basic";
  if (scheme.kind === "bearer") return scheme.type === "http" ? "Bearer token" : `${scheme.type} token (sent as Bearer)`;
  return `API key in ${scheme.kind} ${scheme.key}`;
}

async function fetchToken(tokenUrl, fields, headers = {}) {
  const reply = await fetch(tokenUrl, { method: "POST", body: new URLSearchParams(fields), headers });
  let json = {};
  try { json = await reply.json(); } catch { /* the error below says what came back */ }
  if (!reply.ok || !json.access_token) {
    throw new Error(json.error_description || json.error || `HTTP ${reply.status} from the token URL`);
  }
  return json.access_token;
}

function useToken(group, token) {
  const input = group.querySelector("[data-try-it-auth-value]");
  input.value = token;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

function tokenFailure(error) {
  return `No token: ${error.message}. The token URL must allow this site's origin (CORS).`;
}

function clientCredentials(flow, group) {
  const box = el("details", { class: "runs-api-console__oauth" },
    el("summary", { text: "Get a token (client credentials)" }));
  const tokenUrl = el("input", { type: "url", value: flow.tokenUrl || "", "data-try-it-token-url": true });
  const id = el("input", { "data-try-it-client-id": true, autocomplete: "off" });
  const secret = el("input", { type: "password", "data-try-it-client-secret": true, autocomplete: "off" });
  const scopes = el("input", { value: (flow.scopes || []).join(" ") });
  const note = el("small", { "data-try-it-token-status": true });
  const go = el("button", { type: "button", class: "md-button", text: "Get token" });
  go.addEventListener("click", async () => {
    note.textContent = "Asking for a token...";
    try {
      const fields = { grant_type: "client_credentials" };
      if (scopes.value.trim()) fields.scope = scopes.value.trim();
      const basic = `Basic ${btoa(`${id.value}:${secret.value}`)}`;
      useToken(group, await fetchToken(tokenUrl.value, fields, { Authorization: basic }));
      note.textContent = "Token received.";
    } catch (error) {
      note.textContent = tokenFailure(error);
    }
  });
  box.append(field("Token URL", tokenUrl), field("Client ID", id), field("Client secret", secret),
    field("Scopes", scopes), go, note);
  return box;
}

function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function pkceChallenge(verifier) {
  if (!crypto.subtle) return [verifier, "plain"]; /* not a secure context (http, not localhost) */
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return [base64url(digest), "S256"];
}

function authorizationCode(flow, group) {
  const redirect = new URL("oauth2-redirect.html", import.meta.url).href;
  const box = el("details", { class: "runs-api-console__oauth" },
    el("summary", { text: "Sign in (authorization code with PKCE)" }));
  const id = el("input", { "data-try-it-client-id": true, autocomplete: "off" });
  const secret = el("input", { type: "password", "data-try-it-client-secret": true, autocomplete: "off" });
  const scopes = el("input", { value: (flow.scopes || []).join(" "), "data-try-it-scopes": true });
  const note = el("small", { "data-try-it-token-status": true });
  const go = el("button", { type: "button", class: "md-button", "data-try-it-authorize": true, text: "Authorize" });
  go.addEventListener("click", async () => {
    if (flow.discovery && !flow.authorizationUrl) {
      try {
        const found = await (await fetch(flow.discovery)).json();
        Object.assign(flow, { authorizationUrl: found.authorization_endpoint, tokenUrl: found.token_endpoint });
      } catch (error) {
        note.textContent = `Could not read ${flow.discovery}: ${error.message} (it must allow this site's origin).`;
        return;
      }
    }
    const verifier = randomText(48);
    const state = randomText(16);
    const [challenge, method] = await pkceChallenge(verifier);
    const url = new URL(flow.authorizationUrl, location.href);
    const query = { response_type: "code", client_id: id.value, redirect_uri: redirect, state,
      code_challenge: challenge, code_challenge_method: method };
    if (scopes.value.trim()) query.scope = scopes.value.trim();
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const listener = async (event) => {
      const reply = event.data || {};
      if (event.origin !== location.origin || reply.type !== "runs-api-oauth2" || reply.state !== state) return;
      window.removeEventListener("message", listener);
      if (reply.error || !reply.code) {
        note.textContent = `Not signed in: ${reply.errorDescription || reply.error || "no code came back"}.`;
        return;
      }
      note.textContent = "Signed in; asking for a token...";
      try {
        const fields = { grant_type: "authorization_code", code: reply.code, redirect_uri: redirect,
          client_id: id.value, code_verifier: verifier };
        if (secret.value) fields.client_secret = secret.value;
        useToken(group, await fetchToken(new URL(flow.tokenUrl, location.href).href, fields));
        note.textContent = "Token received.";
      } catch (error) {
        note.textContent = tokenFailure(error);
      }
    };
    window.addEventListener("message", listener);
    note.textContent = "Waiting for the sign-in window...";
    if (!window.open(url.href, "runs-api-oauth2", "width=520,height=680")) {
      window.removeEventListener("message", listener);
      note.textContent = "The sign-in window was blocked: allow pop-ups for this site.";
    }
  });
  box.append(field("Client ID", id), field("Client secret (confidential clients only)", secret),
    field("Scopes", scopes), go, note,
    el("small", { text: `Register this redirect URL with the provider: ${redirect}` }));
  return box;
}

function paramSection(data, inputs) {
  const box = el("fieldset", { class: "runs-api-console__group" },
    el("legend", { text: "Parameters" }));
  for (const param of data.parameters) {
    const attrs = { "data-try-it-param": param.name, "data-in": param.in, spellcheck: "false",
      required: param.required };
    const input = param.enum.length && param.shape === "scalar"
      ? el("select", attrs, ...(param.required ? [] : [el("option", { value: "", text: "" })]),
        ...param.enum.map((v) => el("option", { value: v, text: v, selected: v === param.value })))
      : el("input", { ...attrs, value: param.value });
    const hint = param.shape === "array" ? "comma-separated" : param.shape === "json" ? "JSON" : "";
    const note = param.in === "cookie" ? "browsers do not let a page set cookies for another site: sent by the cURL only" : hint;
    box.append(field(`${param.name} (${param.in}${param.required ? ", required" : ""})`, input, note));
    inputs.params.push([param, input]);
  }
  return box;
}

function bodySection(body, inputs) {
  const box = el("fieldset", { class: "runs-api-console__group" },
    el("legend", { text: `Body (${body.contentType})` }));
  if (body.kind === "json" || body.kind === "text") {
    const lines = body.text.split("\n").length;
    const rows = String(Math.min(Math.max(lines + 1, 4), 16));
    const area = el("textarea", { "data-try-it-body": true, rows, spellcheck: "false" });
    area.value = body.text;
    if ((body.examples || []).length) {
      const pick = el("select", { "data-try-it-body-example": true },
        el("option", { value: "", text: "The code samples' body" }),
        ...body.examples.map((example, index) => el("option", { value: String(index), text: example.label })));
      pick.addEventListener("change", () => {
        area.value = pick.value === "" ? body.text : body.examples[Number(pick.value)].text;
        area.dispatchEvent(new Event("input", { bubbles: true }));
      });
      box.append(field("Example", pick));
    }
    box.append(area);
    inputs.body = area;
  } else if (body.kind === "form" || body.kind === "multipart") {
    inputs.fields = body.fields.map(([name, value]) => {
      const input = el("input", { "data-try-it-field": name, value });
      box.append(field(name, input));
      return [name, input];
    });
    inputs.files = body.files.map(([name, type, several]) => {
      const input = el("input", { type: "file", "data-try-it-file": name, multiple: several });
      box.append(field(`${name} (${type}${several ? ", one or more files" : ""})`, input));
      return [name, input];
    });
  } else {
    const input = el("input", { type: "file", "data-try-it-file": "" });
    box.append(field("File", input));
    inputs.files = [["", input]];
  }
  return box;
}

/* ---------- the request model ---------- */

export function buildRequest(data, inputs) {
  let path = data.path;
  const query = [];
  const headers = [];
  const cookies = [];
  for (const [param, input] of inputs.params) {
    const text = input.value;
    if (text === "" && !(param.required && param.in === "path")) continue;
    const value = param.contentType ? text : parseValue(text, param.shape); /* as its media type */
    if (param.in === "path") {
      path = path.split(`{${param.name}}`).join(serializePath(param.name, value, param.style, param.explode));
    } else if (param.in === "query") {
      query.push(...serializeQuery(param.name, value, param.style, param.explode));
    } else if (param.in === "querystring") {
      query.push(["", typeof value === "string" ? value : new URLSearchParams(value).toString()]);
    } else if (param.in === "header") {
      headers.push([param.name, scalar(value)]);
    } else if (param.in === "cookie") {
      cookies.push([param.name, scalar(value)]);
    }
  }
  const masks = [];
  for (const [name, scheme] of Object.entries(data.schemes)) {
    const group = inputs.schemes[name];
    const get = (attr) => group.querySelector(`[${attr}]`)?.value || "";
    if (scheme.kind === "basic") {
      const user = get("data-try-it-auth-user");
      const password = get("data-try-it-auth-password");
      if (!user && !password) continue;
      const token = btoa(unescape(encodeURIComponent(`${user}:${password}`)));
      headers.push(["Authorization", `Basic ${token}`]);
      masks.push(token);
      continue;
    }
    const value = get("data-try-it-auth-value");
    if (!value) continue;
    masks.push(value);
    if (scheme.kind === "bearer") headers.push(["Authorization", `${authPrefix(scheme)} ${value}`]);
    else if (scheme.kind === "header") headers.push([scheme.key, value]);
    else if (scheme.kind === "query") query.push([scheme.key, value]);
    else if (scheme.kind === "cookie") cookies.push([scheme.key, value]);
  }
  const base = (inputs.server.value || "").trim().replace(/\/+$/, "");
  const queryText = query.map(([k, v]) => (k === "" ? encodeQuery(v, true)
    : `${encodeQuery(k)}=${encodeQuery(v)}`)).join("&");
  const url = base + path + (queryText ? `?${queryText}` : "");
  const body = requestBody(data.body, inputs);
  if (body && body.contentType) headers.push(["Content-Type", body.contentType]);
  const certificate = Object.values(data.schemes).some((scheme) => scheme.kind === "mutualTLS");
  return { method: data.method, url, headers, cookies, body, masks, certificate };
}

/* `Bearer`, or the HTTP scheme the spec names (`Digest`, `Token`...); OAuth 2 and OpenID
   Connect tokens are bearer tokens. */
function authPrefix(scheme) {
  const name = scheme.type === "http" ? scheme.scheme || "bearer" : "bearer";
  return name.toLowerCase() === "bearer" ? "Bearer" : name[0].toUpperCase() + name.slice(1);
}

function parseValue(text, shape) {
  if (shape === "array") return text.split(",").map((item) => item.trim());
  if (shape === "json") { try { return JSON.parse(text); } catch { return text; } }
  return text;
}

function scalar(value) {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function encodeQuery(text, whole = false) {
  return encodeURIComponent(text).replace(/%5B/g, whole ? "%5B" : "[").replace(/%5D/g, whole ? "%5D" : "]");
}

function serializePath(name, value, style = "simple", explode = false) {
  const enc = (item) => encodeURIComponent(scalar(item)).replace(/%40/g, "@").replace(/%3A/g, ":");
  let items;
  if (Array.isArray(value)) items = value.map(enc);
  else if (value && typeof value === "object") {
    items = Object.entries(value).map(([k, v]) => (explode ? `${enc(k)}=${enc(v)}` : `${enc(k)},${enc(v)}`));
  } else items = [enc(value)];
  if (style === "label") return `.${items.join(explode ? "." : ",")}`;
  if (style === "matrix") {
    if (explode && !(value && typeof value === "object" && !Array.isArray(value))) {
      return items.map((item) => `;${name}=${item}`).join("");
    }
    return (explode ? ";" : `;${name}=`) + items.join(explode ? ";" : ",");
  }
  return items.join(",");
}

function serializeQuery(name, value, style = "form", explode = true) {
  if (Array.isArray(value)) {
    const items = value.map(scalar);
    if (style === "form" && explode) return items.map((item) => [name, item]);
    const separator = { spaceDelimited: " ", pipeDelimited: "|" }[style] || ",";
    return [[name, items.join(separator)]];
  }
  if (value && typeof value === "object") {
    if (style === "deepObject") return deepObject(name, value);
    if (explode) return Object.entries(value).map(([k, v]) => [k, scalar(v)]);
    return [[name, Object.entries(value).map(([k, v]) => `${k},${scalar(v)}`).join(",")]];
  }
  return [[name, scalar(value)]];
}

function deepObject(prefix, value) {
  const pairs = [];
  for (const [key, item] of Object.entries(value)) {
    const name = `${prefix}[${key}]`;
    if (Array.isArray(item)) pairs.push([name, item.map(scalar).join(",")]);
    else if (item && typeof item === "object") pairs.push(...deepObject(name, item));
    else if (item !== null && item !== undefined) pairs.push([name, scalar(item)]);
  }
  return pairs;
}

function requestBody(body, inputs) {
  if (!body) return null;
  if (body.kind === "json" || body.kind === "text") {
    const text = inputs.body.value;
    if (text.trim() === "" && !body.required) return null;
    return { kind: "text", text, contentType: body.contentType };
  }
  if (body.kind === "form") {
    const fields = inputs.fields.map(([name, input]) => [name, input.value]);
    return { kind: "text", text: new URLSearchParams(fields).toString(), contentType: body.contentType };
  }
  const files = (inputs.files || []).flatMap(([name, input]) =>
    input.files.length ? [...input.files].map((file) => [name, file]) : [[name, null]]);
  if (body.kind === "multipart") {
    const fields = inputs.fields.map(([name, input]) => [name, input.value]);
    return { kind: "multipart", fields, files, contentType: "" }; /* fetch adds the boundary */
  }
  return { kind: "file", file: files[0] ? files[0][1] : null, contentType: body.contentType };
}

function shellQuote(text) {
  return `'${String(text).replace(/'/g, "'\\''")}'`;
}

function masked(text, masks, mask) {
  if (!mask) return text;
  return masks.reduce((out, secret) => (secret ? out.split(secret).join("****") : out), text);
}

export function toCurl(request, mask = true) {
  const globoff = /[[\]{}]/.test(request.url) ? " --globoff" : "";
  const lines = [`curl --request ${request.method}${globoff}`, `--url ${shellQuote(request.url)}`];
  if (request.certificate) lines.push("--cert client.pem --key client-key.pem");
  for (const [name, value] of request.headers) lines.push(`--header ${shellQuote(`${name}: ${value}`)}`);
  if (request.cookies.length) {
    lines.push(`--cookie ${shellQuote(request.cookies.map(([k, v]) => `${k}=${v}`).join("; "))}`);
  }
  const body = request.body;
  if (body && body.kind === "text") lines.push(`--data-raw ${shellQuote(body.text)}`);
  if (body && body.kind === "multipart") {
    for (const [name, value] of body.fields) lines.push(`--form-string ${shellQuote(`${name}=${value}`)}`);
    for (const [name, file] of body.files) lines.push(`--form ${shellQuote(`${name}=@${file ? file.name : "FILE"}`)}`);
  }
  if (body && body.kind === "file") lines.push(`--data-binary ${shellQuote(`@${body.file ? body.file.name : "FILE"}`)}`);
  return masked(lines.join(" \\\n  "), request.masks, mask);
}

function fetchInit(request, signal) {
  const init = { method: request.method, headers: request.headers, signal, credentials: "omit" };
  const body = request.body;
  if (body && body.kind === "text") init.body = body.text;
  if (body && body.kind === "file" && body.file) init.body = body.file;
  if (body && body.kind === "multipart") {
    const form = new FormData();
    for (const [name, value] of body.fields) form.append(name, value);
    for (const [name, file] of body.files) if (file) form.append(name, file, file.name);
    init.body = form;
  }
  return init;
}

/* ---------- sending, and what came back ---------- */

/* What the reader may not mean to send: an empty required parameter, a JSON body that is not
   JSON. The request is sent as it is (testing a bad request is a use too); these are shown. */
function warnings(data, inputs) {
  const found = [];
  for (const [param, input] of inputs.params) {
    if (param.required && input.value === "") found.push(`${param.name} (${param.in}) is required and empty.`);
  }
  if (data.body && data.body.kind === "json" && inputs.body.value.trim()) {
    try { JSON.parse(inputs.body.value); } catch (error) { found.push(`The body is not valid JSON: ${error.message}.`); }
  }
  return found;
}

async function sendRequest(data, inputs, result, button) {
  const request = buildRequest(data, inputs);
  const notes = warnings(data, inputs).map((text) => el("p", { class: "runs-api-console__warning",
    "data-try-it-warning": true, text }));
  let target;
  try { target = new URL(request.url); } catch {
    result.replaceChildren(errorBox("The base URL is not a full URL: type one such as https://api.example.com.", request));
    return;
  }
  const sent = data.options.proxy ? data.options.proxy.replace("{url}", encodeURIComponent(target.href)) : target.href;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), data.options.timeout * 1000);
  button.disabled = true;
  result.replaceChildren(el("p", { text: `Sending ${request.method} ${masked(target.href, request.masks, true)}...` }));
  const started = performance.now();
  let response;
  let blob;
  try {
    response = await fetch(sent, fetchInit(request, controller.signal));
    blob = await response.blob();
  } catch (error) {
    const reason = controller.signal.aborted
      ? `No reply within ${data.options.timeout} s: the request was given up (timeout).`
      : await failureReason(target, sent, request);
    result.replaceChildren(errorBox(reason, request));
    result.prepend(...notes);
    return;
  } finally {
    clearTimeout(timer);
    button.disabled = false;
  }
  await showResponse(data, response, blob, performance.now() - started, result);
  result.prepend(...notes);
}

async function failureReason(target, sent, request) {
  try {
    await fetch(sent, { method: "GET", mode: "no-cors", credentials: "omit" });
  } catch {
    return `Network error: ${target.origin} did not answer. Check the base URL, that the server runs, and (from an https page) that it is https too.`;
  }
  const headers = request.headers.map(([name]) => name).join(", ");
  return `CORS: ${target.origin} answered, but does not allow this page's origin (${location.origin}) to read its reply. ` +
    `The API must answer the preflight OPTIONS request with Access-Control-Allow-Origin: ${location.origin}` +
    ` and Access-Control-Allow-Methods: ${request.method}` + (headers ? `, Access-Control-Allow-Headers: ${headers}` : "") +
    ". Or send it with the cURL below.";
}

function errorBox(message, request) {
  return el("div", { class: "runs-api-console__error", "data-try-it-error": true },
    el("p", { text: message }),
    el("pre", { text: toCurl(request, true) }));
}

async function showResponse(data, response, blob, millis, result) {
  const status = el("span", { class: `runs-api-console__status runs-api-console__status--${String(response.status)[0]}xx`,
    "data-try-it-status": String(response.status), text: `${response.status} ${response.statusText}`.trim() });
  const time = el("span", { "data-try-it-time": true, text: `${Math.round(millis)} ms · ${blob.size.toLocaleString()} bytes` });
  const headers = el("pre", { "data-try-it-headers": true,
    text: [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n") });
  const shown = await blob.slice(0, SHOWN_BYTES).text();
  const type = response.headers.get("content-type") || "";
  const isJson = /\bjson\b/i.test(type);
  let text = shown;
  let value;
  if (isJson && blob.size <= CHECKED_BYTES) {
    const whole = blob.size <= SHOWN_BYTES ? shown : await blob.text();
    try { value = JSON.parse(whole); } catch { value = undefined; }
    if (value !== undefined && blob.size <= SHOWN_BYTES) text = JSON.stringify(value, null, 2);
  }
  const body = el("pre", { class: "runs-api-console__body", "data-try-it-response": true, text });
  const parts = [el("div", { class: "runs-api-console__meta" }, status, time)];
  parts.push(el("details", {}, el("summary", { text: "Headers" }), headers), body);
  if (blob.size > SHOWN_BYTES) {
    const link = el("a", { href: URL.createObjectURL(blob), download: "response", "data-try-it-download": true,
      text: `Download the whole body (${blob.size.toLocaleString()} bytes)` });
    parts.push(el("p", { text: `Showing the first ${SHOWN_BYTES.toLocaleString()} bytes. ` }, link));
  }
  parts.push(schemaVerdict(data, response.status, isJson, value, blob.size));
  result.replaceChildren(...parts);
}

function documented(data, status) {
  const code = String(status);
  const responses = data.responses || {};
  return responses[code] || responses[`${code[0]}XX`] || responses[`${code[0]}xx`] || responses.default;
}

function schemaVerdict(data, status, isJson, value, size) {
  const box = el("div", { class: "runs-api-console__schema", "data-try-it-schema": true });
  const found = documented(data, status);
  if (!found) {
    box.dataset.tryItSchema = "undocumented";
    box.textContent = `Status ${status} is not documented for this operation.`;
  } else if (!found.schema || !isJson) {
    box.textContent = found.schema ? "The body is not JSON: not checked." : "No schema documented for this reply.";
  } else if (value === undefined) {
    box.dataset.tryItSchema = size > CHECKED_BYTES ? "unchecked" : "invalid";
    box.textContent = size > CHECKED_BYTES ? "The body is too large to check here." : "The body is not valid JSON.";
  } else {
    const problems = [];
    validate(value, found.schema, "$", data.defs || {}, problems);
    box.dataset.tryItSchema = problems.length ? "mismatch" : "match";
    const partly = data.responsesPartial ? " (its deepest parts are too large to carry here: not checked)" : "";
    box.append(el("p", { text: problems.length
      ? `The body does not match the documented schema${partly} (${problems.length}${problems.length >= MAX_MISMATCHES ? "+" : ""} problems):`
      : `The body matches the documented schema${partly}.` }));
    if (problems.length) {
      box.append(el("ul", {}, ...problems.map((p) => el("li", { "data-try-it-mismatch": true, text: p }))));
    }
  }
  return box;
}

/* ---------- a small JSON Schema check (the keywords the data file keeps) ---------- */

function typeOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function fits(value, type) {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

function check(value, schema, defs) {
  const problems = [];
  validate(value, schema, "$", defs, problems);
  return problems.length === 0;
}

function validate(value, schema, at, defs, problems) {
  if (problems.length >= MAX_MISMATCHES || schema === true || !schema) return;
  if (schema === false) { problems.push(`${at}: no value is allowed here`); return; }
  if (schema.$ref) { validate(value, defs[schema.$ref.slice("#/defs/".length)], at, defs, problems); return; }
  const show = (v) => { const s = JSON.stringify(v); return s && s.length > 60 ? `${s.slice(0, 57)}...` : s; };
  if (value === null && schema.nullable) return;
  if (schema.type !== undefined) {
    const types = [].concat(schema.type);
    if (!types.some((type) => fits(value, type))) {
      problems.push(`${at}: expected ${types.join(" or ")}, got ${typeOf(value)} ${show(value)}`);
      return;
    }
  }
  if (schema.enum && !schema.enum.some((item) => JSON.stringify(item) === JSON.stringify(value))) {
    problems.push(`${at}: ${show(value)} is not one of ${show(schema.enum)}`);
  }
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    problems.push(`${at}: expected ${show(schema.const)}, got ${show(value)}`);
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength} characters`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: ${value} is less than ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: ${value} is more than ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${at}: more than ${schema.maxItems} items`);
    const prefix = schema.prefixItems || [];
    value.forEach((item, index) => validate(item, index < prefix.length ? prefix[index] : schema.items, `${at}[${index}]`, defs, problems));
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const name of schema.required || []) {
      if (!(name in value)) problems.push(`${at}: the required property "${name}" is missing`);
    }
    const properties = schema.properties || {};
    for (const [name, item] of Object.entries(value)) {
      const where = `${at}.${name}`;
      if (name in properties) validate(item, properties[name], where, defs, problems);
      else if (schema.additionalProperties === false && !schema.allOf) problems.push(`${where}: not a documented property`);
      else if (typeof schema.additionalProperties === "object") validate(item, schema.additionalProperties, where, defs, problems);
    }
  }
  for (const part of schema.allOf || []) validate(value, part, at, defs, problems);
  if (schema.anyOf && !schema.anyOf.some((part) => check(value, part, defs))) {
    problems.push(`${at}: matches none of the ${schema.anyOf.length} anyOf choices`);
  }
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((part) => check(value, part, defs)).length;
    if (matching !== 1) problems.push(`${at}: matches ${matching} of the ${schema.oneOf.length} oneOf choices, not exactly one`);
  }
}
