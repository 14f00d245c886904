// The page's side of the gateway's JSON protocol (docs/websocket-gateway.md): calls with ids of our choosing,
// a stream paced by the credit we grant, and a connection that comes back by itself and resubscribes.
"use strict";

const INSTRUMENT = 7;
const TICK_INTERVAL_MS = 150;   // one credit per item, granted this long after the item: about 7 ticks a second
const MAX_ROWS = 12;
const MAX_POINTS = 120;

const stateEl = document.getElementById("state");
const ticksBody = document.getElementById("ticks-body");
const chart = document.getElementById("chart");
const prices = [];

let socket = null;
let nextId = 1;
let reconnectDelayMs = 250;
let connections = 0;
const pending = new Map();   // id -> {onResponse, onItem, onEnd, onError}
let ticksId = null;
let ticksRetryDelayMs = 250;

function setState(state) {
    stateEl.textContent = state;
    stateEl.className = state;
}

function connect() {
    setState("connecting");
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/rpc";
    socket = new WebSocket(url);
    socket.onopen = () => {
        stateEl.dataset.connections = String(++connections);
        setState("open");
        reconnectDelayMs = 250;
        subscribeTicks();
    };
    socket.onmessage = (event) => onFrame(JSON.parse(event.data));
    socket.onclose = () => {
        setState("closed");
        for (const [, handler] of pending) {
            handler.onError({status: "UNAVAILABLE", message: "connection to the gateway lost"});
        }
        pending.clear();
        ticksId = null;
        setTimeout(connect, reconnectDelayMs);
        reconnectDelayMs = Math.min(reconnectDelayMs * 2, 5000);
    };
}

function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(frame));
        return true;
    }
    return false;
}

function onFrame(frame) {
    const handler = pending.get(frame.id);
    if (!handler) {
        return;
    }
    switch (frame.type) {
        case "response": pending.delete(frame.id); handler.onResponse(frame.response); break;
        case "item": handler.onItem(frame.item, frame.seq); break;
        case "end": pending.delete(frame.id); handler.onEnd(); break;
        case "error": pending.delete(frame.id); handler.onError(frame); break;
    }
}

function call(service, method, request) {
    return new Promise((resolve, reject) => {
        const id = "c" + nextId++;
        pending.set(id, {onResponse: resolve, onError: reject, onItem: () => {}, onEnd: () => {}});
        if (!send({type: "call", id, service, method, request})) {
            pending.delete(id);
            reject({status: "UNAVAILABLE", message: "not connected to the gateway"});
        }
    });
}

function subscribeTicks() {
    const id = "ticks-" + nextId++;
    ticksId = id;
    pending.set(id, {
        onResponse: () => {},
        onItem: (tick) => {
            ticksRetryDelayMs = 250;
            showTick(tick);
            // Credit is how this page says how fast it wants prices: one more, a little later.
            setTimeout(() => { if (ticksId === id) send({type: "credit", id, items: 1}); }, TICK_INTERVAL_MS);
        },
        onEnd: () => { resubscribeTicks(id); },
        onError: (error) => { console.warn("ticks", error); resubscribeTicks(id); }
    });
    send({type: "call", id, service: "Market", method: "ticks", request: {instrumentId: INSTRUMENT}, credit: 1});
}

// The stream ended or failed while the socket may still be open: follow prices again, a little later each time.
// A closed socket resubscribes when it reconnects.
function resubscribeTicks(id) {
    if (ticksId !== id) {
        return;
    }
    ticksId = null;
    const openSocket = socket;
    setTimeout(() => {
        if (socket === openSocket && socket.readyState === WebSocket.OPEN && ticksId === null) {
            subscribeTicks();
        }
    }, ticksRetryDelayMs);
    ticksRetryDelayMs = Math.min(ticksRetryDelayMs * 2, 5000);
}

function showTick(tick) {
    const row = document.createElement("tr");
    row.innerHTML = "<td>" + tick.number + "</td><td>" + (tick.priceCents / 100).toFixed(2) + "</td><td>" +
        new Date().toLocaleTimeString() + "</td>";
    ticksBody.insertBefore(row, ticksBody.firstChild);
    while (ticksBody.rows.length > MAX_ROWS) {
        ticksBody.deleteRow(ticksBody.rows.length - 1);
    }
    prices.push(tick.priceCents / 100);
    if (prices.length > MAX_POINTS) {
        prices.shift();
    }
    drawChart();
}

function drawChart() {
    const g = chart.getContext("2d");
    const w = chart.width, h = chart.height;
    g.clearRect(0, 0, w, h);
    if (prices.length < 2) {
        return;
    }
    const min = Math.min(...prices) - 0.05, max = Math.max(...prices) + 0.05;
    g.strokeStyle = "#1565c0";
    g.lineWidth = 2;
    g.beginPath();
    prices.forEach((p, i) => {
        const x = i * (w - 10) / (MAX_POINTS - 1) + 5;
        const y = h - 5 - (p - min) / (max - min) * (h - 10);
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
    g.fillStyle = "#555";
    g.font = "12px sans-serif";
    g.fillText(max.toFixed(2), 4, 12);
    g.fillText(min.toFixed(2), 4, h - 4);
}

function show(elementId, promise) {
    const el = document.getElementById(elementId);
    el.classList.remove("error");
    el.textContent = "...";
    promise
        .then((response) => { el.textContent = JSON.stringify(response, null, 1); })
        .catch((error) => { el.classList.add("error"); el.textContent = error.status + ": " + error.message; });
}

document.getElementById("echo-send").onclick = () =>
    show("echo-answer", call("Echo", "echo", {text: document.getElementById("echo-text").value}));

function account() {
    return Number(document.getElementById("bank-account").value);
}

document.getElementById("bank-deposit").onclick = () =>
    show("bank-answer", call("Bank", "deposit",
        {accountId: account(), amountCents: Number(document.getElementById("bank-amount").value)}));
document.getElementById("bank-balance").onclick = () =>
    show("bank-answer", call("Bank", "balance", {accountId: account()}));

connect();
