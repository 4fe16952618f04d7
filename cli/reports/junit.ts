// The JUnit XML report, for CI systems' test views: a test suite per stack, a test case per
// resource × policy evaluated (plus one per stack check), a failure for each violation and a
// skipped test case for a waived finding. Notes about the state go to the suite's system-out; an
// input that could not be read is a suite of its own with an error.
import { AuditResult, Finding } from "../audit/audit";
import { notCheckedMessage, stackLabeller, stackNothingJudgedMessage, uncheckedMessage } from "./summary";

interface TestCase {
    classname: string;
    name: string;
    violations: Finding[];
    waived: Finding[];
    /** Why nothing was judged (a resource no policy judges, a component whose contents were not checked): a skipped test case. */
    skipped?: string;
}

/** The test case name of reading an input that is not state. */
const readCase = "read as Pulumi state";

/** The test case name of a resource no policy judged. */
const notCheckedCase = "not checked";

/** The test case name of a stack in which no policy judged anything. */
const nothingJudgedCase = "nothing judged";

export function junitReport(result: AuditResult): string {
    const suites: string[] = [];
    let total = { tests: 0, failures: 0, skipped: 0 };
    const label = stackLabeller(result);
    for (const stack of result.stacks) {
        const cases = new Map<string, TestCase>();
        const caseFor = (urn: string | null, policyName: string): TestCase => {
            const classname = urn ?? stack.stack;
            const key = `${classname}|${policyName}`;
            let c = cases.get(key);
            if (!c) {
                c = { classname, name: policyName, violations: [], waived: [] };
                cases.set(key, c);
            }
            return c;
        };
        const inStack = <T extends { stack: string; source: string }>(x: T) => x.stack === stack.stack && x.source === stack.source;
        for (const e of result.evaluations.filter(inStack)) {
            caseFor(e.urn, e.policyName);
        }
        // A stack check's finding lands on a resource: it is that resource's test case for the
        // policy. One on the stack as a whole fails the stack check's own test case.
        for (const f of result.violations.filter(inStack)) {
            caseFor(f.stackWide ? null : f.urn, f.policyName).violations.push(f);
        }
        for (const f of result.waived.filter(inStack)) {
            caseFor(f.stackWide ? null : f.urn, f.policyName).waived.push(f);
        }
        for (const n of result.notChecked.filter(inStack)) {
            caseFor(n.urn, notCheckedCase).skipped = notCheckedMessage(n);
        }
        // A component no policy could look into is a skipped test of its contents.
        for (const c of result.unchecked.filter(inStack)) {
            caseFor(c.urn, "contents not checked").skipped = uncheckedMessage(c);
        }
        // A stack no policy judged anything in is a skipped test, so that its suite does not read as a pass.
        if (!stack.judged) {
            caseFor(null, nothingJudgedCase).skipped = stackNothingJudgedMessage(result, stack);
        }
        const sorted = [...cases.values()].sort((a, b) => compare(a.classname, b.classname) || compare(a.name, b.name));
        const counts = {
            tests: sorted.length,
            failures: sorted.filter((c) => c.violations.length > 0).length,
            skipped: sorted.filter((c) => c.violations.length === 0 && (c.waived.length > 0 || c.skipped !== undefined)).length,
        };
        total = { tests: total.tests + counts.tests, failures: total.failures + counts.failures, skipped: total.skipped + counts.skipped };
        const notes = result.notes.filter(inStack).map((n) => n.message);
        suites.push(
            `  <testsuite name="${xml(label(stack))}" tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}" file="${xml(stack.source)}">`,
            ...sorted.map((c) => testCase(c, stack.source)),
            ...(notes.length > 0 ? [`    <system-out>${xml(notes.join("\n"), false)}</system-out>`] : []),
            "  </testsuite>",
        );
    }
    // Each input that could not be read: a suite of its own whose one test, reading it, is in error.
    for (const p of result.unreadable) {
        suites.push(
            `  <testsuite name="${xml(p.input)}" tests="1" failures="0" errors="1" skipped="0" file="${xml(p.input)}">`,
            `    <testcase classname="${xml(p.input)}" name="${readCase}" file="${xml(p.input)}">`,
            `      <error type="unreadable input" message="${xml(p.message)}"/>`,
            "    </testcase>",
            "  </testsuite>",
        );
    }
    const errors = result.unreadable.length;
    return [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites name="${xml(`${result.pack.name} ${result.pack.version}`)}" tests="${total.tests + errors}" failures="${total.failures}" errors="${errors}" skipped="${total.skipped}">`,
        ...suites,
        "</testsuites>",
        "",
    ].join("\n");
}

/** A test case names the input its stack was read from, as a finding does in every report. */
function testCase(c: TestCase, source: string): string {
    const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" file="${xml(source)}"`;
    if (c.violations.length > 0) {
        const level = c.violations.some((f) => f.enforcementLevel === "mandatory") ? "mandatory" : "advisory";
        const body = [...c.violations.map((f) => `${f.enforcementLevel}: ${f.message}`), ...c.waived.map((f) => `waived: ${f.message}`)].join("\n");
        return `${open}>\n      <failure type="${level}" message="${xml(firstLine(c.violations[0].message))}">${xml(body, false)}</failure>\n    </testcase>`;
    }
    if (c.skipped !== undefined) {
        return `${open}>\n      <skipped message="${xml(c.skipped)}"/>\n    </testcase>`;
    }
    if (c.waived.length > 0) {
        return `${open}>\n      <skipped message="${xml(firstLine(c.waived[0].message))}"/>\n    </testcase>`;
    }
    return `${open}/>`;
}

function firstLine(text: string): string {
    return text.split("\n")[0];
}

/** Escapes for double-quoted XML attributes (and, with `attribute` false, text), dropping characters XML 1.0 cannot hold. */
function xml(text: string, attribute = true): string {
    const escaped = text
        .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;");
    return attribute ? escaped.replace(/\n/g, "&#10;") : escaped;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
