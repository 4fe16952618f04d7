// Parsing JSON the user gave us, with errors that say where without quoting the text: an export
// holds secrets, and V8's own messages quote the input around the error.

export class JsonTextError extends Error {}

export function parseJsonText(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch (e) {
        // Not a syntax error: the parser ran out of memory or stack on text that may be valid.
        if (!(e instanceof SyntaxError)) {
            throw new JsonTextError(`cannot read the JSON (${e instanceof RangeError ? "it is nested too deeply or too large" : "the parser failed"})`);
        }
        throw new JsonTextError(describeSyntaxError(text));
    }
}

/** Where the text stops being JSON, found by a small scanner (only run once JSON.parse has failed). */
export function describeSyntaxError(text: string): string {
    if (text.trim() === "") {
        return "the file is empty";
    }
    const offset = new Scanner(text).firstErrorOffset();
    const { line, column } = position(text, offset);
    if (offset >= text.length) {
        return `not valid JSON: the text ends at line ${line} before the JSON is complete (truncated?)`;
    }
    return `not valid JSON: unexpected character at line ${line}, column ${column}`;
}

function position(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    const end = Math.min(offset, text.length);
    for (let i = 0; i < end; i++) {
        if (text.charCodeAt(i) === 10) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: end - lineStart + 1 };
}

class SyntaxAt extends Error {
    constructor(readonly offset: number) {
        super("syntax");
    }
}

/**
 * A JSON recognizer that reports the offset of the first error. It keeps its own stack of open
 * containers rather than recursing, so that a text nested a hundred thousand levels deep is
 * located like any other.
 */
class Scanner {
    private i = 0;

    constructor(private readonly s: string) {}

    firstErrorOffset(): number {
        try {
            this.document();
            this.space();
            if (this.i < this.s.length) {
                return this.i;
            }
            return this.s.length;
        } catch (e) {
            if (e instanceof SyntaxAt) {
                return e.offset;
            }
            throw e;
        }
    }

    private fail(): never {
        throw new SyntaxAt(this.i);
    }

    private space(): void {
        while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i])) {
            this.i++;
        }
    }

    private expect(c: string): void {
        if (this.s[this.i] !== c) {
            this.fail();
        }
        this.i++;
    }

    /** One value; containers push their closing character and are continued after each member. */
    private document(): void {
        const open: string[] = [];
        for (;;) {
            // A value starts here.
            this.space();
            const c = this.s[this.i];
            if (c === "{" || c === "[") {
                this.i++;
                this.space();
                const close = c === "{" ? "}" : "]";
                if (this.s[this.i] === close) {
                    this.i++;
                } else {
                    open.push(close);
                    if (close === "}") {
                        this.key();
                    }
                    continue;
                }
            } else {
                this.scalar();
            }
            // A value has ended: continue or close the containers around it.
            for (;;) {
                if (open.length === 0) {
                    return;
                }
                this.space();
                const close = open[open.length - 1];
                if (this.s[this.i] === ",") {
                    this.i++;
                    if (close === "}") {
                        this.key();
                    }
                    break;
                }
                this.expect(close);
                open.pop();
            }
        }
    }

    /** An object member's key and colon. */
    private key(): void {
        this.space();
        this.string();
        this.space();
        this.expect(":");
    }

    private scalar(): void {
        const c = this.s[this.i];
        if (c === '"') {
            this.string();
        } else if (c !== undefined && /[-0-9]/.test(c)) {
            const rest = this.s.slice(this.i, this.i + 400);
            const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
            // A number cut short at the very end ("-", "1.", "2e+") is a truncation.
            if (this.i + rest.length === this.s.length && /^-?(0|[1-9]\d*)?(\.\d*)?([eE][+-]?\d*)?$/.test(rest) && !(match && match[0] === rest)) {
                this.i = this.s.length;
                this.fail();
            }
            if (!match) {
                this.fail();
            }
            this.i += match[0].length;
        } else {
            for (const word of ["true", "false", "null"]) {
                if (this.s.startsWith(word, this.i)) {
                    this.i += word.length;
                    return;
                }
            }
            // A prefix of a literal at the very end is a truncation.
            if (["true", "false", "null"].some((w) => w.startsWith(this.s.slice(this.i)))) {
                this.i = this.s.length;
            }
            this.fail();
        }
    }

    private string(): void {
        this.expect('"');
        while (this.i < this.s.length) {
            const c = this.s.charCodeAt(this.i);
            if (c === 34) {
                this.i++;
                return;
            }
            if (c < 0x20) {
                this.fail();
            }
            if (c === 92) {
                const next = this.s[this.i + 1];
                if (next === "u") {
                    const hex = this.s.slice(this.i + 2, this.i + 6);
                    if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
                        // Hex digits up to the end of the text: the escape was cut short.
                        const cut = /^[0-9a-fA-F]*$/.test(hex) && this.i + 2 + hex.length === this.s.length;
                        this.i = cut ? this.s.length : this.i + 2 + (/^[0-9a-fA-F]*/.exec(hex)?.[0].length ?? 0);
                        this.fail();
                    }
                    this.i += 6;
                    continue;
                }
                if (next === undefined || !'"\\/bfnrt'.includes(next)) {
                    this.i++;
                    this.fail();
                }
                this.i += 2;
                continue;
            }
            this.i++;
        }
        this.fail();
    }
}
