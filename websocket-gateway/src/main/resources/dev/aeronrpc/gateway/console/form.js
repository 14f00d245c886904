// Builds a form from a message description (GET /api/describe, as the gateway's TypeDescriber writes it) and
// reads it back as the JSON the gateway converts, checking each field against what the schema allows first, so
// that a mistake is shown beside its field instead of coming back as an error from the gateway.
"use strict";

const MessageForm = (() => {
    const TWO_53 = 2n ** 53n;
    let uid = 0;

    function el(tag, attrs, ...children) {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(attrs || {})) {
            if (value === undefined || value === null || value === false) {
                continue;
            }
            if (key === "class") node.className = value;
            else if (key === "text") node.textContent = value;
            else node.setAttribute(key, value === true ? "" : value);
        }
        children.flat().forEach((child) => child && node.append(child));
        return node;
    }

    /** A labelled input with a hint and a place for its problem; `read` gives {value, problem}. */
    function labelled(field, path, control, hintText) {
        const id = control.id || ("f-" + path.replace(/[^A-Za-z0-9_-]/g, "-") + "-" + (++uid));
        control.id = id;
        control.dataset.path = path;
        const problem = el("span", {class: "problem", id: id + "-problem"});
        const hint = hintText ? el("span", {class: "hint", id: id + "-hint", text: hintText}) : null;
        control.setAttribute("aria-describedby", [hint ? id + "-hint" : null, id + "-problem"].filter(Boolean).join(" "));
        const wrapper = el("div", {class: "field"},
            el("label", {for: id, text: field.name}), control, hint, problem);
        if (field.description) {
            control.title = field.description;
        }
        return {wrapper, problem};
    }

    function mark(control, problemEl, message) {
        problemEl.textContent = message || "";
        if (message) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
        return message;
    }

    function integerField(field, path) {
        const min = BigInt(field.min), max = BigInt(field.max);
        const input = el("input", {class: "input", inputmode: "numeric", autocomplete: "off",
            placeholder: field.optional ? "empty for null" : "a whole number", "data-kind": "integer"});
        const {wrapper, problem} = labelled(field, path, input, field.primitive + " · " + field.min + " to " + field.max +
            (field.optional ? " · optional" : ""));
        input.addEventListener("input", () => mark(input, problem, ""));
        return {
            element: wrapper,
            read() {
                const text = input.value.trim();
                if (text === "") {
                    if (field.optional) return {value: null};
                    return {problem: mark(input, problem, "Enter a whole number"), control: input};
                }
                if (!/^-?[0-9]+$/.test(text)) {
                    return {problem: mark(input, problem, "Not a whole number"), control: input};
                }
                const value = BigInt(text);
                if (value < min || value > max) {
                    return {problem: mark(input, problem, "Must be from " + field.min + " to " + field.max), control: input};
                }
                mark(input, problem, "");
                // Beyond 2^53 a JavaScript number loses digits: the gateway takes 64-bit integers as strings too.
                return {value: (value > TWO_53 || value < -TWO_53) ? value.toString() : Number(value)};
            },
            set(value) { input.value = value === null || value === undefined ? "" : String(value); }
        };
    }

    function floatField(field, path) {
        const input = el("input", {class: "input", inputmode: "decimal", autocomplete: "off",
            placeholder: field.optional ? "empty for null" : "a number", "data-kind": "float"});
        const {wrapper, problem} = labelled(field, path, input, field.primitive + (field.optional ? " · optional" : ""));
        input.addEventListener("input", () => mark(input, problem, ""));
        return {
            element: wrapper,
            read() {
                const text = input.value.trim();
                if (text === "") {
                    if (field.optional) return {value: null};
                    return {problem: mark(input, problem, "Enter a number"), control: input};
                }
                const value = Number(text);
                if (!Number.isFinite(value)) {
                    return {problem: mark(input, problem, "Not a number"), control: input};
                }
                mark(input, problem, "");
                return {value};
            },
            set(value) { input.value = value === null || value === undefined ? "" : String(value); }
        };
    }

    function stringField(field, path) {
        const input = el("input", {class: "input", autocomplete: "off", "data-kind": "string",
            placeholder: "up to " + field.length + " characters"});
        const {wrapper, problem} = labelled(field, path, input, field.length + " × char · " + field.encoding);
        input.addEventListener("input", () => mark(input, problem, ""));
        return {
            element: wrapper,
            read() {
                const text = input.value;
                if (/[^\x00-\x7F]/.test(text) && field.encoding === "US-ASCII") {
                    return {problem: mark(input, problem, "ASCII characters only"), control: input};
                }
                if (new TextEncoder().encode(text).length > field.length) {
                    return {problem: mark(input, problem, "At most " + field.length + " characters"), control: input};
                }
                mark(input, problem, "");
                return {value: text === "" && field.optional ? null : text};
            },
            set(value) { input.value = value || ""; }
        };
    }

    function arrayField(field, path) {
        const parts = [];
        for (let i = 0; i < field.length; i++) {
            parts.push(integerOrFloat(Object.assign({}, field.element, {name: field.name + "[" + i + "]"}), path + "[" + i + "]"));
        }
        const box = el("fieldset", {class: "nested wide"}, el("legend", {text: field.name + " · " + field.length + " × " +
            field.element.primitive}), el("div", {class: "array-inputs"}, parts.map((part) => part.element)));
        return {
            element: box,
            read() {
                const values = parts.map((part) => part.read());
                const bad = values.find((v) => v.problem);
                return bad ? bad : {value: values.map((v) => v.value === null ? 0 : v.value)};
            },
            set(value) { parts.forEach((part, i) => part.set(value ? value[i] : null)); }
        };
    }

    function integerOrFloat(field, path) {
        return field.kind === "float" ? floatField(field, path) : integerField(field, path);
    }

    function enumField(field, path) {
        const select = el("select", {class: "input", "data-kind": "enum"},
            field.values.map((value) => el("option", {value, text: value})));
        const {wrapper} = labelled(field, path, select, "enum " + field.type);
        return {
            element: wrapper,
            read() { return {value: select.value}; },
            set(value) { if (value) select.value = value; }
        };
    }

    function setField(field, path) {
        const boxes = field.choices.map((choice) => {
            const input = el("input", {type: "checkbox", value: choice, "data-path": path + "." + choice});
            return {input, label: el("label", {class: "check"}, input, choice)};
        });
        const box = el("fieldset", {class: "nested", "data-kind": "set"}, el("legend", {text: field.name + " · set " + field.type}),
            el("div", {class: "choices"}, boxes.map((b) => b.label)));
        return {
            element: box,
            read() { return {value: boxes.filter((b) => b.input.checked).map((b) => b.input.value)}; },
            set(value) { boxes.forEach((b) => { b.input.checked = !!value && value.includes(b.input.value); }); }
        };
    }

    function dataField(field, path) {
        const bytes = !field.encoding;
        const area = el("textarea", {class: "input", rows: 2, "data-kind": "data", spellcheck: "false",
            placeholder: bytes ? "bytes as base64, such as AAEC/w==" : "text"});
        const {wrapper, problem} = labelled(field, path, area, bytes ? "bytes, as base64" :
            "text · " + field.encoding + " · at most " + field.maxLength + " bytes");
        wrapper.classList.add("wide");
        area.addEventListener("input", () => mark(area, problem, ""));
        return {
            element: wrapper,
            read() {
                const text = area.value;
                if (bytes) {
                    const compact = text.replace(/\s+/g, "");
                    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
                        return {problem: mark(area, problem, "Not base64: groups of four of A–Z a–z 0–9 + /, = padded"), control: area};
                    }
                    mark(area, problem, "");
                    return {value: compact};
                }
                if (new TextEncoder().encode(text).length > field.maxLength) {
                    return {problem: mark(area, problem, "Longer than " + field.maxLength + " bytes"), control: area};
                }
                mark(area, problem, "");
                return {value: text};
            },
            set(value) { area.value = value || ""; }
        };
    }

    function compositeField(field, path) {
        const inner = fieldsOf(field.fields, path);
        const box = el("fieldset", {class: "nested wide", "data-kind": "composite"},
            el("legend", {text: field.name + " · " + field.type}), inner.element);
        return {element: box, read: inner.read, set: inner.set};
    }

    function groupField(field, path) {
        const rows = [];
        const list = el("div", {class: "group-rows"});
        const empty = el("div", {class: "empty small", text: "No " + field.name + " yet: add a row."});
        const add = el("button", {class: "btn small", type: "button", "data-add": path, text: "Add " + field.name + " row"});
        const problem = el("span", {class: "problem", role: "alert"});
        const box = el("fieldset", {class: "nested wide", "data-kind": "group"},
            el("legend", {text: field.name + " · repeating group, up to " + field.maxCount}), list, empty,
            el("div", {class: "row"}, add, problem));

        function renumber() {
            rows.forEach((row, i) => { row.title.textContent = field.name + " [" + i + "]"; });
            empty.hidden = rows.length > 0;
            add.disabled = rows.length >= field.maxCount;
        }

        function addRow(value) {
            const index = rows.length;
            const inner = fieldsOf(field.fields, path + "[" + index + "]");
            const title = el("span", {});
            const remove = el("button", {class: "btn small danger", type: "button", "data-remove": path, text: "Remove"});
            const rowBox = el("fieldset", {class: "group-row"}, el("legend", {}, title, remove), inner.element);
            const row = {element: rowBox, inner, title};
            remove.addEventListener("click", () => {
                rows.splice(rows.indexOf(row), 1);
                rowBox.remove();
                renumber();
                add.focus();
            });
            rows.push(row);
            list.append(rowBox);
            if (value) inner.set(value);
            renumber();
            return row;
        }

        add.addEventListener("click", () => {
            const row = addRow();
            const first = row.element.querySelector("input, select, textarea");
            if (first) first.focus();
        });
        renumber();
        return {
            element: box,
            read() {
                const values = [];
                let bad = null;
                for (const row of rows) {
                    const value = row.inner.read();
                    if (value.problem && !bad) bad = value;
                    values.push(value.value);
                }
                return bad || {value: values};
            },
            set(value) {
                rows.splice(0).forEach((row) => row.element.remove());
                (value || []).forEach((v) => addRow(v));
                renumber();
            }
        };
    }

    function constantField(field) {
        return {
            element: el("div", {class: "field"}, el("span", {class: "label", text: field.name}),
                el("span", {class: "constant", text: field.value}), el("span", {class: "hint", text: "constant: not sent"})),
            read() { return {skip: true}; },
            set() {}
        };
    }

    function fieldOf(field, path) {
        switch (field.kind) {
            case "integer": return integerField(field, path);
            case "float": return floatField(field, path);
            case "string": return stringField(field, path);
            case "array": return arrayField(field, path);
            case "enum": return enumField(field, path);
            case "set": return setField(field, path);
            case "composite": return compositeField(field, path);
            case "group": return groupField(field, path);
            case "data": return dataField(field, path);
            case "constant": return constantField(field, path);
            default: throw new Error("unknown field kind " + field.kind);
        }
    }

    /** The fields of a message, composite or group element: an element and a reader of the whole. */
    function fieldsOf(fields, path) {
        const parts = fields.map((field) => ({field, part: fieldOf(field, path ? path + "." + field.name : field.name)}));
        const element = el("div", {class: "fields"}, parts.map((p) => p.part.element));
        if (parts.length === 0) {
            element.append(el("div", {class: "empty small wide", text: "This message has no fields."}));
        }
        return {
            element,
            read() {
                const value = {};
                let bad = null;
                const problems = [];
                for (const {field, part} of parts) {
                    const result = part.read();
                    if (result.problem) {
                        problems.push(result);
                        if (!bad) bad = result;
                    } else if (!result.skip) {
                        value[field.name] = result.value;
                    }
                }
                return bad ? Object.assign({}, bad, {problems}) : {value};
            },
            set(value) {
                for (const {field, part} of parts) {
                    part.set(value ? value[field.name] : undefined);
                }
            }
        };
    }

    /**
     * Builds the form of a message description into a container.
     *
     * @return {read() -> {value} or {problem, control, count}, set(json)}
     */
    function build(message, container) {
        container.replaceChildren();
        const form = fieldsOf(message.fields, "");
        container.append(...form.element.childNodes);
        return {
            read() {
                const result = form.read();
                if (result.problem) {
                    const invalid = container.querySelectorAll("[aria-invalid='true']").length;
                    return {problem: result.problem, control: result.control, count: Math.max(1, invalid)};
                }
                return result;
            },
            set: form.set
        };
    }

    return {build};
})();
