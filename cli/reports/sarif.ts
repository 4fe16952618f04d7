// The SARIF 2.1.0 report, for code scanning (GitHub and others): one rule per policy in force, with
// the policy's own metadata as help; one result per finding, located by the resource's URN
// (a logical location) and in a file inside the repository: where the program created the
// resource when the export recorded it (its own sources, not a library's), else the resource's
// entry in the export file. Waived findings carry a suppression,
// which is how SARIF lists findings that were looked at and accepted.
import { createHash } from "crypto";
import * as path from "path";
import { pathToFileURL } from "url";
import type { Location, Log, ReportingDescriptor, Result } from "sarif";
import { AuditResult, Finding, StackSummary } from "../audit/audit";
import { isFileSource, stdinName } from "../audit/exports";
import { urnName } from "../../policy-pack/lib/policy";
import { judgedNothing, notCheckedMessage, nothingJudgedReason, stackLabeller, summarize, uncheckedMessage } from "./summary";

/** GitHub reads `security-severity` (a score out of 10) to rank alerts. */
const securitySeverity: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

export interface SarifOptions {
    /** Relative paths in the report are relative to this directory (the repository root in CI). */
    cwd?: string;
}

export function sarifReport(result: AuditResult, options: SarifOptions = {}): string {
    const cwd = options.cwd ?? process.cwd();
    const ruleIndex = new Map(result.policies.map(({ policy }, i) => [policy.name, i]));
    const rules: ReportingDescriptor[] = result.policies.map(({ policy, level }) => ({
        id: policy.name,
        shortDescription: { text: policy.description },
        fullDescription: { text: policy.rationale },
        help: {
            text: `${policy.description}\n\nWhy: ${policy.rationale}\n\nHow to fix: ${policy.remediationSteps}\n\nReference: ${policy.url}`,
            markdown: `**${policy.description}**\n\n**Why.** ${policy.rationale}\n\n**How to fix.** ${policy.remediationSteps}\n\n[Policy reference](${policy.url})`,
        },
        ...(policy.url ? { helpUri: policy.url } : {}),
        defaultConfiguration: { level: level === "mandatory" ? "error" : "warning" },
        properties: {
            tags: [...(policy.tags ?? []), "security"],
            ...(policy.severity ? { severity: policy.severity, "security-severity": securitySeverity[policy.severity] } : {}),
            kind: policy.kind,
            ...(policy.framework ? { framework: `${policy.framework.name} ${policy.framework.version} ${policy.framework.reference}` } : {}),
        },
    }));
    const stacks = new Map(result.stacks.map((s) => [`${s.stack}|${s.source}`, s]));
    const label = stackLabeller(result);
    const seen = new Map<string, number>();
    const toResult = (f: Finding): Result => {
        // Several findings of one policy on one resource (one per statement, say) stay distinct
        // alerts; so do those of two inputs holding a stack of the same name, told apart by input.
        const identity = `${f.policyName}|${f.urn ?? f.stack}|${f.messageId ?? ""}${label(f) === f.stack ? "" : `|${f.source}`}`;
        const occurrence = (seen.get(identity) ?? 0) + 1;
        seen.set(identity, occurrence);
        const stack = stacks.get(`${f.stack}|${f.source}`)!;
        return {
            ruleId: f.policyName,
            ruleIndex: ruleIndex.get(f.policyName),
            level: f.enforcementLevel === "mandatory" ? "error" : "warning",
            message: { text: f.message },
            locations: [location(f, stack, cwd)],
            partialFingerprints: { "secureBaseline/v1": fingerprint(`${identity}|${occurrence}`) },
            properties: { stack: f.stack, source: f.source, enforcementLevel: f.enforcementLevel, ...(f.severity ? { severity: f.severity } : {}), ...(f.pass ? { pass: f.pass } : {}) },
            ...(f.waived ? { suppressions: [{ kind: "external", status: "accepted", justification: `${f.waived.reason} (waived until ${f.waived.expires} by ${f.waived.by})` }] } : {}),
        };
    };
    const log: Log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: result.pack.name,
                        version: result.pack.version,
                        semanticVersion: result.pack.version,
                        informationUri: "https://github.com/aws-secure-baseline/aws-secure-baseline",
                        rules,
                    },
                },
                invocations: [
                    {
                        // An input that could not be read is a run that did not do all it was asked.
                        executionSuccessful: result.unreadable.length === 0,
                        toolExecutionNotifications: [
                            // Each input that is not state, at the file when there is one.
                            ...result.unreadable.map((p) => ({
                                level: "error" as const,
                                message: { text: p.message },
                                ...(p.input === stdinName ? {} : { locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(p.input, cwd) } } }] }),
                            })),
                            // A run that judged nothing, as a warning, as components left unchecked are: no results is then not a pass.
                            ...(judgedNothing(result) ? [{ level: "warning" as const, message: { text: nothingJudgedMessage(result) } }] : []),
                            ...result.notes.map((n) => ({ level: "note" as const, message: { text: `${label(n)}: ${n.message}` } })),
                            // A component no policy looked into, where the program declares it.
                            ...result.unchecked.map((c) => ({
                                level: "warning" as const,
                                message: { text: `${label(c)}: ${uncheckedMessage(c)}` },
                                locations: [resourceLocation(c.urn, c.name, stacks.get(`${c.stack}|${c.source}`)!, cwd)],
                            })),
                            // Resources no policy judged: a warning each, at the resource, so that no one reads them as clean.
                            ...result.notChecked.map((n) => ({
                                level: "warning" as const,
                                message: { text: `${label(n)}: ${n.name} (${n.type}): ${notCheckedMessage(n)}` },
                                locations: [resourceLocation(n.urn, n.name, stacks.get(`${n.stack}|${n.source}`)!, cwd)],
                            })),
                        ],
                    },
                ],
                results: [...result.violations, ...result.waived].map(toResult),
            },
        ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
}

