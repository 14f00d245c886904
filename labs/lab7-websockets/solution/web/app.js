// Lab 7's reference page: a stream paced by the credit it grants, and a connection that comes back by itself.
"use strict";

const STATION = 3;
const MAX_ROWS = 10;
const CREDIT_DELAY_MS = 100;   // one more reading this long after each one shown: about ten a second

const stateEl = document.getElementById("state");
const readingsBody = document.getElementById("readings-body");

let socket = null;
let nextId = 1;
let connections = 0;
let reconnectDelayMs = 250;
let readingsId = null;
const pending = new Map();   // id -> {onResponse, onItem, onEnd, onError}

function setState(state) {
    stateEl.textContent = state;
    stateEl.className = state;
}

function connect() {
    setState("connecting");
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/rpc");
    socket.onopen = () => {
        stateEl.dataset.connections = String(++connections);
        setState("open");
        reconnectDelayMs = 250;
        followReadings();
    };
    socket.onmessage = (event) => onFrame(JSON.parse(event.data));
    socket.onclose = () => {
        setState("closed");
        for (const [, handler] of pending) {
            handler.onError({status: "UNAVAILABLE", message: "connection to the gateway lost"});
        }
        pending.clear();
        readingsId = null;
        // Back off, so a gateway that is down is not hammered; the next open resubscribes.
        setTimeout(connect, reconnectDelayMs);
        reconnectDelayMs = Math.min(reconnectDelayMs * 2, 4000);
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

function followReadings() {
    const id = "readings-" + nextId++;
    readingsId = id;
    pending.set(id, {
        onResponse: () => {},
        onItem: (reading) => {
            showReading(reading);
            // Credit is how the page says how fast it wants readings: one more, a little later.
            setTimeout(() => { if (readingsId === id) send({type: "credit", id, items: 1}); }, CREDIT_DELAY_MS);
        },
        onEnd: () => { if (readingsId === id) setTimeout(followReadings, 500); },
        onError: (error) => { console.warn("readings", error); if (readingsId === id && socket.readyState === WebSocket.OPEN) setTimeout(followReadings, 500); }
    });
    send({type: "call", id, service: "Weather", method: "readings", request: {stationId: STATION}, credit: 1});
}

function showReading(reading) {
    const row = document.createElement("tr");
    row.innerHTML = "<td>" + reading.number + "</td><td>" + (reading.temperatureCentis / 100).toFixed(2) +
        "</td><td>" + new Date().toLocaleTimeString() + "</td>";
    readingsBody.insertBefore(row, readingsBody.firstChild);
    while (readingsBody.rows.length > MAX_ROWS) {
        readingsBody.deleteRow(readingsBody.rows.length - 1);
    }
}

document.getElementById("current-call").onclick = () => {
    const el = document.getElementById("current-answer");
    el.textContent = "...";
    call("Weather", "current", {stationId: STATION})
        .then((reading) => { el.textContent = JSON.stringify(reading, null, 1); })
        .catch((error) => { el.textContent = error.status + ": " + error.message; });
};

connect();
