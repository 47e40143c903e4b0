/* The 投稿 form (/submit/): reads the form into a case, checks it as `make validate` does, and
   writes the case file.

   Every input's name is the frontmatter path it fills (results[0].value); the four body
   sections are body.background … body.lessons. The page (kb.site.render.submit_page) and its
   data (assets/submit-data.js: the JSON Schema, field descriptions, problem wordings of
   kb.check.rules, categories, pinyin) are generated from the case model, so this file knows no
   field by heart beyond the figure rule (多/余 → as_stated) and the body sections.

   Structure is checked against the generated JSON Schema with the vendored
   @cfworker/json-schema (window.KbJsonSchema, no eval: the site's CSP forbids it); what a schema
   cannot say (placeholders, figures written as text, unsafe markup in the body, empty sections)
   is checked here. Every message is a template from the data, filled as the Python check fills it.
   The draft is kept in localStorage; nothing is sent anywhere. */
(function () {
  "use strict";

  var form = document.getElementById("kb-submit");
  var data = window.KB_SUBMIT_DATA;
  if (!form || !data || !window.KbJsonSchema || !window.KbSubmitId) return;

  var STORAGE_KEY = "kb-submit-draft";
  var validator = new window.KbJsonSchema.Validator(data.schema, "2020-12", false);
  var pinyin = new window.KbSubmitId.Pinyin(data.pinyin);
  var status = document.getElementById("kb-submit-status");
  var problemList = document.getElementById("kb-submit-problems");
  var preview = document.getElementById("kb-submit-preview");
  var touched = {};
  var showAll = false;
  var idEdited = false;

  /* --- messages: the templates of kb.check.rules.MESSAGES, filled like str.format ---------- */

  function say(key, params) {
    var pair = data.messages[key];
    var fill = function (template) {
      return template.replace(/\{(\w+)\}/g, function (whole, name) {
        return params && name in params ? String(params[name]) : whole;
      });
    };
    return { message: fill(pair[0]), hint: fill(pair[1]) };
  }

  function shortValue(value) {
    var text = String(value);
    return Array.from(text).length <= 30 ? text : Array.from(text).slice(0, 30).join("") + "…";
  }

  function spec(path) {
    /* "practices[0].name" -> the field description of practices.name */
    return data.fields[path.replace(/\[\d+\]/g, "")] || data.fields[path.split(".").pop()] || null;
  }

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

  function pathOf(name) {
    /* "results[0].value" -> ["results", 0, "value"] */
    var keys = [];
    name.replace(/([^.[\]]+)|\[(\d+)\]/g, function (whole, key, index) {
      keys.push(index === undefined ? key : Number(index));
    });
    return keys;
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

  /* Figures: "50" is 50; "50多" or "50多万元" (the unit repeated) is 50 with as_stated 50多万元. */
  /* The patterns kb.check.values judges figures by (data.figurePatterns); FIGURE is the form's own. */
  var DIGITS = new RegExp(data.figurePatterns.digits);
  var FIGURE = /^\s*(\d+(?:\.\d+)?)\s*([多余])?\s*(.*?)\s*$/;
  var WITH_UNIT = new RegExp(data.figurePatterns.withUnit);
  var CHINESE_NUMERAL = new RegExp(data.figurePatterns.chineseNumeral);

  function numberText(digits) {
    /* YAML reads 007 as octal and 08 as text: drop leading zeros, keep the digits as typed. */
    return digits.replace(/^0+(?=\d)/, "");
  }

  function readFigure(text, unit, field) {
    var fieldName = field.name;
    var match = FIGURE.exec(text);
    if (DIGITS.test(text)) return { number: numberText(text.trim()) };
    if (match && fieldName === "value" && (match[3] === "" || match[3] === unit.trim()) && (match[2] || match[3])) {
      var figure = { number: numberText(match[1]) };
      if (match[2]) figure.asStated = match[1] + match[2] + unit.trim();
      return figure;
    }
    var trimmed = text.trim();
    var withUnit = WITH_UNIT.exec(trimmed);
    if (withUnit) {
      var unitHint = fieldName === "value" ? say("number-with-unit.value", { unit: withUnit[2] }).message
        : say("number-with-unit.other").message;
      return { problem: ["number-with-unit", say("number-with-unit", { text: trimmed, number: withUnit[1], unit_hint: unitHint })] };
    }
    if (CHINESE_NUMERAL.test(trimmed)) {
      var asStatedHint = fieldName === "value" ? say("number-in-chinese.value").message : "";
      return { problem: ["number-in-chinese", say("number-in-chinese", { text: trimmed, as_stated_hint: asStatedHint })] };
    }
    return { problem: ["wrong-type", say("wrong-type", { kind: data.kindLabels.number, value: shortValue(trimmed),
                                                         hint: field.typeHint })] };
  }

  /* The case as the file will hold it, the body sections, where each list item came from in the
     form (empty items are left out), and the problems found while reading. */
  function readCase() {
    var values = formValues();
    var meta = {};
    var origin = {};
    var problems = [];
    var rows = {};
    Object.keys(values).forEach(function (name) {
      if (name.indexOf("body.") === 0) return;
      var keys = pathOf(name);
      var value = values[name];
      var empty = Array.isArray(value) ? value.length === 0 : value.trim() === "";
      if (empty) return;
      var top = keys[0];
      if (typeof keys[1] === "number") {
        rows[top] = rows[top] || {};
        rows[top][keys[1]] = rows[top][keys[1]] || {};
        if (keys.length === 2) rows[top][keys[1]] = { line: { value: value, name: name } };
        else rows[top][keys[1]][keys[2]] = { value: value, name: name };
      } else if (keys.length === 2) {
        meta[top] = meta[top] || {};
        meta[top][keys[1]] = typed(keys[1], value, name, values, problems);
      } else {
        meta[top] = typed(top, value, name, values, problems);
      }
    });
    Object.keys(data.schema.properties).forEach(function (key) {
      var prop = data.schema.properties[key];
      if (prop.type === "object" && !(key in meta) && (data.schema.required || []).indexOf(key) >= 0) meta[key] = {};
      if (prop.type !== "array") return;
      var found = rows[key] || {};
      var indexes = Object.keys(found).map(Number).sort(function (a, b) { return a - b; });
      origin[key] = indexes;
      if (!indexes.length) {
        if ((data.schema.required || []).indexOf(key) >= 0) meta[key] = [];
        return;
      }
      meta[key] = indexes.map(function (index) {
        var row = found[index];
        if (row.line) return row.line.value.trim();
        var item = {};
        Object.keys(row).forEach(function (sub) {
          item[sub] = typed(sub, row[sub].value, row[sub].name, values, problems);
        });
        if (key === "results" && item.value && typeof item.value === "object") {
          if (item.value.asStated && !item.as_stated) item.as_stated = item.value.asStated;
          item.value = { number: item.value.number };
        }
        return orderedLike(data.schema.properties[key].items.properties, item);
      });
    });
    var body = {};
    Object.keys(data.sections).forEach(function (key) {
      body[key] = (values["body." + key] || "").replace(/\r\n?/g, "\n").replace(/\s+$/, "");
    });
    return { meta: orderedLike(data.schema.properties, meta), body: body, origin: origin, problems: problems };
  }

  function orderedLike(properties, object) {
    var ordered = {};
    Object.keys(properties).forEach(function (key) { if (key in object) ordered[key] = object[key]; });
    Object.keys(object).forEach(function (key) { if (!(key in ordered)) ordered[key] = object[key]; });
    return ordered;
  }

  function typed(key, value, name, values, problems) {
    if (Array.isArray(value)) return value;
    var field = spec(name);
    if (!field || field.kind !== "number") return value.trim();
    var unitName = name.replace(/\.value$/, ".unit");
    var figure = readFigure(value, unitName !== name ? (values[unitName] || "") : "", field);
    if (figure.problem) {
      problems.push({ name: name, code: figure.problem[0], message: figure.problem[1].message, hint: figure.problem[1].hint });
      return value.trim();
    }
    if (field.name === "value") return { number: figure.number, asStated: figure.asStated };
    return { number: figure.number };
  }

  /* --- checking: the schema first, then what the schema cannot say -------------------------- */

  function formName(location, origin) {
    /* "#/results/1/value" -> "results[<form index>].value" */
    var keys = location.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
    var name = "";
    keys.forEach(function (key, position) {
      if (/^\d+$/.test(key)) {
        var list = keys[position - 1];
        var index = origin[list] && position === 1 ? origin[list][Number(key)] : Number(key);
        name += "[" + index + "]";
      } else {
        name += (name ? "." : "") + key;
      }
    });
    return name;
  }

  function schemaProblems(meta, origin) {
    var plain = JSON.parse(JSON.stringify(meta, function (key, value) {
      return value && typeof value === "object" && "number" in value && !Array.isArray(value) ? Number(value.number) : value;
    }));
    var problems = [];
    validator.validate(plain).errors.forEach(function (error) {
      var name = formName(error.instanceLocation, origin);
      var last = name.split(".").pop().replace(/\[\d+\]$/, "");
      var value = valueAt(plain, error.instanceLocation);
      var said;
      var code = error.keyword;
      if (error.keyword === "required") {
        var missing = /"([^"]+)"/.exec(error.error)[1];
        name = (name ? name + "." : "") + missing;
        var field = spec(name) || { name: missing, description: "", example: "" };
        var example = field.example ? say("missing-field.example", { name: missing, example: field.example }).message : "";
        code = "missing-field";
        said = say("missing-field", { name: missing, description: field.description, example: example });
      } else if (error.keyword === "enum") {
        if (/also\[\d+\]$/.test(name) || last === "category") {
          code = "unknown-category";
          said = say("unknown-category", { key: value, suggestion: suggestion(value, data.categories, "可用：") });
        } else if (last === "province") {
          code = "unknown-province";
          said = say("unknown-province", { province: value, suggestion: suggestion(value, data.provinces, "请写完整名称，如：") });
        } else if (last === "status") {
          code = "unknown-status";
          said = say("unknown-status", { status: value, suggestion: "可选：" + data.schema.properties.status.enum.join("、") });
        } else if (/^tags\[\d+\]$/.test(name)) {
          code = "unknown-tag";
          said = say("unknown-tag", { tag: value, suggestion: "可用：" + data.schema.properties.tags.items.enum.join("、") });
        }
      } else if (error.keyword === "type") {
        var typeSpec = spec(name) || { kind: "string", typeHint: "" };
        code = "wrong-type";
        said = say("wrong-type", { kind: data.kindLabels[typeSpec.kind], value: shortValue(value), hint: typeSpec.typeHint });
      } else if (error.keyword === "pattern" && name === "id") {
        code = "bad-id";
        said = say("bad-id", { id: value });
      } else if (error.keyword === "maxItems") {
        code = "too-many-categories";
        said = say("too-many-categories", { count: value.length });
      } else if (error.keyword === "format") {
        code = "invalid-date";
        said = say("invalid-date", { text: value });
      }
      if (said) problems.push({ name: name, code: code, message: said.message, hint: said.hint });
    });
    return problems;
  }

  function valueAt(object, location) {
    return location.replace(/^#\/?/, "").split("/").filter(Boolean).reduce(function (value, key) {
      return value == null ? value : value[decodeURIComponent(key)];
    }, object);
  }

  function suggestion(value, choices, lead) {
    /* kb.check.validate._suggest, without difflib: an exact label names its key, else the list */
    var keys = Object.keys(choices);
    for (var i = 0; i < keys.length; i++) {
      var label = choices[keys[i]] && choices[keys[i]].label;
      if (label === value) return say("suggest.close", { key: keys[i] }).message;
    }
    return lead + keys.join("、");
  }

  function idProblems(id) {
    if (!id) return [];
    if (!/^[\x00-\x7f]*$/.test(id)) {
      return [{ name: "id", code: "id-not-ascii", message: say("id-not-ascii", { id: id, slug: pinyin.slug(id) }).message,
                hint: say("id-not-ascii", { id: id, slug: pinyin.slug(id) }).hint }];
    }
    if (id !== id.toLowerCase()) {
      var upper = say("id-uppercase", { id: id, lower: id.toLowerCase() });
      return [{ name: "id", code: "id-uppercase", message: upper.message, hint: upper.hint }];
    }
    return [];
  }

  function placeholderProblems(meta, origin) {
    var problems = [];
    var walk = function (value, location) {
      if (typeof value === "string" && value.indexOf(data.placeholder) >= 0) {
        var said = say("unfilled-placeholder", { placeholder: data.placeholder });
        problems.push({ name: formName(location, origin), code: "unfilled-placeholder", message: said.message, hint: said.hint });
      } else if (value && typeof value === "object" && !("number" in value && !Array.isArray(value))) {
        Object.keys(value).forEach(function (key) { walk(value[key], location + "/" + key); });
      }
    };
    walk(meta, "#");
    return problems;
  }

  var UNSAFE_SCHEME = /^(?:javascript|vbscript|data):/i;
  var CODE_SPAN = /(`+)[^`][\s\S]*?\1(?!`)/g;

  function bodyProblems(body, incomplete) {
    var problems = [];
    var add = function (key, code, said) {
      var name = "body." + key;
      if (!problems.some(function (p) { return p.name === name && p.message === said.message; })) {
        problems.push({ name: name, code: code, message: said.message, hint: said.hint });
      }
    };
    Object.keys(data.sections).forEach(function (key) {
      var text = body[key];
      var markup = text.replace(CODE_SPAN, "");  /* Markdown shows code spans as text */
      if (!text.trim() && !incomplete) add(key, "empty-section", say("empty-section", { heading: data.sections[key] }));
      text.split("\n").forEach(function (line) {
        if (line.indexOf(data.placeholder) >= 0) {
          add(key, "unfilled-placeholder", say("unfilled-placeholder.body", { placeholder: data.placeholder }));
        }
      });
      /* kb.check.markup judges the rendered HTML; these patterns find the same tags, on… attributes and URLs */
      data.unsafeTags.forEach(function (tag) {
        if (new RegExp("<\\s*" + tag + "\\b", "i").test(markup)) add(key, "unsafe-html-tag", say("unsafe-html-tag", { tag: tag }));
      });
      (markup.match(/<[a-z][^>]*>/gi) || []).forEach(function (element) {
        (element.match(/\s(on[a-z]+)\s*=/gi) || []).forEach(function (attribute) {
          var attributeName = attribute.trim().replace(/\s*=$/, "").toLowerCase();
          add(key, "unsafe-html-attribute", say("unsafe-html-attribute", { name: attributeName }));
        });
      });
      urls(markup).forEach(function (found) {
        if (UNSAFE_SCHEME.test(found.url.replace(/[\x00-\x20]+/g, ""))) {
          add(key, "unsafe-url", say("unsafe-url", { what: found.image ? "图片" : "链接", url: shortValue(found.url) }));
        }
      });
    });
    return problems;
  }

  /* The target of a Markdown link starting at ``start``: <…>, or up to the space or the ")"
     that closes the link, with balanced parentheses inside, as Python-Markdown reads it. */
  function linkTarget(text, start) {
    if (text[start] === "<") {
      var close = text.indexOf(">", start);
      return close < 0 ? "" : text.slice(start + 1, close);
    }
    var depth = 0;
    for (var i = start; i < text.length; i++) {
      var character = text[i];
      if (/\s/.test(character)) return text.slice(start, i);
      if (character === "(") depth += 1;
      if (character === ")") {
        if (depth === 0) return text.slice(start, i);
        depth -= 1;
      }
    }
    return text.slice(start);
  }

  function urls(text) {
    var found = [];
    var markdown = /(!?)\[[^\]]*\]\(\s*/g;
    var html = /<(a|img)\b[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
    var match;
    while ((match = markdown.exec(text))) found.push({ image: match[1] === "!", url: linkTarget(text, markdown.lastIndex) });
    while ((match = html.exec(text))) found.push({ image: match[1].toLowerCase() === "img", url: match[2] || match[3] || match[4] || "" });
    return found;
  }

  function listProblems(meta) {
    var problems = [];
    Object.keys(data.schema.properties).forEach(function (key) {
      var field = data.fields[key];
      if (data.schema.properties[key].type !== "array" || !field) return;
      if ((data.schema.required || []).indexOf(key) >= 0 && key !== "lessons" && Array.isArray(meta[key]) && !meta[key].length) {
        var said = say("empty-list", { description: field.description });
        problems.push({ name: key, code: "empty-list", message: said.message, hint: said.hint });
      }
    });
    if (meta.status === "incomplete" && !meta.incomplete_note) {
      var note = say("missing-incomplete-note");
      problems.push({ name: "incomplete_note", code: "missing-incomplete-note", message: note.message, hint: note.hint });
    }
    /* source.rights: required for a complete case; an authorisation names who gave it and when (kb.check.trust_rules) */
    var source = meta.source || {};
    if (meta.status === "complete" && !source.rights) {
      var rights = say("missing-rights", { choices: data.rightsChoices });
      problems.push({ name: "source.rights", code: "missing-rights", message: rights.message, hint: rights.hint });
    }
    var missing = ["rights_by", "rights_date"].filter(function (name) { return !source[name]; });
    if (source.rights === data.grantedRights && missing.length) {
      var grant = say("missing-rights-grant", { missing: missing.join("、") });
      problems.push({ name: "source.rights", code: "missing-rights-grant", message: grant.message, hint: grant.hint });
    }
    return problems;
  }

  function check() {
    var read = readCase();
    var problems = read.problems
      .concat(idProblems(read.meta.id || ""))
      .concat(schemaProblems(read.meta, read.origin).filter(function (problem) {
        /* a figure that could not be read is reported once, as the validator reports it */
        return !read.problems.some(function (other) { return other.name === problem.name; })
          && !(problem.name === "id" && read.meta.id && !/^[\x00-\x7f]*$/.test(read.meta.id));
      }))
      .concat(listProblems(read.meta))
      .concat(placeholderProblems(read.meta, read.origin))
      .concat(bodyProblems(read.body, read.meta.status === "incomplete"));
    return { read: read, problems: problems };
  }

  /* --- the case file ----------------------------------------------------------------------- */

  /* A YAML double-quoted scalar (JSON's escapes are YAML's), with what PyYAML refuses to read
     (control characters, line breaks YAML would fold, non-characters) escaped; a value that starts like "title：" has its first letter
     escaped, so that as a list item it cannot look like a key to the typing checks (kb.check.lint). */
  var KEY_LIKE = new RegExp(data.keyLike);  /* kb.check.lint's key pattern */

  function yamlString(text) {
    var quoted = JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
    return KEY_LIKE.test(text) ? quoted.replace(/^"([A-Za-z_])/, function (whole, letter) {
      return "\"\\u00" + letter.charCodeAt(0).toString(16);
    }) : quoted;
  }

  function scalar(key, value) {
    if (value && typeof value === "object" && "number" in value) return value.number;
    var prop = data.fields[key];
    if (prop && prop.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    return yamlString(String(value));
  }

  function yamlLines(key, value, indent, path) {
    var pad = new Array(indent + 1).join(" ");
    var dotted = path ? path + "." + key : key;
    if (Array.isArray(value)) {
      if (!value.length) return [pad + key + ": []"];
      var lines = [pad + key + ":"];
      value.forEach(function (item) {
        if (item && typeof item === "object" && !("number" in item)) {
          var sub = [];
          Object.keys(item).forEach(function (subKey) { sub = sub.concat(yamlLines(subKey, item[subKey], indent + 4, key)); });
          sub[0] = pad + "  - " + sub[0].slice(indent + 4);
          lines = lines.concat(sub);
        } else {
          lines.push(pad + "  - " + scalar(dotted, item));
        }
      });
      return lines;
    }
    if (value && typeof value === "object" && !("number" in value)) {
      if (!Object.keys(value).length) return [pad + key + ": {}"];
      var mapping = [pad + key + ":"];
      Object.keys(value).forEach(function (subKey) { mapping = mapping.concat(yamlLines(subKey, value[subKey], indent + 2, key)); });
      return mapping;
    }
    return [pad + key + ": " + scalar(dotted, value)];
  }

  function caseFile(read) {
    var lines = ["---", "# yaml-language-server: $schema=../schema/case.schema.json",
                 "# 用案例库网站的投稿表单写成；提交前可在自己电脑上运行 make validate 检查。"];
    Object.keys(read.meta).forEach(function (key) { lines = lines.concat(yamlLines(key, read.meta[key], 0, "")); });
    lines.push("---", "");
    Object.keys(data.sections).forEach(function (key) {
      lines.push("## " + data.sections[key], "");
      if (read.body[key]) lines.push(read.body[key], "");
    });
    return lines.join("\n").replace(/\n+$/, "") + "\n";
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
      var keys = pathOf(name);
      var index = (result.read.origin[keys[0]] || []).indexOf(keys[1]);
      var item = index >= 0 ? result.read.meta[keys[0]][index] : null;
      var base = note.getAttribute("data-figure-note") || "";
      note.textContent = item && item.as_stated && item.value && item.value.number
        ? "将写作 value: " + item.value.number + "，as_stated: " + item.as_stated : base;
    });
    preview.value = caseFile(result.read);
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
    var result = check();
    show(result);
    listAll(result);
    if (result.problems.length) {
      status.textContent = "还有 " + result.problems.length + " 个问题，改好后才能" + action + "。问题列在下面，也显示在各项旁边。";
      var first = controlFor(result.problems[0].name);
      if (first) first.focus();
      return null;
    }
    return { id: result.read.meta.id, text: caseFile(result.read) };
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
    show(check());
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
  }

  function download() {
    var file = ready("下载");
    if (!file) return;
    var blob = new Blob([file.text], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = file.id + ".md";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    status.textContent = "已下载 " + file.id + ".md。按贡献指南的说明把它提交到 cases/ 文件夹。";
  }

  function copy() {
    var file = ready("复制");
    if (!file) return;
    var done = function () { status.textContent = "已复制案例文件的全部文字。"; };
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
    show(check());
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
  document.getElementById("kb-submit-download").addEventListener("click", download);
  document.getElementById("kb-submit-copy").addEventListener("click", copy);
  document.getElementById("kb-submit-clear").addEventListener("click", clearAll);
  var githubLink = document.getElementById("kb-submit-github");
  if (githubLink && data.newFileUrl) githubLink.addEventListener("click", github);

  form.querySelectorAll("[data-list]").forEach(renumber);
  var restored = restoreDraft();
  defaults();
  show(check());
  form.setAttribute("data-ready", "true");
  if (restored) status.textContent = "已恢复上次填写的草稿（保存在这台电脑的浏览器中）。";
})();
