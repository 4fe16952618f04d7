// Paths into property values, for the generators and for the unknown-substitution property.
//
// A path walks objects by key and lists by index; a `json` step enters a string that holds a JSON
// object or list (a policy document), so that values inside a document can be changed while the
// document stays a string. Secret envelopes are entered only through their `value`.
export type Step = string | number | { json: true };
export type Path = Step[];

export const secretSig = "4dabf18193072939515e22adb298388d";
export const secretValueSig = "1b47061264138c4ac30d75fd1eb44270";

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A JSON document held in a string, parsed, or undefined when the string is not one. */
export function parsedJson(value: unknown): object | undefined {
    if (typeof value !== "string" || !/^\s*[[{]/.test(value)) {
        return undefined;
    }
    try {
        const parsed = JSON.parse(value);
        return parsed !== null && typeof parsed === "object" ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** Every path below `value` (not the empty path), parents before children. */
export function allPaths(value: unknown, limit = 400): Path[] {
    const out: Path[] = [];
    const walk = (v: unknown, path: Path): void => {
        if (out.length >= limit) {
            return;
        }
        if (Array.isArray(v)) {
            v.forEach((item, i) => {
                out.push([...path, i]);
                walk(item, [...path, i]);
            });
            return;
        }
        if (isPlainObject(v)) {
            if (secretSig in v) {
                if (v[secretSig] === secretValueSig) {
                    out.push([...path, "value"]);
                    walk(v.value, [...path, "value"]);
                }
                return;
            }
            for (const [k, item] of Object.entries(v)) {
                out.push([...path, k]);
                walk(item, [...path, k]);
            }
            return;
        }
        const doc = parsedJson(v);
        if (doc !== undefined) {
            walk(doc, [...path, { json: true }]);
        }
    };
    walk(value, []);
    return out;
}

export function getAt(root: unknown, path: Path): unknown {
    let current = root;
    for (const step of path) {
        if (typeof step === "object") {
            current = parsedJson(current);
        } else if (current !== null && typeof current === "object" && Object.hasOwn(current, step)) {
            current = (current as Record<string | number, unknown>)[step];
        } else {
            return undefined;
        }
    }
    return current;
}

/**
 * A copy of `root` with the value at `path` replaced (or removed, for `remove`). Missing objects
 * on the way are created; a `json` step re-serializes the document it entered.
 */
export function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
    if (path.length === 0) {
        return value;
    }
    const [step, ...rest] = path;
    if (typeof step === "object") {
        const doc = parsedJson(root);
        return doc === undefined ? root : JSON.stringify(setAt(doc, rest, value, remove));
    }
    if (typeof step === "number" && Array.isArray(root)) {
        // No holes: a sparse list is nothing the engine can send.
        const copy = [...root, ...Array(Math.max(0, step + 1 - root.length)).fill(null)];
        if (rest.length === 0 && remove) {
            copy.splice(step, 1);
        } else {
            copy[step] = setAt(copy[step], rest, value, remove);
        }
        return copy;
    }
    const base: Record<string | number, unknown> = isPlainObject(root) ? { ...root } : Array.isArray(root) ? { ...root } : {};
    if (rest.length === 0 && remove) {
        // A secret envelope always holds a value: the engine never sends one without.
        if (secretSig in base && step === "value") {
            base[step] = null;
        } else {
            delete base[step];
        }
    } else {
        base[step] = setAt(Object.hasOwn(base, step) ? base[step] : undefined, rest, value, remove);
    }
    return base;
}

/** A path as a reader writes it: `.rules[0].applyServerSideEncryptionByDefault`. */
export function describePath(path: Path): string {
    return path.map((s) => (typeof s === "object" ? "<json>" : typeof s === "number" ? `[${s}]` : `.${s}`)).join("");
}
