// The chunked reader must read exactly what JSON.parse reads, whatever the chunk boundaries and
// the layout of the text, refuse whatever JSON.parse refuses (the caller then reports the error),
// and point at each resource's own "urn" line; and a state file read through it must give the
// export that reading its whole text gives.
import { expect } from "chai";
import { execFileSync, spawn } from "child_process";
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import * as zlib from "zlib";
import { ChunkReader, parseInChunks } from "../../cli/audit/json-chunks";
import { parseExport, readExports } from "../../cli/audit/exports";

const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** A reader that hands out the text's bytes a few at a time: every boundary falls somewhere. */
function trickle(text: string, sizes: number[]): ChunkReader {
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    let call = 0;
    return (into) => {
        const size = Math.min(into.length, sizes[call++ % sizes.length], bytes.length - offset);
        bytes.copy(into, 0, offset, offset + size);
        offset += size;
        return size;
    };
}

function jsonParse(text: string): { value: unknown } | undefined {
    try {
        return { value: JSON.parse(text) };
    } catch {
        return undefined;
    }
}

const sizes = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 });
// Strings with quotes, backslashes, escapes and characters of several UTF-8 lengths.
const text = fc.string({ unit: fc.constantFrom("a", "\"", "\\", "\n", "{", "]", ",", "é", "€", "😀", " ") });
const value = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), text, tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: 4 }),
    object: fc.dictionary(fc.oneof(text, fc.constantFrom("__proto__", "urn", "resources")), tie("value"), { maxKeys: 4 }),
})).value;

describe("audit: reading JSON in chunks", () => {
    it("reads what JSON.parse reads, compact or indented, whatever the chunk boundaries", () => {
        fc.assert(
            fc.property(value, fc.integer({ min: 0, max: 4 }), sizes, (v, indentation, chunkSizes) => {
                const json = JSON.stringify(v, null, indentation);
                const read = parseInChunks(trickle(json, chunkSizes));
                expect(read, json).to.not.equal(undefined);
                expect(isDeepStrictEqual(read!.value, JSON.parse(json)), json).to.equal(true);
            }),
            { numRuns: 2000 },
        );
    });

    it("accepts exactly the texts JSON.parse accepts, and reads them alike", () => {
        const edit = fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 2 }), insert: fc.constantFrom("", ",", "[", "]", "{", "}", "\"", "\\", " ", "1", "\n") });
        fc.assert(
            fc.property(value, fc.integer({ min: 0, max: 4 }), edit, sizes, (v, indentation, { at, remove, insert }, chunkSizes) => {
                const json = JSON.stringify(v, null, indentation);
                const position = at % (json.length + 1);
                const edited = json.slice(0, position) + insert + json.slice(position + remove);
                // The reader reads bytes: half a surrogate pair cut off by the edit is written as U+FFFD.
                const expected = jsonParse(Buffer.from(edited, "utf8").toString("utf8"));
                const read = parseInChunks(trickle(edited, chunkSizes));
                if (expected === undefined) {
                    expect(read, edited).to.equal(undefined);
                } else {
                    expect(read, edited).to.not.equal(undefined);
                    expect(isDeepStrictEqual(read!.value, expected.value), edited).to.equal(true);
                }
            }),
            { numRuns: 3000 },
        );
    });

    it("records the line of each resource's own urn key, even where another resource's inputs name it first", () => {
        const stack = "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod";
        const bucket = "urn:pulumi:prod::shop::aws:s3/bucketV2:BucketV2::assets";
        const document = {
            version: 3,
            deployment: {
                manifest: { time: "2024-05-06T10:00:00Z" },
                resources: [
                    { urn: stack, type: "pulumi:pulumi:Stack" },
                    // A resource reference in an earlier resource's inputs carries the bucket's URN under "urn".
                    { type: "aws:s3/bucketPolicy:BucketPolicy", inputs: { bucket: { urn: bucket, id: "assets-1" } }, urn: "urn:pulumi:prod::shop::aws:s3/bucketPolicy:BucketPolicy::assets" },
                    { urn: bucket, type: "aws:s3/bucketV2:BucketV2" },
                ],
            },
        };
        for (const indentation of [4, 2, 0]) {
            const json = JSON.stringify(document, null, indentation);
            const read = parseInChunks(trickle(json, [3, 1000]))!;
            const resources = (read.value as typeof document).deployment.resources;
            const lines = json.split("\n");
            const ownLine = (urn: string, after: number) => lines.findIndex((l, i) => i >= after && l.includes(`"urn":${indentation > 0 ? " " : ""}${JSON.stringify(urn)}`)) + 1;
            expect(read.urnLines.get(resources)).to.deep.equal(
                indentation === 0 ? [1, 1, 1] : [ownLine(stack, 0), ownLine(resources[1].urn, 0), ownLine(bucket, ownLine(resources[1].urn, 0))],
            );
        }
    });
});

