import { expect } from "chai";
import { coversEveryResourceOfType, quoteStatement, summarize } from "../../policy-pack/lib/iam-checks";

describe("IAM document checks (lib/iam-checks)", () => {
    describe("coversEveryResourceOfType", () => {
        const object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
        const bucket = "arn:${Partition}:s3:::${BucketName}";
        const role = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
        const table = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";
        const grant = "arn:${Partition}:s3:${Region}:${Account}:access-grants/default/grant/${Token}";
        const cases: [string, string, boolean][] = [
            ["*", object, true],
            ["arn:aws:s3:::*/*", object, true],
            ["arn:aws:s3:::*", object, true],
            ["arn:aws:s3:::*", bucket, true],
            ["arn:*:s3:::*", bucket, true],
            ["arn:aws:s3:::*/*", bucket, false],
            ["arn:aws:s3:::*/*", grant, false],
            ["arn:aws:s3:::orders/*", object, false],
            ["arn:aws:s3:::orders-*", bucket, false],
            ["arn:aws:s3:::*/reports/*", object, false],
            ["arn:aws:iam::*:role/*", role, true],
            ["arn:aws:iam::111122223333:role/*", role, true],
            ["arn:aws:iam::111122223333:role/app-*", role, false],
            ["arn:aws:iam::*:role/app", role, false],
            ["arn:aws:dynamodb:*:*:table/*", table, true],
            ["arn:aws:dynamodb:us-east-1:111122223333:table/*", table, true],
            ["arn:aws:dynamodb:*:*:table/orders", table, false],
        ];
        for (const [pattern, format, expected] of cases) {
            it(`${pattern} ${expected ? "covers" : "does not cover"} ${format}`, () => {
                expect(coversEveryResourceOfType(pattern, format)).to.equal(expected);
            });
        }
    });

    it("summarizes long lists", () => {
        expect(summarize(["a", "b", "c"], 2)).to.equal("a, b and 1 more");
        expect(summarize(["a", "b"], 2)).to.equal("a, b");
    });
});

describe("quoteStatement", () => {
    it("cuts a long statement after a whole value, never inside an action, an ARN or a name", () => {
        const actions = Array.from({ length: 40 }, (_, i) => `iam:GetAccountAuthorizationDetails${i}`);
        const statement = { Effect: "Allow", Action: actions, Resource: "arn:aws:s3:::a,b-bucket/*" };
        const quoted = quoteStatement(statement, 120);
        expect(quoted).to.equal(`{"Effect":"Allow","Action":["${actions.slice(0, 2).join('","')}",…`);
        expect(quoteStatement({ Effect: "Allow", Resource: "arn:aws:s3:::logs,archive,backup/*" }, 40)).to.equal(`{"Effect":"Allow",…`);
        expect(quoteStatement(statement, 5000)).to.equal(JSON.stringify(statement));
    });
});
