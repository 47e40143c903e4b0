/* The case id the 投稿 form proposes, by the rule of `make new` (scripts/kb/model/ids.py):
   province slug - county slug - up to four words of the model name, in pinyin.

   The Python side segments with jieba and reads with pypinyin; this file applies the
   cut-down data the build writes into submit-data.js (kb.site.render.submit_pinyin) in the
   same way: jieba's most probable route through its dictionary, pypinyin's phrase readings
   over the characters' default ones. Leftover single characters, which jieba's HMM joins,
   are joined in pairs. The id field stays editable. */
(function (root) {
  "use strict";

  /* The patterns come from jieba and kb.model.ids, in the data (data.patterns): no copies here. */
  function Pinyin(data) {
    var patterns = data.patterns;
    this.hanBlock = new RegExp(patterns.hanBlock);            // with its group: split keeps the blocks
    this.han = new RegExp("^(?:" + patterns.han + ")$");
    this.unknownRuns = new RegExp(patterns.han + "|" + patterns.skip + "|[^]", "g");
    this.nonId = new RegExp(patterns.nonId);
    var reading = {};
    Object.keys(data.chars).forEach(function (syllable) {
      Array.from(data.chars[syllable]).forEach(function (character) { reading[character] = syllable; });
    });
    var logFrequency = {};
    Object.keys(data.words).forEach(function (log) {
      data.words[log].split(" ").forEach(function (word) { logFrequency[word] = parseFloat(log); });
    });
    var prefixes = {};
    Object.keys(logFrequency).forEach(function (word) {
      for (var end = 1; end < word.length; end++) {
        var prefix = word.slice(0, end);
        if (!(prefix in prefixes)) prefixes[prefix] = true;
      }
    });
    var longestPhrase = Object.keys(data.phrases).reduce(function (most, phrase) {
      return Math.max(most, phrase.length);
    }, 1);
    this.data = data;
    this.reading = reading;
    this.logFrequency = logFrequency;
    this.prefixes = prefixes;
    this.longestPhrase = longestPhrase;
  }

  /* ln(frequency) of a dictionary word; 0 (jieba's "or 1") for any other text. */
  Pinyin.prototype.known = function (word) {
    return Object.prototype.hasOwnProperty.call(this.logFrequency, word);
  };

  /* jieba.cut(text): Han blocks by the dictionary route; everything else character by character. */
  Pinyin.prototype.cut = function (text) {
    var self = this;
    var words = [];
    text.split(this.hanBlock).forEach(function (block) {
      if (!block) return;
      if (self.hanBlock.test(block) && block.match(self.hanBlock)[0] === block) {
        words.push.apply(words, self.cutBlock(block));
      } else {
        Array.from(block).forEach(function (character) { words.push(character); });
      }
    });
    return words;
  };

  Pinyin.prototype.cutBlock = function (block) {
    var self = this;
    var n = block.length;
    var dag = [];
    for (var k = 0; k < n; k++) {
      var ends = [];
      for (var i = k; i < n; i++) {
        var fragment = block.slice(k, i + 1);
        if (self.known(fragment)) ends.push(i);
        else if (!self.prefixes[fragment]) break;
      }
      dag.push(ends.length ? ends : [k]);
    }
    var route = new Array(n + 1);
    route[n] = [0, 0];
    for (var index = n - 1; index >= 0; index--) {
      var best = null;
      dag[index].forEach(function (end) {
        var word = block.slice(index, end + 1);
        var score = (self.known(word) ? self.logFrequency[word] : 0) - self.data.logTotal + route[end + 1][0];
        if (best === null || score > best[0] || (score === best[0] && end > best[1])) best = [score, end];
      });
      route[index] = best;
    }
    var words = [];
    var buffer = "";
    var flush = function () {
      if (buffer.length === 1 || self.known(buffer)) words.push.apply(words, Array.from(buffer));
      else if (buffer) words.push.apply(words, self.unknown(buffer));
      buffer = "";
    };
    for (var x = 0; x < n;) {
      var y = route[x][1] + 1;
      if (y - x === 1) buffer += block.slice(x, y);
      else { flush(); words.push(block.slice(x, y)); }
      x = y;
    }
    flush();
    return words;
  };

  /* Characters jieba's HMM would join: Han runs in pairs, letter and digit runs whole. */
  Pinyin.prototype.unknown = function (text) {
    var self = this;
    var words = [];
    (text.match(this.unknownRuns) || []).forEach(function (run) {
      if (!self.han.test(run)) { words.push(run); return; }
      for (var i = 0; i < run.length; i += 2) words.push(run.slice(i, i + 2));
    });
    return words;
  };

  /* "".join(lazy_pinyin(word)): pypinyin's phrases by longest match, else each character's reading. */
  Pinyin.prototype.read = function (word) {
    var out = "";
    var characters = Array.from(word);
    for (var i = 0; i < characters.length;) {
      var matched = false;
      for (var length = Math.min(this.longestPhrase, characters.length - i); length >= 2; length--) {
        var phrase = characters.slice(i, i + length).join("");
        if (phrase in this.data.phrases) {
          out += this.data.phrases[phrase].split(" ").join("");
          i += length;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      out += this.reading[characters[i]] || characters[i];
      i += 1;
    }
    return out;
  };

  /* ids.slug(text, maxWords) */
  Pinyin.prototype.slug = function (text, maxWords) {
    var self = this;
    var parts = [];
    this.cut(text.normalize("NFKC")).forEach(function (word) {
      self.read(word).toLowerCase().split(self.nonId).forEach(function (part) { if (part) parts.push(part); });
    });
    return (maxWords ? parts.slice(0, maxWords) : parts).join("-");
  };

  /* ids.place_slug(name) */
  Pinyin.prototype.placeSlug = function (name) {
    var short = Object.prototype.hasOwnProperty.call(this.data.provinces, name) && this.data.provinces[name][0];
    if (short) return this.slug(short).replace(/-/g, "");
    var suffixes = this.data.suffixes;
    for (var i = 0; i < suffixes.length; i++) {
      if (name.endsWith(suffixes[i]) && name.length - suffixes[i].length >= 2) {
        name = name.slice(0, -suffixes[i].length);
        break;
      }
    }
    return this.slug(name).replace(/-/g, "");
  };

  /* ids.case_id(province, county, topic) */
  Pinyin.prototype.caseId = function (province, county, topic) {
    return [this.placeSlug(province), this.placeSlug(county), this.slug(topic, this.data.maxTopicWords)]
      .filter(Boolean).join("-");
  };

  root.KbSubmitId = { Pinyin: Pinyin };
  if (typeof module === "object" && module.exports) module.exports = root.KbSubmitId;  // Node: tests/js/
})(typeof window !== "undefined" ? window : globalThis);
