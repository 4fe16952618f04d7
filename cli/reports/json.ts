// The JSON report: one object, sorted deterministically, for scripts and dashboards. Every entry
// names its stack and the input it was read from (`source`: a file, or <stdin>).
import { AuditResult, Finding } from "../audit/audit";
import { notCheckedMessage, summarize, uncheckedMessage } from "./summary";

export function jsonReport(result: AuditResult): string {
    const item = (f: Finding) => ({
        policyName: f.policyName,
        urn: f.urn,
        type: f.type,
        name: f.name,
        enforcementLevel: f.enforcementLevel,
        severity: f.severity,
        message: f.message,
        ...(f.about && f.about.length > 0 ? { about: f.about } : {}),
        stack: f.stack,
        source: f.source,
        ...(f.pass ? { pass: f.pass } : {}),
    });
    const report = {
        pack: result.pack,
        summary: summarize(result),
        violations: result.violations.map(item),
        waived: result.waived.map((f) => ({ ...item(f), reason: f.waived!.reason, expires: f.waived!.expires, waivedBy: f.waived!.by })),
        // Present only at enforcement level remediate, so that other reports stay as they were.
        ...(result.remediations.length > 0 ? { wouldRemediate: result.remediations } : {}),
        notes: result.notes.map((n) => ({ stack: n.stack, source: n.source, message: n.message })),
        ...(result.unchecked.length > 0 ? { uncheckedComponents: result.unchecked.map((c) => ({ urn: c.urn, type: c.type, name: c.name, stack: c.stack, source: c.source, message: uncheckedMessage(c) })) } : {}),
        // Present only when some resource was not judged, so that other reports stay as they were.
        ...(result.notChecked.length > 0
            ? { notChecked: result.notChecked.map((n) => ({ urn: n.urn, type: n.type, name: n.name, coveredAs: n.coveredAs, stack: n.stack, source: n.source, message: notCheckedMessage(n) })) }
            : {}),
        ...(result.unreadable.length > 0 ? { unreadable: result.unreadable.map((p) => ({ source: p.input, message: p.message })) } : {}),
    };
    return `${JSON.stringify(report, null, 2)}\n`;
}
