// What every report format says of a run that judged nothing, held once for the audit's and the
// preview's tests: exit code 3 and no stderr in each, the table's lines after its header, JSON's
// summary, SARIF's warning notification, and JUnit's skipped test case for the stack.
import { expect } from "chai";
import type { Log } from "sarif";

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

export interface NothingJudged {
    /** The table's lines after the pack's name and the blank line: the stack section and the summary line. */
    tableLines: string[];
    resources: number;
    evaluated: number;
    /** Why nothing was judged, as the reports word it. */
    reason: string;
    /** JUnit's class name and file of the stack's suite. */
    classname: string;
    file: string;
}

/** Holds the runs of one input in the table, JSON, SARIF and JUnit formats to a run that judged nothing. */
export function expectNothingJudgedInEveryFormat([table, json, sarif, junit]: Run[], expected: NothingJudged): void {
    expect([table, json, sarif, junit].map((r) => [r.code, r.stderr])).to.deep.equal([
        [3, ""],
        [3, ""],
        [3, ""],
        [3, ""],
    ]);
    expect(table.stdout.split("\n").slice(2)).to.deep.equal(expected.tableLines);
    expect(JSON.parse(json.stdout).summary).to.deep.equal({ stacks: 1, resources: expected.resources, evaluated: expected.evaluated, violations: { mandatory: 0, advisory: 0 }, waived: 0, nothingJudged: true });
    expect((JSON.parse(sarif.stdout) as Log).runs[0].invocations![0].toolExecutionNotifications).to.deep.equal([
        { level: "warning", message: { text: `Nothing judged: ${expected.reason}. No policy looked at anything, so the absence of results is not a pass.` } },
    ]);
    expect(junit.stdout).to.include(`    <testcase classname="${expected.classname}" name="nothing judged" file="${expected.file}">\n      <skipped message="Nothing judged: ${expected.reason}."/>\n`);
}
