// The browser's side of the gateway's JSON protocol (docs/websocket-gateway.md), for the console and the example
// page alike: one WebSocket that comes back by itself, calls with ids of our choosing, streams paced by the credit
// each side grants. Plain JavaScript, no build step: load it with <script src="/assets/rpc.js"></script>.
"use strict";

/** An error as the gateway reports it: a gRPC-numbered status name and code, and a message. */
class RpcError extends Error {
    constructor(status, code, message) {
        super(status + ": " + message);
        this.status = status;
        this.code = code;
        this.description = message;
    }
}

/**
 * A connection to the gateway. Every call made through it fails with UNAVAILABLE when the connection drops; the
 * connection then reopens by itself, a little later each time, and `onOpen` listeners hear each new connection
 * (which is where a page resubscribes to its streams).
 */
class GatewayClient {
    constructor(url) {
        this.url = url || ((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/rpc");
        this.state = "connecting";
        this.connections = 0;
        this.socket = null;
        this.nextId = 1;
        this.calls = new Map();
        this.reconnectDelayMs = 250;
        this.listeners = {state: [], open: []};
        this.closedByUs = false;
    }

    /** Hears every state change: "connecting", "open" or "closed". */
    onState(listener) { this.listeners.state.push(listener); return this; }

    /** Hears every (re)opened connection. */
    onOpen(listener) { this.listeners.open.push(listener); return this; }

    connect() {
        this.closedByUs = false;
        this.setState("connecting");
        const socket = new WebSocket(this.url);
        this.socket = socket;
        socket.onopen = () => {
            this.connections++;
            this.reconnectDelayMs = 250;
            this.setState("open");
            this.listeners.open.forEach((listener) => listener(this.connections));
        };
        socket.onmessage = (event) => this.onFrame(JSON.parse(event.data));
        socket.onclose = () => {
            if (this.socket !== socket) {
                return;
            }
            this.setState("closed");
            const open = [...this.calls.values()];
            this.calls.clear();
            open.forEach((call) => call.error(new RpcError("UNAVAILABLE", 14, "the connection to the gateway was lost")));
            if (!this.closedByUs) {
                setTimeout(() => this.connect(), this.reconnectDelayMs);
                this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 5000);
            }
        };
        return this;
    }

    /** Closes the connection as if it had dropped: open calls fail, and it reopens unless `stay` is true. */
    disconnect(stay) {
        this.closedByUs = !!stay;
        if (this.socket) {
            this.socket.close();
        }
    }

    setState(state) {
        this.state = state;
        this.listeners.state.forEach((listener) => listener(state, this.connections));
    }

    isOpen() { return this.socket !== null && this.socket.readyState === WebSocket.OPEN; }

    sendFrame(frame) {
        if (!this.isOpen()) {
            return false;
        }
        this.socket.send(JSON.stringify(frame));
        return true;
    }

    onFrame(frame) {
        const call = this.calls.get(frame.id);
        if (!call) {
            return;   // a frame for a call already ended here, or a connection-level error with a null id
        }
        switch (frame.type) {
            case "response": this.calls.delete(frame.id); call.response(frame.response); break;
            case "sent": this.calls.delete(frame.id); call.response(null); break;
            case "item": call.item(frame.item, frame.seq); break;
            case "credit": call.credit(frame.items); break;
            case "end": this.calls.delete(frame.id); call.end(); break;
            case "error":
                this.calls.delete(frame.id);
                call.error(new RpcError(frame.status, frame.code, frame.message));
                break;
        }
    }

    /** Opens a call of any kind; `handlers` hear its frames. Returns the call's id. */
    open(kind, service, method, fields, handlers) {
        const id = kind + "-" + this.nextId++;
        const call = Object.assign({response() {}, item() {}, credit() {}, end() {}, error() {}}, handlers);
        this.calls.set(id, call);
        if (!this.sendFrame(Object.assign({type: "call", id, service, method}, fields))) {
            this.calls.delete(id);
            setTimeout(() => call.error(new RpcError("UNAVAILABLE", 14, "not connected to the gateway")), 0);
        }
        return id;
    }

    /** A unary call: a promise of the response. */
    call(service, method, request, options) {
        return new Promise((resolve, reject) => {
            this.open("unary", service, method, withTimeout({request}, options), {response: resolve, error: reject});
        });
    }

    /** A one-way message: a promise that settles once the gateway has handed it on. */
    send(service, method, request) {
        return new Promise((resolve, reject) => {
            this.open("oneway", service, method, {request}, {response: resolve, error: reject});
        });
    }

    /**
     * A server stream. `observer` has onItem(item, seq), onEnd(), onError(error); `options.credit` is how many
     * items the service may send before the page asks for more with request(n).
     */
    serverStream(service, method, request, observer, options) {
        const credit = (options && options.credit) || 16;
        const id = this.open("stream", service, method, withTimeout({request, credit}, options), streamHandlers(observer));
        return this.handle(id, false);
    }

    /**
     * A client stream. `listener` has onCredit(available), onResponse(response), onError(error). Send items with
     * send(item) while `available` is above zero; end(), and the response comes.
     */
    clientStream(service, method, listener, options) {
        const upload = {available: 0};
        const id = this.open("upload", service, method, withTimeout({}, options), {
            credit: (items) => { upload.available += items; call(listener.onCredit, upload.available); },
            response: (response) => call(listener.onResponse, response),
            error: (error) => call(listener.onError, error)
        });
        return Object.assign(upload, this.handle(id, true, upload));
    }

    /** A bidirectional stream: the server stream's observer plus onCredit(available) for the page's own items. */
    bidiStream(service, method, observer, options) {
        const credit = (options && options.credit) || 16;
        const upload = {available: 0};
        const handlers = streamHandlers(observer);
        handlers.credit = (items) => { upload.available += items; call(observer.onCredit, upload.available); };
        const id = this.open("bidi", service, method, withTimeout({credit}, options), handlers);
        return Object.assign(upload, this.handle(id, true, upload));
    }

    handle(id, sends, upload) {
        const client = this;
        const handle = {
            id,
            isOpen: () => client.calls.has(id),
            request: (items) => client.calls.has(id) && client.sendFrame({type: "credit", id, items}),
            cancel: () => client.calls.has(id) && client.sendFrame({type: "cancel", id})
        };
        if (sends) {
            handle.send = (item) => {
                if (!client.calls.has(id) || upload.available <= 0) {
                    return false;
                }
                upload.available--;
                return client.sendFrame({type: "item", id, item});
            };
            handle.end = () => client.calls.has(id) && client.sendFrame({type: "end", id});
        }
        return handle;
    }
}

function withTimeout(fields, options) {
    if (options && options.timeoutMs) {
        fields.timeoutMs = options.timeoutMs;
    }
    return fields;
}

function streamHandlers(observer) {
    return {
        item: (item, seq) => call(observer.onItem, item, seq),
        end: () => call(observer.onEnd),
        error: (error) => call(observer.onError, error)
    };
}

function call(fn, ...args) {
    if (typeof fn === "function") {
        fn(...args);
    }
}
