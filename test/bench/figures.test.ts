// The performance figures of the documentation are the bench's: README.md and docs/performance.md
// hold exactly what bench/figures.ts renders from docs/performance-results.json.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { documentsWithFigures, publishedResultsFile, renderFigures, withFigures } from "../../bench/figures";

describe("bench: figures in the documentation", () => {
    const results = JSON.parse(fs.readFileSync(publishedResultsFile, "utf8"));

    for (const file of documentsWithFigures) {
        it(`${path.basename(file)} shows the figures of the results file`, () => {
            const text = fs.readFileSync(file, "utf8");
            expect(text, `regenerate with \`node dist/bench/figures.js\``).to.equal(withFigures(text, results, file));
            expect(text).to.include(renderFigures(results));
        });
    }

    it("names the date, the machine and the Node version, and judges each target", () => {
        const figures = renderFigures(results);
        expect(figures).to.include(`Measured ${String(results.date).slice(0, 10)} on ${results.machine.cpus} cores`);
        expect(figures).to.include(`Node ${results.machine.node}`);
        expect(figures).to.match(/\| audit, interlinked, 100 000 resources .*\| ≤ 4× \| (yes|\*\*no\*\*) \|/);
    });
});