/** What SARIF says of a run that judged nothing, where a reader of an empty result list looks. */
function nothingJudgedMessage(result: AuditResult): string {
    return `Nothing judged: ${nothingJudgedReason(summarize(result))}. No policy looked at anything, so the absence of results is not a pass.`;
}

/**
 * Where a finding is: its resource's declaration; for a finding on the stack as a whole that is
 * about some resources, the declaration of the first of them the program's sources place, with
 * every one of them as a logical location.
 */
function location(f: Finding, stack: StackSummary, cwd: string): Location {
    if (f.urn === null && f.about && f.about.length > 0) {
        const placed = f.about.find((urn) => stack.export.sourcePositions[urn]) ?? f.about[0];
        const at = resourceLocation(placed, urnName(placed), stack, cwd);
        return { ...at, logicalLocations: f.about.map((urn) => ({ name: urnName(urn), fullyQualifiedName: urn, kind: "resource" })) };
    }
    return resourceLocation(f.urn, f.name, stack, cwd);
}

/** Where a resource (urn null: the stack as a whole) is declared: its source position, else its entry in the export file. */
function resourceLocation(urn: string | null, name: string | null, stack: StackSummary, cwd: string): Location {
    const logical = urn === null ? { name: stack.stack, kind: "module" } : { name: name ?? undefined, fullyQualifiedName: urn, kind: "resource" };
    const position = urn === null ? undefined : stack.export.sourcePositions[urn];
    if (position) {
        return {
            physicalLocation: {
                artifactLocation: { uri: position.absolute ? pathToFileURL(position.path).href : encodeURI(position.path.split(path.sep).join("/")) },
                ...(position.line ? { region: { startLine: position.line, ...(position.column ? { startColumn: position.column } : {}) } } : {}),
            },
            logicalLocations: [logical],
        };
    }
    if (!isFileSource(stack.source)) {
        return { logicalLocations: [logical] };
    }
    const line = urn === null ? 1 : stack.export.lines[urn] ?? 1;
    return {
        physicalLocation: { artifactLocation: { uri: fileUri(stack.source, cwd) }, region: { startLine: line } },
        logicalLocations: [logical],
    };
}

/** A path under the working directory stays relative (code scanning resolves it against the repository); others become file URIs. */
function fileUri(file: string, cwd: string): string {
    const absolute = path.resolve(cwd, file);
    const relative = path.relative(cwd, absolute);
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
        return pathToFileURL(absolute).href;
    }
    return encodeURI(relative.split(path.sep).join("/"));
}

/** Stable across runs and edits of the export: the same policy's same finding on the same resource is the same alert. */
function fingerprint(identity: string): string {
    return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}
