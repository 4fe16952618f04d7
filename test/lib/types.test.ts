// The pack's type table holds every type a policy reads, and the data file names, for each aws kind
// in it, the aws-native resource that is the same AWS resource (or why there is none): so that an
// aws-native resource of a kind a policy judges is listed as not checked, never passed silently.
import { expect } from "chai";
import { readFileSync } from "fs";
import { policies } from "../../policy-pack/policies";
import { packDataPath } from "../../policy-pack/lib/data-files";
import { CounterpartData, counterpartsDataFile, coveredKindOf, types } from "../../policy-pack/lib/types";

const data = JSON.parse(readFileSync(packDataPath(counterpartsDataFile), "utf8")) as CounterpartData;
const tableTokens = new Set<string>(Object.values(types).flat());
/** Each kind of the table by the token reports name it by (its first). */
const kinds = Object.values(types).map((tokens) => tokens[0] as string);

describe("type table (policy-pack/lib/types.ts) and the aws-native counterparts", () => {
    it("holds every type a policy declares, in its resource types and its marks for the server", () => {
        const declared = policies.flatMap((p) => [
            ...(p.resourceTypes ?? []),
            ...(p.stackType ? [p.stackType] : []),
            ...[(p as { validateResource?: object }).validateResource, (p as { validateStack?: object }).validateStack]
                .map((f) => (f as { __pulumiType?: string } | undefined)?.__pulumiType)
                .filter((t): t is string => t !== undefined),
        ]);
        expect(declared.length).to.be.greaterThan(0);
        expect(declared.filter((t) => !tableTokens.has(t))).to.deep.equal([]);
    });

    it("lists, for every aws kind the policies read, its aws-native counterpart or why it has none", () => {
        const listed = new Set([...Object.values(data.counterparts), ...Object.keys(data.noCounterpart)]);
        const unlisted = kinds.filter((kind) => kind.startsWith("aws:") && !listed.has(kind));
        expect(unlisted, "aws kinds of the type table with no entry in policy-pack/data/aws-native-counterparts.json").to.deep.equal([]);
    });

    it("names only kinds of the table, by their first token, and aws-native tokens as the provider spells them", () => {
        const named = [...Object.values(data.counterparts), ...Object.keys(data.noCounterpart)];
        expect(named.filter((token) => !kinds.includes(token))).to.deep.equal([]);
        expect(Object.keys(data.counterparts).filter((token) => !/^aws-native:[a-z0-9]+:[A-Z][A-Za-z0-9]*$/.test(token))).to.deep.equal([]);
        // A kind is either the same resource as some aws-native one or has none, never both.
        expect(Object.keys(data.noCounterpart).filter((kind) => Object.values(data.counterparts).includes(kind))).to.deep.equal([]);
    });

    it("maps aws-native log groups, queues, DB instances and EKS clusters to the kinds the policies judge", () => {
        expect(coveredKindOf("aws-native:logs:LogGroup")).to.equal("aws:cloudwatch/logGroup:LogGroup");
        expect(coveredKindOf("aws-native:sqs:Queue")).to.equal("aws:sqs/queue:Queue");
        expect(coveredKindOf("aws-native:rds:DbInstance")).to.equal("aws:rds/instance:Instance");
        expect(coveredKindOf("aws-native:eks:Cluster")).to.equal("aws:eks/cluster:Cluster");
        // Not a resource the policies read, nor a token aws-native publishes (it spells DB as Db).
        expect(coveredKindOf("aws-native:ec2:Vpc")).to.equal(undefined);
        expect(coveredKindOf("aws-native:rds:DBInstance")).to.equal(undefined);
    });
});
