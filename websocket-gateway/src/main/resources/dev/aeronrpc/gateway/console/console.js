// The console: lists what GET /api/describe says the gateway can call, builds a form for the chosen method's
// request, makes the call of whatever kind through the WebSocket (rpc.js), and polls GET /api/counters.
"use strict";

const COUNTERS_INTERVAL_MS = 1000;
const MAX_ITEMS_SHOWN = 200;

const $ = (id) => document.getElementById(id);
const gateway = new GatewayClient();
let listing = null;
let current = null;        // {service, method, form}
let active = null;         // the open call: {handle, kind, startedAt, items, ...}
let lastCounters = null;

// ---- connection ----

gateway.onState((state, connections) => {
    const pill = $("state");
    pill.textContent = state === "open" ? "connected" : state;
    pill.className = "pill " + state;
    pill.dataset.connections = String(connections);
});
gateway.onOpen(() => {
    // A message about the lost connection no longer applies once it is back.
    if ($("call-message").dataset.cause === "connection") {
        showMessage("");
    }
});

// ---- the listing ----

async function loadListing() {
    try {
        const response = await fetch("/api/describe", {cache: "no-store"});
        if (!response.ok) {
            throw new Error("HTTP " + response.status);
        }
        listing = await response.json();
    } catch (error) {
        $("services").replaceChildren(emptyState("Could not load the services (" + error.message + "). Reload to try again."));
        return;
    }
    $("services-source").textContent = "from the " + listing.source;
    $("notices").replaceChildren(...(listing.notices || []).map((notice) => {
        const div = document.createElement("div");
        div.className = "alert warn";
        div.textContent = notice;
        return div;
    }));
    renderServices("");
    const wanted = decodeURIComponent(location.hash.slice(1));
    const [service, method] = wanted.split("/");
    if (service && method) {
        select(service, method, false);
    }
}

function emptyState(text) {
    const div = document.createElement("div");
    div.className = "empty";
    div.textContent = text;
    return div;
}

function renderServices(filter) {
    const container = $("services");
    container.replaceChildren();
    const needle = filter.trim().toLowerCase();
    for (const service of listing.services) {
        const methods = service.methods.filter((m) => !needle ||
            (service.name + "/" + m.name + " " + m.kind + " " + m.delivery).toLowerCase().includes(needle));
        if (methods.length === 0) {
            continue;
        }
        const section = document.createElement("section");
        section.className = "service";
        section.innerHTML = "<h3></h3><p></p><ul></ul>";
        section.querySelector("h3").textContent = service.name;
        const id = document.createElement("span");
        id.className = "badge";
        id.textContent = "id " + service.id;
        section.querySelector("h3").append(id);
        section.querySelector("p").textContent = service.description || "";
        for (const method of methods) {
            const li = document.createElement("li");
            const button = document.createElement("button");
            button.type = "button";
            button.className = "method-link";
            button.dataset.method = service.name + "/" + method.name;
            button.innerHTML = "<span class='name'></span><span class='badge kind'></span><span class='badge'></span>";
            button.querySelector(".name").textContent = method.name;
            button.querySelector(".kind").textContent = method.kind;
            const delivery = button.querySelectorAll(".badge")[1];
            delivery.textContent = method.kind === "unary" ? method.delivery : "stream";
            if (method.kind === "unary") delivery.classList.add(method.delivery);
            if (method.kind === "one-way") delivery.textContent = "no answer";
            button.setAttribute("aria-label", service.name + "/" + method.name + ", " + method.kind +
                (method.kind === "unary" ? ", " + method.delivery : ""));
            if (current && current.service.name === service.name && current.method.name === method.name) {
                button.setAttribute("aria-current", "true");
            }
            button.addEventListener("click", () => select(service.name, method.name, true));
            li.append(button);
            section.querySelector("ul").append(li);
        }
        container.append(section);
    }
    if (!container.firstChild) {
        container.append(emptyState("No method matches \u201c" + filter + "\u201d."));
    }
}

$("method-filter").addEventListener("input", (event) => renderServices(event.target.value));

// ---- one method ----

