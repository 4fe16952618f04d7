// One measurement in a fresh process, so that peak RSS belongs to it alone: `parse <file>` reads
// and JSON.parses the export (the floor), `audit <file> <report>` runs `secure-baseline audit` on
// it in process, as the installed command does, with a JSON report. Prints one JSON line.
import * as fs from "fs";

async function measure(mode: string, file: string, report: string | undefined): Promise<Record<string, number>> {
    if (mode === "parse") {
        const began = process.hrtime.bigint();
        const text = fs.readFileSync(file, "utf8");
        const read = process.hrtime.bigint();
        const document = JSON.parse(text) as { deployment?: { resources?: unknown[] } };
        const parsed = process.hrtime.bigint();
        return {
            readMs: ms(read - began),
            parseMs: ms(parsed - read),
            totalMs: ms(parsed - began),
            resources: document.deployment?.resources?.length ?? 0,
            peakRssBytes: peakRss(),
        };
    }
    const loadBegan = process.hrtime.bigint();
    // Loading the command (the pack, the SDK) is measured apart: it does not grow with the export.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { main } = require("../cli/main") as typeof import("../cli/main");
    const loaded = process.hrtime.bigint();
    const rssAfterLoad = process.memoryUsage().rss;
    let stdout = "";
    let stderr = "";
    const code = await main(["node", "secure-baseline", "audit", file, "--format", "json", "--output", report!, "--fail-on", "none"], {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        stdoutIsTTY: false,
        readStdin: () => "",
        cwd: process.cwd(),
        env: {},
    });
    const done = process.hrtime.bigint();
    if (code !== 0) {
        throw new Error(`the audit exited with ${code}: ${stderr.trim()}`);
    }
    const summary = (JSON.parse(fs.readFileSync(report!, "utf8")) as { summary: { resources: number; evaluated: number; violations: { mandatory: number; advisory: number } } }).summary;
    return {
        loadMs: ms(loaded - loadBegan),
        auditMs: ms(done - loaded),
        resources: summary.resources,
        evaluations: summary.evaluated,
        violations: summary.violations.mandatory + summary.violations.advisory,
        rssAfterLoadBytes: rssAfterLoad,
        peakRssBytes: peakRss(),
    };
}

function ms(ns: bigint): number {
    return Number(ns) / 1e6;
}

/** The process's high-water mark of resident memory (maxRSS is in kilobytes). */
function peakRss(): number {
    return process.resourceUsage().maxRSS * 1024;
}

const [mode, file, report] = process.argv.slice(2);
measure(mode, file, report).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (e) => {
        process.stderr.write(`${(e as Error).message}\n`);
        process.exitCode = 1;
    },
);
