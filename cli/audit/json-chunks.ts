// Parsing a large JSON document without holding its whole text. A stack export of 100k resources
// is a file of a few hundred megabytes: read whole, its text alone took as much memory as the
// parsed resources, and V8 keeps it until a full collection long after it is needed. Here the
// bytes are read a chunk at a time, and each element of an array that is not inside another
// array (the export's resources, its pending operations) is parsed as soon as it is complete;
// the rest of the document, small, is parsed once at the end with the arrays put back in.
//
// JSON.parse does the parsing; the scanner only finds where the elements begin and end, and
// checks the commas between them, which it leaves out of the texts it hands JSON.parse. Anything
// it does not expect ends the attempt (undefined): the caller then parses the whole text, whose
// error message says where the text stops being JSON.

/** Reads the next bytes into `into`, answering how many (0 at the end). */
export type ChunkReader = (into: Buffer) => number;

export interface ParsedInChunks {
    value: unknown;
    /**
     * For each of those arrays, by element, the line of the element's own `"urn"` key (0 for an
     * element without one): where a resource's entry is in the file, for reports that point at it.
     */
    urnLines: Map<unknown[], number[]>;
}

const quote = 0x22;
const backslash = 0x5c;
const newline = 0x0a;
const openObject = 0x7b;
const closeObject = 0x7d;
const openArray = 0x5b;
const closeArray = 0x5d;
const comma = 0x2c;

function isWhitespace(c: number): boolean {
    return c === 0x20 || c === newline || c === 0x0d || c === 0x09;
}

const chunkBytes = 4 * 1024 * 1024;

/** A reader over bytes already in memory (standard input, a decompressed file). */
export function bufferReader(bytes: Buffer): ChunkReader {
    let offset = 0;
    return (into) => {
        const n = bytes.copy(into, 0, offset, Math.min(bytes.length, offset + into.length));
        offset += n;
        return n;
    };
}

