// Unknown-safe reading of resource properties.
//
// At preview, values that depend on resources not yet created arrive as sentinel strings. The
// SDK wraps props in a proxy that throws when such a value is read, which turns a whole check into
// an advisory and lets a mandatory policy fail open. Policies here read the raw values instead,
// through these helpers, so that every verdict is explicit: a value is known, absent, or UNKNOWN.
import { proxy } from "./sdk";

export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

const sentinels = new Set<unknown>([
    proxy.unknownBooleanValue,
    proxy.unknownNumberValue,
    proxy.unknownStringValue,
    proxy.unknownArrayValue,
    proxy.unknownAssetValue,
    proxy.unknownArchiveValue,
    proxy.unknownObjectValue,
]);

/** True for a preview-time unknown, either as the engine's sentinel or as our UNKNOWN marker. */
export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN || (typeof value === "string" && sentinels.has(value));
}

/**
 * True for a value unknown wholly or in part: an unknown, or a string that holds the engine's
 * unknown marker among known text (a JSON template or an ARN built from a value not known yet).
 */
export function holdsUnknown(value: unknown): boolean {
    return isUnknown(value) || (typeof value === "string" && value.includes(proxy.unknownStringValue));
}

/** The plain object behind the SDK's unknown-checking proxy (a plain value is returned as is). */
export function raw<T>(value: T): T {
    if (value !== null && typeof value === "object" && (value as any)[proxy.isSpecialProxy] === true) {
        return (value as any)[proxy.getSpecialProxyTarget];
    }
    return value;
}

/**
 * Walks a property path. Returns UNKNOWN as soon as a step is unknown, undefined when a step is
 * missing or not an object, and the value otherwise. A number in the path indexes a list; a
 * single object standing where a one-element list is expected is accepted (providers accept both).
 */
export function at(value: unknown, ...path: (string | number)[]): unknown {
    let current: unknown = raw(value);
    for (const step of path) {
        if (isUnknown(current)) {
            return UNKNOWN;
        }
        if (current === null || typeof current !== "object") {
            return undefined;
        }
        if (typeof step === "number" && !Array.isArray(current)) {
            current = step === 0 ? current : undefined;
            continue;
        }
        current = (current as Record<string | number, unknown>)[step];
    }
    return isUnknown(current) ? UNKNOWN : current;
}

/** A known string, UNKNOWN, or undefined (absent, or of another type). */
export function str(value: unknown): string | Unknown | undefined {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    return typeof value === "string" ? value : undefined;
}

/** A known boolean, UNKNOWN, or undefined. The strings "true"/"false" count, as providers coerce them. */
export function bool(value: unknown): boolean | Unknown | undefined {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (typeof value === "boolean") {
        return value;
    }
    if (value === "true" || value === "false") {
        return value === "true";
    }
    return undefined;
}

/** A known finite number, UNKNOWN, or undefined. Numeric strings count, as providers coerce them. */
export function num(value: unknown): number | Unknown | undefined {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/**
 * A list: UNKNOWN when the list itself is unknown; [] when absent or null; a lone value becomes a
 * one-element list. Elements are returned raw and may themselves be unknown.
 */
export function list(value: unknown): unknown[] | Unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (value === undefined || value === null) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

/** An object's own entries, or UNKNOWN; anything that is not a plain object gives []. */
export function entries(value: unknown): [string, unknown][] | Unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return [];
    }
    return Object.entries(value as Record<string, unknown>);
}

/** The result of a check on values that may be unknown: never a pass or a fail by accident. */
export type Verdict = "pass" | "fail" | "unknown";

/** Fails if any fails; otherwise unknown if any is unknown; otherwise passes. */
export function all(verdicts: Iterable<Verdict>): Verdict {
    let result: Verdict = "pass";
    for (const v of verdicts) {
        if (v === "fail") {
            return "fail";
        }
        if (v === "unknown") {
            result = "unknown";
        }
    }
    return result;
}

/** Passes if any passes; otherwise unknown if any is unknown; otherwise fails (an empty set fails). */
export function some(verdicts: Iterable<Verdict>): Verdict {
    let result: Verdict = "fail";
    for (const v of verdicts) {
        if (v === "pass") {
            return "pass";
        }
        if (v === "unknown") {
            result = "unknown";
        }
    }
    return result;
}

/** Compares a possibly unknown value with a predicate: unknown stays unknown. */
export function test<T>(value: T | Unknown, predicate: (v: T) => boolean): Verdict {
    if (value === UNKNOWN) {
        return "unknown";
    }
    return predicate(value) ? "pass" : "fail";
}
