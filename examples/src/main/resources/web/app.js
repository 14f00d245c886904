// The example page: Market prices followed live through a stream paced by our credit, and two unary services,
// over the gateway's JSON protocol (docs/websocket-gateway.md) with the gateway's browser client, /assets/rpc.js.
"use strict";

const INSTRUMENT = 7;
const TICK_INTERVAL_MS = 150;   // one credit per item, granted this long after the item: about 7 ticks a second
const MAX_ROWS = 12;
const WINDOW_MS = 60_000;       // the chart shows the last minute

const $ = (id) => document.getElementById(id);
const gateway = new GatewayClient();
const points = [];              // {t, price, stream}: the stream number breaks the line at each new stream
let streams = 0;
let ticks = 0;
let ticksRetryDelayMs = 250;
let following = null;

gateway.onState((state, connections) => {
    $("state").textContent = state === "open" ? "connected" : state;
    $("state").className = "pill " + state;
    $("state").dataset.connections = String(connections);
});

// Each new connection follows the prices again, from a new stream, and clears the errors the old one left.
gateway.onOpen(() => {
    clearConnectionErrors();
    followTicks();
});

function followTicks() {
    const stream = ++streams;
    $("stream-count").textContent = String(stream);
    if (ticks > 0) {
        addBreakRow(stream);
    }
    const handle = gateway.serverStream("Market", "ticks", {instrumentId: INSTRUMENT}, {
        onItem: (tick) => {
            ticksRetryDelayMs = 250;
            showTick(tick, stream);
            // Credit is how this page says how fast it wants prices: one more, a little later.
            setTimeout(() => handle.request(1), TICK_INTERVAL_MS);
        },
        onEnd: () => retryTicks(handle),
        onError: (error) => {
            if (error.status !== "UNAVAILABLE") {
                console.warn("ticks", error);
            }
            retryTicks(handle);
        }
    }, {credit: 1});
    following = handle;
}

// The stream ended or failed while the connection may still be open: follow prices again, a little later each
// time. A lost connection resubscribes when it comes back (onOpen).
function retryTicks(handle) {
    if (following !== handle) {
        return;
    }
    following = null;
    if (!gateway.isOpen()) {
        return;
    }
    setTimeout(() => { if (following === null && gateway.isOpen()) followTicks(); }, ticksRetryDelayMs);
    ticksRetryDelayMs = Math.min(ticksRetryDelayMs * 2, 5000);
}

function showTick(tick, stream) {
    ticks++;
    const price = tick.priceCents / 100;
    $("last-price").textContent = price.toFixed(2);
    $("tick-count").textContent = String(ticks);
    const body = $("ticks-body");
    const placeholder = body.querySelector("tr.placeholder");
    if (placeholder) placeholder.remove();
    const row = document.createElement("tr");
    row.innerHTML = "<td class='num'></td><td class='num'></td><td class='num'></td>";
    row.cells[0].textContent = String(tick.number);
    row.cells[1].textContent = price.toFixed(2);
    row.cells[2].textContent = new Date().toLocaleTimeString();
    body.insertBefore(row, body.firstChild);
    trimRows(body);
    points.push({t: Date.now(), price, stream});
    while (points.length > 0 && points[0].t < Date.now() - WINDOW_MS) {
        points.shift();
    }
    drawChart();
}

function addBreakRow(stream) {
    const body = $("ticks-body");
    const row = document.createElement("tr");
    row.className = "break";
    row.innerHTML = "<td colspan='3'></td>";
    row.cells[0].textContent = "new stream " + stream + " at " + new Date().toLocaleTimeString() +
        ": numbering starts again";
    body.insertBefore(row, body.firstChild);
    trimRows(body);
}

function trimRows(body) {
    while (body.rows.length > MAX_ROWS) {
        body.deleteRow(body.rows.length - 1);
    }
}

// ---- the chart: axes, price and time labels, one line per stream ----

const chart = $("chart");
new ResizeObserver(() => drawChart()).observe(chart);

