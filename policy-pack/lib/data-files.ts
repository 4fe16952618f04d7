// Where the pack's data files are: policy-pack/data/, next to lib/ in the sources. Compiled code
// runs from dist/policy-pack/lib/, three levels below the repository root, and the published
// package ships policy-pack/data/ as it is.
import { existsSync } from "fs";
import { join } from "path";

export function packDataPath(file: string): string {
    const candidates = [join(__dirname, "..", "data", file), join(__dirname, "..", "..", "..", "policy-pack", "data", file)];
    return candidates.find((p) => existsSync(p)) ?? candidates[0];
}
