// npm's `prepare` lifecycle script. npm runs it in two different places:
//
// - in a checkout (`npm ci`, `npm install`, `npm pack` during `pulumi policy publish`): the
//   TypeScript sources and the compiler are there, so build dist/;
// - in the published package, unpacked by the Pulumi CLI, which then runs `npm install` in it
//   (with devDependencies, so with lifecycle scripts): the package holds only the compiled pack,
//   there is nothing to build, and compiling would fail for want of sources and tsconfig.json.
//
// Plain JavaScript on purpose: it must run where no compiler is installed.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const compiledEntry = path.join(root, require(path.join(root, "package.json")).main);
const hasSources = fs.existsSync(path.join(root, "tsconfig.json")) && fs.existsSync(path.join(root, "policy-pack", "index.ts"));

function typescriptCompiler() {
    try {
        return require.resolve("typescript/bin/tsc", { paths: [root] });
    } catch {
        return undefined;
    }
}

if (hasSources) {
    const tsc = typescriptCompiler();
    if (tsc === undefined) {
        console.error("prepare: the TypeScript sources are here but typescript is not installed; run `npm ci` (with devDependencies)");
        process.exit(1);
    }
    const build = spawnSync(process.execPath, [tsc, "-p", root], { stdio: "inherit" });
    process.exit(build.status ?? 1);
} else if (!fs.existsSync(compiledEntry)) {
    console.error(`prepare: neither the TypeScript sources nor the compiled pack (${path.relative(root, compiledEntry)}) are here`);
    process.exit(1);
}