function niceStep(range, count) {
    const raw = range / count;
    const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    const residual = raw / magnitude;
    return (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
}

function drawChart() {
    const ratio = window.devicePixelRatio || 1;
    const width = chart.clientWidth, height = chart.clientHeight;
    if (width === 0 || height === 0) return;
    chart.width = Math.round(width * ratio);
    chart.height = Math.round(height * ratio);
    const g = chart.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    $("chart-empty").hidden = points.length > 0;
    if (points.length === 0) return;

    const styles = getComputedStyle(document.body);
    const muted = styles.getPropertyValue("--muted").trim() || "#525c70";
    const grid = "#e6e9f0";
    const accent = styles.getPropertyValue("--accent").trim() || "#1f5fd6";
    g.font = "11px " + (styles.getPropertyValue("--sans").trim() || "sans-serif");

    const left = 52, right = 12, top = 12, bottom = 26;
    const plotW = width - left - right, plotH = height - top - bottom;
    // The last minute, or less while there is less: a young stream fills the chart instead of its right edge.
    const now = Date.now();
    const span = Math.min(WINDOW_MS, Math.max(10_000, now - points[0].t + 1000));
    const start = now - span;
    const labelStepMs = [1000, 2000, 5000, 10_000, 15_000, 30_000].find((step) => span / step <= 5) || 30_000;
    let min = Math.min(...points.map((p) => p.price)), max = Math.max(...points.map((p) => p.price));
    if (max - min < 0.1) { min -= 0.05; max += 0.05; }
    const step = niceStep(max - min, 4);
    min = Math.floor(min / step) * step;
    max = Math.ceil(max / step) * step;
    const x = (t) => left + (t - start) / span * plotW;
    const y = (p) => top + (1 - (p - min) / (max - min)) * plotH;

    // Price axis: gridlines and labels.
    g.textAlign = "right";
    g.textBaseline = "middle";
    for (let p = min; p <= max + step / 2; p += step) {
        g.strokeStyle = grid;
        g.beginPath(); g.moveTo(left, y(p)); g.lineTo(left + plotW, y(p)); g.stroke();
        g.fillStyle = muted;
        g.fillText(p.toFixed(step < 0.1 ? 2 : 1), left - 6, y(p));
    }
    // Time axis: labels aligned to the clock, none so close to the right edge that it would be cut.
    g.textAlign = "center";
    g.textBaseline = "top";
    for (let t = Math.ceil(start / labelStepMs) * labelStepMs; x(t) <= width - 36; t += labelStepMs) {
        g.strokeStyle = grid;
        g.beginPath(); g.moveTo(x(t), top); g.lineTo(x(t), top + plotH); g.stroke();
        g.fillStyle = muted;
        g.fillText(new Date(t).toLocaleTimeString([], {hour: "2-digit", minute: "2-digit", second: "2-digit"}),
            x(t), top + plotH + 7);
    }
    g.strokeStyle = "#b8c0cf";
    g.beginPath(); g.moveTo(left, top); g.lineTo(left, top + plotH); g.lineTo(left + plotW, top + plotH); g.stroke();

    // One line per stream, and a dashed marker where a new stream began.
    g.lineWidth = 2;
    g.lineJoin = "round";
    let previous = null;
    for (const point of points) {
        if (!previous || previous.stream !== point.stream) {
            if (previous) {
                g.stroke();
                g.save();
                g.setLineDash([4, 4]);
                g.strokeStyle = "#8a5a00";
                g.lineWidth = 1;
                g.beginPath(); g.moveTo(x(point.t), top); g.lineTo(x(point.t), top + plotH); g.stroke();
                g.restore();
            }
            g.strokeStyle = accent;
            g.beginPath();
            g.moveTo(x(point.t), y(point.price));
        } else {
            g.lineTo(x(point.t), y(point.price));
        }
        previous = point;
    }
    g.stroke();
}

// ---- unary calls ----

function clearConnectionErrors() {
    for (const id of ["echo-answer", "bank-answer"]) {
        const answer = $(id);
        if (answer.dataset.cause === "connection") {
            answer.className = "answer";
            answer.dataset.cause = "";
            answer.innerHTML = "<span class='muted'>The connection is back: call again.</span>";
        }
    }
}

function showAnswer(id, promise, describe) {
    const answer = $(id);
    answer.className = "answer";
    answer.dataset.cause = "";
    answer.innerHTML = "<span class='muted'>Calling…</span>";
    promise.then((response) => {
        answer.replaceChildren(describe(response));
    }, (error) => {
        answer.className = "answer error";
        answer.dataset.cause = error.status === "UNAVAILABLE" && !gateway.isOpen() ? "connection" : "call";
        answer.textContent = error.status + ": " + error.description;
    });
}

function list(pairs) {
    const dl = document.createElement("dl");
    for (const [key, value] of pairs) {
        const dt = document.createElement("dt");
        dt.textContent = key;
        const dd = document.createElement("dd");
        dd.textContent = value;
        dl.append(dt, dd);
    }
    return dl;
}

/** A whole number within bounds from an input, or null with the problem shown beside it. */
function wholeNumber(inputId, min, what) {
    const input = $(inputId);
    const problem = $(inputId + "-problem");
    const text = input.value.trim();
    let message = "";
    if (text === "") message = "Enter " + what;
    else if (!/^-?[0-9]+$/.test(text)) message = "Not a whole number";
    else if (Number(text) < min || !Number.isSafeInteger(Number(text))) message = "Must be at least " + min;
    problem.textContent = message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    if (message) {
        input.focus();
        return null;
    }
    return Number(text);
}

for (const id of ["echo-text", "bank-account", "bank-amount"]) {
    $(id).addEventListener("input", () => {
        $(id).removeAttribute("aria-invalid");
        $(id + "-problem").textContent = "";
    });
}

$("echo-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("echo-text").value;
    showAnswer("echo-answer", gateway.call("Echo", "echo", {text}), (reply) => list([["text", reply.text]]));
});

function balance(response) {
    return list([["account", String(response.accountId)], ["balanceCents", String(response.balanceCents)],
        ["balance", (response.balanceCents / 100).toFixed(2)]]);
}

$("bank-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const accountId = wholeNumber("bank-account", 0, "an account number");
    if (accountId === null) return;
    const amountCents = wholeNumber("bank-amount", 1, "an amount in cents");
    if (amountCents === null) return;
    showAnswer("bank-answer", gateway.call("Bank", "deposit", {accountId, amountCents}), balance);
});

$("bank-balance").addEventListener("click", () => {
    $("bank-amount").removeAttribute("aria-invalid");
    $("bank-amount-problem").textContent = "";
    const accountId = wholeNumber("bank-account", 0, "an account number");
    if (accountId === null) return;
    showAnswer("bank-answer", gateway.call("Bank", "balance", {accountId}), balance);
});

gateway.connect();