const KIND_TEXT = {
    "unary": "One request, one answer.",
    "server-stream": "One request, then items from the service as your credit allows.",
    "client-stream": "Items from you, as the service's credit allows, then one answer.",
    "bidi-stream": "Items both ways, each side within the other's credit.",
    "one-way": "One message, no answer: the gateway says when it has handed it on."
};

function select(serviceName, methodName, focus) {
    const service = listing.services.find((s) => s.name === serviceName);
    const method = service && service.methods.find((m) => m.name === methodName);
    if (!method) {
        return;
    }
    if (active && active.handle && active.handle.isOpen()) {
        active.handle.cancel();
    }
    active = null;
    current = {service, method};
    history.replaceState(null, "", "#" + service.name + "/" + method.name);
    document.querySelectorAll(".method-link").forEach((b) => {
        if (b.dataset.method === service.name + "/" + method.name) b.setAttribute("aria-current", "true");
        else b.removeAttribute("aria-current");
    });

    $("method-empty").hidden = true;
    $("method-body").hidden = false;
    $("method-title").textContent = service.name + "/" + method.name;
    $("method-kind").textContent = method.kind;
    const delivery = $("method-delivery");
    delivery.className = "badge";
    if (method.kind === "unary") {
        delivery.textContent = method.delivery;
        delivery.classList.add(method.delivery);
        delivery.hidden = false;
    } else {
        delivery.hidden = true;
    }
    $("method-description").textContent = (method.description || "") + " " + KIND_TEXT[method.kind];
    $("method-messages").textContent = "request " + method.request + (method.response ? " · response " + method.response : "");

    const sendsItems = method.kind === "client-stream" || method.kind === "bidi-stream";
    const streamsBack = method.kind === "server-stream" || method.kind === "bidi-stream";
    $("form-legend").textContent = (sendsItems ? "Each item: " : "Request: ") + method.request;
    current.form = MessageForm.build(listing.messages[method.request], $("form-fields"));
    $("opt-credit-field").hidden = !streamsBack;
    $("opt-repeat-field").hidden = method.kind !== "unary";
    $("opt-timeout").placeholder = method.kind === "client-stream" ? "client default" :
        (method.kind === "unary" ? "client default" : "none");
    $("opt-timeout").value = method.kind === "client-stream" ? "60000" : "";
    $("call-button").textContent = {"unary": "Call", "server-stream": "Open stream", "client-stream": "Open upload",
        "bidi-stream": "Open stream", "one-way": "Send"}[method.kind];
    resetResult();
    updateButtons();
    if (focus) {
        $("method").focus();
    }
}

function resetResult() {
    setStatus("not called yet", "");
    $("call-timing").textContent = "";
    showMessage("");
    $("form-summary").textContent = "";
    $("response").textContent = "";
    $("items").replaceChildren();
    $("items-wrap").hidden = true;
    $("stream-controls").hidden = true;
}

function setStatus(text, kind) {
    const status = $("call-status");
    status.textContent = text;
    status.className = "badge" + (kind ? " " + kind : "");
}

function showMessage(text, cause) {
    $("call-message").textContent = text;
    $("call-message").dataset.cause = cause || "";
}

function updateButtons() {
    const method = current && current.method;
    const open = !!(active && active.handle && active.handle.isOpen());
    const sendsItems = method && (method.kind === "client-stream" || method.kind === "bidi-stream");
    $("call-button").hidden = open;
    $("send-item").hidden = !(open && sendsItems);
    $("end-sending").hidden = !(open && sendsItems);
    $("cancel-call").hidden = !(open && method.kind !== "unary" && method.kind !== "one-way");
    if (open && sendsItems) {
        $("send-item").disabled = active.handle.available <= 0 || active.ended;
        $("end-sending").disabled = !!active.ended;
    }
    $("upload-credit-wrap").hidden = !sendsItems;
    $("grant-credit").hidden = !(method && (method.kind === "server-stream" || method.kind === "bidi-stream"));
    $("auto-credit").parentElement.hidden = $("grant-credit").hidden;
}

