/* The inspector's offline flow (no inline script: data comes from data-* attributes).
   - Registers the service worker and asks it to keep the revealed visits' pages.
   - On a visit page, keeps every answer as it is typed (IndexedDB "drafts", with the device time the
     visit started), so a closed tab or a reload loses nothing.
   - "Submit" puts the visit in the IndexedDB "outbox" with a submission id generated once; the outbox
     is sent whenever the page is open and the network is there (load, "online" event). The server
     answers a repeated submission id as already received, so a visit arrives once however often it
     is sent. A conflict or a refusal is shown in Persian and the copy is kept on the device. */
(function () {
  "use strict";
  var root = document.getElementById("pg-visit") || document.getElementById("pg-inspector");
  if (!root || typeof idb === "undefined") { return; }
  var MSG = {
    saved: "بازدید روی این دستگاه ذخیره شد و با وصل شدن شبکه فرستاده می‌شود.",
    pending: "بازدیدهای در انتظار ارسال روی این دستگاه: ",
    sent: "بازدید فرستاده و ثبت شد.",
    refused: "سامانه این بازدید را نپذیرفت: ",
    photo: "عکس فرستاده نشد: "
  };
  var dbPromise = idb.openDB("peygir-inspections", 1, {
    upgrade: function (db) {
      db.createObjectStore("drafts", { keyPath: "visit" });
      db.createObjectStore("outbox", { keyPath: "submission_id" });
      db.createObjectStore("photos", { keyPath: "client_id" });
    }
  });
  var box = document.getElementById("pg-outbox");
  function show(text, kind) {
    if (!box) { return; }
    box.textContent = text;
    box.className = "alert small alert-" + (kind || "warning");
  }
  function uuid() {
    if (self.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function csrf() { return root.dataset.csrf; }

  // ------------------------------------------------------------ service worker and bundle
  if ("serviceWorker" in navigator && root.dataset.swUrl) {
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: "/inspections/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      if (!navigator.onLine || !root.dataset.bundleUrl) { return; }
      return fetch(root.dataset.bundleUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); })
        .then(function (bundle) {
          var urls = bundle.visits.map(function (v) { return "/inspections/visits/" + v.id + "/"; });
          urls.push("/inspections/");
          if (reg.active) { reg.active.postMessage({ type: "cache-bundle", urls: urls }); }
        });
    }).catch(function () { /* no service worker: the page still works online */ });
  }

  // ------------------------------------------------------------ the outbox
  function sendPhotos(item) {
    return dbPromise.then(function (db) { return db.getAll("photos"); }).then(function (photos) {
      var mine = photos.filter(function (p) { return p.submission_id === item.submission_id; });
      return mine.reduce(function (chain, p) {
        return chain.then(function () {
          var form = new FormData();
          form.append("client_id", p.client_id);
          form.append("question", p.question);
          form.append("file", p.blob, p.name);
          return fetch(item.photo_url, { method: "POST", body: form, credentials: "same-origin", headers: { "X-CSRFToken": csrf() } })
            .then(function (r) { return r.json().then(function (body) { return { status: r.status, body: body }; }); })
            .then(function (res) {
              if (res.body.ok) { return dbPromise.then(function (db) { return db.delete("photos", p.client_id); }); }
              if (res.status >= 400 && res.status < 500) {
                show(MSG.photo + (res.body.errors || []).join(" "), "danger");
                return dbPromise.then(function (db) { return db.delete("photos", p.client_id); });
              }
              throw new Error("photo");
            });
        });
      }, Promise.resolve());
    });
  }
  function sendOne(item) {
    return sendPhotos(item).then(function () {
      var payload = Object.assign({}, item.payload, { device_submitted_at: new Date().toISOString() });
      return fetch(item.sync_url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify(payload)
      });
    }).then(function (r) { return r.json().then(function (body) { return { status: r.status, body: body }; }); })
      .then(function (res) {
        return dbPromise.then(function (db) {
          if (res.body.ok) {
            var text = MSG.sent + (res.body.warnings && res.body.warnings.length ? " " + res.body.warnings.join(" ") : "");
            show(text, "success");
            return db.delete("outbox", item.submission_id).then(function () { return db.delete("drafts", item.visit); });
          }
          if (res.status >= 400 && res.status < 500) {
            item.error = (res.body.errors || []).join(" ");
            show(MSG.refused + item.error, "danger");
            return db.put("outbox", item);
          }
        });
      });
  }
  var flushing = false;
  function flush() {
    if (flushing || !navigator.onLine) { return Promise.resolve(); }
    flushing = true;
    return dbPromise.then(function (db) { return db.getAll("outbox"); }).then(function (items) {
      var waiting = items.filter(function (i) { return !i.error; });
      return waiting.reduce(function (chain, item) {
        return chain.then(function () { return sendOne(item); }).catch(function () { /* network: later */ });
      }, Promise.resolve());
    }).then(function () { flushing = false; return showPending(); }, function () { flushing = false; });
  }
  function showPending() {
    return dbPromise.then(function (db) { return db.getAll("outbox"); }).then(function (items) {
      var waiting = items.filter(function (i) { return !i.error; });
      if (waiting.length) { show(MSG.pending + waiting.length.toLocaleString("fa-IR")); }
      root.dataset.pending = String(waiting.length);
    });
  }
  window.addEventListener("online", flush);

  // ------------------------------------------------------------ the visit form
  var form = document.getElementById("pg-visit-form");
  var visitId = root.dataset.visitId ? parseInt(root.dataset.visitId, 10) : null;
  function readForm() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "file" || el.name === "csrfmiddlewaretoken") { return; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      values[el.name] = el.value;
    });
    return values;
  }
  function writeForm(values) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in values) || el.type === "file" || el.name === "csrfmiddlewaretoken") { return; }
      if (el.type === "radio" || el.type === "checkbox") { el.checked = values[el.name] === el.value; } else { el.value = values[el.name]; }
    });
  }
  function saveDraft() {
    return dbPromise.then(function (db) {
      return db.get("drafts", visitId).then(function (draft) {
        draft = draft || { visit: visitId, started_at: new Date().toISOString(), submission_id: uuid() };
        draft.values = readForm();
        return db.put("drafts", draft);
      });
    });
  }
  function toPayload(draft) {
    var answers = [];
    Array.prototype.forEach.call(document.querySelectorAll(".pg-question"), function (block) {
      var q = block.dataset.question;
      var v = draft.values["q-" + q];
      var answer = { question: parseInt(q, 10), note: draft.values["note-" + q] || "" };
      if (draft.values["na-" + q]) { answer.na = true; }
      if (block.dataset.kind === "yes_no") { answer.value = v === "yes" ? true : (v === "no" ? false : null); } else { answer.value = v === undefined ? null : v; }
      answers.push(answer);
    });
    return {
      submission_id: draft.submission_id,
      checklist_version: parseInt(root.dataset.checklistVersion, 10),
      device_started_at: draft.started_at,
      note: draft.values.note || "",
      answers: answers
    };
  }
  if (form && visitId && root.dataset.canConduct === "1") {
    dbPromise.then(function (db) { return db.get("drafts", visitId); }).then(function (draft) {
      if (draft && draft.values) { writeForm(draft.values); }
      if (draft && draft.queued) { show(MSG.saved); }
    });
    form.addEventListener("input", saveDraft);
    form.addEventListener("change", function (event) {
      var el = event.target;
      if (el.type !== "file" || !el.files.length) { saveDraft(); return; }
      saveDraft().then(function () { return dbPromise; }).then(function (db) {
        return db.get("drafts", visitId).then(function (draft) {
          var file = el.files[0];
          return db.put("photos", {
            client_id: draft.submission_id + ":" + el.dataset.photoQuestion,
            submission_id: draft.submission_id,
            question: el.dataset.photoQuestion,
            name: file.name,
            blob: file
          });
        });
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      saveDraft().then(function () { return dbPromise; }).then(function (db) {
        return db.get("drafts", visitId).then(function (draft) {
          draft.queued = true;
          return db.put("drafts", draft).then(function () {
            return db.put("outbox", {
              submission_id: draft.submission_id,
              visit: visitId,
              sync_url: root.dataset.syncUrl,
              photo_url: root.dataset.photoUrl,
              payload: toPayload(draft)
            });
          });
        });
      }).then(function () {
        show(MSG.saved);
        return flush();
      });
    });
  }
  showPending().then(flush);
})();