/** The document, or undefined when it is not JSON as this reader expects it (see above). */
export function parseInChunks(read: ChunkReader): ParsedInChunks | undefined {
    // Everything the loop uses is a local of this function (no closure captures one), which keeps
    // the loop over every byte of the file fast.
    const urnLines = new Map<unknown[], number[]>();
    // The document outside the split arrays, as byte slices; each split array is written `[<n>]`,
    // n its index in `arrays`.
    const outside: Buffer[] = [];
    const arrays: unknown[][] = [];
    // Open objects outside the split arrays (an array there is split, so only objects nest).
    let objects = 0;
    // Inside a split array: its elements so far, the nesting inside the current element, where the
    // element began (in `window`), its first line, and what may come next.
    let array: unknown[] | undefined;
    let lines: number[] = [];
    let nesting = 0;
    let elementStart = -1;
    let elementLine = 0;
    let primitive = false;
    let expect = valueOrEnd;
    let inString = false;
    let skipInNextChunk = 0;
    let line = 1;

    let window = Buffer.alloc(0);
    // Where the current run of bytes outside the split arrays began in `window` (-1 inside one).
    let outsideStart = 0;
    const chunk = Buffer.allocUnsafe(chunkBytes);

    for (;;) {
        const n = read(chunk);
        if (n === 0) {
            break;
        }
        // Keep what the next chunk completes: the current element, or the current run outside.
        const keepFrom = elementStart >= 0 ? elementStart : outsideStart >= 0 ? outsideStart : window.length;
        const kept = window.subarray(keepFrom);
        window = Buffer.concat([kept, chunk.subarray(0, n)]);
        let i = kept.length + skipInNextChunk;
        skipInNextChunk = 0;
        if (elementStart >= 0) {
            elementStart -= keepFrom;
        }
        if (outsideStart >= 0) {
            outsideStart -= keepFrom;
        }
        const length = window.length;
        for (; i < length; i++) {
            if (inString) {
                // To the closing quote, past escaped characters. (Strings are short: a loop here is
                // faster than calling Buffer's indexOf for each.)
                let end = i;
                while (end < length) {
                    const b = window[end];
                    if (b === quote) {
                        break;
                    }
                    end += b === backslash ? 2 : 1;
                }
                if (end >= length) {
                    // The string goes on in the next chunk (past the character a final backslash escapes).
                    skipInNextChunk = end - length;
                    break;
                }
                i = end;
                inString = false;
                if (array !== undefined && nesting === 0) {
                    const value = parsedElement(window, elementStart, i + 1, elementLine, lines);
                    if (value === notJson) {
                        return undefined;
                    }
                    array.push(value);
                    elementStart = -1;
                    expect = commaOrEnd;
                }
                continue;
            }
            const c = window[i];
            if (c === newline) {
                line++;
                continue;
            }
            if (array === undefined) {
                if (c === quote) {
                    inString = true;
                } else if (c === openObject) {
                    objects++;
                } else if (c === closeObject) {
                    objects--;
                } else if (c === openArray) {
                    // A split array starts: the bytes so far go outside, its elements into `arrays`.
                    outside.push(Buffer.from(window.subarray(outsideStart, i + 1)));
                    outsideStart = -1;
                    array = [];
                    lines = [];
                    urnLines.set(array, lines);
                    expect = valueOrEnd;
                }
                continue;
            }
            if (primitive && (c === comma || c === closeArray || isWhitespace(c))) {
                const value = parsedElement(window, elementStart, i, elementLine, lines);
                if (value === notJson) {
                    return undefined;
                }
                array.push(value);
                elementStart = -1;
                primitive = false;
                expect = commaOrEnd;
            }
            if (primitive) {
                // A number, true, false or null goes on to the next comma, bracket or space (above).
                continue;
            }
            if (elementStart >= 0) {
                // Inside an element: find its end. Most bytes (names, numbers, indentation) are
                // passed over in a tight loop.
                if (!structural[c]) {
                    while (i + 1 < length && !structural[window[i + 1]]) {
                        i++;
                    }
                    continue;
                }
                if (c === quote) {
                    inString = true;
                } else if (c === openObject || c === openArray) {
                    nesting++;
                } else if (c === closeObject || c === closeArray) {
                    nesting--;
                    if (nesting === 0) {
                        const value = parsedElement(window, elementStart, i + 1, elementLine, lines);
                        if (value === notJson) {
                            return undefined;
                        }
                        array.push(value);
                        elementStart = -1;
                        expect = commaOrEnd;
                    }
                }
                continue;
            }
            // Between the elements of a split array.
            if (isWhitespace(c)) {
                continue;
            }
            if (c === comma) {
                if (expect !== commaOrEnd) {
                    return undefined;
                }
                expect = valueOnly;
            } else if (c === closeArray) {
                if (expect === valueOnly) {
                    return undefined;
                }
                outside.push(Buffer.from(`${arrays.length}]`));
                arrays.push(array);
                array = undefined;
                outsideStart = i + 1;
            } else {
                if (expect === commaOrEnd) {
                    return undefined;
                }
                if (c === openObject) {
                    // An indented file (what `pulumi stack export` writes) closes the object on a
                    // line of its own, indented as the line it opens on: found at once, it spares
                    // the loop below the element's bytes.
                    const end = indentedObjectEnd(window, i);
                    if (end !== -1) {
                        const text = window.toString("utf8", i, end);
                        const value = parsedText(text, line, lines);
                        if (value !== notJson) {
                            array.push(value);
                            line += linesIn(text);
                            i = end - 1;
                            expect = commaOrEnd;
                            continue;
                        }
                    }
                }
                elementStart = i;
                elementLine = line;
                if (c === quote) {
                    inString = true;
                } else if (c === openObject || c === openArray) {
                    nesting = 1;
                } else {
                    primitive = true;
                }
            }
        }
    }
    if (primitive && array !== undefined) {
        const value = parsedElement(window, elementStart, window.length, elementLine, lines);
        if (value === notJson) {
            return undefined;
        }
        array.push(value);
        primitive = false;
    }
    if (inString || primitive || array !== undefined || objects !== 0) {
        return undefined;
    }
    outside.push(window.subarray(outsideStart));
    let value: unknown;
    try {
        value = JSON.parse(Buffer.concat(outside).toString("utf8"));
    } catch {
        return undefined;
    }
    return { value: putBack(value, arrays), urnLines };
}

// What may come next between the elements of a split array.
const valueOrEnd = 0;
const valueOnly = 1;
const commaOrEnd = 2;

const notJson = Symbol("not JSON");

/** The bytes that matter inside an element: quotes, brackets and line breaks. */
const structural = new Uint8Array(256);
for (const c of [quote, openObject, closeObject, openArray, closeArray, newline]) {
    structural[c] = 1;
}