/** Reads the form, marking what is wrong; null when something is. */
function readForm() {
    const result = current.form.read();
    if (result.problem) {
        $("form-summary").textContent = result.count === 1 ? "One field needs attention before sending." :
            result.count + " fields need attention before sending.";
        if (result.control) {
            result.control.focus();
        }
        return null;
    }
    $("form-summary").textContent = "";
    return result.value;
}

function readOptions() {
    const timeout = $("opt-timeout").value.trim();
    const credit = $("opt-credit").value.trim();
    const repeat = $("opt-repeat").value.trim();
    const problems = [];
    const positive = (text, name, max) => {
        if (text === "") return 0;
        if (!/^[0-9]+$/.test(text) || Number(text) < 1 || Number(text) > max) {
            problems.push(name + " must be a whole number from 1 to " + max);
            return 0;
        }
        return Number(text);
    };
    const options = {
        timeoutMs: positive(timeout, "Deadline", 3600000),
        credit: positive(credit, "Initial credit", 256) || 8,
        repeat: positive(repeat, "Times", 1000) || 1
    };
    for (const [id, name] of [["opt-timeout", "Deadline"], ["opt-credit", "Initial credit"], ["opt-repeat", "Times"]]) {
        if (problems.some((p) => p.startsWith(name))) $(id).setAttribute("aria-invalid", "true");
        else $(id).removeAttribute("aria-invalid");
    }
    if (problems.length) {
        $("form-summary").textContent = problems.join("; ") + ".";
        return null;
    }
    return options;
}

function elapsed(since) {
    return Math.round(performance.now() - since);
}

function showTiming() {
    const parts = ["started " + new Date(active.startedWall).toLocaleTimeString()];
    if (active.firstAt !== undefined) parts.push("first answer after " + active.firstAt + " ms");
    if (active.endAt !== undefined) parts.push("ended after " + active.endAt + " ms");
    else parts.push("running " + elapsed(active.startedAt) + " ms");
    $("call-timing").textContent = parts.join(" · ");
}

function fail(error) {
    const cause = error.status === "UNAVAILABLE" && !gateway.isOpen() ? "connection" : "call";
    setStatus(error.status + " (" + error.code + ")", "failed");
    showMessage(error.description || error.message, cause);
}

function finish(callActive) {
    if (active !== callActive) return false;
    active.endAt = elapsed(active.startedAt);
    showTiming();
    updateButtons();
    return true;
}

$("call-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (!current || (active && active.handle && active.handle.isOpen())) return;
    const method = current.method;
    const options = readOptions();
    if (!options) return;
    const sendsItems = method.kind === "client-stream" || method.kind === "bidi-stream";
    const request = sendsItems ? null : readForm();
    if (!sendsItems && request === null) return;
    resetResult();
    const call = {startedAt: performance.now(), startedWall: Date.now(), items: 0, kind: method.kind};
    active = call;
    setStatus("running", "running");
    showTiming();
    const s = current.service.name, m = method.name;
    switch (method.kind) {
        case "unary": unary(call, s, m, request, options); break;
        case "one-way":
            gateway.send(s, m, request).then(() => {
                if (!finish(call)) return;
                setStatus("SENT", "ok");
                $("response").textContent = "Handed to Aeron: a one-way message has no answer.";
            }, (error) => { if (finish(call)) fail(error); });
            break;
        case "server-stream":
            call.handle = gateway.serverStream(s, m, request, streamObserver(call), {credit: options.credit, timeoutMs: options.timeoutMs});
            call.serviceCredit = options.credit;
            openStreamView(call);
            break;
        case "client-stream":
            call.handle = gateway.clientStream(s, m, {
                onCredit: () => { updateCredit(call); updateButtons(); },
                onResponse: (response) => {
                    call.firstAt = elapsed(call.startedAt);
                    if (!finish(call)) return;
                    setStatus("OK", "ok");
                    $("response").textContent = JSON.stringify(response, null, 2);
                },
                onError: (error) => { if (finish(call)) fail(error); }
            }, {timeoutMs: options.timeoutMs});
            call.serviceCredit = 0;
            openStreamView(call);
            break;
        case "bidi-stream": {
            const observer = streamObserver(call);
            observer.onCredit = () => { updateCredit(call); updateButtons(); };
            call.handle = gateway.bidiStream(s, m, observer, {credit: options.credit, timeoutMs: options.timeoutMs});
            call.serviceCredit = options.credit;
            openStreamView(call);
            break;
        }
    }
    updateButtons();
});

