// The pack's entry: the Pulumi CLI starts it and talks to it over gRPC. Nothing else may run
// here: a PolicyPack starts a server, and only one may exist per process.
import { PolicyPack } from "@pulumi/policy";
import { encodeAnswersOnce } from "./lib/analyze-answers";
import { extendAnalyzerServer } from "./lib/analyzer-server";
import { refuseInvalidConfiguration } from "./lib/configure-guard";
import { recordAnalyzedInputs } from "./lib/input-recorder";
import { packName } from "./lib/policy";
import { reportPolicy, writeRunReports } from "./lib/run-report";
import { policies } from "./policies";

// Before the server starts: the CLI passes misspelled parameters and unknown policy names on, the
// report files of a run are written around its calls, Analyze converts each resource's
// properties once and records its inputs for the stack checks, and its answers are encoded once.
extendAnalyzerServer(refuseInvalidConfiguration(policies), writeRunReports(policies), recordAnalyzedInputs(policies), encodeAnswersOnce());

new PolicyPack(packName, {
    policies: [...policies, reportPolicy],
    enforcementLevel: "mandatory",
    description: "AWS security baseline: SSE-KMS with customer-managed keys, HTTPS-only endpoints with trusted ACM certificates, least-privilege IAM, converging stacks.",
});
