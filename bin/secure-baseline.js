#!/usr/bin/env node
// The `secure-baseline` command: the compiled CLI does the work (see cli/main.ts).
// A reader that stops early (`| head`) closes the pipe: stop quietly, as other commands do.
process.stdout.on("error", (err) => {
    if (err.code !== "EPIPE") {
        throw err;
    }
    process.exit(process.exitCode ?? 0);
});
require("../dist/cli/main.js").main(process.argv).then((code) => {
    process.exitCode = code;
});
