// The table report, for people: findings grouped by stack and resource, waived findings apart,
// notes about the state, and a summary line. Wrapped to the terminal (80 columns off a terminal);
// levels coloured only when writing to a terminal.
import { AuditResult, FailOn, Finding } from "../audit/audit";
import { urnName } from "../../policy-pack/lib/policy";
import { stackNothingJudgedMessage, summaryLine, uncheckedMessage } from "./summary";

export interface TableOptions {
    failOn: FailOn;
    /** --allow-unchecked-components: components left unchecked do not make the run incomplete. */
    allowUnchecked?: boolean;
    width?: number;
    color?: boolean;
}

const codes = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;

export function tableReport(result: AuditResult, options: TableOptions): string {
    const width = Math.max(60, options.width ?? 80);
    const paint = (code: keyof typeof codes, text: string) => (options.color ? `\u001b[${codes[code]}m${text}\u001b[0m` : text);
    const label: Record<string, string> = {
        mandatory: paint("red", "mandatory"),
        advisory: paint("yellow", "advisory "),
        waived: paint("cyan", "waived   "),
    };
    const lines: string[] = [`${result.pack.name} ${result.pack.version}`];
    for (const stack of result.stacks) {
        lines.push("", paint("bold", `Stack ${stack.stack}`) + paint("dim", ` (${stack.source})`));
        const inStack = (f: Finding) => f.stack === stack.stack && f.source === stack.source;
        const violations = result.violations.filter(inStack);
        const waived = result.waived.filter(inStack);
        if (!stack.judged) {
            // "No violations" would read as clean; in a folder judged as a whole, this stack was not.
            lines.push(...wrap(stackNothingJudgedMessage(result, stack), width, "  ", "  "));
        } else if (violations.length === 0) {
            lines.push("  No violations.");
        }
        lines.push(...groups(violations, (f) => label[f.enforcementLevel], width, paint));
        if (waived.length > 0) {
            lines.push("", "  Waived:");
            lines.push(...groups(waived, () => label.waived, width, paint));
        }
        const remediations = result.remediations.filter((r) => r.stack === stack.stack && r.source === stack.source);
        if (remediations.length > 0) {
            lines.push("", "  Would remediate (enforcement level remediate; nothing was changed):");
            for (const r of remediations) {
                lines.push(...wrap(`${displayType(r.type ?? urnType(r.urn))} ${r.name ?? r.urn}`, width, "  ", "    ").map((l) => paint("bold", l)));
                lines.push(`    ${paint("green", "would remediate")}  ${r.policyName}`);
                for (const change of r.changes) {
                    lines.push(...wrap(change, width, "               ", "                 "));
                }
            }
        }
        const unchecked = result.unchecked.filter((c) => c.stack === stack.stack && c.source === stack.source);
        if (unchecked.length > 0) {
            lines.push("", paint("bold", "  Not checked:"));
            for (const c of unchecked) {
                lines.push(...wrap(`${displayType(c.type)} ${c.name}`, width, "  ", "    ").map((l) => paint("bold", l)));
                lines.push(`    ${paint("yellow", "contents not checked")}`);
                lines.push(...wrap(uncheckedMessage(c), width, "               ", "               "));
            }
        }
        const notChecked = result.notChecked.filter((n) => n.stack === stack.stack && n.source === stack.source);
        if (notChecked.length > 0) {
            lines.push("", ...wrap(`Not checked (${notChecked.length}): no policy judges these resources, so they are not clean either; review them by hand or declare them with @pulumi/aws.`, width, "  ", "  "));
            for (const n of notChecked) {
                lines.push(...wrap(`${n.type} ${n.name} (judged as ${n.coveredAs})`, width, "    ", "      "));
            }
        }
        const notes = result.notes.filter((n) => n.stack === stack.stack && n.source === stack.source);
        for (const note of notes) {
            lines.push("", ...wrap(`Note: ${note.message}`, width, "  ", "        "));
        }
    }
    if (result.unreadable.length > 0) {
        lines.push("", paint("bold", "Not read:"));
        for (const p of result.unreadable) {
            lines.push(...wrap(p.message, width, "  ", "    "));
        }
    }
    lines.push("", ...wrap(summaryLine(result, options.failOn, options.allowUnchecked), width, "", ""));
    return `${lines.join("\n")}\n`;
}

/** Findings by resource: a heading per resource, then each finding's level, policy and message. */
function groups(findings: Finding[], levelOf: (f: Finding) => string, width: number, paint: (code: keyof typeof codes, text: string) => string): string[] {
    const lines: string[] = [];
    let current: string | undefined;
    for (const f of findings) {
        const about = f.urn === null && f.about && f.about.length > 0 ? f.about : undefined;
        const key = `${f.urn}|${about?.join("|") ?? ""}`;
        if (key !== current || lines.length === 0) {
            current = key;
            const heading =
                f.urn !== null
                    ? `${displayType(f.type ?? "")} ${f.name ?? ""}`
                    : about
                      ? `(the stack as a whole) about ${about.map((u) => `${displayType(urnType(u))} ${urnName(u)}`).join(", ")}`
                      : "(the stack as a whole)";
            lines.push(...wrap(heading, width, "  ", "    ").map((l) => paint("bold", l)));
        }
        lines.push(`    ${levelOf(f)}  ${f.policyName}`);
        lines.push(...wrap(f.message, width, "               ", "               "));
    }
    return lines;
}

/** The type of a URN: its last type segment (`…::parent$aws:ec2/securityGroup:SecurityGroup::name` → the group's). */
function urnType(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/**
 * The type as Pulumi's own output shows it: `aws:s3/bucket:Bucket` → `aws:s3:Bucket`, when the
 * module's last part only repeats the type's name.
 */
export function displayType(type: string): string {
    const parts = type.split(":");
    if (parts.length !== 3) {
        return type;
    }
    const [pkg, module, name] = parts;
    const slash = module.lastIndexOf("/");
    if (slash >= 0 && module.slice(slash + 1).toLowerCase() === name.toLowerCase()) {
        return `${pkg}:${module.slice(0, slash)}:${name}`;
    }
    return type;
}

/** Word-wraps one paragraph (newlines kept) to `width`, breaking words longer than a line. */
export function wrap(text: string, width: number, firstIndent: string, indent: string): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split("\n")) {
        let line = lines.length === 0 ? firstIndent : indent;
        let empty = true;
        const room = () => width - line.length;
        for (let word of paragraph.split(/\s+/).filter((w) => w !== "")) {
            if (!empty && word.length + 1 > room()) {
                lines.push(line);
                line = indent;
                empty = true;
            }
            while (word.length > width - line.length - (empty ? 0 : 1) && width - indent.length > 10) {
                const fit = width - line.length - (empty ? 0 : 1);
                if (fit <= 0) {
                    lines.push(line);
                    line = indent;
                    empty = true;
                    continue;
                }
                line += (empty ? "" : " ") + word.slice(0, fit);
                word = word.slice(fit);
                lines.push(line);
                line = indent;
                empty = true;
            }
            line += (empty ? "" : " ") + word;
            empty = false;
        }
        lines.push(line);
    }
    return lines;
}
