// The reference stack and its insecure counterpart, end to end, as a deployment meets the pack:
// each program runs under Pulumi's mocks at preview (computed values unknown) and at update
// (every value known), and its registrations go to the real pack process over the analyzer
// protocol, Analyze per resource and then AnalyzeStack, as the Pulumi CLI sends them
// (scripts/stack-check.ts over test/harness/cli-harness.ts); the state after the update is then
// audited with creation times, as `secure-baseline audit` audits a stack export.
import { expect } from "chai";
import { CapturedResource } from "../../cli/program/capture";
import { urnName } from "../../policy-pack/lib/policy";
import { policies } from "../../policy-pack/policies";
import { report } from "../../scripts/start";
import { Mode, StackCheck, capture, checkProgram, isUndecided, mandatoryPoliciesNotTripped, programs } from "../../scripts/stack-check";

/**
 * The failure criteria (../shared/seeds/failure-criteria.md) the insecure counterpart breaks, each
 * with the resources of the program that break it (see its comments) and the policies that exist
 * to catch it. Which policies actually caught it is computed from the findings.
 */
const criteria: { label: string; resources: string[]; policies: string[] }[] = [
    { label: "at rest: no default encryption", resources: ["unencrypted", "website"], policies: ["s3-bucket-default-encryption-kms"] },
    {
        label: "at rest: SSE-S3 or SSE-C instead of SSE-KMS",
        resources: ["sse-s3", "aws-managed-key", "report-sse-s3"],
        policies: ["s3-bucket-default-encryption-kms", "s3-bucket-block-sse-c", "s3-object-encryption-kms", "s3-bucket-policy-enforce-kms-uploads"],
    },
    {
        label: "at rest: KMS keys not explicit or misconfigured",
        resources: ["no-rotation", "public-key", "aws-managed-key"],
        policies: ["kms-key-rotation-enabled", "kms-key-policy-explicit", "kms-key-policy-no-public-principal", "kms-key-safe-deletion", "s3-bucket-encryption-customer-managed-key"],
    },
    {
        label: "at rest: data stores without customer-managed keys",
        resources: ["unencrypted-volume", "default-key-instance", "aws-managed-template", "ebs-default", "unencrypted-db", "aws-owned-table", "unencrypted-fs", "sse-sqs-queue", "aws-managed-topic", "default-key-secret"],
        policies: [
            "ebs-encryption-customer-managed-key",
            "ebs-default-encryption-customer-managed-key",
            "rds-encryption-customer-managed-key",
            "dynamodb-table-encryption-customer-managed-key",
            "efs-file-system-encryption-customer-managed-key",
            "sqs-queue-encryption-customer-managed-key",
            "sns-topic-encryption-customer-managed-key",
            "secretsmanager-secret-customer-managed-key",
        ],
    },
    {
        label: "at rest: analytics, ML, build and workflow data without a customer-managed key",
        resources: ["analysis", "catalog", "etl", "adhoc", "build", "emr", "orders", "metrics", "db-password", "cached-api", "workers"],
        policies: [
            "sagemaker-encryption-customer-managed-key",
            "glue-encryption-customer-managed-key",
            "athena-workgroup-encryption-customer-managed-key",
            "codebuild-project-encryption-customer-managed-key",
            "emr-security-configuration-encryption",
            "sfn-state-machine-encryption-customer-managed-key",
            "timestream-database-encryption-customer-managed-key",
            "ssm-parameter-secure-string",
            "apigateway-stage-cache-encrypted",
            "ebs-encryption-customer-managed-key",
        ],
    },
    { label: "at rest: existing objects not SSE-KMS", resources: ["report-sse-s3"], policies: ["s3-existing-objects-encrypted"] },
    {
        label: "at rest: other data stores without a customer-managed key",
        resources: ["audit-logs", "images", "platform", "catalog-search", "carts", "reporting", "events", "backups"],
        policies: [
            "cloudwatch-log-group-encryption-customer-managed-key",
            "ecr-repository-encryption-customer-managed-key",
            "eks-cluster-secrets-encryption-customer-managed-key",
            "opensearch-domain-encryption-customer-managed-key",
            "elasticache-replication-group-encryption-customer-managed-key",
            "redshift-cluster-encryption-customer-managed-key",
            "kinesis-stream-encryption-customer-managed-key",
            "backup-vault-encryption-customer-managed-key",
        ],
    },
    {
        label: "at rest: trails, databases, caches, snapshots and functions without a customer-managed key",
        resources: ["audit-trail", "audit-lake", "catalog-docs", "fraud-graph", "orders-stream", "ledger", "orders-accelerator", "page-cache", "orders-snapshot-copy", "orders-global", "reports"],
        policies: [
            "cloudtrail-trail-encryption-customer-managed-key",
            "docdb-cluster-encryption-customer-managed-key",
            "neptune-cluster-encryption-customer-managed-key",
            "msk-cluster-encryption-customer-managed-key",
            "memorydb-cluster-encryption-customer-managed-key",
            "dax-cluster-encryption-enabled",
            "elasticache-cluster-encryption",
            "rds-snapshot-encryption-customer-managed-key",
            "lambda-function-environment-customer-managed-key",
        ],
    },
    {
        label: "in transit: endpoints allow plain HTTP",
        resources: ["http-forward", "health-over-http", "website", "cdn", "backend-over-http", "classic"],
        policies: ["lb-listener-https-only", "s3-bucket-no-website", "cloudfront-viewer-https", "cloudfront-origin-https", "apigateway-tls"],
    },
    {
        label: "in transit: TLS not enforced (policies, security groups)",
        resources: ["web", "web-8080", "https-legacy", "cdn", "legacy-api", "unencrypted", "sse-s3", "aws-managed-key", "website"],
        policies: ["ec2-security-group-no-plaintext-ingress", "lb-listener-tls-policy", "cloudfront-tls-policy", "apigateway-tls", "s3-bucket-policy-tls-only"],
    },
    {
        label: "in transit: self-signed or invalid certificates",
        resources: ["local", "legacy", "imported", "email-validated", "https-legacy"],
        policies: ["tls-no-self-signed-certificates", "acm-certificate-trusted", "acm-certificate-validated", "lb-listener-acm-certificate"],
    },
    {
        label: "in transit: data stores accept plaintext connections",
        resources: ["search", "sessions", "orders-db", "legacy-db", "warehouse", "events"],
        policies: ["opensearch-domain-tls", "elasticache-replication-group-transit-encryption", "rds-require-tls", "redshift-cluster-require-tls", "msk-cluster-tls-only"],
    },
    {
        label: "in transit: more services accept plaintext connections",
        resources: ["catalog", "items-cache", "orders-proxy", "analytics", "orders-source", "sessions-target", "file-worker", "shared-files", "partner-ftp"],
        policies: ["docdb-cluster-require-tls", "dax-cluster-tls", "rds-proxy-require-tls", "redshift-serverless-require-tls", "dms-endpoint-ssl", "efs-transit-encryption", "transfer-server-no-plaintext-protocols"],
    },
    { label: "in transit: load balancers pass malformed or smuggled requests", resources: ["web", "monitor-only"], policies: ["lb-drop-invalid-header-fields", "lb-desync-mitigation-mode"] },
    { label: "in transit: HTTP backends cannot tell API Gateway apart", resources: ["orders-prod"], policies: ["apigateway-stage-client-certificate"] },
    { label: "in transit: queues and topics accept plain HTTP", resources: ["jobs", "alerts"], policies: ["sqs-queue-policy-tls-only", "sns-topic-policy-tls-only"] },
    {
        label: "access: public endpoints and buckets, passwords only, IMDSv1, secrets that never rotate",
        resources: ["worker-public-url", "shared-downloads", "inventory-db", "unencrypted-db", "imdsv1-instance", "default-key-instance", "aws-managed-template", "partner-api-token", "default-key-secret"],
        policies: ["lambda-function-url-authenticated", "s3-bucket-public-access-block", "rds-iam-authentication", "ec2-imdsv2-required", "secretsmanager-secret-rotation"],
    },
    { label: "in transit: certificates not attached", resources: ["email-validated", "legacy-api"], policies: ["tls-certificate-attached"] },
    {
        label: "IAM: broad permissions (iam:*, s3:*, *:*)",
        resources: ["broad", "admin-like", "assumable-by-anyone", "ci-any-repo", "do-everything"],
        policies: ["iam-no-wildcard-actions", "iam-no-broad-managed-policies", "iam-trust-policy-scoped"],
    },
    { label: "IAM: Resource '*' instead of ARNs", resources: ["broad", "admin-like"], policies: ["iam-no-wildcard-resources"] },
    { label: "IAM: roles unused or attached twice", resources: ["assumable-by-anyone", "ci-any-repo", "do-everything"], policies: ["iam-role-no-unused-or-redundant"] },
    { label: "IAM: a service may invoke a function for anyone's resources", resources: ["uploads-invoke-worker"], policies: ["lambda-permission-source-scoped"] },
    { label: "IAM: permissions attached to users instead of groups", resources: ["analyst"], policies: ["iam-user-no-attached-policies"] },
    { label: "IAM: data access and deployment mixed", resources: ["do-everything", "assumable-by-anyone"], policies: ["iam-role-separation-of-duties"] },
    { label: "IAM: a principal can raise its own permissions", resources: ["policy-publisher", "assumable-by-anyone"], policies: ["iam-no-privilege-escalation"] },
    { label: "IAM: credentials for any user", resources: ["support"], policies: ["iam-no-credentials-exposure"] },
    { label: "IAM: resource policies open to anyone", resources: ["open-secret", "public-pull"], policies: ["resource-policy-no-public-access"] },
    { label: "secrets: credentials in plain-text configuration", resources: ["worker"], policies: ["no-plaintext-secrets"] },
    { label: "deployment: not idempotent (perpetual diff)", resources: ["do-everything", "web"], policies: ["iam-no-perpetual-diff-conflicts"] },
];