/**
 * Where the object opening at `start` ends if the file is indented: after the first line break
 * followed by the opening line's indentation and `}`. (JSON strings hold no raw line breaks, so
 * that line is not inside a string; if it closes an object nested in this one, or the file is
 * indented another way, the text up to it is not one JSON value, and the caller scans instead.)
 * -1 when the opening line is not indented with spaces only, or the closing line is not in `bytes`.
 */
function indentedObjectEnd(bytes: Buffer, start: number): number {
    let lineStart = start;
    while (lineStart > 0 && bytes[lineStart - 1] === 0x20) {
        lineStart--;
    }
    if (lineStart === 0 || bytes[lineStart - 1] !== newline) {
        return -1;
    }
    const indentation = start - lineStart;
    // Each `}` in turn, until one has the line to itself up to it (faster than searching for the
    // whole line, whose first bytes, a line break and spaces, begin every line of the file).
    for (let at = bytes.indexOf(closeObject, start + 1); at !== -1; at = bytes.indexOf(closeObject, at + 1)) {
        if (at - indentation - 1 > start && bytes[at - indentation - 1] === newline && spacesBefore(bytes, at, indentation)) {
            return at + 1;
        }
    }
    return -1;
}

/** Whether the `count` bytes before `end` are spaces. */
function spacesBefore(bytes: Buffer, end: number, count: number): boolean {
    for (let i = end - count; i < end; i++) {
        if (bytes[i] !== 0x20) {
            return false;
        }
    }
    return true;
}

/** The line breaks in `text` before `end`. */
function linesIn(text: string, end = text.length): number {
    let lines = 0;
    for (let at = text.indexOf("\n"); at !== -1 && at < end; at = text.indexOf("\n", at + 1)) {
        lines++;
    }
    return lines;
}

/** One element of a split array, parsed (see parsedText). */
function parsedElement(bytes: Buffer, start: number, end: number, firstLine: number, lines: number[]): unknown {
    return parsedText(bytes.toString("utf8", start, end), firstLine, lines);
}

/** An element's text parsed, with the line of its own `"urn"` key added to `lines`; notJson if it is not one JSON value. */
function parsedText(text: string, firstLine: number, lines: number[]): unknown {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return notJson;
    }
    const urn = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as { urn?: unknown }).urn : undefined;
    lines.push(typeof urn === "string" ? firstLine + linesBefore(text, urn) : 0);
    return value;
}

/** The document with each `[<n>]` written for a split array replaced by that array. */
function putBack(value: unknown, arrays: unknown[][]): unknown {
    if (Array.isArray(value)) {
        return arrays[value[0] as number];
    }
    if (value !== null && typeof value === "object") {
        const object = value as Record<string, unknown>;
        for (const key of Object.keys(object)) {
            const child = putBack(object[key], arrays);
            if (child !== object[key]) {
                // An own `__proto__` key (JSON.parse makes one) is set as a property, not as the prototype.
                Object.defineProperty(object, key, { value: child, writable: true, enumerable: true, configurable: true });
            }
        }
    }
    return value;
}

const urnKey = '"urn": "';

/** The lines before an element's own `"urn": "<urn>"` key (0 when it is on the element's first line). */
function linesBefore(text: string, urn: string): number {
    // As `pulumi stack export` writes it, the first "urn" key, its value unescaped: found at once.
    const first = text.indexOf(urnKey);
    if (first !== -1 && !urn.includes("\\") && !urn.includes('"') && text.startsWith(urn, first + urnKey.length) && text.charCodeAt(first + urnKey.length + urn.length) === quote) {
        return linesIn(text, first);
    }
    const pattern = /"urn"\s*:\s*"/g;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const start = match.index + match[0].length - 1;
        let end = start + 1;
        while (end < text.length && text.charCodeAt(end) !== quote) {
            end += text.charCodeAt(end) === backslash ? 2 : 1;
        }
        pattern.lastIndex = end + 1;
        const quoted = text.slice(start, end + 1);
        let value: string;
        try {
            value = quoted.includes("\\") ? JSON.parse(quoted) : quoted.slice(1, -1);
        } catch {
            continue;
        }
        if (value === urn) {
            return linesIn(text, match.index);
        }
    }
    return 0;
}
