// SPARQL page: the vendored YASGUI (editor + results) against this server's /sparql, the named
// queries of queries/*.rq, and CSV/JSON downloads made with the endpoint's own content negotiation.
(function () {
  "use strict";
  var endpoint = document.getElementById("endpoint").textContent.trim();
  var queries = JSON.parse(document.getElementById("named-queries").textContent);
  var select = document.getElementById("named-query");
  var doc = document.getElementById("query-doc");
  var status = document.getElementById("download-status");
  var byName = {};
  queries.forEach(function (q) { byName[q.name] = q; });

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: null, // nothing kept in localStorage: the page always opens on the named queries
    populateFromUrl: false,
    autofocus: false,
    yasqe: { autocompleters: ["prefixes", "variables"] }, // no Linked Open Vocabularies look-ups (offline)
  });
  var tab = yasgui.getTab();

  var paramsForm = document.getElementById("query-params");

  // A declared parameter ($name) is written into the query as a SPARQL term once given a value;
  // left empty it stays a variable. Mirrors budgetkg.graph's NamedQuery.bind.
  function term(kind, value) {
    if (kind === "iri") { return "<" + value.replace(/[<>"{}|^`\\\s]/g, encodeURIComponent) + ">"; }
    if (kind === "integer") { return /^[+-]?\d+$/.test(value.trim()) ? value.trim() : null; }
    return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r") + '"';
  }
  function bind(q) {
    var lines = q.text.split("\n");
    var n = 0;
    while (n < lines.length && lines[n].trim().charAt(0) === "#") { n++; }
    var body = lines.slice(n).join("\n");
    q.params.forEach(function (p) {
      var input = paramsForm.elements[p.name];
      var value = input ? input.value : "";
      var t = value ? term(p.kind, value) : null;
      if (t !== null) {
        body = body.replace(new RegExp("\\$" + p.name + "\\b", "g"), function () { return t; });
      }
    });
    return lines.slice(0, n).concat([body]).join("\n");
  }
  function showParams(q) {
    paramsForm.textContent = "";
    q.params.forEach(function (p) {
      var label = document.createElement("label");
      label.textContent = "$" + p.name + (p.description ? " · " + p.description : "");
      var input = document.createElement("input");
      input.name = p.name;
      input.placeholder = p.kind === "iri" ? "http://…" : p.kind;
      input.addEventListener("input", function () { tab.setQuery(bind(q)); });
      label.appendChild(input);
      paramsForm.appendChild(label);
    });
  }
  paramsForm.addEventListener("submit", function (e) { e.preventDefault(); tab.query(); });

  function choose(name) {
    var q = byName[name];
    if (!q) { return; }
    showParams(q);
    tab.setQuery(q.text);
    doc.textContent = q.description || "";
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "?name=" + encodeURIComponent(name));
    }
  }
  select.addEventListener("change", function () { choose(select.value); });
  document.getElementById("run-query").addEventListener("click", function () { tab.query(); });
  if (select.value) {
    choose(select.value);
  } else if (queries.length) {
    select.value = queries[0].name;
    choose(queries[0].name);
  }
  yasgui.on("queryResponse", function () { document.body.dataset.lastQuery = "done"; });

  function download(accept, extension) {
    status.textContent = "…";
    var body = new URLSearchParams();
    body.set("query", tab.getQuery());
    fetch(endpoint, { method: "POST", headers: { Accept: accept }, body: body })
      .then(function (response) {
        if (!response.ok) {
          return response.text().then(function (text) { throw new Error(response.status + " " + text.slice(0, 300)); });
        }
        return response.blob();
      })
      .then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = (select.value || "query") + "." + extension;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
        status.textContent = "";
      })
      .catch(function (err) { status.textContent = "下载失败 download failed: " + err.message; });
  }
  document.getElementById("download-csv").addEventListener("click", function () { download("text/csv", "csv"); });
  document.getElementById("download-json").addEventListener("click", function () {
    download("application/sparql-results+json", "json");
  });
  window.budgetkgYasgui = yasgui; // for tests and the curious
})();
