// The report files of a `pulumi preview`/`up` run, written by the pack at AnalyzeStack (see
// policy-pack/lib/run-report.ts). The run's resources become the stack export the run leaves
// behind — inputs as Analyze saw them, outputs as AnalyzeStack sees them — and go through the
// audit itself, so the files hold what `secure-baseline audit` reports of that export.
import * as fs from "fs";
import * as path from "path";
import type { BaselinePolicy } from "../../policy-pack/lib/policy";
import type { RecordedRun } from "../../policy-pack/lib/run-report";
import type { ReportSettings } from "../../policy-pack/lib/config";
import { audit } from "../audit/audit";
import { parseExport, runSources, stdinName } from "../audit/exports";
import { jsonReport } from "./json";
import { sarifReport } from "./sarif";

/** The protocol's unknown string: a provider's id is not part of what the analyzer is told. */
const unknownId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export async function writeReports(policies: BaselinePolicy[], run: RecordedRun & { settings: ReportSettings }, resources: any[]): Promise<void> {
    const stackExport = parseExport(stdinName, JSON.stringify(deployment(resources, run.analyzed)));
    stackExport.source = run.dryRun ? runSources.preview : runSources.up;
    const result = await audit(policies, [stackExport], { config: run.config });
    const written: [string | undefined, () => string][] = [
        [run.settings.sarif, () => sarifReport(result, { cwd: run.directory })],
        [run.settings.json, () => jsonReport(result)],
    ];
    for (const [file, report] of written) {
        if (file !== undefined) {
            writeAtomically(path.resolve(run.directory, file), report());
        }
    }
}

/** The run's resources as `pulumi stack export` writes them (deployment version 3). */
function deployment(resources: any[], analyzed: Map<string, any>): object {
    // A provider's inputs reach the analyzer with each resource it serves.
    const providerInputs = new Map<string, unknown>();
    for (const r of resources) {
        const provider = r.getProvider();
        if (provider) {
            providerInputs.set(provider.getUrn(), provider.getProperties()?.toJavaScript() ?? {});
        }
    }
    return {
        version: 3,
        deployment: {
            resources: resources.map((r) => {
                const urn: string = r.getUrn();
                const outputs = r.getProperties()?.toJavaScript() ?? {};
                const inputs = analyzed.get(urn)?.getProperties()?.toJavaScript() ?? providerInputs.get(urn) ?? outputs;
                const provider = r.getProvider();
                const propertyDependencies: Record<string, string[]> = {};
                r.getPropertydependenciesMap().forEach((deps: any, key: string) => (propertyDependencies[key] = deps.getUrnsList()));
                return {
                    urn,
                    custom: provider !== undefined || r.getType().startsWith("pulumi:providers:"),
                    // Bridged providers repeat the id among the outputs.
                    ...(typeof outputs.id === "string" && outputs.id !== unknownId ? { id: outputs.id } : {}),
                    type: r.getType(),
                    inputs,
                    outputs,
                    ...(r.getParent() ? { parent: r.getParent() } : {}),
                    dependencies: r.getDependenciesList(),
                    propertyDependencies,
                    ...(provider ? { provider: `${provider.getUrn()}::${unknownId}` } : {}),
                };
            }),
        },
    };
}

/** Readers of the file see the previous report or the new one, never a part of it. */
function writeAtomically(file: string, text: string): void {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, file);
    } catch (e) {
        try {
            fs.rmSync(temporary, { force: true });
        } catch {
            // Nothing was written there.
        }
        throw new Error(`cannot write the policy report '${file}': ${(e as Error).message}`);
    }
}