describe("audit: state files read in chunks", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-baseline-chunks-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const fixture of ["reference.json", "violations.json", "plaintext-secrets.json", "deleted-and-pending.json", "tag-waivers.json"]) {
        it(`gives the export reading the whole text gives: ${fixture}, as written and gzip-compressed`, () => {
            const text = fs.readFileSync(path.join(repoRoot, "test", "fixtures", "exports", fixture), "utf8");
            const plain = path.join(dir, fixture);
            const compressed = path.join(dir, `${fixture}.gz`);
            fs.writeFileSync(plain, text);
            fs.writeFileSync(compressed, zlib.gzipSync(text));
            const whole = parseExport(plain, text);
            expect(Object.keys(whole.lines).length).to.be.greaterThan(0);
            const [fromFile, fromGzip] = readExports([plain, compressed]);
            expect(fromFile).to.deep.equal(whole);
            expect(fromGzip).to.deep.equal({ ...whole, source: compressed });
        });
    }

    // `secure-baseline audit <(pulumi stack export | gzip)`: a pipe can be read only once.
    const throughPipe = (name: string, content: Buffer, read: (fifo: string) => void) => {
        const fifo = path.join(dir, name);
        execFileSync("mkfifo", [fifo]);
        const source = path.join(dir, `${name}.content`);
        fs.writeFileSync(source, content);
        const writer = spawn("sh", ["-c", 'cat "$1" > "$2"', "sh", source, fifo], { stdio: "ignore" });
        try {
            read(fifo);
        } finally {
            writer.kill();
        }
    };

    it("reads a pipe as it reads the file, gzip-compressed or not, and says where a truncated one ends", () => {
        const text = fs.readFileSync(path.join(repoRoot, "test", "fixtures", "exports", "reference.json"), "utf8");
        const whole = parseExport("reference.json", text);
        throughPipe("plain-pipe", Buffer.from(text), (fifo) => expect(readExports([fifo])).to.deep.equal([{ ...whole, source: fifo }]));
        throughPipe("gzip-pipe", zlib.gzipSync(text), (fifo) => expect(readExports([fifo])).to.deep.equal([{ ...whole, source: fifo }]));
        const truncated = text.slice(0, 2000);
        const expected = /not valid JSON: the text ends at line \d+ before the JSON is complete \(truncated\?\)$/;
        expect(() => parseExport("truncated.json", truncated)).to.throw(expected);
        throughPipe("truncated-pipe", Buffer.from(truncated), (fifo) => expect(() => readExports([fifo])).to.throw(expected));
    });

    it("names the line and column where a file stops being JSON, as reading it whole does", () => {
        const file = path.join(dir, "broken.json");
        fs.writeFileSync(file, '{\n    "version": 3,\n    "deployment": {\n        "resources": [\n            {"urn": "urn:pulumi:a::b::pulumi:pulumi:Stack::b-a",}\n        ]\n    }\n}\n');
        expect(() => readExports([file])).to.throw(/broken\.json: not valid JSON: unexpected character at line 5, column \d+$/);
    });
});
