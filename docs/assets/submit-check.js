/* The 投稿 form's judgement, apart from the page: reads the form's values into a case, checks
   it as `make validate` does, and writes the case file. submit-form.js does the page (lists,
   messages beside the fields, the draft, the outputs); this file touches no document, so Node
   loads it as it is and runs it on every broken example of tests/fixtures/invalid/, which the
   Python validator is run on too (kb.site.browser_contract, tests/js/contracts.test.mjs).

   ``values``: the form's values by input name, as the page holds them: "results[0].value" →
   the text typed, a checkbox group's name → the values ticked; "body.background" … the body
   sections. Every input's name is the frontmatter path it fills; the data (assets/submit-data.js:
   the JSON Schema, field descriptions, problem wordings of kb.check.rules, categories) is
   generated from the case model, so this file knows no field by heart beyond the figure rule
   (多/余 → as_stated) and the body sections.

   Structure is checked against the generated JSON Schema with the vendored
   @cfworker/json-schema (no eval: the site's CSP forbids it); what a schema cannot say
   (placeholders, figures written as text, unsafe markup in the body, empty sections) is checked
   here. Every message is a template from the data, filled as the Python check fills it. */
(function (root) {
  "use strict";

  /* data: window.KB_SUBMIT_DATA; Validator: KbJsonSchema.Validator; pinyin: a KbSubmitId.Pinyin;
     part: one field of a case file (the 使用反馈 form's "uses"), judged alone and written as the
     lines to add to a case file, or nothing for a whole case. */
  function checker(data, Validator, pinyin, part) {
    var schema = data.schema;
    if (part) {
      var only = {};
      only[part] = data.schema.properties[part];
      schema = { type: "object", properties: only, required: [part], additionalProperties: false };
    }
    var validator = new Validator(schema, "2020-12", false);

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

    /* --- reading the values into the case the file will hold ---------------------------------- */

    function pathOf(name) {
      /* "results[0].value" -> ["results", 0, "value"] */
      var keys = [];
      name.replace(/([^.[\]]+)|\[(\d+)\]/g, function (whole, key, index) {
        keys.push(index === undefined ? key : Number(index));
      });
      return keys;
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
    function readCase(values) {
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
      Object.keys(schema.properties).forEach(function (key) {
        var prop = schema.properties[key];
        if (prop.type === "object" && !(key in meta) && (schema.required || []).indexOf(key) >= 0) meta[key] = {};
        if (prop.type !== "array") return;
        if (Array.isArray(meta[key])) return;  /* a group of checkboxes: read whole */
        var found = rows[key] || {};
        var indexes = Object.keys(found).map(Number).sort(function (a, b) { return a - b; });
        origin[key] = indexes;
        if (!indexes.length) {
          if ((schema.required || []).indexOf(key) >= 0) meta[key] = [];
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
          return orderedLike(schema.properties[key].items.properties, item);
        });
      });
      var body = {};
      Object.keys(data.sections).forEach(function (key) {
        body[key] = (values["body." + key] || "").replace(/\r\n?/g, "\n").replace(/\s+$/, "");
      });
      return { meta: orderedLike(schema.properties, meta), body: body, origin: origin, problems: problems };
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
            said = say("unknown-status", { status: value, suggestion: "可选：" + schema.properties.status.enum.join("、") });
          } else if (last === "rights") {
            code = "unknown-rights";
            said = say("unknown-rights", { rights: value, choices: data.rightsChoices });
          } else if (last === "evidence") {
            code = "unknown-evidence";
            said = say("unknown-evidence", { evidence: value, suggestion: evidenceSuggestion(value) });
          } else if (/^tags\[\d+\]$/.test(name)) {
            code = "unknown-tag";
            said = say("unknown-tag", { tag: value, suggestion: "可用：" + schema.properties.tags.items.enum.join("、") });
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

    function evidenceSuggestion(value) {
      /* kb.check.validate.check_evidence: a label names its key, else the list */
      var labels = data.evidence || {};
      var keys = Object.keys(labels);
      for (var i = 0; i < keys.length; i++) {
        if (labels[keys[i]] === value) return say("unknown-evidence.label", { evidence: value, key: keys[i] }).message;
      }
      return "可用：" + keys.join("、");
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
      if (data.reservedIds.indexOf(id) >= 0) {
        var reserved = say("reserved-id", { id: id });
        return [{ name: "id", code: "reserved-id", message: reserved.message, hint: reserved.hint }];
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
          var url = found.url.trim();
          if (UNSAFE_SCHEME.test(url.replace(/[\x00-\x20]+/g, ""))) {
            add(key, "unsafe-url", say("unsafe-url", { what: found.image ? "图片" : "链接", url: shortValue(url) }));
          } else if (found.image && (SCHEME.test(url) || url.indexOf("//") === 0)) {
            add(key, "external-image", say("external-image", { url: shortValue(url) }));
          } else if (!found.image && /^[\/\\]/.test(url)) {
            add(key, "unrecognized-link", say("unrecognized-link", { url: shortValue(url), first: url[0] }));
          } else if (!found.image && url && !SCHEME.test(url) && url[0] !== "#" && !/\.[^\/.?#]+(?:[?#]|$)/.test(url)) {
            var noFile = say("unrecognized-link.no-file", { url: shortValue(url) });
            add(key, "unrecognized-link", { message: noFile.message, hint: say("unrecognized-link", { url: "", first: "" }).hint });
          }
        });
        attributeLists(text.replace(CODE_SPAN, "``")).forEach(function (braces) {  /* a code span's end counts */
          var handlers = braces.match(/(?:^|[\s{:])(on[a-z]+)\s*=/i);
          if (handlers) add(key, "unsafe-html-attribute", say("unsafe-html-attribute", { name: handlers[1].toLowerCase() }));
          else add(key, "attribute-list", say("attribute-list"));
        });
      });
      return problems;
    }

    var SCHEME = /^[a-z][a-z0-9+.\-]*:/i;

    /* ``{ … }`` that Python-Markdown's attr_list takes as attributes (kb.check.markup compares the page
       with and without it): at the end of a heading or a table cell; alone on the last line of a
       paragraph; right after a link, an image, emphasis or code. Braces inside a sentence are text. */
    var ATTRIBUTES = "\\{:?[ ]*[^}\\n ][^}\\n]*[ ]*\\}";
    var HEADING_ATTRIBUTES = new RegExp("^#{1,6}[ \\t].*?[ ]+(" + ATTRIBUTES + ")[ ]*$");
    var LAST_LINE_ATTRIBUTES = new RegExp("\\n[ ]*(" + ATTRIBUTES + ")[ ]*$");
    var CELL_ATTRIBUTES = new RegExp("[ ]+(" + ATTRIBUTES + ")[ ]*$");
    var TABLE_RULE = /^[ \t]*\|?[ \t]*:?-{3,}/m;
    var AFTER_INLINE_ATTRIBUTES = new RegExp("(?:\\]\\([^)\\n]*\\)|[*_`])(" + ATTRIBUTES + ")", "g");

    function attributeLists(text) {
      var found = [];
      text.split(/\n[ \t]*\n/).forEach(function (block) {
        if (TABLE_RULE.test(block)) {  /* a table: at the end of a cell, as at the end of a heading */
          block.split("\n").forEach(function (row) {
            row.split("|").forEach(function (cell) {
              var end = CELL_ATTRIBUTES.exec(cell);
              if (end) found.push(end[1]);
            });
          });
          return;
        }
        var heading = HEADING_ATTRIBUTES.exec(block);
        if (heading) found.push(heading[1]);
        var last = LAST_LINE_ATTRIBUTES.exec(block);
        if (last && !heading) found.push(last[1]);
        var match;
        AFTER_INLINE_ATTRIBUTES.lastIndex = 0;
        while ((match = AFTER_INLINE_ATTRIBUTES.exec(block))) found.push(match[1]);
      });
      return found;
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
      Object.keys(schema.properties).forEach(function (key) {
        var field = data.fields[key];
        if (schema.properties[key].type !== "array" || !field) return;
        if ((schema.required || []).indexOf(key) >= 0 && key !== "lessons" && Array.isArray(meta[key]) && !meta[key].length) {
          var said = say("empty-list", { description: field.description });
          problems.push({ name: key, code: "empty-list", message: said.message, hint: said.hint });
        }
      });
      var questions = meta.discussion_questions;
      if (Array.isArray(questions) && questions.length
          && (questions.length < data.questionCount[0] || questions.length > data.questionCount[1])) {
        var count = say("question-count", { count: questions.length, least: data.questionCount[0], most: data.questionCount[1] });
        problems.push({ name: "discussion_questions", code: "question-count", message: count.message, hint: count.hint });
      }
      if (meta.status === "incomplete" && !meta.incomplete_note) {
        var note = say("missing-incomplete-note");
        problems.push({ name: "incomplete_note", code: "missing-incomplete-note", message: note.message, hint: note.hint });
      }
      /* source.rights: required for a complete case; an authorisation names who gave it and when (kb.check.trust_rules) */
      var source = meta.source || {};
      if (!part && meta.status === "complete" && !source.rights) {
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

    function check(values) {
      var read = readCase(values);
      var problems = read.problems
        .concat(part ? [] : idProblems(read.meta.id || ""))
        .concat(schemaProblems(read.meta, read.origin).filter(function (problem) {
          /* a figure that could not be read is reported once, as the validator reports it */
          return !read.problems.some(function (other) { return other.name === problem.name; })
            && !(problem.name === "id" && idProblems(read.meta.id || "").length);  /* the validator says one thing of an id */
        }))
        .concat(listProblems(read.meta))
        .concat(placeholderProblems(read.meta, read.origin))
        .concat(part ? [] : bodyProblems(read.body, read.meta.status === "incomplete"));
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

    /* ``chosen``: for a part, the id of the case file its lines go to */
    function caseFile(read, chosen) {
      if (part) return partLines(read, chosen || "<案例编号>");
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

    /* The feedback form's output: the entry to add under the field in the chosen case file. */
    function partLines(read, chosen) {
      var lines = ["# 把下面几行加到 cases/" + chosen + ".md 的案例信息中（两行 --- 之间）；",
                   "# 文件中已有 " + part + ": 时，只把“  - ”开头的各项接在已有的各项后面。"];
      Object.keys(read.meta).forEach(function (key) { lines = lines.concat(yamlLines(key, read.meta[key], 0, "")); });
      return lines.join("\n") + "\n";
    }

    return { say: say, spec: spec, pathOf: pathOf, read: readCase, check: check, caseFile: caseFile };
  }

  root.KbSubmitCheck = { checker: checker };
  if (typeof module === "object" && module.exports) module.exports = root.KbSubmitCheck;  // Node: tests/js/
})(typeof window !== "undefined" ? window : globalThis);
