#!/usr/bin/env node
// The `secure-baseline` command: the compiled CLI does the work (see cli/main.ts).
require("../dist/cli/main.js").main(process.argv).then((code) => {
    process.exitCode = code;
});
