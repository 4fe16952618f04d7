// The performance figures of README.md and docs/performance.md, generated from the bench's
// results (docs/performance-results.json, written by a full `npm run bench`), so that the
// documentation cannot say what the bench did not measure. Each document holds the figures
// between two markers; test/bench/figures.test.ts holds them to the results file.
import * as fs from "fs";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "..", "..");
export const publishedResultsFile = path.join(repoRoot, "docs", "performance-results.json");
export const documentsWithFigures = [path.join(repoRoot, "README.md"), path.join(repoRoot, "docs", "performance.md")];
const begin = "<!-- bench figures: generated from docs/performance-results.json by `npm run bench`; do not edit -->";
const end = "<!-- end of bench figures -->";

/** The targets, on the 2-core machine the project is built on, as ratios measured in one run (seconds for the small audit and the preview). */
export const targets = {
    auditToParse: 4,
    scaling: 11,
    rssToFile: 3,
    versionToNode: 3,
    smallAuditSeconds: 0.5,
    folderSpeedup: 1.6,
    startToFloor: 1.3,
    tsSourceToStart: 3,
    analyzeToEmpty: 1.3,
    previewSeconds: 3,
};

/** The figures of a results file: where and when they were measured, then one table row per measure. */
export function renderFigures(results: Record<string, any>): string {
    const t = { ...targets, ...(results.targets ?? {}) } as typeof targets;
    const rows: string[][] = [];
    const met = (value: number, target: number, atMost = true) => ((atMost ? value <= target : value >= target) ? "yes" : "**no**");
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    for (const a of (results.audit ?? []) as Record<string, any>[]) {
        const judged = a.mix === "interlinked" && a.resources === 100000;
        const label = `${a.mix ?? "interlinked"}, ${thousands(a.resources)} resources (${mb(a.fileBytes)})`;
        rows.push([`audit, ${label}`, `${s(a.auditMs)}, ${thousands(Math.round(a.resourcesPerSecond))} resources/s`, `\`JSON.parse\` ${s(a.parseMs)}`, `${a.auditToParse.toFixed(1)}×`, judged ? `≤ ${t.auditToParse}×` : "", judged ? met(a.auditToParse, t.auditToParse) : ""]);
        rows.push([`peak RSS, ${label}`, mb(a.peakRssBytes), `file ${mb(a.fileBytes)}`, `${a.rssToFile.toFixed(1)}×`, judged ? `≤ ${t.rssToFile}×` : "", judged ? met(a.rssToFile, t.rssToFile) : ""]);
    }
    if (results.scaling) {
        const r = results.scaling;
        rows.push(["scaling, interlinked 100k / 10k", "", `\`JSON.parse\` ${r.parseRatio.toFixed(1)}×`, `${r.timeRatio.toFixed(1)}×`, `≤ ${t.scaling}`, met(r.timeRatio, t.scaling)]);
    }
    if (results.cli) {
        const c = results.cli;
        rows.push(["`secure-baseline --version`", s(c.medianMs.version), `\`node -e 0\` ${s(c.medianMs.node)}`, `${c.versionToNode.toFixed(1)}×`, `≤ ${t.versionToNode}×`, met(c.versionToNode, t.versionToNode)]);
        rows.push(["`secure-baseline audit`, 150 resources (wall time)", s(c.medianMs.smallAudit), "", "", `≤ ${t.smallAuditSeconds} s`, met(c.medianMs.smallAudit / 1000, t.smallAuditSeconds)]);
    }
    if (results.folder) {
        const f = results.folder;
        const busy = f.coresBusy ? ` (${f.coresBusy.one.toFixed(1)} cores busy)` : "";
        rows.push([`folder of ${f.stacks} state files (${thousands(f.resources)} resources), \`--jobs ${f.jobs}\``, s(f.medianMs.all), `\`--jobs 1\` ${s(f.medianMs.one)}${busy}`, `${f.speedup.toFixed(2)}× faster`, `≥ ${t.folderSpeedup}×`, met(f.speedup, t.folderSpeedup, false)]);
        if (f.boundSpeedup !== undefined) {
            // What the machine gives two audits that share nothing: the bound of the row above.
            rows.push([
                "the same, its two halves by two separate `--jobs 1` processes at once",
                s(f.medianMs.halvesAtOnce),
                `\`--jobs 1\` ${s(f.medianMs.one)} (the halves one after the other ${s(f.medianMs.halvesOneAfterTheOther)})`,
                `${f.boundSpeedup.toFixed(2)}× faster`,
                "",
                "",
            ]);
        }
    }
    if (results.coldStart) {
        const c = results.coldStart;
        rows.push(["cold start, shipped pack", `${Math.round(c.medianMs.shipped)} ms`, `empty pack ${Math.round(c.medianMs.empty)} ms`, `${c.shippedToEmpty.toFixed(2)}×`, `≤ ${t.startToFloor}×`, met(c.shippedToEmpty, t.startToFloor)]);
        rows.push(["cold start, TypeScript sources (empty ts-node cache)", `${Math.round(c.medianMs.tsSource)} ms`, `shipped ${Math.round(c.medianMs.shipped)} ms`, `${c.tsSourceToShipped.toFixed(1)}×`, `≥ ${t.tsSourceToStart}×`, met(c.tsSourceToShipped, t.tsSourceToStart, false)]);
    }
    if (results.protocol) {
        const p = results.protocol;
        rows.push([`Analyze, ${p.resources} resources`, `${Math.round(p.analyzeCallsPerSecond.full)} calls/s`, `empty pack ${Math.round(p.analyzeCallsPerSecond.empty)} calls/s`, `${p.fullToEmpty.toFixed(2)}×`, `≤ ${t.analyzeToEmpty}×`, met(p.fullToEmpty, t.analyzeToEmpty)]);
        rows.push([`whole preview, ${p.resources} resources (Analyze + AnalyzeStack)`, s(p.medianMs.full.total), `empty pack ${s(p.medianMs.empty.total)}`, `${p.previewFullToEmpty.toFixed(2)}×`, "", ""]);
    }
    for (const v of (results.preview ?? []) as Record<string, any>[]) {
        const cpu = v.medianCpuMs === undefined ? "" : `, ${s(v.medianCpuMs)} CPU`;
        // The target is for typical programs; a stress case is shown without one.
        const judged = v.typical !== false;
        rows.push([
            `\`secure-baseline preview\`, ${v.program} (${v.resources} resources${judged ? "" : ", a stress case"})`,
            `${s(v.medianMs)} wall${cpu}`,
            "",
            "",
            judged ? `< ${t.previewSeconds} s` : "",
            judged ? met(v.medianMs / 1000, t.previewSeconds) : "",
        ]);
    }
    const m = results.machine ?? {};
    const load = Array.isArray(m.loadAverage) ? ` at a load average of ${m.loadAverage[0].toFixed(1)}` : "";
    const header = `Measured ${String(results.date).slice(0, 10)} on ${m.cpus} cores (${m.cpuModel}), ${mb(m.memoryBytes)} of memory, Node ${m.node}${load}:`;
    const table = [["measure", "value", "floor", "ratio", "target", "met"], ["---", "---", "---", "---", "---", "---"], ...rows].map((r) => `| ${r.join(" | ")} |`);
    return [header, "", ...table].join("\n");
}

/** A document with its figures section replaced by the figures of `results`. */
export function withFigures(document: string, results: Record<string, any>, name: string): string {
    const from = document.indexOf(begin);
    const to = document.indexOf(end);
    if (from < 0 || to < from) {
        throw new Error(`${name}: no bench figures section (${begin} … ${end})`);
    }
    return `${document.slice(0, from)}${begin}\n${renderFigures(results)}\n${document.slice(to)}`;
}

/** Rewrites the figures of README.md and docs/performance.md from `results`. */
export function writeFigures(results: Record<string, any>): void {
    for (const file of documentsWithFigures) {
        fs.writeFileSync(file, withFigures(fs.readFileSync(file, "utf8"), results, path.basename(file)));
    }
}

function mb(bytes: number): string {
    return `${thousands(Math.round(bytes / 1024 / 1024))} MB`;
}

function thousands(n: number): string {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

if (require.main === module) {
    // `node dist/bench/figures.js`: rewrites the figures from the results file, as the bench does after a full run.
    writeFigures(JSON.parse(fs.readFileSync(publishedResultsFile, "utf8")));
}
