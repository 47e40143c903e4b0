/* 朗读 (read aloud) on case and module pages: the browser's own speech
   synthesis reads the main text paragraph by paragraph, in a Chinese voice,
   and highlights the paragraph being read. Nothing leaves the reader's device.

   The 朗读 button is in the page's tool bar (.kb-handout-bar, teaching.py), shown
   only where script runs, so a reader without script never sees a dead button
   and the bar does not grow when this script starts; the stop button and the
   status line are added here.
   Where the browser has no speech synthesis or no Chinese voice, the button
   says so instead of failing silently. */
(function () {
  "use strict";
  var READABLE = "h1, h2, h3, h4, p, li, dt, dd, tr";
  var SKIP = ".kb-handout-bar, .kb-read-aloud, nav, [hidden], [aria-hidden='true'], .md-source-file";
  var NO_SYNTHESIS = "这个浏览器不支持朗读。可以换用手机或电脑自带的浏览器，或使用系统的“朗读屏幕”功能。";
  var NO_VOICE = "这个浏览器没有中文语音，无法朗读。请在系统设置中安装中文（普通话）语音后重试。";

  function paragraphs(article) {
    var all = article.querySelectorAll(READABLE);
    var chosen = [];
    for (var i = 0; i < all.length; i++) {
      var element = all[i];
      if (element.closest(SKIP)) continue;
      if (element.querySelector(READABLE)) continue; /* read the innermost blocks only */
      var text = element.innerText.replace(/\s+/g, " ").trim();
      if (text) chosen.push({ element: element, text: text });
    }
    return chosen;
  }

  /* Voices load asynchronously in some browsers: wait briefly for them. */
  function chineseVoice(callback) {
    var synth = window.speechSynthesis;
    /* a Mainland (Simplified) voice first, then any Chinese voice */
    function pick() {
      var voices = synth.getVoices() || [];
      return voices.find(function (v) { return /^(zh|cmn)[-_](CN|Hans)/i.test(v.lang); })
        || voices.find(function (v) { return /^(zh|cmn)/i.test(v.lang); })
        || null;
    }
    var voice = pick();
    if (voice) { callback(voice); return; }
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      callback(pick());
    }
    if (synth.addEventListener) synth.addEventListener("voiceschanged", finish);
    setTimeout(finish, 1500);
  }

  function init() {
    var bar = document.querySelector(".kb-handout-bar");
    var article = document.querySelector("article.md-content__inner");
    if (!bar || !article) return;

    var group = bar.querySelector(".kb-read-aloud");
    var play = group && group.querySelector(".kb-read-aloud__play");
    if (!play) return;
    var stop = document.createElement("button");
    stop.type = "button";
    stop.className = "md-button kb-read-aloud__stop";
    stop.textContent = "停止朗读";
    stop.hidden = true;
    var status = document.createElement("span");
    status.className = "kb-read-aloud__status";
    status.setAttribute("role", "status");
    group.appendChild(stop);
    group.appendChild(status);

    var queue = [];
    var index = 0;
    var state = "idle"; /* idle | speaking | paused */
    var current = null;

    function mark(element) {
      if (current) current.classList.remove("kb-reading-now");
      current = element;
      if (current) {
        current.classList.add("kb-reading-now");
        current.scrollIntoView({ block: "nearest" });
      }
    }
    function setState(next, message) {
      state = next;
      play.textContent = next === "speaking" ? "暂停" : next === "paused" ? "继续朗读" : "朗读";
      play.setAttribute("aria-pressed", next === "speaking" ? "true" : "false");
      stop.hidden = next === "idle";
      status.textContent = message || "";
    }
    function finish() {
      mark(null);
      setState("idle", index >= queue.length && queue.length ? "朗读完毕。" : "");
    }
    function speakNext(voice) {
      if (state !== "speaking") return;
      if (index >= queue.length) { finish(); return; }
      var item = queue[index];
      var utterance = new SpeechSynthesisUtterance(item.text);
      utterance.lang = "zh-CN";
      utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.onend = function () { index += 1; speakNext(voice); };
      utterance.onerror = function (event) {
        if (event && (event.error === "interrupted" || event.error === "canceled")) return;
        mark(null);
        setState("idle", "朗读中断：" + ((event && event.error) || "未知原因") + "。");
      };
      mark(item.element);
      window.speechSynthesis.speak(utterance);
    }

    play.addEventListener("click", function () {
      if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
        setState("idle", NO_SYNTHESIS);
        return;
      }
      var synth = window.speechSynthesis;
      if (state === "speaking") { synth.pause(); setState("paused", "已暂停。"); return; }
      if (state === "paused") { synth.resume(); setState("speaking", "正在朗读。"); return; }
      play.disabled = true;
      chineseVoice(function (voice) {
        play.disabled = false;
        if (!voice) { setState("idle", NO_VOICE); return; }
        queue = paragraphs(article);
        index = 0;
        synth.cancel();
        setState("speaking", "正在朗读。");
        speakNext(voice);
      });
    });
    stop.addEventListener("click", function () {
      index = queue.length + 1;
      window.speechSynthesis.cancel();
      mark(null);
      setState("idle", "已停止朗读。");
      play.focus();
    });
    window.addEventListener("pagehide", function () {
      if (state !== "idle") window.speechSynthesis.cancel();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
