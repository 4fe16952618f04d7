// `npm start`: the reference stack through the policy pack, offline, as a deployment would meet
// it (see stack-check.ts), printed for people: each resource with the policies that checked it
// and their verdict at preview, at update and in the audit of the resulting state, the stack
// checks, and a summary. `npm start -- --insecure` does the same for the insecure counterpart.
// Exit code: 0 without mandatory findings, 1 with them, 2 when the check itself could not run.
import { packVersion } from "../policy-pack/lib/pack-info";
import { notApplicableSentence, packName, urnName } from "../policy-pack/lib/policy";
import { policies } from "../policy-pack/policies";
import { displayType, wrap } from "../cli/reports/table";
import { Evaluation, Mode, ModeResult, ProgramName, StackCheck, StackCheckError, Verdict, checkProgram, distinctMandatoryFindings, mandatoryPoliciesNotTripped, modes } from "./stack-check";

const usage = "usage: npm start [-- --insecure]";

const modeHelp: Record<Mode, string> = {
    preview: "as `pulumi preview --policy-pack .` of a new stack sends it: computed values unknown",
    update: "as `pulumi up --policy-pack .` sends it: every value known",
    audit: "as `secure-baseline audit` reads the state after the update, creation times included",
};

const colors = { red: 31, yellow: 33, cyan: 36, green: 32, bold: 1, dim: 2 } as const;

export interface ReportOptions {
    width: number;
    color: boolean;
}

export function report(check: StackCheck, options: ReportOptions): { text: string; failed: boolean } {
    const paint = (code: keyof typeof colors, text: string) => (options.color ? `\u001b[${colors[code]}m${text}\u001b[0m` : text);
    const width = Math.max(80, options.width);
    const nameWidth = Math.max(...policies.map((p) => p.name.length)) + 6;
    const cell = 11;
    const lines: string[] = [
        paint("bold", `${packName} ${packVersion}: ${check.program.label} (${check.program.shown}, project ${check.project}, stack ${check.stack})`),
        "",
        "Each resource the program registers went to the policy pack three ways, offline (no AWS account, no Pulumi CLI):",
        ...modes.map((m) => `  ${m.padEnd(8)} ${modeHelp[m]}`),
        "",
    ];

    const byMode = new Map(check.results.map((r) => [r.mode, r]));
    const verdictCell = (v: Verdict | undefined): string => {
        const [text, color]: [string, keyof typeof colors | undefined] =
            v === undefined ? ["-", "dim"]
            : v.kind === "pass" ? ["pass", "green"]
            : v.kind === "violation" ? [v.level, v.level === "mandatory" ? "red" : "yellow"]
            : v.kind === "undecided" ? ["undecided", "cyan"]
            : ["n/a", "dim"];
        const padded = text.padEnd(cell);
        return color ? paint(color, padded) : padded;
    };
    const header = (title: string) => paint("bold", title.padEnd(nameWidth) + modes.map((m) => m.padEnd(cell)).join("").trimEnd());

    /** One row per policy, verdict per mode; below it, each distinct message with the modes that gave it. */
    const rows = (keyOf: (e: Evaluation) => string | undefined) => {
        const order: string[] = [];
        const cells = new Map<string, Map<Mode, Evaluation>>();
        for (const mode of modes) {
            for (const e of byMode.get(mode)?.evaluations ?? []) {
                const key = keyOf(e);
                if (key === undefined) {
                    continue;
                }
                if (!cells.has(key)) {
                    cells.set(key, new Map());
                    order.push(key);
                }
                cells.get(key)!.set(mode, e);
            }
        }
        const out: string[] = [];
        for (const key of order) {
            const byModeHere = cells.get(key)!;
            const any = [...byModeHere.values()][0];
            out.push(`    ${any.policyName.padEnd(nameWidth - 4)}${modes.map((m) => verdictCell(byModeHere.get(m)?.verdict)).join("").trimEnd()}`);
            const notes = new Map<string, Mode[]>();
            for (const [mode, e] of byModeHere) {
                const texts = e.verdict.kind === "not-applicable" ? [`Not applicable. ${notApplicableSentence(e.verdict.reason)}`] : e.messages;
                for (const text of texts) {
                    notes.set(text, [...(notes.get(text) ?? []), mode]);
                }
            }
            for (const [text, inModes] of notes) {
                const tag = inModes.length === modes.length ? "" : `[${inModes.join(", ")}] `;
                out.push(...wrap(`${tag}${text}`, width, "      ", "        ").map((l) => paint("dim", l)));
            }
        }
        return out;
    };

    lines.push(header("Resource / policy"));
    const resources = check.results[0].resources;
    const unchecked: string[] = [];
    for (const r of resources) {
        const body = rows((e) => (e.urn === r.urn ? e.policyName : undefined));
        const title = `${displayType(r.type)} ${r.name ?? urnName(r.urn)}`;
        if (body.length === 0) {
            unchecked.push(title);
            continue;
        }
        lines.push(paint("bold", `  ${title}`), ...body);
    }
    if (unchecked.length > 0) {
        lines.push("", `  No resource check applies to ${unchecked.length} resources (the stack checks below still see them):`);
        lines.push(...pack(unchecked, width, "    "));
    }
    lines.push("", header("Stack checks (the stack as a whole)"));
    lines.push(...rows((e) => (e.scope === "stack-check" ? e.policyName : undefined)));

    lines.push("", paint("bold", "Summary"));
    lines.push(...check.results.map(modeSummary));
    const mandatory = distinctMandatoryFindings(check);
    const failed = mandatory > 0;
    const resourceCount = `${resources.length} resources`;
    if (!failed) {
        const other = check.results.reduce((n, r) => n + r.tally.advisory + r.tally.undecided, 0);
        const verdict = other === 0 ? "no findings of any level" : `no mandatory findings, ${other} advisory or undecided (see above)`;
        lines.push("", paint("green", `Passed: ${check.program.label} (${resourceCount}) has ${verdict} at preview, at update and in the audit.`));
    } else {
        const missed = mandatoryPoliciesNotTripped(check);
        const mandatoryPolicies = policies.filter((p) => p.enforcementLevel === "mandatory").length;
        const coverage =
            missed.length === 0
                ? `every one of the pack's ${mandatoryPolicies} mandatory policies caught at least one`
                : `${mandatoryPolicies - missed.length} of the pack's ${mandatoryPolicies} mandatory policies caught one; none from ${missed.join(", ")}`;
        lines.push("", ...wrap(paint("red", `FAILED: ${check.program.label} (${resourceCount}) has ${mandatory} distinct mandatory findings (a finding the passes share counted once); ${coverage}.`), width + (options.color ? 9 : 0), "", ""));
    }
    const packOutput = check.results.flatMap((r) => r.packOutput);
    if (packOutput.length > 0) {
        lines.push("", "The policy pack printed (the Pulumi CLI would show this too):", ...packOutput.map((l) => `  ${l}`));
    }
    return { text: `${lines.join("\n")}\n`, failed };
}