function undecidedList(check: StackCheck, mode: Mode): string[] {
    const result = check.results.find((r) => r.mode === mode)!;
    return result.run.diagnostics.filter(isUndecided).map((d) => `${d.policyName} on ${d.urn ? urnName(d.urn) : "the stack"}: ${d.message}`);
}

describe("end to end: programs through the pack as the Pulumi CLI runs it", function () {
    this.timeout(180000);

    describe("the reference stack", () => {
        let check: StackCheck;
        before(async () => {
            check = await checkProgram("reference");
        });

        for (const mode of ["preview", "update", "audit"] as Mode[]) {
            it(`gets no diagnostic of any level at ${mode}`, () => {
                const result = check.results.find((r) => r.mode === mode)!;
                expect(result.resources.length, "resources registered").to.be.greaterThan(40);
                expect(result.run.diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn ?? ""}: ${d.message}`)).to.deep.equal([]);
                expect(result.packOutput, "what the pack printed").to.deep.equal([]);
                // Zero findings means something only if the policies ran.
                expect(result.tally.evaluations).to.be.greaterThan(40);
            });
        }

        it("leaves no policy evaluation undecided at preview", () => {
            const preview = check.results.find((r) => r.mode === "preview")!;
            const undecided = undecidedList(check, "preview");
            console.log(`      preview: ${preview.tally.evaluations} policy evaluations, ${preview.tally.evaluations - undecided.length} decided, ${undecided.length} undecided`);
            expect(undecided).to.deep.equal([]);
        });

        it("runs every policy of the pack on it, at preview and at update", () => {
            for (const result of check.results.filter((r) => r.mode !== "audit")) {
                const applied = new Set(result.evaluations.filter((e) => e.verdict.kind !== "not-applicable").map((e) => e.policyName));
                // Some have nothing to judge here: the stack writes no objects, has no self-signed or
                // IAM server certificates, creation times exist only in an audit, and it has no data
                // store but the bucket, the log group and the function's variables (no volumes,
                // databases, proxies, snapshot copies, tables, file systems, queues, topics, secrets,
                // repositories, clusters, domains, caches, warehouses, streams, Kafka or DAX clusters,
                // migration endpoints, file-transfer servers, vaults or trails: a trail belongs to the
                // account's baseline, not to an application), no REST API stage (its API is an HTTP
                // API, which has no cache), no analytics, machine learning, build or workflow service
                // and no SSM parameter, no EC2 instance or launch template, no function URL (the
                // function is reached through the load balancer and API Gateway), and no IAM user
                // (people sign in through identity federation, workloads use roles).
                expect(policies.map((p) => p.name).filter((n) => !applied.has(n)), result.mode).to.deep.equal([
                    "s3-object-encryption-kms",
                    "s3-existing-objects-encrypted",
                    "ebs-encryption-customer-managed-key",
                    "ebs-default-encryption-customer-managed-key",
                    "dynamodb-table-encryption-customer-managed-key",
                    "efs-file-system-encryption-customer-managed-key",
                    "efs-transit-encryption",
                    "secretsmanager-secret-customer-managed-key",
                    "secretsmanager-secret-rotation",
                    "ecr-repository-encryption-customer-managed-key",
                    "eks-cluster-secrets-encryption-customer-managed-key",
                    "kinesis-stream-encryption-customer-managed-key",
                    "backup-vault-encryption-customer-managed-key",
                    "cloudtrail-trail-encryption-customer-managed-key",
                    "docdb-cluster-encryption-customer-managed-key",
                    "docdb-cluster-require-tls",
                    "neptune-cluster-encryption-customer-managed-key",
                    "memorydb-cluster-encryption-customer-managed-key",
                    "dax-cluster-encryption-enabled",
                    "dax-cluster-tls",
                    "tls-no-self-signed-certificates",
                    "apigateway-stage-cache-encrypted",
                    "apigateway-stage-client-certificate",
                    "ec2-imdsv2-required",
                    "opensearch-domain-encryption-customer-managed-key",
                    "opensearch-domain-tls",
                    "elasticache-replication-group-encryption-customer-managed-key",
                    "elasticache-cluster-encryption",
                    "elasticache-replication-group-transit-encryption",
                    "rds-encryption-customer-managed-key",
                    "rds-snapshot-encryption-customer-managed-key",
                    "rds-require-tls",
                    "rds-proxy-require-tls",
                    "rds-iam-authentication",
                    "redshift-cluster-encryption-customer-managed-key",
                    "redshift-cluster-require-tls",
                    "redshift-serverless-require-tls",
                    "msk-cluster-encryption-customer-managed-key",
                    "msk-cluster-tls-only",
                    "dms-endpoint-ssl",
                    "transfer-server-no-plaintext-protocols",
                    "sqs-queue-encryption-customer-managed-key",
                    "sqs-queue-policy-tls-only",
                    "sns-topic-encryption-customer-managed-key",
                    "sns-topic-policy-tls-only",
                    "iam-user-no-attached-policies",
                    "lambda-function-url-authenticated",
                    "sagemaker-encryption-customer-managed-key",
                    "glue-encryption-customer-managed-key",
                    "athena-workgroup-encryption-customer-managed-key",
                    "codebuild-project-encryption-customer-managed-key",
                    "emr-security-configuration-encryption",
                    "sfn-state-machine-encryption-customer-managed-key",
                    "timestream-database-encryption-customer-managed-key",
                    "ssm-parameter-secure-string",
                ]);
            }
        });
    });

    describe("the insecure counterpart", () => {
        let check: StackCheck;
        before(async () => {
            check = await checkProgram("insecure");
        });

        it("trips every mandatory policy of the pack", () => {
            expect(mandatoryPoliciesNotTripped(check)).to.deep.equal([]);
        });

        it("is caught on each failure criterion it breaks, by the policies meant for it", () => {
            const findings = check.results.flatMap((r) => r.run.diagnostics.filter((d) => !isUndecided(d) && d.urn !== undefined));
            // For each criterion, each policy meant for it and the criterion's resources it reported on.
            const rows = criteria.map((c) => ({
                label: c.label,
                caught: c.policies.map((policy) => ({
                    policy,
                    on: [...new Set(findings.filter((d) => d.policyName === policy && c.resources.includes(urnName(d.urn!))).map((d) => urnName(d.urn!)))].sort(),
                })),
            }));
            const width = Math.max(...criteria.map((c) => c.label.length)) + 2;
            const lines = ["", `      ${"criterion".padEnd(width)}policies that caught it (on which resources)`];
            for (const row of rows) {
                row.caught.forEach(({ policy, on }, i) => lines.push(`      ${(i === 0 ? row.label : "").padEnd(width)}${policy} (${on.join(", ") || "nothing"})`));
            }
            console.log(lines.join("\n") + "\n");
            const missed = rows.flatMap((r) => r.caught.filter((c) => c.on.length === 0).map((c) => `${r.label}: ${c.policy}`));
            expect(missed).to.deep.equal([]);
            // The table accounts for every mandatory policy.
            const named = new Set(criteria.flatMap((c) => c.policies));
            expect(policies.filter((p) => p.enforcementLevel === "mandatory" && !named.has(p.name)).map((p) => p.name)).to.deep.equal([]);
        });

        it("is judged at preview, except where a value the verdict needs is unknown until deployment", () => {
            // The counterpart computes one bucket policy from the bucket's ARN; only what reads it waits.
            expect(undecidedList(check, "preview").map((u) => u.split(":")[0]).sort()).to.deep.equal([
                "iam-no-wildcard-actions on aws-managed-key",
                "resource-policy-no-public-access on aws-managed-key",
                "s3-bucket-policy-enforce-kms-uploads on the stack",
                "s3-bucket-policy-tls-only on the stack",
            ]);
            expect(undecidedList(check, "update")).to.deep.equal([]);
        });

        it("is summed up by `npm start -- --insecure` as its distinct findings, not findings times passes, with its not-applicable reasons as sentences", () => {
            const { text, failed } = report(check, { width: 100, color: false });
            expect(failed).to.equal(true);
            const mandatory = check.results.flatMap((r) => r.run.diagnostics.filter((d) => d.enforcementLevel === "mandatory"));
            const distinct = new Set(mandatory.map((d) => `${d.policyName} ${d.urn} ${d.message}`)).size;
            // Most findings are the same in the three passes: counted once each.
            expect(distinct).to.be.lessThan(mandatory.length / 2);
            expect(text.replace(/\s+/g, " ")).to.include(`has ${distinct} distinct mandatory findings (a finding the passes share counted once);`);
            // A note's wrapped lines continue it, indented by eight spaces.
            const notApplicable = text.replace(/\n {8}(?=\S)/g, " ").split("\n").filter((l) => l.trim().startsWith("Not applicable."));
            expect(notApplicable.length).to.be.greaterThan(0);
            for (const line of notApplicable) {
                expect(line.trim(), line).to.match(/^Not applicable\. [A-Z].*[^.]\.$/);
            }
        });
    });

    describe("idempotence", () => {
        for (const preview of [true, false]) {
            it(`registers byte-identical resources when the reference stack runs twice (${preview ? "preview" : "update"})`, async () => {
                const [first, second] = await Promise.all([capture(programs.reference.dir, preview), capture(programs.reference.dir, preview)]);
                const text = (resources: CapturedResource[]) => JSON.stringify(resources);
                expect(first.resources.length).to.be.greaterThan(40);
                expect(text(second.resources)).to.equal(text(first.resources));
            });
        }
    });
});
