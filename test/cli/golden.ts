// The audit's golden reports: each case is a command line over the fixture exports, and its
// report in every format is kept in test/fixtures/exports/expected/. The tests compare the
// command's output with them exactly; `npm run update-audit-fixtures` rewrites them (review the
// diff: it is the change in what the audit says).
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { packVersion } from "../../policy-pack/lib/pack-info";
import { packName } from "../../policy-pack/lib/policy";
import { Format, Io, main } from "../../cli/main";

/** The repository root; this file runs from dist/test/cli. */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");
export const exportsDir = "test/fixtures/exports";
export const expectedDir = path.join(exportsDir, "expected");

export interface GoldenCase {
    name: string;
    /** Arguments after `secure-baseline audit`, without --format. */
    args: string[];
}

export const goldenCases: GoldenCase[] = [
    { name: "reference", args: [`${exportsDir}/reference.json`] },
    { name: "violations", args: [`${exportsDir}/violations.json`] },
    { name: "violations-waived", args: [`${exportsDir}/violations.json`, "--policy-pack-config", `${exportsDir}/config/waivers.json`] },
    { name: "tag-waivers", args: [`${exportsDir}/tag-waivers.json`] },
    { name: "plaintext-secrets", args: [`${exportsDir}/plaintext-secrets.json`] },
    { name: "ciphertext-secrets", args: [`${exportsDir}/ciphertext-secrets.json`] },
    { name: "deleted-and-pending", args: [`${exportsDir}/deleted-and-pending.json`] },
];

export const goldenFormats: { format: Format; extension: string }[] = [
    { format: "json", extension: "json" },
    { format: "sarif", extension: "sarif" },
    { format: "junit", extension: "xml" },
    { format: "table", extension: "txt" },
];

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs the command in process, as from the repository root, off a terminal. */
export async function runCli(args: string[], options: Partial<Io> = {}): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const io: Io = {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        stdoutIsTTY: false,
        readStdin: () => "",
        cwd: repoRoot,
        env: {},
        ...options,
    };
    const code = await main(["node", "secure-baseline", ...args], io);
    return { code, stdout, stderr };
}

/**
 * A golden case's report in one format, with the pack's version replaced by 0.0.0 so that a
 * release does not rewrite the golden files.
 */
export async function goldenReport(c: GoldenCase, format: Format): Promise<CliRun> {
    const run = await runCli(["audit", ...c.args, "--format", format]);
    return { ...run, stdout: neutralVersion(run.stdout) };
}

function neutralVersion(text: string): string {
    return text
        .split(`${packName} ${packVersion}`)
        .join(`${packName} 0.0.0`)
        .replace(new RegExp(`("(?:version|semanticVersion)": )"${packVersion.replace(/\./g, "\\.")}"`, "g"), '$1"0.0.0"');
}

export function expectedFile(c: GoldenCase, extension: string): string {
    return path.join(repoRoot, expectedDir, `${c.name}.${extension}`);
}

/** The SARIF 2.1.0 schema, vendored (see test/fixtures/sarif/README.md), with the formats it uses checked. */
export function sarifValidator() {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat("uri", (s: string) => URL.canParse(s));
    ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///base/") && !/\s/.test(s));
    ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s));
    ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    return ajv.compile(JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/sarif/sarif-2.1.0.json"), "utf8")));
}

/** Every string the export holds as a secret: plaintext values (and their strings) and ciphertexts. */
export function secretStrings(file: string): string[] {
    const found: string[] = [];
    const strings = (v: unknown): void => {
        if (typeof v === "string") {
            found.push(v);
        } else if (v !== null && typeof v === "object") {
            Object.values(v).forEach(strings);
        }
    };
    const walk = (v: unknown): void => {
        if (Array.isArray(v)) {
            v.forEach(walk);
        } else if (v !== null && typeof v === "object") {
            const o = v as Record<string, unknown>;
            if (o["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270") {
                if (typeof o.plaintext === "string") {
                    strings(JSON.parse(o.plaintext));
                }
                if (typeof o.ciphertext === "string") {
                    found.push(o.ciphertext);
                }
                return;
            }
            Object.values(o).forEach(walk);
        }
    };
    walk(JSON.parse(fs.readFileSync(file, "utf8")));
    return [...new Set(found)].filter((s) => s.length >= 4);
}

/** Policies that judge creation times, which the analyzer protocol does not carry: only an audit of an export reports them. */
export const exportOnlyPolicies = new Set(["s3-existing-objects-encrypted"]);

/** A JSON report without what differs between a file and a run: where the resources came from. */
export function comparableReport(report: Record<string, any>): Record<string, any> {
    const strip = (value: any): any =>
        Array.isArray(value)
            ? value.filter((v) => !exportOnlyPolicies.has(v?.policyName)).map(strip)
            : value !== null && typeof value === "object"
              ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== "source").map(([k, v]) => [k, strip(v)]))
              : value;
    // The counts of the summary include the export-only policy's.
    const { summary: _, ...rest } = strip(report);
    return rest;
}