function modeSummary(result: ModeResult): string {
    const t = result.tally;
    const decided = t.evaluations - t.undecided;
    const undecided = t.undecided === 0 ? "all decided" : `${decided} decided, ${t.undecided} undecided (a value they need is unknown until deployment)`;
    return `  ${result.mode.padEnd(8)} ${t.evaluations} evaluations, ${undecided}; ${t.mandatory} mandatory and ${t.advisory} advisory findings`;
}

/** Items joined with ", " into lines of at most `width`, never splitting an item. */
function pack(items: string[], width: number, indent: string): string[] {
    const lines: string[] = [];
    let line = "";
    items.forEach((item, i) => {
        const text = i < items.length - 1 ? `${item},` : `${item}.`;
        if (line !== "" && indent.length + line.length + 1 + text.length > width) {
            lines.push(indent + line);
            line = "";
        }
        line = line === "" ? text : `${line} ${text}`;
    });
    return line === "" ? lines : [...lines, indent + line];
}

async function main(args: string[]): Promise<number> {
    let program: ProgramName = "reference";
    for (const arg of args) {
        if (arg === "--insecure") {
            program = "insecure";
        } else if (arg === "--help" || arg === "-h") {
            process.stdout.write(`${usage}\nRuns the reference stack (or, with --insecure, its insecure counterpart) through the policy pack offline and prints each resource's verdicts.\n`);
            return 0;
        } else {
            process.stderr.write(`start: unknown argument '${arg}'; ${usage}\n`);
            return 2;
        }
    }
    try {
        const check = await checkProgram(program);
        const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
        const { text, failed } = report(check, { width: process.stdout.columns ?? 100, color });
        process.stdout.write(text);
        return failed ? 1 : 0;
    } catch (e) {
        if (e instanceof StackCheckError) {
            process.stderr.write(`start: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e) => {
            process.stderr.write(`start: ${String((e as Error)?.stack ?? e)}\n`);
            process.exitCode = 2;
        },
    );
}
