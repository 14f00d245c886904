// Lab 7: the page's side of the gateway's JSON protocol (docs/websocket-gateway.md).
"use strict";

const STATION = 3;
const MAX_ROWS = 10;

const stateEl = document.getElementById("state");
const readingsBody = document.getElementById("readings-body");

let socket = null;
let nextId = 1;
let connections = 0;
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
        // TODO step 3: follow Weather.readings for STATION here.
    };
    socket.onmessage = (event) => onFrame(JSON.parse(event.data));
    socket.onclose = () => {
        setState("closed");
        for (const [, handler] of pending) {
            handler.onError({status: "UNAVAILABLE", message: "connection to the gateway lost"});
        }
        pending.clear();
        // TODO step 4: connect again, a little later each time, and follow the readings again.
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

// TODO step 3: a function that opens the stream ({type: "call", ..., credit: N}), shows each item as a row at the
//  top of #readings-body (number, then temperature in °C, then the time), keeps at most MAX_ROWS rows, and grants
//  more credit ({type: "credit", id, items: N}) as it shows items.

document.getElementById("current-call").onclick = () => {
    const el = document.getElementById("current-answer");
    el.textContent = "...";
    call("Weather", "current", {stationId: STATION})
        .then((reading) => { el.textContent = JSON.stringify(reading, null, 1); })
        .catch((error) => { el.textContent = error.status + ": " + error.message; });
};

connect();
