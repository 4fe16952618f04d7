// `secure-baseline preview` spawned as a user runs it, and what its JSON report says: shared by
// the tests of Node.js and Python programs.
import { spawn } from "child_process";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const bin = path.join(repoRoot, "bin", "secure-baseline.js");

export interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the command with `args` in `cwd`, without colours, and collects its output. */
export function spawnPreview(args: string[], cwd: string): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [bin, "preview", ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

export interface JsonReport {
    summary: { resources: number; violations: { mandatory: number; advisory: number } };
    violations: { policyName: string; name: string | null; urn: string | null; enforcementLevel: string; message: string; stack: string; pass?: string }[];
    waived: { policyName: string; name: string | null; enforcementLevel: string; reason: string; expires: string; waivedBy: string; pass?: string }[];
    notes: { stack: string; message: string }[];
}

export const report = (run: Run): JsonReport => JSON.parse(run.stdout);

/** Findings as `policy resource level`, sorted: what a test states exactly. */
export const findings = (run: Run) => report(run).violations.map((v) => `${v.policyName} ${v.name ?? "(stack)"} ${v.enforcementLevel}`).sort();
