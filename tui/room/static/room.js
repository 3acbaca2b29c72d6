// The participant's page: follows the presenter over a WebSocket and sends answers.
// All text from the server goes in through textContent, never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const SIGNS = { "-3": "-3", "-2": "-2", "-1": "-1", "0": "0", "1": "+1", "2": "+2", "3": "+3" };
  const WORDS = { "-3": "strongly oppose", "-2": "oppose", "-1": "lean oppose", "0": "neutral",
                  "1": "lean support", "2": "support", "3": "strongly support" };

  function participantId() {
    let id = null;
    try { id = localStorage.getItem("debatemap-room-id"); } catch (e) { /* storage off */ }
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      const bytes = new Uint8Array(18);
      crypto.getRandomValues(bytes);
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      try { localStorage.setItem("debatemap-room-id", id); } catch (e) { /* stays for this page */ }
    }
    return id;
  }

  const pid = participantId();
  const wsUrl = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + location.pathname.replace(/\/$/, "") + "/ws";
  let socket = null;
  let state = { claim: null };
  let retry = 500;

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    $("status").textContent = "Not connected: reconnecting…";
    return false;
  }

  function connect() {
    socket = new WebSocket(wsUrl);
    socket.addEventListener("open", () => {
      retry = 500;
      $("status").textContent = "Connected";
      send({ t: "hello", pid: pid });
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.t === "state") { state = message; render(); }
      else if (message.t === "ack") { state.answer = message.answer; renderAnswer(); }
      else if (message.t === "counts") { if (state.claim && message.claim === state.claim.id) { state.counts = message.counts; renderCounts(); } }
      else if (message.t === "sent") { $("text").value = ""; $("status").textContent = message.what === "ask" ? "Question sent to the facilitator." : "Proposal sent to the facilitator."; }
      else if (message.t === "error") { $("status").textContent = String(message.message || "Refused"); }
    });
    socket.addEventListener("close", () => {
      $("status").textContent = "Disconnected: reconnecting…";
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 8000);
    });
  }

  function render() {
    $("title").textContent = state.title || "debatemap room";
    const claim = state.claim;
    $("claim-box").hidden = !claim;
    $("answer-box").hidden = !claim;
    $("send-box").hidden = !claim;
    $("waiting").hidden = !!claim;
    if (claim) {
      const kind = $("claim-kind");
      const label = claim.kind === "question" ? "Question" : claim.relation === "supports" ? "Pro" : claim.relation === "opposes" ? "Con" : "Motion";
      kind.textContent = label;
      kind.className = "kind " + (claim.kind === "question" ? "question" : claim.relation === "supports" ? "pro" : claim.relation === "opposes" ? "con" : "");
      $("claim-text").textContent = claim.text;
      $("claim-where").textContent = claim.parent ? (claim.relation === "opposes" ? "Against: " : "For: ") + claim.parent : "";
    }
    renderSpeakFor();
    renderAnswer();
    renderCounts();
  }

  function renderAnswer() {
    const locked = !!state.locked;
    document.querySelectorAll("button.pos").forEach((button) => {
      button.setAttribute("aria-pressed", String(state.answer !== null && state.answer !== undefined && String(state.answer) === button.dataset.position));
      button.disabled = locked;
    });
    $("locked").hidden = !locked;
    const answer = state.answer;
    $("your-answer").textContent = answer === null || answer === undefined ? "You have not answered yet." : "Your answer: " + SIGNS[String(answer)] + " (" + WORDS[String(answer)] + ")";
  }

  function renderCounts() {
    const box = $("results");
    box.hidden = !(state.revealed && state.counts);
    if (box.hidden) return;
    const bars = $("bars");
    bars.replaceChildren();
    const top = Math.max(1, ...state.counts);
    state.counts.forEach((count, i) => {
      const item = document.createElement("li");
      const label = document.createElement("span");
      label.textContent = SIGNS[String(i - 3)];
      const bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = (100 * count / top) + "%";
      const number = document.createElement("span");
      number.textContent = String(count);
      item.append(label, bar, number);
      bars.append(item);
    });
  }

  function renderSpeakFor() {
    const options = state.speak_for || [];
    $("speak-box").hidden = options.length === 0;
    const select = $("speak-for");
    const wanted = state.speaking_for || "";
    select.replaceChildren();
    const self = document.createElement("option");
    self.value = "";
    self.textContent = "myself";
    select.append(self);
    options.forEach((item) => {
      const option = document.createElement("option");
      option.value = item.id;
      option.textContent = item.label;
      select.append(option);
    });
    select.value = wanted;
    if (document.activeElement !== $("name")) $("name").value = state.name || "";
  }

  document.querySelectorAll("button.pos").forEach((button) => {
    button.addEventListener("click", () => {
      if (!state.claim) return;
      send({ t: "vote", claim: state.claim.id, position: Number(button.dataset.position) });
    });
  });
  $("speak-for").addEventListener("change", (event) => send({ t: "speak", stakeholder: event.target.value || null }));
  $("name").addEventListener("change", (event) => send({ t: "name", name: event.target.value.slice(0, 40) }));
  const sendText = (message) => {
    const text = $("text").value.trim();
    if (!text) { $("status").textContent = "Write something first."; return; }
    send(Object.assign({ text: text.slice(0, 280) }, message));
  };
  $("propose-for").addEventListener("click", () => sendText({ t: "propose", relation: "supports" }));
  $("propose-against").addEventListener("click", () => sendText({ t: "propose", relation: "opposes" }));
  $("ask").addEventListener("click", () => sendText({ t: "ask" }));
  connect();
})();
