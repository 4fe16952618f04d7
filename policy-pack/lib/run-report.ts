// Report files of the `pulumi preview` or `pulumi up` the pack takes part in, when the
// `--policy-pack-config` file asks for them: `"report": {"sarif": "…", "json": "…"}`. The files
// hold what `secure-baseline audit` would report of the same resources, in the same formats:
// the run's resources are handed to the audit as the stack export the run leaves behind.
//
// The CLI passes an entry of the config file to the pack only if it names a policy, and refuses
// one without an enforcement level (pkg/resource/analyzer/config.go and
// sdk/go/common/resource/plugin/analyzer_plugin.go, CLI 3.252), so the server advertises a policy
// named `report` that declares the entry's fields and never reports anything. It is not one of
// the pack's policies: the audit, the preview and the policy reference do not list it.
import { StackValidationPolicy } from "@pulumi/policy";
import { ServerExtension, grpcError } from "./analyzer-server";
import { PolicyPackConfigFile, ReportSettings, reportKey, reportSettings } from "./config";
import { configFromRequest } from "./configure-guard";
import { BaselinePolicy } from "./policy";

const reportField = (format: string) => ({
    type: "string" as const,
    minLength: 1,
    description: `Write a ${format} report of each run to this file: an absolute path, or relative to the policy pack's directory.`,
});

export const reportPolicy: StackValidationPolicy = {
    name: reportKey,
    description: "Writes report files of the run (SARIF, JSON) when the policy pack config names them; reports no violation.",
    enforcementLevel: "advisory",
    remediationSteps: "Nothing to fix: name the files under 'report' in the policy pack config, or leave it out to write none.",
    url: "https://github.com/aws-secure-baseline/aws-secure-baseline/blob/main/docs/audit.md#reports-of-pulumi-runs",
    configSchema: { properties: { sarif: reportField("SARIF 2.1.0"), json: reportField("JSON") } },
    validateStack: () => undefined,
};

/** What the run told the pack: the stack, whether it is a preview, and the analyzed resources. */
export interface RecordedRun {
    project: string;
    stack: string;
    dryRun: boolean;
    /** The pack's directory as the CLI's Handshake names it; relative report paths start there. */
    directory: string;
    config: PolicyPackConfigFile;
    settings: ReportSettings;
    /** Each resource's Analyze request (its inputs), by URN. */
    analyzed: Map<string, any>;
}

/** Records the run and, at AnalyzeStack, writes the report files the configuration asks for. */
export function writeRunReports(policies: BaselinePolicy[]): ServerExtension {
    return (implementation, modules) => {
        const run: Omit<RecordedRun, "settings"> & { settings?: ReportSettings } = {
            project: "",
            stack: "",
            dryRun: false,
            // Without a Handshake (older CLIs) the CLI starts the pack in its own directory.
            directory: process.cwd(),
            config: {},
            analyzed: new Map(),
        };
        const { handshake, configureStack, configure, analyze, analyzeStack } = implementation;
        return {
            ...implementation,
            handshake(call, callback) {
                run.directory = call.request.getRootDirectory() || run.directory;
                if (handshake) {
                    return handshake.call(this, call, callback);
                }
                callback(null, new modules.analyzer.AnalyzerHandshakeResponse());
                return undefined;
            },
            configureStack(call, callback) {
                run.project = call.request.getProject();
                run.stack = call.request.getStack();
                run.dryRun = call.request.getDryRun();
                return configureStack.call(this, call, callback);
            },
            configure(call, callback) {
                const { [reportKey]: _, ...config } = configFromRequest(call.request);
                run.config = config;
                // Invalid settings never get here: the configuration guard refuses them first.
                run.settings = reportSettings(configFromRequest(call.request));
                run.analyzed.clear();
                return configure.call(this, call, callback);
            },
            analyze(call, callback) {
                if (run.settings) {
                    run.analyzed.set(call.request.getUrn(), call.request);
                }
                return analyze.call(this, call, callback);
            },
            analyzeStack(call, callback) {
                const settings = run.settings;
                if (!settings) {
                    return analyzeStack.call(this, call, callback);
                }
                return analyzeStack.call(this, call, (error: unknown, response?: unknown) => {
                    if (error) {
                        callback(error, response);
                        return;
                    }
                    // Loaded only when a report is asked for: the audit's modules are not needed otherwise.
                    import("../../cli/reports/run-report")
                        .then(({ writeReports }) => writeReports(policies, { ...run, settings }, call.request.getResourcesList()))
                        .then(
                            () => callback(null, response),
                            (e: unknown) => callback(grpcError(modules, "FAILED_PRECONDITION", String((e as Error)?.message ?? e))),
                        );
                });
            },
        };
    };
}
