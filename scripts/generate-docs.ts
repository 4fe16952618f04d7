// Writes docs/policies.md from the policies' metadata; `--check` fails when the file is stale.
import * as fs from "fs";
import * as path from "path";
import { packVersion } from "../policy-pack/lib/pack-info";
import { packName } from "../policy-pack/lib/policy";
import { policies } from "../policy-pack/policies";
import { renderPolicyReference } from "./policy-reference";

export const referencePath = path.join(__dirname, "..", "..", "docs", "policies.md");

export function expectedReference(): string {
    return renderPolicyReference(policies, { name: packName, version: packVersion }) + "\n";
}

if (require.main === module) {
    const expected = expectedReference();
    if (process.argv.includes("--check")) {
        const current = fs.existsSync(referencePath) ? fs.readFileSync(referencePath, "utf8") : "";
        if (current !== expected) {
            console.error(`${path.relative(process.cwd(), referencePath)} is stale: run \`npm run docs\``);
            process.exit(1);
        }
    } else {
        fs.writeFileSync(referencePath, expected);
        console.log(`wrote ${path.relative(process.cwd(), referencePath)} (${policies.length} policies)`);
    }
}
