// The pack's entry: the Pulumi CLI starts it and talks to it over gRPC. Nothing else may run
// here: a PolicyPack starts a server, and only one may exist per process.
import { PolicyPack } from "@pulumi/policy";
import { refuseInvalidConfiguration } from "./lib/configure-guard";
import { packName } from "./lib/policy";
import { policies } from "./policies";

// Before the server starts: the CLI passes misspelled parameters and unknown policy names on.
refuseInvalidConfiguration(policies);

new PolicyPack(packName, {
    policies,
    enforcementLevel: "mandatory",
    description: "AWS security baseline: SSE-KMS with customer-managed keys, HTTPS-only endpoints with trusted ACM certificates, least-privilege IAM, converging stacks.",
});