function unary(call, service, method, request, options) {
    const times = options.repeat;
    const outcomes = new Map();
    let done = 0;
    let last = null;
    const settle = (status) => {
        outcomes.set(status, (outcomes.get(status) || 0) + 1);
        if (++done < times || active !== call) return;
        finish(call);
        if (times > 1) {
            const summary = [...outcomes.entries()].map(([k, v]) => v + " " + k).join(", ");
            setStatus(outcomes.size === 1 && outcomes.has("OK") ? "OK" : "MIXED", outcomes.has("OK") && outcomes.size === 1 ? "ok" : "failed");
            $("response").textContent = times + " calls: " + summary + (last ? "\nlast response:\n" + JSON.stringify(last, null, 2) : "");
        }
    };
    for (let i = 0; i < times; i++) {
        gateway.call(service, method, request, {timeoutMs: options.timeoutMs}).then((response) => {
            if (call.firstAt === undefined) call.firstAt = elapsed(call.startedAt);
            last = response;
            if (times === 1 && active === call) {
                finish(call);
                setStatus("OK", "ok");
                $("response").textContent = JSON.stringify(response, null, 2);
                return;
            }
            settle("OK");
        }, (error) => {
            if (times === 1) {
                if (finish(call)) fail(error);
                return;
            }
            settle(error.status);
        });
    }
}

function streamObserver(call) {
    return {
        onItem: (item, seq) => {
            if (active !== call) return;
            if (call.firstAt === undefined) call.firstAt = elapsed(call.startedAt);
            call.items++;
            call.serviceCredit = Math.max(0, call.serviceCredit - 1);
            addItemRow(seq, item, elapsed(call.startedAt));
            if ($("auto-credit").checked) {
                call.handle.request(1);
                call.serviceCredit++;
            }
            updateCredit(call);
            showTiming();
        },
        onEnd: () => {
            if (!finish(call)) return;
            setStatus("OK", "ok");
            $("response").textContent = call.items + " item" + (call.items === 1 ? "" : "s") + ", then the end.";
        },
        onError: (error) => { if (finish(call)) fail(error); }
    };
}

function openStreamView(call) {
    $("stream-controls").hidden = false;
    $("items-wrap").hidden = call.kind === "client-stream";
    if (call.kind !== "client-stream") {
        const row = document.createElement("tr");
        row.className = "placeholder";
        row.innerHTML = "<td colspan='3' class='muted'>Waiting for the first item…</td>";
        $("items").append(row);
    }
    updateCredit(call);
}

function updateCredit(call) {
    if (active !== call) return;
    $("stream-credit").textContent = String(call.serviceCredit);
    $("upload-credit").textContent = String(call.handle && call.handle.available !== undefined ? call.handle.available : 0);
    if ($("stream-credit").parentElement) {
        $("stream-credit").parentElement.hidden = call.kind === "client-stream";
    }
}

function addItemRow(seq, item, atMs) {
    const body = $("items");
    const placeholder = body.querySelector("tr.placeholder");
    if (placeholder) placeholder.remove();
    const row = document.createElement("tr");
    row.innerHTML = "<td class='num'></td><td class='json'></td><td class='num'></td>";
    row.cells[0].textContent = String(seq);
    row.cells[1].textContent = JSON.stringify(item);
    row.cells[2].textContent = String(atMs);
    body.insertBefore(row, body.firstChild);
    while (body.rows.length > MAX_ITEMS_SHOWN) {
        body.deleteRow(body.rows.length - 1);
    }
}

$("grant-credit").addEventListener("click", () => {
    if (active && active.handle && active.handle.isOpen()) {
        active.handle.request(5);
        active.serviceCredit += 5;
        updateCredit(active);
    }
});

