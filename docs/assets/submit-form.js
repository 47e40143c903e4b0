/* The 投稿 form (/submit/) as a page: lists that grow and shrink, the problems beside their
   fields and in a list, the id proposed from the place and model, the draft kept in
   localStorage (nothing is sent anywhere), and the outputs (download, copy, GitHub).

   Reading the values into a case, judging it as `make validate` does and writing the case file
   are submit-check.js's (window.KbSubmitCheck), which touches no document, so that Node holds it
   to the Python validator's verdicts (tests/js/contracts.test.mjs).

   The 使用反馈 page (kb.site.render.feedback_page) is the same form for one field of a case file:
   its form says data-kb-part="uses", and then only that field's part of the schema is checked,
   and the output is the lines to add to the chosen case file (#kb-feedback-case), not a case file. */
(function () {
  "use strict";

  var form = document.getElementById("kb-submit");
  var data = window.KB_SUBMIT_DATA;
  if (!form || !data || !window.KbJsonSchema || !window.KbSubmitId || !window.KbSubmitCheck) return;

  var part = form.getAttribute("data-kb-part");
  var caseChoice = document.getElementById("kb-feedback-case");
  var STORAGE_KEY = part ? "kb-submit-draft-" + part : "kb-submit-draft";
  var pinyin = new window.KbSubmitId.Pinyin(data.pinyin);
  var judge = window.KbSubmitCheck.checker(data, window.KbJsonSchema.Validator, pinyin, part);
  var status = document.getElementById("kb-submit-status");
  var problemList = document.getElementById("kb-submit-problems");
  var preview = document.getElementById("kb-submit-preview");
  var touched = {};
  var showAll = false;
  var idEdited = false;

  /* --- lists: add, remove, renumber ------------------------------------------------------- */

  function listName(list) { return list.getAttribute("data-list"); }
  function domId(name) { return "f-" + name.replace(/\[/g, "-").replace(/\]/g, "").replace(/\./g, "-"); }

  function renumber(list) {
    var name = listName(list);
    var nameRe = new RegExp("^" + name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "\\[\\d+\\]");
    var idRe = new RegExp("(^|\\s)" + domId(name) + "-\\d+(?=-|\\s|$)", "g");
    items(list).forEach(function (item, index) {
      item.querySelectorAll("*").forEach(function (element) {
        ["name", "data-error-for", "data-definition-for", "data-figure-for", "data-field"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.replace(nameRe, name + "[" + index + "]"));
        });
        ["id", "for", "aria-describedby"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.replace(idRe, "$1" + domId(name) + "-" + index));
        });
        var label = element.getAttribute("data-item-label");
        if (label) element.textContent = label.replace("{n}", String(index + 1));
      });
      var remove = item.querySelector("[data-remove]");
      if (remove) remove.hidden = items(list).length < 2;
    });
  }

  function items(list) {
    return Array.prototype.slice.call(list.querySelector(".kb-list__items").children);
  }

  function addItem(list) {
    var first = items(list)[0];
    var copy = first.cloneNode(true);
    clearControls(copy);
    list.querySelector(".kb-list__items").appendChild(copy);
    renumber(list);
    return copy;
  }

  function clearControls(root) {
    root.querySelectorAll("input, select, textarea").forEach(function (control) {
      if (control.type === "checkbox") control.checked = false;
      else control.value = "";
      control.removeAttribute("aria-invalid");
    });
    root.querySelectorAll("[data-error-for]").forEach(function (error) { error.hidden = true; error.textContent = ""; });
    root.querySelectorAll("[data-definition-for]").forEach(function (note) { note.textContent = ""; });
  }

  function setCount(list, count) {
    while (items(list).length < Math.max(count, 1)) addItem(list);
    while (items(list).length > Math.max(count, 1)) items(list)[items(list).length - 1].remove();
    renumber(list);
  }

  /* --- reading the form into a case --------------------------------------------------------- */

  function controls() {
    return Array.prototype.slice.call(form.querySelectorAll("input[name], select[name], textarea[name]"));
  }


  function formValues() {
    var values = {};
    controls().forEach(function (control) {
      if (control.type === "checkbox") {
        values[control.name] = values[control.name] || [];
        if (control.checked) values[control.name].push(control.value);
      } else {
        values[control.name] = control.value;
      }
    });
    return values;
  }

  /* --- showing problems ---------------------------------------------------------------------- */

  function errorElement(name) {
    var found = null;
    form.querySelectorAll("[data-error-for]").forEach(function (element) {
      if (element.getAttribute("data-error-for") === name) found = element;
    });
    if (found) return found;
    var parent = name.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    return parent && parent !== name ? errorElement(parent) : null;
  }

  function controlFor(name) {
    return controls().filter(function (control) { return control.name === name; })[0] || null;
  }

  function describe(problem) {
    return problem.message + (problem.hint ? "（" + problem.hint + "）" : "");
  }

  function show(result) {
    var byElement = new Map();
    result.problems.forEach(function (problem) {
      if (!showAll && !touched[problem.name] && !touched[problem.name.replace(/(\.[^.[\]]+|\[\d+\])$/, "")]) return;
      var element = errorElement(problem.name);
      if (!element) return;
      if (!byElement.has(element)) byElement.set(element, []);
      byElement.get(element).push(describe(problem));
    });
    form.querySelectorAll("[data-error-for]").forEach(function (element) {
      var texts = byElement.get(element) || [];
      element.textContent = "";
      texts.filter(function (text, i) { return texts.indexOf(text) === i; }).forEach(function (text) {
        var line = document.createElement("span");
        line.className = "kb-field__message";
        line.textContent = text;
        element.appendChild(line);
      });
      element.hidden = !texts.length;
      var control = controlFor(element.getAttribute("data-error-for"));
      if (control) {
        if (texts.length) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    });
    form.querySelectorAll("[data-definition-for]").forEach(function (note) {
      var chosen = controlFor(note.getAttribute("data-definition-for"));
      var category = chosen && data.categories[chosen.value];
      note.textContent = category ? category.label + "：" + category.definition : "";
    });
    form.querySelectorAll("[data-figure-for]").forEach(function (note) {
      var name = note.getAttribute("data-figure-for");
      var keys = judge.pathOf(name);
      var index = (result.read.origin[keys[0]] || []).indexOf(keys[1]);
      var item = index >= 0 ? result.read.meta[keys[0]][index] : null;
      var base = note.getAttribute("data-figure-note") || "";
      note.textContent = item && item.as_stated && item.value && item.value.number
        ? "将写作 value: " + item.value.number + "，as_stated: " + item.as_stated : base;
    });
    preview.value = judge.caseFile(result.read, caseChoice && caseChoice.value);
  }

  function listAll(result) {
    problemList.textContent = "";
    result.problems.forEach(function (problem) {
      var item = document.createElement("li");
      var control = controlFor(problem.name);
      var target = control ? control.id : (errorElement(problem.name) || {}).id;
      var link = document.createElement("a");
      link.href = "#" + (target || "kb-submit");
      link.textContent = problem.name + "：" + describe(problem);
      item.appendChild(link);
      problemList.appendChild(item);
    });
    problemList.hidden = !result.problems.length;
  }

  /* Every output goes through here: with problems left, it is refused and they are listed. */
  function ready(action) {
    showAll = true;
    var result = judge.check(formValues());
    show(result);
    listAll(result);
    if (result.problems.length) {
      status.textContent = "还有 " + result.problems.length + " 个问题，改好后才能" + action + "。问题列在下面，也显示在各项旁边。";
      var first = controlFor(result.problems[0].name);
      if (first) first.focus();
      return null;
    }
    if (part && !(caseChoice && caseChoice.value)) {
      status.textContent = "请先选择用的是哪个案例，才能" + action + "。";
      if (caseChoice) caseChoice.focus();
      return null;
    }
    return { id: part ? caseChoice.value : result.read.meta.id, text: judge.caseFile(result.read, caseChoice && caseChoice.value) };
  }

  /* --- id, draft, outputs --------------------------------------------------------------- */

  function proposeId() {
    var id = controlFor("id");
    if (!id || idEdited) return;
    var value = function (name) { var control = controlFor(name); return control ? control.value.trim() : ""; };
    var topic = value("model") || value("title");
    id.value = value("region.province") && value("region.county") && topic
      ? pinyin.caseId(value("region.province"), value("region.county"), topic) : "";
  }

  function saveDraft() {
    var counts = {};
    form.querySelectorAll("[data-list]").forEach(function (list) { counts[listName(list)] = items(list).length; });
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ values: formValues(), counts: counts, idEdited: idEdited }));
    } catch (error) { /* storage full or blocked: the form still works */ }
  }

  function restoreDraft() {
    var draft;
    try { draft = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null"); } catch (error) { draft = null; }
    if (!draft || !draft.values) return false;
    form.querySelectorAll("[data-list]").forEach(function (list) { setCount(list, draft.counts[listName(list)] || 1); });
    controls().forEach(function (control) {
      var value = draft.values[control.name];
      if (value === undefined) return;
      if (control.type === "checkbox") control.checked = Array.isArray(value) && value.indexOf(control.value) >= 0;
      else control.value = value;
    });
    idEdited = !!draft.idEdited;
    return true;
  }

  function refresh() {
    proposeId();
    show(judge.check(formValues()));
    saveDraft();
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
  }

  function defaults() {
    var added = controlFor("added");
    if (added && !added.value) added.value = today();
    var state = controlFor("status");
    if (state && !state.value) state.value = "complete";
    var serial = controlFor("serial");  /* the next free case number (kb.model.numbers) */
    if (serial && !serial.value && data.nextNumber) serial.value = String(data.nextNumber);
    var used = controlFor(part + "[0].date");
    if (part && used && !used.value) used.value = today();
    if (caseChoice && !caseChoice.value) {
      var asked = new URLSearchParams(location.search).get("case");
      if (asked && caseChoice.querySelector('option[value="' + asked.replace(/[^a-z0-9-]/g, "") + '"]')) caseChoice.value = asked;
    }
  }

  function download() {
    var file = ready("下载");
    if (!file) return;
    var blob = new Blob([file.text], { type: part ? "text/yaml;charset=utf-8" : "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = part ? file.id + "-" + part + ".yml" : file.id + ".md";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    status.textContent = part
      ? "已下载 " + link.download + "。把其中的几行加到 cases/" + file.id + ".md，按贡献指南的说明发起拉取请求。"
      : "已下载 " + file.id + ".md。按贡献指南的说明把它提交到 cases/ 文件夹。";
  }

  function copy() {
    var file = ready("复制");
    if (!file) return;
    var done = function () { status.textContent = part ? "已复制要加到案例文件中的几行。" : "已复制案例文件的全部文字。"; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(file.text).then(done, function () { selectPreview(); });
    } else {
      selectPreview();
    }
  }

  function selectPreview() {
    preview.focus();
    preview.select();
    status.textContent = "浏览器不允许直接复制：预览框中的文字已全部选中，请按 Ctrl+C（手机上长按）复制。";
  }

  /* GitHub's new-file page, prefilled. Web servers refuse very long addresses, so a long case
     opens the page with the file name only and puts the text on the clipboard to paste. */
  var MAX_ADDRESS = 8000;

  function github(event) {
    var file = ready("提交");
    if (!file) { event.preventDefault(); return; }
    var page = data.newFileUrl + "?filename=" + encodeURIComponent(file.id + ".md");
    var full = page + "&value=" + encodeURIComponent(file.text);
    event.currentTarget.href = full.length <= MAX_ADDRESS ? full : page;
    if (full.length <= MAX_ADDRESS) {
      status.textContent = "已在新窗口打开 GitHub 的新建文件页面，内容已填好；按页面提示提交并发起拉取请求。";
    } else if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(file.text).then(function () {
        status.textContent = "案例较长，GitHub 页面只填好了文件名：内容已复制，请在打开的页面中粘贴。";
      }, selectPreview);
    } else {
      selectPreview();
    }
  }

  function clearAll() {
    if (!window.confirm("清空表单中填写的全部内容（包括保存在这台电脑上的草稿）？")) return;
    form.querySelectorAll("[data-list]").forEach(function (list) { setCount(list, 1); });
    clearControls(form);
    try { localStorage.removeItem(STORAGE_KEY); } catch (error) { /* blocked */ }
    idEdited = false;
    touched = {};
    showAll = false;
    problemList.hidden = true;
    defaults();
    show(judge.check(formValues()));
    status.textContent = "已清空。";
  }

  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add]");
    var remove = event.target.closest("[data-remove]");
    if (add) {
      var added = addItem(add.closest("[data-list]"));
      var first = added.querySelector("input, select, textarea");
      if (first) first.focus();
      refresh();
    } else if (remove) {
      var list = remove.closest("[data-list]");
      remove.closest("[data-item]").remove();
      renumber(list);
      var button = list.querySelector("[data-add]");
      if (button) button.focus();
      refresh();
    }
  });
  form.addEventListener("input", function (event) {
    if (event.target.name === "id") idEdited = event.target.value.trim() !== "";
    if (event.target.name) touched[event.target.name] = true;
    refresh();
  });
  form.addEventListener("change", function (event) {
    if (event.target.name) touched[event.target.name] = true;
    refresh();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  if (caseChoice) caseChoice.addEventListener("change", function () { show(judge.check(formValues())); });
  document.getElementById("kb-submit-download").addEventListener("click", download);
  document.getElementById("kb-submit-copy").addEventListener("click", copy);
  document.getElementById("kb-submit-clear").addEventListener("click", clearAll);
  var githubLink = document.getElementById("kb-submit-github");
  if (githubLink && data.newFileUrl) githubLink.addEventListener("click", github);

  form.querySelectorAll("[data-list]").forEach(renumber);
  var restored = restoreDraft();
  defaults();
  show(judge.check(formValues()));
  form.setAttribute("data-ready", "true");
  if (restored) status.textContent = "已恢复上次填写的草稿（保存在这台电脑的浏览器中）。";
})();
