import { efsTransitEncryption } from "../../policy-pack/efs/transit-encryption";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";

const taskType = "aws:ecs/taskDefinition:TaskDefinition";
const fsType = "aws:efs/fileSystem:FileSystem";
const fsPolicyType = "aws:efs/fileSystemPolicy:FileSystemPolicy";

const containers = JSON.stringify([{ name: "app", image: "public.ecr.aws/nginx/nginx:1.27", mountPoints: [{ sourceVolume: "shared", containerPath: "/data" }] }]);
const efsVolume = (efsVolumeConfiguration: unknown, name = "shared") => ({ name, efsVolumeConfiguration });
const volumeConfig = (change: Record<string, unknown> = {}) => ({ fileSystemId: "fs-0123456789abcdef0", transitEncryption: "ENABLED", authorizationConfig: { iam: "ENABLED" }, ...change });
const task = (name: string, volumes: unknown) => resource(taskType, name, { family: name, requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "512", containerDefinitions: containers, volumes });

const arn = (id: string) => `arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/${id}`;
const fileSystem = (name: string, id: string): ResourceState =>
    resource(fsType, name, { creationToken: name, encrypted: true, kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }, { outputs: { id, arn: arn(id), creationToken: name } });
const denyWithoutTls = (resourceArn: unknown, change: Record<string, unknown> = {}) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyWithoutTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: resourceArn, Condition: { Bool: { "aws:SecureTransport": "false" } }, ...change }] });
const fsPolicy = (name: string, fs: ResourceState, policy: string, joined = true): ResourceState =>
    resource(fsPolicyType, name, { fileSystemId: fs.outputs!.id, policy }, { propertyDependencies: joined ? dependsOn({ fileSystemId: [fs], policy: [fs] }) : {} });
const withPolicy = (name: string, policy: (fs: ResourceState) => string) => {
    const fs = fileSystem(name, `fs-${name.length.toString(16).padStart(17, "0")}`);
    return [fs, fsPolicy(`${name}-policy`, fs, policy(fs))];
};

caseTable(efsTransitEncryption, [
    // ECS task definitions' EFS volumes
    { name: "pass_task_tls", resources: [task("pass_task", [efsVolume(volumeConfig())])], expect: [] },
    { name: "pass_task_lower_case", resources: [task("pass_lower", [efsVolume(volumeConfig({ transitEncryption: "enabled" }))])], expect: [] },
    { name: "pass_task_without_efs_volumes", resources: [task("pass_no_efs", [{ name: "scratch" }])], expect: [] },
    { name: "pass_task_list_shaped", resources: [task("pass_list", [efsVolume([volumeConfig()])])], expect: [] },
    { name: "fail_task_disabled", resources: [task("fail_disabled", [efsVolume(volumeConfig({ transitEncryption: "DISABLED", authorizationConfig: undefined }))])], expect: [{ on: "fail_disabled", id: "taskVolumeWithoutTls" }] },
    { name: "fail_task_unset", resources: [task("fail_unset", [efsVolume(volumeConfig({ transitEncryption: undefined, authorizationConfig: undefined }))])], expect: [{ on: "fail_unset", id: "taskVolumeWithoutTls" }] },
    {
        name: "fail_task_second_volume",
        resources: [task("fail_second", [efsVolume(volumeConfig(), "shared"), efsVolume(volumeConfig({ transitEncryption: "DISABLED", authorizationConfig: undefined }), "legacy")])],
        expect: [{ on: "fail_second", id: "taskVolumeWithoutTls" }],
    },
    { name: "unknown_task_volumes", resources: [task("unknown_volumes", unknown.array)], expect: [{ on: "unknown_volumes", id: "undecided" }] },
    { name: "unknown_task_transit", resources: [task("unknown_transit", [efsVolume(volumeConfig({ transitEncryption: unknown.string }))])], expect: [{ on: "unknown_transit", id: "undecided" }] },

    // File systems and their policies
    { name: "pass_fs_policy_denies_without_tls", resources: withPolicy("pass_fs", (fs) => denyWithoutTls(fs.outputs!.arn)), expect: [] },
    { name: "pass_fs_policy_elasticfilesystem_star", resources: withPolicy("pass_fs_service", (fs) => denyWithoutTls(fs.outputs!.arn, { Action: "elasticfilesystem:*" })), expect: [] },
    { name: "pass_fs_policy_resource_unknown_at_preview_but_joined", resources: withPolicy("pass_fs_joined", () => denyWithoutTls(unknown.string)), expect: [] },
    { name: "fail_fs_without_policy", resources: [fileSystem("fail_no_policy", "fs-0aaaaaaaaaaaaaaa1")], expect: [{ on: "fail_no_policy", id: "noPolicy" }] },
    { name: "fail_fs_policy_only_client_mount", resources: withPolicy("fail_mount_only", (fs) => denyWithoutTls(fs.outputs!.arn, { Action: "elasticfilesystem:ClientMount" })), expect: [{ on: "fail_mount_only", id: "notEnforced" }] },
    {
        name: "fail_fs_policy_allows_without_tls_condition",
        resources: withPolicy("fail_allow", (fs) => denyWithoutTls(fs.outputs!.arn, { Effect: "Allow", Action: "elasticfilesystem:ClientMount" })),
        expect: [{ on: "fail_allow", id: "notEnforced" }],
    },
    {
        name: "fail_fs_policy_of_another_file_system",
        resources: (() => {
            const mine = fileSystem("fail_other", "fs-0bbbbbbbbbbbbbbb2");
            const other = fileSystem("pass_other_owner", "fs-0ccccccccccccccc3");
            return [mine, other, fsPolicy("other-policy", other, denyWithoutTls(other.outputs!.arn))];
        })(),
        expect: [{ on: "fail_other", id: "noPolicy" }],
    },
    {
        name: "unknown_fs_policy_target",
        resources: (() => {
            const fs = fileSystem("unknown_target", "fs-0ddddddddddddddd4");
            return [fs, resource(fsPolicyType, "unresolved-policy", { fileSystemId: unknown.string, policy: denyWithoutTls("*") })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_fs_policy_document", resources: withPolicy("unknown_document", () => unknown.string), expect: [{ on: "(stack)", id: "undecided" }] },
]);
