import { ec2Imdsv2Required } from "../../policy-pack/ec2/imdsv2-required";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";

const instanceType = "aws:ec2/instance:Instance";
const templateType = "aws:ec2/launchTemplate:LaunchTemplate";
const required = { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 };

const instance = (name: string, inputs: Record<string, unknown>) => resource(instanceType, name, { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", ...inputs });
const template = (name: string, inputs: Record<string, unknown>) => resource(templateType, name, { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro", ...inputs });

caseTable(ec2Imdsv2Required, [
    { name: "pass_instance_requires_tokens", resources: [instance("pass_instance", { metadataOptions: required })], expect: [] },
    { name: "pass_template_requires_tokens", resources: [template("pass_template", { metadataOptions: required })], expect: [] },
    // @pulumi/aws 6 state may hold the block as a list of one.
    { name: "pass_legacy_list_shaped_block", resources: [instance("pass_legacy", { metadataOptions: [required] })], expect: [] },
    {
        // An instance without its own setting takes its template's, which is judged on the template.
        name: "pass_instance_from_template",
        resources: [instance("pass_from_template", { launchTemplate: { id: "lt-0123456789abcdef0", version: "$Latest" } })],
        expect: [],
    },
    { name: "fail_instance_tokens_optional", resources: [instance("fail_optional", { metadataOptions: { ...required, httpTokens: "optional" } })], expect: [{ on: "fail_optional", id: "tokensOptional" }] },
    { name: "fail_instance_unset", resources: [instance("fail_unset", {})], expect: [{ on: "fail_unset", id: "tokensUnset" }] },
    { name: "fail_instance_block_without_tokens", resources: [instance("fail_endpoint_only", { metadataOptions: { httpEndpoint: "enabled" } })], expect: [{ on: "fail_endpoint_only", id: "tokensUnset" }] },
    {
        // The instance's own setting overrides its template's.
        name: "fail_instance_overrides_template_with_optional",
        resources: [instance("fail_override", { launchTemplate: { id: "lt-0123456789abcdef0" }, metadataOptions: { httpTokens: "optional" } })],
        expect: [{ on: "fail_override", id: "tokensOptional" }],
    },
    { name: "fail_template_unset", resources: [template("fail_template_unset", {})], expect: [{ on: "fail_template_unset", id: "tokensUnset" }] },
    { name: "fail_template_optional", resources: [template("fail_template_optional", { metadataOptions: { httpTokens: "optional" } })], expect: [{ on: "fail_template_optional", id: "tokensOptional" }] },
    { name: "na_security_group", resources: [resource("aws:ec2/securityGroup:SecurityGroup", "na_group", { vpcId: "vpc-1" })], expect: [], notApplicable: ["na_group"] },
    { name: "unknown_tokens", resources: [instance("unknown_tokens", { metadataOptions: { httpTokens: unknown.string } })], expect: [{ on: "unknown_tokens", id: "undecided" }] },
    { name: "unknown_block", resources: [template("unknown_block", { metadataOptions: unknown.object })], expect: [{ on: "unknown_block", id: "undecided" }] },
    { name: "unknown_launch_template", resources: [instance("unknown_template", { launchTemplate: unknown.object })], expect: [{ on: "unknown_template", id: "undecided" }] },
]);
