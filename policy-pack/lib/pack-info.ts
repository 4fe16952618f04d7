// The pack's name and version, as the analyzer server reports them (from the root package.json).
import * as fs from "fs";
import * as path from "path";
import { packName } from "./policy";

function findPackageJson(): { version: string } {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "package.json");
        if (fs.existsSync(candidate)) {
            const pkg = JSON.parse(fs.readFileSync(candidate, "utf8"));
            if (pkg.name === packName) {
                return pkg;
            }
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`package.json of ${packName} not found above ${__dirname}`);
        }
    }
}

export const packVersion: string = findPackageJson().version;
