// Parsing JSON the user gave us, with errors that say where without quoting the text: an export
// holds secrets, and V8's own messages quote the input around the error.

export class JsonTextError extends Error {}

export function parseJsonText(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
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

/** A recursive-descent JSON recognizer that reports the offset of the first error. */
class Scanner {
    private i = 0;

    constructor(private readonly s: string) {}

    firstErrorOffset(): number {
        try {
            this.value();
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

    private value(): void {
        this.space();
        const c = this.s[this.i];
        if (c === "{") {
            this.i++;
            this.space();
            if (this.s[this.i] === "}") {
                this.i++;
                return;
            }
            for (;;) {
                this.space();
                this.string();
                this.space();
                this.expect(":");
                this.value();
                this.space();
                if (this.s[this.i] === ",") {
                    this.i++;
                    continue;
                }
                this.expect("}");
                return;
            }
        } else if (c === "[") {
            this.i++;
            this.space();
            if (this.s[this.i] === "]") {
                this.i++;
                return;
            }
            for (;;) {
                this.value();
                this.space();
                if (this.s[this.i] === ",") {
                    this.i++;
                    continue;
                }
                this.expect("]");
                return;
            }
        } else if (c === '"') {
            this.string();
        } else if (c !== undefined && /[-0-9]/.test(c)) {
            const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
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
                    if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
                        this.i = Math.min(this.i + 2, this.s.length);
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