$("cancel-call").addEventListener("click", () => {
    if (active && active.handle) active.handle.cancel();
});

$("send-item").addEventListener("click", () => {
    if (!active || !active.handle || !active.handle.send) return;
    const item = readForm();
    if (item === null) return;
    if (!active.handle.send(item)) {
        showMessage("No credit: wait until the service has room for another item.", "call");
        return;
    }
    showMessage("");
    active.sent = (active.sent || 0) + 1;
    if (active.kind === "client-stream") {
        $("response").textContent = active.sent + " item" + (active.sent === 1 ? "" : "s") + " sent; end sending for the answer.";
    }
    updateCredit(active);
    updateButtons();
});

$("end-sending").addEventListener("click", () => {
    if (!active || !active.handle || !active.handle.end) return;
    active.handle.end();
    active.ended = true;
    updateButtons();
});

// ---- counters ----

const COUNTER_LABELS = {
    client: [["calls", "calls"], ["retries", "retries"], ["timeouts", "timeouts"], ["failures", "failures"],
        ["reconnects", "reconnects"], ["throttled", "retries throttled"], ["oneWaySent", "one-way sent"],
        ["oneWayDropped", "one-way dropped"], ["inflightCalls", "in flight now"]],
    server: [["requests", "requests"], ["handlerRuns", "handler runs"], ["duplicatesSuppressed", "duplicates suppressed"],
        ["failures", "failures"], ["responsesDropped", "answers lost on purpose"]],
    gateway: [["connections", "browsers connected"], ["callsInFlight", "calls in flight"],
        ["framesReceived", "frames received"], ["framesSent", "frames sent"], ["errorsSent", "errors sent"]]
};
const KEY_COUNTERS = new Set(["client.retries", "client.timeouts", "server.duplicatesSuppressed"]);

async function pollCounters() {
    try {
        const response = await fetch("/api/counters", {cache: "no-store"});
        if (response.ok) {
            const counters = await response.json();
            if (counters.server) {
                counters.server.duplicatesSuppressed = counters.server.duplicatesReplayed + counters.server.duplicatesRunning;
            }
            renderCounters(counters);
            lastCounters = counters;
        }
    } catch (error) {
        $("counters-time").textContent = "Counters unavailable: " + error.message;
    }
    setTimeout(pollCounters, COUNTERS_INTERVAL_MS);
}

function renderCounters(counters) {
    const container = $("counters");
    container.replaceChildren();
    const titles = {client: "Client (the gateway's)", server: "Server", gateway: "Gateway"};
    for (const group of ["client", "server", "gateway"]) {
        const section = document.createElement("section");
        section.className = "counter-group";
        section.dataset.group = group;
        const h = document.createElement("h3");
        h.textContent = titles[group];
        section.append(h);
        const values = counters[group];
        if (!values) {
            const p = document.createElement("p");
            p.className = "none";
            p.textContent = "Not in this process: the gateway was given no server counters.";
            section.append(p);
            container.append(section);
            continue;
        }
        const dl = document.createElement("dl");
        for (const [key, label] of COUNTER_LABELS[group]) {
            const dt = document.createElement("dt");
            dt.textContent = label;
            if (KEY_COUNTERS.has(group + "." + key)) dt.className = "key";
            const dd = document.createElement("dd");
            dd.dataset.counter = group + "." + key;
            const before = lastCounters && lastCounters[group] ? lastCounters[group][key] : undefined;
            const delta = before === undefined ? 0 : values[key] - before;
            if (delta > 0 && key !== "inflightCalls" && key !== "connections" && key !== "callsInFlight") {
                const span = document.createElement("span");
                span.className = "delta";
                span.textContent = "+" + delta;
                dd.append(span);
            }
            dd.append(String(values[key]));
            dl.append(dt, dd);
        }
        section.append(dl);
        container.append(section);
    }
    $("counters-time").textContent = "Read at " + new Date(counters.timeMs).toLocaleTimeString() +
        (counters.client.connected ? "" : " · the client is not connected to the server");
}

loadListing();
pollCounters();
gateway.connect();
